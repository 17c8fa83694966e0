"""OpenTelemetry traces of GraphQL operations (TRACING=true, the optional `otel` extra).

Strawberry's extension makes a span per operation, with parsing, validation and each resolver
below it, on the process's global tracer provider (set up by `opentelemetry-instrument` or the
host's own configuration). Two things it records by default are left out, because they can
carry secrets into the tracing backend: argument values (passwords, reset tokens) and the
document text (literals in it can hold the same).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from opentelemetry.trace import SpanKind
from strawberry.extensions import LifecycleStep
from strawberry.extensions.tracing.opentelemetry import OpenTelemetryExtension


def _no_arguments(args: dict[str, Any], info: Any) -> dict[str, Any]:
    return {}


class Tracing(OpenTelemetryExtension):
    def __init__(self, *, execution_context=None) -> None:
        super().__init__(execution_context=execution_context, arg_filter=_no_arguments)

    def on_operation(self) -> Generator[None, None, None]:
        given = self.execution_context.operation_name
        span = self._tracer.start_span(
            f"GraphQL Query: {given}" if given else "GraphQL Query", kind=SpanKind.SERVER
        )
        span.set_attribute("component", "graphql")
        self._span_holder[LifecycleStep.OPERATION] = span
        yield
        # Without an operation name the document's first operation ran: name the span after it.
        found = self.execution_context.operation_name
        if not given and found:
            span.update_name(f"GraphQL Query: {found}")
        span.end()

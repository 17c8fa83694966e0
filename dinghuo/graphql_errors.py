"""Every GraphQL error leaves with a stable `extensions.code` and a message in the caller's
language. Bad input is the client's error (a 4xx-style code), never INTERNAL_ERROR."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import asyncpg
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension
from strawberry.relay import GlobalIDValueError
from tortoise.exceptions import DoesNotExist
from tortoise.exceptions import ValidationError as TortoiseValidationError

from dinghuo.observability import request_id_var
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
from resolvers.core.errors import ExpectedError

log = logging.getLogger("dinghuo.graphql")

# Codes set by our validation rules: their text is English until localized here.
_RULE_CODES = {
    ErrorCode.QUERY_TOO_DEEP.value,
    ErrorCode.TOO_MANY_ALIASES.value,
    ErrorCode.BAD_USER_INPUT.value,
}


def _causes(error: BaseException) -> list[BaseException]:
    """The errors this one wraps, outermost first (GraphQL wrapping and Python causes)."""
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(found) < 10:
        inner = getattr(current, "original_error", None) or current.__cause__
        if inner is None or inner in found:
            break
        found.append(inner)
        current = inner
    return found


def _out_of_range_column(cause: BaseException) -> str | None:
    """The column a value did not fit, for a value the database (or the ORM's own column
    check) refused as too long or too large after slipping past the input checks: still the
    client's value, so still the client's error. None for any other exception."""
    if isinstance(cause, TortoiseValidationError):
        name, colon, _ = str(cause).partition(":")
        return name if colon and name.isidentifier() else "value"
    if isinstance(cause, asyncpg.exceptions.DataError):
        return "value"
    return None


def coded_after_the_fact(error: dict[str, Any], language: str) -> dict[str, Any]:
    """For a formatted error that skipped the masking: a cached parse raises from inside
    an extension hook, before any operation hook sees a result. Only parse errors do."""
    if (error.get("extensions") or {}).get("code"):
        return error
    code = ErrorCode.GRAPHQL_PARSE_FAILED.value
    return {
        **error,
        "message": message(code, language, detail=error.get("message", "")),
        "extensions": {**(error.get("extensions") or {}), "code": code},
    }


class ErrorMasking(SchemaExtension):
    """Unexpected exceptions are logged once with the request id; the client gets a generic
    localized message and that id, never a traceback. Everything else gets its code."""

    phase = "parse"

    def on_parse(self) -> Iterator[None]:
        self.phase = "parse"
        yield

    def on_validate(self) -> Iterator[None]:
        self.phase = "validate"
        yield

    def on_execute(self) -> Iterator[None]:
        self.phase = "execute"
        yield

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = result.errors if result else None
        if not result or not errors:
            return
        language = getattr(self.execution_context.context, "language", "zh-Hans")
        result.errors = [self._coded(error, language) for error in errors]

    def _coded(self, error: GraphQLError, language: str) -> GraphQLError:
        causes = _causes(error)
        for cause in causes:
            if isinstance(cause, ExpectedError):
                return error
            if isinstance(cause, DomainError):
                return self._localized(error, language, cause.code, cause.field, cause.params)
            if isinstance(cause, GlobalIDValueError):
                return self._localized(error, language, ErrorCode.INVALID_ID, None, {})
            if isinstance(cause, DoesNotExist):
                # A row the request named by id is gone (or never was): the caller's id.
                return self._localized(error, language, ErrorCode.NOT_FOUND, None, {})
            column = _out_of_range_column(cause)
            if column:
                code = ErrorCode.VALUE_OUT_OF_RANGE
                return self._localized(error, language, code, None, {"detail": column})
        code = (error.extensions or {}).get("code")
        if code and code not in _RULE_CODES:
            return error  # already coded and localized (token limit, refusals)
        params = {k: v for k, v in (error.extensions or {}).items() if k != "code"}
        params.setdefault("detail", error.message)
        if code:
            return self._localized(error, language, ErrorCode(code), None, params)
        if isinstance(error, GraphQLSyntaxError) or self.phase == "parse":
            return self._localized(error, language, ErrorCode.GRAPHQL_PARSE_FAILED, None, params)
        if self.phase == "validate":
            code = ErrorCode.GRAPHQL_VALIDATION_FAILED
            return self._localized(error, language, code, None, params)
        if error.path is None or any(isinstance(c, StrawberryInputCoercionError) for c in causes):
            # Variables that do not fit their types, or arguments Strawberry cannot convert.
            return self._localized(error, language, ErrorCode.BAD_USER_INPUT, None, params)
        # Anything else on a field (an exception, a null in a non-null field) is our fault.
        return self._internal(error, language)

    @staticmethod
    def _localized(
        error: GraphQLError,
        language: str,
        code: ErrorCode,
        field: str | None,
        params: dict[str, Any],
    ) -> GraphQLError:
        extensions: dict[str, Any] = {"code": code.value}
        if field:
            extensions["field"] = field
        extensions.update({k: v for k, v in params.items() if k in ("max", "cost")})
        return GraphQLError(
            message(code.value, language, **params),
            nodes=error.nodes,
            path=error.path,
            extensions=extensions,
        )

    @staticmethod
    def _internal(error: GraphQLError, language: str) -> GraphQLError:
        request_id = request_id_var.get()
        log.error("unexpected error in %s", error.path, exc_info=error.original_error)
        return GraphQLError(
            message(ErrorCode.INTERNAL_ERROR.value, language, request_id=request_id),
            nodes=error.nodes,
            path=error.path,
            extensions={"code": ErrorCode.INTERNAL_ERROR.value, "requestId": request_id},
        )

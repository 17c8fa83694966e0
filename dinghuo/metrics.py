"""Prometheus metrics at /metrics: GraphQL requests, latency and errors by code, SQL statements,
and the outbox backlog.

Labels are bounded by the schema (the operation's first root field), never by what a client
names its operation, so a client cannot blow up the number of series.
"""

from __future__ import annotations

from datetime import UTC, datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response

from db.outbox import OutboxMessage

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "dinghuo_graphql_requests",
    "GraphQL operations, by type and first root field.",
    ["type", "field"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "dinghuo_graphql_request_seconds",
    "Time to execute a GraphQL operation, by first root field.",
    ["field"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
ERRORS = Counter(
    "dinghuo_graphql_errors", "Errors in GraphQL answers, by code.", ["code"], registry=REGISTRY
)
SQL = Counter(
    "dinghuo_sql_statements", "SQL statements sent for GraphQL operations.", registry=REGISTRY
)
OUTBOX_PENDING = Gauge(
    "dinghuo_outbox_pending", "Notifications waiting to be sent.", registry=REGISTRY
)
OUTBOX_DEAD = Gauge(
    "dinghuo_outbox_dead", "Notifications given up after repeated failures.", registry=REGISTRY
)
OUTBOX_AGE = Gauge(
    "dinghuo_outbox_oldest_pending_seconds",
    "Age of the oldest notification waiting to be sent.",
    registry=REGISTRY,
)


def observe_operation(
    kind: str, field: str, seconds: float, statements: int, codes: list[str]
) -> None:
    REQUESTS.labels(kind, field).inc()
    LATENCY.labels(field).observe(seconds)
    SQL.inc(statements)
    for code in codes:
        ERRORS.labels(code).inc()


async def _outbox() -> None:
    pending = OutboxMessage.filter(sent_at__isnull=True, dead_at__isnull=True)
    OUTBOX_PENDING.set(await pending.count())
    OUTBOX_DEAD.set(await OutboxMessage.filter(dead_at__isnull=False).count())
    oldest = await pending.order_by("created_at").first()
    age = (datetime.now(UTC) - oldest.created_at).total_seconds() if oldest else 0
    OUTBOX_AGE.set(max(age, 0))


async def metrics(request: Request) -> Response:
    await _outbox()
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

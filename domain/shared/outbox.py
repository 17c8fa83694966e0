"""Queueing notifications: written with the change, delivered after commit.

Delivery is at-least-once by design but exactly-once in practice: a worker claims a batch of
due messages atomically (`FOR UPDATE SKIP LOCKED` on PostgreSQL, one conditional update per
row on SQLite), so two workers never hold the same message. A claim is a lease: a worker that
dies mid-batch releases its messages when the lease runs out. A failed delivery waits longer
before each new try; after MAX_ATTEMPTS the message is dead until an admin retries it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.expressions import F, Q

from db.outbox import OutboxMessage
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message

MAX_ATTEMPTS = 5
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
# Every mail there is; each has its `mail.<kind>.subject` and `.body` messages.
KINDS = (
    "password_reset",
    "invitation",
    "order_update",
    "return_update",
    "ticket_update",
    "company_approved",
    "company_rejected",
)


async def enqueue(kind: str, recipient: str, language: str, **params: Any) -> OutboxMessage:
    # A kind outside KINDS would make `OutboxMessage.kind` unreadable for admins.
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    return await OutboxMessage.create(
        kind=kind,
        recipient=recipient,
        language=language,
        subject=message(f"mail.{kind}.subject", language, **params),
        body=message(f"mail.{kind}.body", language, **params),
    )


def _now() -> datetime:
    # UTC, so SQLite's text comparison of timestamps orders them correctly.
    return clock.now().astimezone(UTC)


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling each time, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def _due(now: datetime) -> Q:
    return (
        Q(sent_at__isnull=True)
        & Q(dead_at__isnull=True)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        & (Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    )


_CLAIM_POSTGRES = """
UPDATE outbox_message SET locked_until = $1
WHERE id IN (
    SELECT id FROM outbox_message
    WHERE sent_at IS NULL AND dead_at IS NULL
      AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
      AND (locked_until IS NULL OR locked_until < $2)
    ORDER BY id LIMIT $3
    FOR UPDATE SKIP LOCKED
)
RETURNING id
"""


async def claim(limit: int = 20) -> list[OutboxMessage]:
    """Due messages that this caller alone may now deliver, oldest first."""
    now = _now()
    until = now + LEASE
    connection = OutboxMessage._meta.db
    if connection.capabilities.dialect == "postgres":
        # execute_query_dict: execute_query drops the rows an UPDATE … RETURNING gives back.
        rows = await connection.execute_query_dict(_CLAIM_POSTGRES, [until, now, limit])
        ids = [row["id"] for row in rows]
    else:
        candidates = await OutboxMessage.filter(_due(now)).order_by("id").limit(limit)
        ids = []
        for candidate in candidates:
            # The condition is checked again by the write itself: one claimer wins.
            won = await OutboxMessage.filter(_due(now), id=candidate.id).update(locked_until=until)
            if won:
                ids.append(candidate.id)
    return await OutboxMessage.filter(id__in=ids).order_by("id") if ids else []


async def mark_sent(msg: OutboxMessage) -> None:
    await OutboxMessage.filter(id=msg.id, sent_at__isnull=True).update(
        sent_at=_now(), locked_until=None, attempts=F("attempts") + 1
    )


async def mark_failed(msg: OutboxMessage, error: str) -> bool:
    """Record a failed try; returns True when the message is now dead."""
    now = _now()
    attempts = msg.attempts + 1
    dead = attempts >= MAX_ATTEMPTS
    await OutboxMessage.filter(id=msg.id, sent_at__isnull=True).update(
        attempts=attempts,
        last_error=error[:500],
        locked_until=None,
        next_attempt_at=None if dead else now + retry_delay(attempts),
        dead_at=now if dead else None,
    )
    return dead


def dead_letters():
    """Messages given up on: a queryset for pagination."""
    return OutboxMessage.filter(dead_at__isnull=False)


async def retry(message_id: int) -> OutboxMessage:
    """Give a dead message a fresh set of tries, starting now."""
    revived = await OutboxMessage.filter(id=message_id, dead_at__isnull=False).update(
        dead_at=None, attempts=0, next_attempt_at=None, locked_until=None
    )
    if not revived:
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    return await OutboxMessage.get(id=message_id)


async def backlog() -> tuple[int, datetime | None]:
    """How many messages wait to be sent, and when the oldest of them was written."""
    pending = OutboxMessage.filter(sent_at__isnull=True, dead_at__isnull=True)
    oldest = await pending.order_by("created_at").first()
    return await pending.count(), oldest.created_at if oldest else None

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from db.outbox import OutboxMessage as OutboxRow
from schema.shared.errors import UserError


@strawberry.type(description="A notification mail waiting in, or given up by, the outbox.")
class OutboxMessage(relay.Node):
    id: relay.NodeID[int]
    kind: str
    recipient: str
    subject: str
    attempts: int
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    dead_at: datetime | None
    # No body: reset and invitation mails carry tokens that grant access.

    @classmethod
    def from_db(cls, row: OutboxRow) -> OutboxMessage:
        return cls(
            id=row.id,
            kind=row.kind,
            recipient=row.recipient,
            subject=row.subject,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
            dead_at=row.dead_at,
        )


@strawberry.type
class OutboxMessageRetryPayload:
    message: OutboxMessage | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)

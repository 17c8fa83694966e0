from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from db.outbox import OutboxMessage as OutboxRow
from schema.operations.enums import MailKind


@strawberry.type(description="A notification mail waiting in, or given up by, the outbox.")
class OutboxMessage(relay.Node):
    id: relay.NodeID[int]
    kind: MailKind
    """What the mail is about."""
    recipient: str
    """The address it goes to."""
    subject: str
    """The mail's subject line."""
    attempts: int
    """How many times sending was tried."""
    last_error: str
    """Why the last attempt failed; empty if none failed."""
    created_at: datetime
    """When the mail was queued."""
    next_attempt_at: datetime | None
    """When the next attempt is due; null once sent or given up."""
    dead_at: datetime | None
    """When sending was given up (a dead letter); null while it is still tried."""
    # No body: reset and invitation mails carry tokens that grant access.

    @classmethod
    def from_db(cls, row: OutboxRow) -> OutboxMessage:
        return cls(
            id=row.id,
            kind=MailKind(row.kind),
            recipient=row.recipient,
            subject=row.subject,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
            dead_at=row.dead_at,
        )

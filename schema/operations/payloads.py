"""What operations mutations return."""

from __future__ import annotations

import strawberry

from schema.operations.types import OutboxMessage
from schema.shared.payload import Payload


@strawberry.type
class OutboxMessageRetryPayload(Payload):
    message: OutboxMessage | None = None

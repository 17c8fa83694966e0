from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from db.audit import AuditEntry as AuditRow


@strawberry.type(description="One staff or owner action that changed access or money.")
class AuditEntry(relay.Node):
    id: relay.NodeID[int]
    actor_email: str
    """Who did it; empty for the system (webhooks, scheduled jobs)."""
    action: str
    """What was done, as `area.verb`, e.g. `company.approve`, `order.credit_over_limit`."""
    object_type: str
    """The kind of object changed, e.g. Company, User, Order."""
    object_id: str
    """The changed object's row id."""
    before: JSON | None
    """The changed values before, as a JSON object; null when it was created."""
    after: JSON | None
    """The changed values after, as a JSON object; null when it was removed."""
    request_id: str
    """The request that made the change (X-Request-Id), to find it in the logs."""
    created_at: datetime
    """When it happened."""

    @classmethod
    def from_db(cls, row: AuditRow) -> AuditEntry:
        return cls(
            id=row.id,
            actor_email=row.actor_email,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            before=row.before,
            after=row.after,
            request_id=row.request_id,
            created_at=row.created_at,
        )

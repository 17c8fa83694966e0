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
    action: str
    object_type: str
    object_id: str
    before: JSON | None
    after: JSON | None
    request_id: str
    created_at: datetime

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

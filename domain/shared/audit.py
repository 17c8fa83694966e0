"""Writing the audit log. Entries are only ever added, inside the change's transaction."""

from __future__ import annotations

from typing import Any

from db.audit import AuditEntry
from domain.accounts.permissions import Principal


async def record(
    actor: Principal | None,
    action: str,
    obj: Any,
    before: dict | None = None,
    after: dict | None = None,
    request_id: str = "",
) -> AuditEntry:
    return await AuditEntry.create(
        actor_id=actor.user_id if actor else None,
        actor_email=actor.email if actor else "",
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        before=before,
        after=after,
        request_id=request_id,
    )

"""Reading the audit log (admins only). There is no mutation: nobody edits it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.audit import AuditEntry as AuditRow
from domain.accounts.permissions import Perm
from domain.shared.errors import DomainError
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import requires
from schema.accounts.audit import AuditEntry
from schema.shared.connection import Connection


@strawberry.type
class AuditQuery:
    @strawberry.field(extensions=requires(Perm.AUDIT_READ))
    async def audit_log(
        self,
        info: Info,
        action: Annotated[
            str | None, strawberry.argument(description="Only this action (e.g. `order.cancel`).")
        ] = None,
        object_type: Annotated[
            str | None,
            strawberry.argument(
                description="Only entries about this kind of object (e.g. `order`)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[AuditEntry]:
        """Newest first."""
        qs = AuditRow.all()
        if action:
            qs = qs.filter(action=action)
        if object_type:
            qs = qs.filter(object_type=object_type)
        try:
            return await paginate(
                qs, Page(first, after, last, before), AuditEntry.from_db, default=50
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

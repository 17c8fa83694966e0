"""The outbox's dead letters: mail given up after repeated failures, for admins to retry."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.accounts.permissions import Perm
from domain.shared import outbox
from domain.shared.errors import DomainError
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import can, requires
from schema.operations.inputs import OutboxMessageRetryInput
from schema.operations.payloads import OutboxMessageRetryPayload
from schema.operations.types import OutboxMessage
from schema.shared.connection import Connection
from schema.shared.payload import INPUT

# Staff administrators only: the same permission that manages staff accounts.
ADMIN = Perm.STAFF_MANAGE


@strawberry.type
class OutboxQuery:
    @strawberry.field(extensions=requires(ADMIN))
    async def outbox_dead_letters(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[OutboxMessage]:
        """Mail the outbox gave up on, newest first, with the last error."""
        try:
            return await paginate(
                outbox.dead_letters(),
                Page(first, after, last, before),
                OutboxMessage.from_db,
                default=50,
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc


@strawberry.type
class OutboxMutation:
    @strawberry.mutation(extensions=can("outboxMessageRetry"))
    async def outbox_message_retry(
        self, info: Info, input: Annotated[OutboxMessageRetryInput, INPUT]
    ) -> OutboxMessageRetryPayload:
        """Give a dead message a fresh set of delivery attempts, starting now."""

        async def run():
            return await outbox.retry(ids.decode(input.id, "OutboxMessage"))

        row, errors = await attempt(info, run())
        return OutboxMessageRetryPayload(
            message=OutboxMessage.from_db(row) if row else None, errors=errors
        )

"""Publishing what the domain queued for subscribers during an operation (after_commit.py).

Runs once the operation's resolvers are done, so every change has committed, and after the
notices resolvers publish themselves (a shipment's `delivered` comes before the order's
`deliver`, as from the carrier webhook). A notice a resolver already sent is not repeated."""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension

from domain.ordering import feed


class AnnounceAfterCommit(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        yield
        ctx = self.execution_context.context
        pending = getattr(ctx, "pending", None)
        if not pending:
            return
        fresh = [m for m in pending if (m["orderId"], m["kind"]) not in ctx.announced]
        pending.clear()
        await feed.publish_all(ctx.broker, fresh)

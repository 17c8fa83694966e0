"""Messages for subscribers, queued while a change runs and sent once it has committed.

The caller that owns the transaction (the API's mutation runner, a webhook, the CLI) opens
`collect()` around the domain call and publishes what it collected only when the call returned:
a change that failed announces nothing. Outside `collect()` nothing is queued (no one listens).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

_pending: ContextVar[list[dict] | None] = ContextVar("after_commit_pending", default=None)


def queue(message: dict) -> None:
    pending = _pending.get()
    if pending is not None and message not in pending:
        pending.append(message)


@asynccontextmanager
async def collect() -> AsyncIterator[list[dict]]:
    """Collect the messages the block queues. Inside another `collect()` the messages go to
    the outer list (the outermost caller owns the transaction) and this one yields nothing."""
    if _pending.get() is not None:
        yield []
        return
    pending: list[dict] = []
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)

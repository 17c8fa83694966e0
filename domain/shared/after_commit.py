"""Messages for subscribers, queued while a change runs and sent once it has committed.

Every entry point (the API's mutation runner, the webhooks, the CLI) runs its domain calls
inside `domain/ordering/feed.announcing`, which opens `collect()` and publishes what was
collected only when the calls returned: a change that failed announces nothing. Outside
`collect()` nothing is queued (no one listens).
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
    the outer list (the outermost caller owns the transaction) and this one yields nothing;
    when the inner block raises, what it queued is taken back, as if it had never run."""
    outer = _pending.get()
    if outer is not None:
        start = len(outer)
        try:
            yield []
        except BaseException:
            del outer[start:]
            raise
        return
    pending: list[dict] = []
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)

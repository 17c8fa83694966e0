"""Who is asking Stripe about a pending card refund. The row is claimed when it is created and
again by whoever takes it up later (a return resolved again, the worker), in one conditional
UPDATE, so two processes never ask Stripe about the same row at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q

from db.payments import Refund
from domain.shared import clock

# Longer than a Stripe call with its timeouts: a claim older than this was left by a process
# that stopped. A refund Stripe answered keeps its claim, so it is checked again after this.
LEASE = timedelta(minutes=5)


def now() -> datetime:
    """Claims are written and compared in UTC: SQLite compares them as text, and Tortoise
    writes an inserted moment in UTC but an updated or compared one in the zone it has."""
    return clock.now().astimezone(UTC)


def free() -> Q:
    """Pending rows nobody is asking Stripe about: never claimed, given back, or left stale."""
    stale = now() - LEASE
    return Q(status="pending") & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))


async def take(refund_id: int) -> bool:
    return bool(await Refund.filter(free(), id=refund_id).update(claimed_at=now()))


async def give_back(refund_id: int) -> None:
    """The caller stopped asking without an answer: another may take the row up at once."""
    await Refund.filter(id=refund_id).update(claimed_at=None)

"""Order updates for subscribers: the pub/sub channels (one per company, one for staff) and the
one function that publishes an update, whatever made the change (API, webhook, CLI).

The domain decides what is announced: every function that changes an order in a way
subscribers care about queues its update (`domain/shared/after_commit.py`) in the order a
client should see them. Every entry point runs its domain calls inside `announcing(broker)`,
which publishes what they queued once they have returned, so after commit."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from domain.ordering.states import EVENT_KINDS
from domain.payments import states as payment_states
from domain.shared import after_commit

log = logging.getLogger("dinghuo.orders")

STAFF_FEED = "orders:staff"

# Fulfilment's and payments' own kinds, next to the order machine's actions.
SHIPPED, TRACKING, DELIVERED, REFUND = "shipped", "tracking", "delivered", "refund"
# A Stripe event that does not match the payment (amount, currency, a dispute): staff look at it.
PAYMENT_FLAGGED = "payment_flagged"
PAYMENT_KINDS = tuple(
    f"payment_{status}"
    for status in (
        payment_states.PROCESSING,
        payment_states.SUCCEEDED,
        payment_states.FAILED,
        payment_states.CANCELED,
    )
)
# Every kind an update can have. Clients read it as an enum, so publish refuses any other.
# The order's payment status moving (settlement) and a write-off are kinds of their own too.
PAYMENT_STATUS_KINDS = tuple(payment_states.ORDER_ACTION_FOR.values())
WRITE_OFF = "write_off"
KINDS = tuple(
    dict.fromkeys(
        (
            *EVENT_KINDS,
            SHIPPED,
            TRACKING,
            DELIVERED,
            *PAYMENT_KINDS,
            PAYMENT_FLAGGED,
            REFUND,
            *PAYMENT_STATUS_KINDS,
            WRITE_OFF,
        )
    )
)


class Broker(Protocol):
    async def publish(self, channel: str, message: dict) -> None: ...


def company_channel(company_id: int) -> str:
    return f"orders:company:{company_id}"


def channels(company_id: int) -> tuple[str, str]:
    return company_channel(company_id), STAFF_FEED


async def publish(broker: Broker | None, order_id: int, company_id: int, kind: str) -> None:
    """Call after the change has committed. Never raises: the change stands even when the
    broker is down; a lost notice is only logged. An unknown kind is a programming error."""
    if kind not in KINDS:
        raise ValueError(f"unknown order update kind: {kind}")
    if broker is None:
        return
    message = {"orderId": order_id, "companyId": company_id, "kind": kind}
    try:
        for channel in channels(company_id):
            await broker.publish(channel, message)
    except Exception:  # noqa: BLE001 - the broker being down must not undo a committed change
        log.exception("could not publish order update")


async def publish_all(broker: Broker | None, messages: list[dict]) -> None:
    """Publish what a committed change queued (domain/shared/after_commit.py)."""
    for item in messages:
        await publish(broker, item["orderId"], item["companyId"], item["kind"])


@asynccontextmanager
async def announcing(broker: Broker | None) -> AsyncIterator[None]:
    """Run domain changes and then publish the updates they queued. A block that raises
    publishes nothing (what it changed was rolled back, or the caller reports the failure).
    Nested inside another `announcing`, the outermost one publishes. Without a broker (a
    command run with no REDIS_URL) nothing is sent."""
    async with after_commit.collect() as pending:
        yield
    await publish_all(broker, pending)

"""Applying Stripe webhook events. Each event id is recorded in the same transaction as its
effect, so a replayed event changes nothing; payments only move forward."""

from __future__ import annotations

import logging

from tortoise import timezone
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.balances import BalanceTopUp
from db.payments import Payment, Refund
from domain.billing import settlement
from domain.payments import balance
from domain.payments import states as payment_states
from domain.payments.gateway import REFUND_KEY
from domain.payments.pay import audit_refund, refund_succeeded
from domain.shared import after_commit
from domain.shared.row_reads import row_where
from domain.shared.sql_params import Params

log = logging.getLogger("dinghuo.payments")

INTENT_STATUS = {
    "payment_intent.succeeded": payment_states.SUCCEEDED,
    "payment_intent.processing": payment_states.PROCESSING,
    "payment_intent.payment_failed": payment_states.FAILED,
    "payment_intent.canceled": payment_states.CANCELED,
}


async def handle(event: dict) -> None:
    """Apply an already verified event. What changed an order is queued for its subscribers,
    the payment's own news before the payment status it moves."""
    async with in_transaction() as connection:
        obj = event.get("data", {}).get("object", {})
        kind = event["type"]
        if kind in INTENT_STATUS:
            fresh, payment = await _record_intent(connection, event, obj.get("id"))
            if fresh:
                await _intent(obj, INTENT_STATUS[kind], payment)
        elif fresh := await _record(connection, event):
            if kind == "charge.refunded":
                await _refunded(obj)
            elif kind == "charge.dispute.created":
                await _flag(obj.get("payment_intent"), f"dispute {obj.get('id')}")
        if not fresh:
            log.info("stripe event %s already processed", event["id"])


async def _record(connection: BaseDBAsyncClient, event: dict) -> bool:
    """Record the event's id; false when it is already recorded. A concurrent duplicate waits
    for the first one's transaction (PostgreSQL) or the write lock (SQLite), then finds it."""
    p = Params(connection.capabilities.dialect)
    inserted = await connection.execute_query_dict(
        f"INSERT INTO stripe_event (id, type, received_at)"
        f" VALUES ({p(event['id'])}, {p(event['type'])}, {p(timezone.now())})"
        " ON CONFLICT (id) DO NOTHING RETURNING id",
        p.values,
    )
    return bool(inserted)


async def _record_intent(
    connection: BaseDBAsyncClient, event: dict, intent_id: str | None
) -> tuple[bool, Payment | None]:
    """Record the event's id and lock the order payment of its PaymentIntent, if any: one
    statement on PostgreSQL (the payment is locked whether or not the event is new, which a
    duplicate holds only until it finds that it is not), two on SQLite."""
    if connection.capabilities.dialect != "postgres" or not isinstance(intent_id, str):
        fresh = await _record(connection, event)
        return fresh, await _payment(intent_id, warn=False) if fresh else None
    p = Params("postgres")
    rows = await connection.execute_query_dict(
        "WITH fresh AS (INSERT INTO stripe_event (id, type, received_at)"
        f" VALUES ({p(event['id'])}, {p(event['type'])}, {p(timezone.now())})"
        " ON CONFLICT (id) DO NOTHING RETURNING id)"
        " SELECT (SELECT count(*) FROM fresh) AS fresh_events, payment.* FROM (SELECT 1) AS one"
        " LEFT JOIN LATERAL (SELECT * FROM payment"
        f" WHERE stripe_intent_id = {p(intent_id)} FOR UPDATE) AS payment ON true",
        p.values,
    )
    row = rows[0]
    fresh = bool(row.pop("fresh_events"))
    # The row as the ORM reads it (every column of the table), without a second query.
    return fresh, Payment._init_from_db(**row) if row["id"] is not None else None


async def _payment(intent_id: str | None, warn: bool = True) -> Payment | None:
    if not intent_id:
        return None
    payment = await row_where(Payment, "stripe_intent_id", intent_id, lock=True)
    if payment is None and warn:
        log.warning("stripe event for unknown PaymentIntent %s", intent_id)
    return payment


async def _intent(obj: dict, target: str, payment: Payment | None) -> None:
    # Order payments are the common case: looked up first, top-ups only when none matches.
    if payment is None:
        if await BalanceTopUp.exists(stripe_intent_id=obj.get("id")):
            await balance.settle_top_up(obj, target)
        else:
            log.warning("stripe event for unknown PaymentIntent %s", obj.get("id"))
        return
    if target == payment_states.SUCCEEDED:
        received = obj.get("amount_received") or obj.get("amount")
        currency = str(obj.get("currency", "")).upper()
        if received != payment.amount or currency != payment.currency:
            reason = f"received {received} {currency}, expected {payment.amount} {payment.currency}"
            await _flag(payment.stripe_intent_id, reason)
            return
    if not payment_states.may_move(payment.status, target):
        log.info("payment %s stays %s (late %s)", payment.id, payment.status, target)
        return
    before = payment.status
    await payment_states.advance(payment, target)
    _announce(payment, f"payment_{target}")
    if payment_states.counted(before) != payment_states.counted(target):
        # Only money received counts for the order: a move between statuses that hold none
        # (pending, processing, failed, canceled) leaves every record settle reads as it was.
        await settlement.settle(payment.order_id, "stripe")


async def _refunded(charge: dict) -> None:
    payment = await _payment(charge.get("payment_intent"))
    if payment is None:
        return
    _announce(payment, "refund")
    for item in (charge.get("refunds") or {}).get("data", []):
        if item.get("status") != "succeeded":
            continue
        refund = await Refund.get_or_none(stripe_refund_id=item["id"])
        if refund is None:
            refund = await _ours_unconfirmed(payment, item)
        if refund is None:  # made in Stripe's dashboard
            # Stripe already paid it back: count it against the payment whatever the claims.
            await Payment.filter(id=payment.id).update(refunded=F("refunded") + item["amount"])
            refund = await Refund.create(
                payment=payment,
                amount=item["amount"],
                status="succeeded",
                stripe_refund_id=item["id"],
                reason="Stripe",
            )
            await settlement.refund_settled(refund, payment)
        elif await refund_succeeded(refund, payment, "stripe"):
            await settlement.refund_settled(refund, payment)
    await settlement.settle(payment.order_id, "stripe")


async def _ours_unconfirmed(payment: Payment, item: dict) -> Refund | None:
    """Our refund row whose Stripe answer was lost (the process stopped during the call): the
    refund names it in its metadata. It takes the Stripe id; its amount is already claimed."""
    ours = (item.get("metadata") or {}).get(REFUND_KEY)
    if not (ours and ours.isdigit()):
        return None
    taken = await Refund.filter(
        id=int(ours), payment_id=payment.id, stripe_refund_id=None, amount=item["amount"]
    ).update(stripe_refund_id=item["id"])
    if not taken:
        return None
    refund = await Refund.get(id=int(ours))
    # The call that asked for it never recorded Stripe's answer; its event does.
    await audit_refund(None, refund, source="stripe")
    return refund


async def _flag(intent_id: str | None, reason: str) -> None:
    payment = await _payment(intent_id)
    if payment is None:
        return
    await Payment.filter(id=payment.id).update(flagged=True, flag_reason=reason)
    log.warning("payment %s flagged: %s", payment.id, reason)
    _announce(payment, "payment_flagged")


def _announce(payment: Payment, kind: str) -> None:
    after_commit.queue({"orderId": payment.order_id, "companyId": payment.company_id, "kind": kind})

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
from domain.shared.sql import Params

log = logging.getLogger("dinghuo.payments")

INTENT_STATUS = {
    "payment_intent.succeeded": payment_states.SUCCEEDED,
    "payment_intent.processing": payment_states.PROCESSING,
    "payment_intent.payment_failed": payment_states.FAILED,
    "payment_intent.canceled": payment_states.CANCELED,
}


async def handle(event: dict) -> dict | None:
    """Apply an already verified event. Returns {orderId, companyId, kind} when an order
    changed, for the subscribers."""
    async with in_transaction() as connection:
        if not await _record(connection, event):
            log.info("stripe event %s already processed", event["id"])
            return None
        obj = event.get("data", {}).get("object", {})
        kind = event["type"]
        if kind in INTENT_STATUS:
            return await _intent(obj, INTENT_STATUS[kind])
        if kind == "charge.refunded":
            return await _refunded(obj)
        if kind == "charge.dispute.created":
            return await _flag(obj.get("payment_intent"), f"dispute {obj.get('id')}")
        return None


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


async def _payment(intent_id: str | None, warn: bool = True) -> Payment | None:
    if not intent_id:
        return None
    payment = await Payment.select_for_update().get_or_none(stripe_intent_id=intent_id)
    if payment is None and warn:
        log.warning("stripe event for unknown PaymentIntent %s", intent_id)
    return payment


async def _intent(obj: dict, target: str) -> dict | None:
    # Order payments are the common case: looked up first, top-ups only when none matches.
    payment = await _payment(obj.get("id"), warn=False)
    if payment is None:
        if await BalanceTopUp.exists(stripe_intent_id=obj.get("id")):
            await balance.settle_top_up(obj, target)
        else:
            log.warning("stripe event for unknown PaymentIntent %s", obj.get("id"))
        return None
    if target == payment_states.SUCCEEDED:
        received = obj.get("amount_received") or obj.get("amount")
        currency = str(obj.get("currency", "")).upper()
        if received != payment.amount or currency != payment.currency:
            reason = f"received {received} {currency}, expected {payment.amount} {payment.currency}"
            return await _flag(payment.stripe_intent_id, reason)
    if not payment_states.may_move(payment.status, target):
        log.info("payment %s stays %s (late %s)", payment.id, payment.status, target)
        return None
    before = payment.status
    await payment_states.advance(payment, target)
    if payment_states.counted(before) != payment_states.counted(target):
        # Only money received counts for the order: a move between statuses that hold none
        # (pending, processing, failed, canceled) leaves every record settle reads as it was.
        await settlement.settle(payment.order_id, "stripe")
    return _changed(payment, f"payment_{target}")


async def _refunded(charge: dict) -> dict | None:
    payment = await _payment(charge.get("payment_intent"))
    if payment is None:
        return None
    for item in (charge.get("refunds") or {}).get("data", []):
        if item.get("status") != "succeeded":
            continue
        refund = await Refund.get_or_none(stripe_refund_id=item["id"])
        if refund is None:  # made in Stripe's dashboard, or our record failed after the call
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
        elif refund.status != "succeeded":
            await Refund.filter(id=refund.id).update(status="succeeded")
            await settlement.refund_settled(refund, payment)
    await settlement.settle(payment.order_id, "stripe")
    return _changed(payment, "refund")


async def _flag(intent_id: str | None, reason: str) -> dict | None:
    payment = await _payment(intent_id)
    if payment is None:
        return None
    await Payment.filter(id=payment.id).update(flagged=True, flag_reason=reason)
    log.warning("payment %s flagged: %s", payment.id, reason)
    return _changed(payment, "payment_flagged")


def _changed(payment: Payment, kind: str) -> dict:
    return {"orderId": payment.order_id, "companyId": payment.company_id, "kind": kind}

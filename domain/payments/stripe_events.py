"""Applying Stripe webhook events. Each event id is recorded in the same transaction as its
effect, so a replayed event changes nothing; payments only move forward."""

from __future__ import annotations

import logging

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.balances import BalanceTopUp
from db.payments import Payment, Refund, StripeEvent
from domain.billing import settlement
from domain.payments import balance
from domain.payments import states as payment_states
from domain.payments.gateway import REFUND_KEY

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
    async with in_transaction():
        try:
            async with in_transaction():  # a savepoint: a duplicate must not abort the rest
                await StripeEvent.create(id=event["id"], type=event["type"])
        except IntegrityError:
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


async def _payment(intent_id: str | None) -> Payment | None:
    if not intent_id:
        return None
    payment = await Payment.select_for_update().get_or_none(stripe_intent_id=intent_id)
    if payment is None:
        log.warning("stripe event for unknown PaymentIntent %s", intent_id)
    return payment


async def _intent(obj: dict, target: str) -> dict | None:
    if await BalanceTopUp.exists(stripe_intent_id=obj.get("id")):
        await balance.settle_top_up(obj, target)
        return None
    payment = await _payment(obj.get("id"))
    if payment is None:
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
    await payment_states.advance(payment, target)
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
        elif refund.status != "succeeded":
            await Refund.filter(id=refund.id).update(status="succeeded")
            await settlement.refund_settled(refund, payment)
    await settlement.settle(payment.order_id, "stripe")
    return _changed(payment, "refund")


async def _ours_unconfirmed(payment: Payment, item: dict) -> Refund | None:
    """Our refund row whose Stripe answer was lost (the process stopped during the call): the
    refund names it in its metadata. It takes the Stripe id; its amount is already claimed."""
    ours = (item.get("metadata") or {}).get(REFUND_KEY)
    if not (ours and ours.isdigit()):
        return None
    taken = await Refund.filter(
        id=int(ours), payment_id=payment.id, stripe_refund_id=None, amount=item["amount"]
    ).update(stripe_refund_id=item["id"])
    return await Refund.get(id=int(ours)) if taken else None


async def _flag(intent_id: str | None, reason: str) -> dict | None:
    payment = await _payment(intent_id)
    if payment is None:
        return None
    await Payment.filter(id=payment.id).update(flagged=True, flag_reason=reason)
    log.warning("payment %s flagged: %s", payment.id, reason)
    return _changed(payment, "payment_flagged")


def _changed(payment: Payment, kind: str) -> dict:
    return {"orderId": payment.order_id, "companyId": payment.company_id, "kind": kind}

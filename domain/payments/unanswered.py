"""Card refunds left pending: the call to Stripe got no answer (no connection, a timeout, a
5xx), or Stripe answered but its `charge.refunded` event never came. The worker takes each one
up once nobody has asked Stripe about it for the claim's lease, and finishes it from Stripe's
own record: the refund made for the row (found by the row id in its metadata) is adopted,
succeeded or failed; when Stripe holds none, it is asked again under the same row, and a
refusal gives the claimed amount back. Never a second refund for one row."""

from __future__ import annotations

import logging

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.payments import Payment, Refund
from domain.billing import settlement
from domain.payments import gateway, pay, refund_claim
from domain.payments.gateway import StripeRefund
from domain.payments.policy import PaymentsPolicy
from domain.shared import after_commit, audit
from domain.shared.errors import DomainError

log = logging.getLogger("dinghuo.payments")

BATCH = 50
# Stripe's refund statuses that will not change any more.
SUCCEEDED, GAVE_UP = "succeeded", ("failed", "canceled")


async def finish_pending(policy: PaymentsPolicy) -> int:
    """Take up the pending card refunds nobody is asking Stripe about; how many changed. Any
    number of workers may run this at once: each row is claimed by one conditional UPDATE."""
    free = refund_claim.free()
    ids = [r["id"] for r in await Refund.filter(free).order_by("id").limit(BATCH).values("id")]
    changed = 0
    for refund_id in ids:
        if not await refund_claim.take(refund_id):
            continue  # another worker took it first
        try:
            # One row's failure takes back only its own announcements.
            async with after_commit.collect():
                changed += await _take_up(policy, refund_id)
        except Exception:  # noqa: BLE001 - the claim stays: tried again after the lease
            log.exception("pending refund %s", refund_id)
    return changed


async def _take_up(policy: PaymentsPolicy, refund_id: int) -> int:
    row = await Refund.get(id=refund_id)
    payment = await Payment.get(id=row.payment_id)
    intent_id = payment.stripe_intent_id
    assert intent_id is not None  # a pending refund is of a card payment
    try:
        found = await gateway.look_up_refund(policy, intent_id, row.id, row.stripe_refund_id)
    except DomainError:
        return 0  # Stripe cannot say: the claim stays, and the row is looked at after the lease
    asked = found is None and row.stripe_refund_id is None
    if asked:
        try:
            found = await gateway.refund(policy, intent_id, row.amount, row.id)
        except DomainError as exc:
            if not gateway.answered(exc):
                return 0  # perhaps made: found by its metadata next time
            return await _refused(row, payment, exc)
    if found is None:
        return 0  # known to Stripe by id only, yet not listed: left for Stripe's event
    return await _adopt(row, payment, found, "worker" if asked else "stripe")


async def _adopt(row: Refund, payment: Payment, found: StripeRefund, source: str) -> int:
    """Take Stripe's refund for the row: its id always, its outcome once it has one."""
    changed = 0
    async with in_transaction():
        # The payment's lock orders this with Stripe's event for the same refund.
        await Payment.select_for_update().get(id=payment.id)
        if await Refund.filter(id=row.id, stripe_refund_id=None).update(stripe_refund_id=found.id):
            row.stripe_refund_id = found.id
            changed = 1
            # What the staff member's call records once Stripe answers, which it never did.
            await pay.audit_refund(None, row, source=source)
        if found.status == SUCCEEDED:
            if await pay.refund_succeeded(row, payment, source):
                _announce(payment)
                await settlement.refund_settled(row, payment)
                return 1
            return changed
        if found.status in GAVE_UP:
            return await _give_up(row, payment, found.status, source) or changed
    return changed


async def _refused(row: Refund, payment: Payment, exc: DomainError) -> int:
    cause = getattr(exc.__cause__, "code", None) or type(exc.__cause__).__name__
    async with in_transaction():
        await Payment.select_for_update().get(id=payment.id)
        return await _give_up(row, payment, f"refused: {cause}", "worker")


async def _give_up(row: Refund, payment: Payment, why: str, source: str) -> int:
    """Nothing went back: the amount claimed on the payment is refundable again."""
    moved = await Refund.filter(id=row.id, status="pending").update(
        status="failed", claimed_at=None
    )
    if moved:
        await Payment.filter(id=payment.id).update(refunded=F("refunded") - row.amount)
        row.status = "failed"
        after = {"status": "failed", "source": source, "detail": why}
        await audit.record(None, "payment.refund_failed", row, {"status": "pending"}, after)
        _announce(payment)
    return moved


def _announce(payment: Payment) -> None:
    after_commit.queue(
        {"orderId": payment.order_id, "companyId": payment.company_id, "kind": "refund"}
    )

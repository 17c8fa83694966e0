"""Paying orders: card payments through Stripe, bank transfers recorded by finance, refunds.

Overpayment is refused: a transfer may cover at most what is still due (money paid in advance
belongs on the prepaid balance). What is due comes from domain/billing/settlement.py."""

from __future__ import annotations

from datetime import date

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.orders import Order
from db.payments import Payment, Refund
from domain.accounts import permissions
from domain.accounts.permissions import Principal
from domain.billing import settlement
from domain.ordering.actions import check_own_order, visible_order
from domain.ordering.states import CANCELLED, REJECTED
from domain.payments import balance, refund_claim
from domain.payments import gateway as payment_gateway
from domain.payments import states as payment_states
from domain.payments.policy import PaymentsPolicy
from domain.payments.received import record_received
from domain.shared import after_commit, audit, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import from_minor, to_minor


async def _due(order: Order) -> int:
    return (await settlement.figures(order)).due


async def card_intent(
    policy: PaymentsPolicy, actor: Principal, order_id: int
) -> tuple[Payment, str]:
    """The PaymentIntent for what is due on a card order, reused while the amount is the same."""
    order = await visible_order(actor, order_id)
    # Paying is acting on the order: its placer, or the company's owner or approver.
    check_own_order(actor, order)
    if order.payment_method != "card":
        raise DomainError(ErrorCode.PAYMENT_METHOD_UNAVAILABLE, "orderId")
    if order.status in (CANCELLED, REJECTED):
        raise DomainError(ErrorCode.INVALID_STATE, "orderId", status=order.status)
    # One open intent per order and amount: concurrent callers wait on the order row and then
    # find the intent the first one created, instead of each creating one (a double charge).
    async with in_transaction():
        order = await Order.select_for_update().get(id=order.id)
        due = await _due(order)
        if due <= 0:
            raise DomainError(ErrorCode.NOTHING_DUE, "orderId")
        open_ = await Payment.filter(
            order_id=order.id,
            method="card",
            amount=due,
            status__in=["pending", "processing", "failed"],
        ).first()
        if open_ and open_.stripe_intent_id:
            return open_, await payment_gateway.client_secret(policy, open_.stripe_intent_id)
        key = f"order-{order.id}-{due}-{await Payment.filter(order_id=order.id).count()}"
        intent_id, secret = await payment_gateway.create_intent(
            policy, due, order.currency, order.id, key
        )
        payment = await Payment.create(
            order=order,
            company_id=order.company_id,
            method="card",
            status=payment_states.PENDING,
            amount=due,
            currency=order.currency,
            stripe_intent_id=intent_id,
        )
    return payment, secret


async def record_transfer(
    actor: Principal, order_id: int, amount, received_on: date, reference: str, request_id=""
) -> Payment:
    """对公转账: finance staff record a received bank transfer against an order."""
    permissions.require(actor, "paymentRecord")
    order = await visible_order(actor, order_id)
    minor = to_minor(amount, "amount")
    if minor <= 0:
        raise DomainError(ErrorCode.INVALID_PRICE, "amount")
    reference = validation.text(reference, "reference", 100)
    async with in_transaction():
        order = await Order.select_for_update().get(id=order.id)
        due = await _due(order)
        if minor > due:
            raise DomainError(ErrorCode.OVERPAYMENT, "amount", due=str(from_minor(max(due, 0))))
        # Money in on a credit-terms order also frees that much of the company's credit.
        return await record_received(
            actor,
            order,
            "bank_transfer",
            minor,
            "payment.record",
            {"amount": minor, "reference": reference},
            request_id,
            reference=reference,
            received_on=received_on,
        )


async def _claim(payment: Payment, minor: int) -> None:
    """Take `minor` of what is still refundable on the payment in one conditional UPDATE, so
    concurrent refunds can never together give back more than was paid."""
    taken = await Payment.filter(
        id=payment.id, status=payment_states.SUCCEEDED, refunded__lte=payment.amount - minor
    ).update(refunded=F("refunded") + minor)
    if not taken:
        current = await Payment.get(id=payment.id)
        refundable = max(current.amount - current.refunded, 0)
        raise DomainError(
            ErrorCode.REFUND_TOO_LARGE, "amount", refundable=str(from_minor(refundable))
        )


async def refund(
    policy: PaymentsPolicy,
    actor: Principal,
    payment_id: int,
    amount,
    reason: str,
    request_id="",
    source: str = "",
) -> Refund:
    """Card payments are refunded through Stripe (the webhook then settles the refund); balance
    payments go back onto the prepaid balance; bank transfers are refunded outside the system
    and recorded here as done. The amount is claimed on the payment before Stripe is asked,
    and given back if Stripe refuses. `source` names what the refund is for (a return), so
    the caller can find it again after an interruption."""
    permissions.require(actor, "paymentRefund")  # whoever calls: API, CLI, demo data
    payment = await Payment.get_or_none(id=payment_id)
    if payment is None or payment.status != payment_states.SUCCEEDED:
        raise DomainError(ErrorCode.NOT_FOUND, "paymentId")
    minor = to_minor(amount, "amount")
    reason = validation.text(reason, "reason", 1000)
    if minor <= 0:
        raise DomainError(
            ErrorCode.REFUND_TOO_LARGE,
            "amount",
            refundable=str(from_minor(max(payment.amount - payment.refunded, 0))),
        )
    by_card = payment.method == "card"
    async with in_transaction():
        await _claim(payment, minor)
        row = await Refund.create(
            payment=payment,
            amount=minor,
            reason=reason,
            source=source,
            created_by_id=actor.user_id,
            status="pending" if by_card else "succeeded",
            # Claimed by this call until Stripe answers or the call gives up.
            claimed_at=refund_claim.now() if by_card else None,
        )
        # A card refund is announced when asked (Stripe refusing it fails the whole call);
        # settling it, here or from Stripe's event, announces the payment status it moves.
        after_commit.queue(
            {"orderId": payment.order_id, "companyId": payment.company_id, "kind": "refund"}
        )
        if payment.method == "balance":
            # Paid from the prepaid balance: the money goes back there, with its ledger entry.
            order = await Order.get(id=payment.order_id)
            await balance.credit(
                payment.company_id, minor, "refund", order.number, actor.email, order.id
            )
        if not by_card:
            await settlement.refund_settled(row, payment, actor)
            await audit_refund(actor, row, request_id)
    if by_card:
        await _ask_stripe(policy, actor, row, payment, request_id)
    return row


async def resume(policy: PaymentsPolicy, actor: Principal, row: Refund, request_id="") -> Refund:
    """Finish a card refund that was recorded but whose Stripe answer never arrived (the
    process stopped during the call): the refund Stripe made for the row is taken if there is
    one, otherwise it is asked for now. Never refunds twice: while another process is asking
    Stripe about the row (the worker, domain/payments/unanswered.py), INVALID_STATE."""
    permissions.require(actor, "paymentRefund")
    if row.stripe_refund_id is not None or row.status != "pending":
        return row
    if not await refund_claim.take(row.id):
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=row.status)
    payment = await Payment.get(id=row.payment_id)
    await _ask_stripe(policy, actor, row, payment, request_id, look_first=True)
    return row


async def _ask_stripe(
    policy: PaymentsPolicy,
    actor: Principal,
    row: Refund,
    payment: Payment,
    request_id: str,
    look_first: bool = False,
) -> None:
    try:
        stripe_id = await _stripe_refund(policy, row, payment, look_first)
    except BaseException:
        # Still pending without an answer (or gone): given back, so it can be taken up at once.
        await refund_claim.give_back(row.id)
        raise
    async with in_transaction():
        # Stripe's event may have come first and adopted the row (and audited it).
        taken = await Refund.filter(id=row.id, stripe_refund_id=None).update(
            stripe_refund_id=stripe_id
        )
        row.stripe_refund_id = stripe_id
        if taken:
            await audit_refund(actor, row, request_id)


async def _stripe_refund(
    policy: PaymentsPolicy, row: Refund, payment: Payment, look_first: bool
) -> str:
    intent_id = payment.stripe_intent_id
    assert intent_id is not None  # a succeeded card payment was confirmed by its intent
    found = await payment_gateway.find_refund(policy, intent_id, row.id) if look_first else None
    if found:
        return found
    try:
        return (await payment_gateway.refund(policy, intent_id, row.amount, row.id)).id
    except DomainError as exc:
        # Stripe refused: the claim and the row go away. No answer is not a refusal (a timeout
        # may come after Stripe refunded): they go away only when Stripe then says it holds no
        # refund for the row; if it cannot say, the row stays pending, to be resumed or
        # adopted by Stripe's event rather than refunded again under another row.
        stripe_id = None
        if not payment_gateway.answered(exc):
            stripe_id = await payment_gateway.find_refund(policy, intent_id, row.id)
        if stripe_id is None:
            async with in_transaction():
                await Refund.filter(id=row.id).delete()
                await Payment.filter(id=payment.id).update(refunded=F("refunded") - row.amount)
            raise
        return stripe_id


async def refund_succeeded(row: Refund, payment: Payment, source: str) -> bool:
    """Stripe made the refund: the pending row moves to succeeded once, whoever sees it first
    (Stripe's event or the worker, `source`); the caller then settles the order with it
    (`settlement.refund_settled`), after announcing the refund."""
    moved = await Refund.filter(id=row.id, status="pending").update(
        status="succeeded", claimed_at=None
    )
    if not moved:
        return False
    row.status = "succeeded"
    after = {"status": "succeeded", "source": source}
    await audit.record(None, "payment.refund_succeeded", row, {"status": "pending"}, after)
    return True


async def audit_refund(
    actor: Principal | None, row: Refund, request_id: str = "", source: str = ""
) -> None:
    """The refund asked for (`payment.refund`). With no actor, `source` says how its answer
    came: by Stripe's event, or by the worker that finished it."""
    after = {"amount": row.amount, "paymentId": row.payment_id, "reason": row.reason}
    after |= {"source": source} if source else {}
    await audit.record(actor, "payment.refund", row, None, after, request_id)

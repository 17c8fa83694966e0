"""Paying orders: card payments through Stripe, bank transfers recorded by finance, refunds.

Overpayment is refused: a transfer may cover at most what is still due (account credit for
overpayments belongs with the prepaid balance, which is not built yet)."""

from __future__ import annotations

from datetime import date

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from db.orders import Order, OrderEvent
from db.payments import Payment, Refund
from domain.accounts.permissions import Principal
from domain.billing import credit
from domain.billing import invoices as invoicing
from domain.fulfilment.ship import complete_if_settled
from domain.ordering.actions import check_own_order, visible_order
from domain.ordering.states import CANCELLED, REJECTED
from domain.payments import gateway as payment_gateway
from domain.payments import states as payment_states
from domain.payments.gateway import StripeConfig
from domain.shared import audit, clock, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import from_minor, to_minor


async def _sum(query, field: str) -> int:
    row = await query.annotate(total=Sum(field)).first().values("total")
    return int(row["total"] or 0) if row else 0


async def amounts(order_id: int) -> tuple[int, int, int]:
    """(paid, refunded, refunds still pending) in fen, from succeeded payments and refunds."""
    paid = await _sum(Payment.filter(order_id=order_id, status=payment_states.SUCCEEDED), "amount")
    refunds = Refund.filter(payment__order_id=order_id)
    refunded = await _sum(refunds.filter(status="succeeded"), "amount")
    pending = await _sum(Refund.filter(payment__order_id=order_id, status="pending"), "amount")
    return paid, refunded, pending


async def refresh_status(order_id: int, actor_email: str = "") -> str:
    """Derive the order's payment status from its payments; call inside the transaction."""
    order = await Order.get(id=order_id)
    paid, refunded, _ = await amounts(order_id)
    status = payment_states.order_payment_status(order.total, paid, refunded)
    if status != order.payment_status:
        await Order.filter(id=order_id).update(payment_status=status)
        await invoicing.mark_paid(order_id, status == "paid")
        if status == "paid":
            await complete_if_settled(order_id, [])
        await OrderEvent.create(
            order_id=order_id,
            actor_email=actor_email,
            kind="payment_status",
            data={"from": order.payment_status, "to": status},
        )
    return status


async def refund_settled(refund: Refund, payment: Payment) -> None:
    """The money went back: a credit note records what the supplier owed."""
    await invoicing.credit_note(
        payment.company_id, payment.order_id, refund.id, refund.amount, refund.reason, clock.today()
    )


async def _due(order: Order) -> int:
    paid, refunded, _ = await amounts(order.id)
    return order.total - (paid - refunded)


async def card_intent(actor: Principal, order_id: int, config: StripeConfig) -> tuple[Payment, str]:
    """The PaymentIntent for what is due on a card order, reused while the amount is the same."""
    order = await visible_order(actor, order_id)
    # Paying is acting on the order: its placer, or the company's owner or approver.
    check_own_order(actor, order)
    if order.payment_method != "card":
        raise DomainError(ErrorCode.PAYMENT_METHOD_UNAVAILABLE, "orderId")
    if order.status in (CANCELLED, REJECTED):
        raise DomainError(ErrorCode.INVALID_STATE, "orderId", status=order.status)
    due = await _due(order)
    if due <= 0:
        raise DomainError(ErrorCode.NOTHING_DUE, "orderId")
    open_ = await Payment.filter(
        order_id=order.id, method="card", amount=due, status__in=["pending", "processing", "failed"]
    ).first()
    if open_ and open_.stripe_intent_id:
        return open_, await payment_gateway.client_secret(config, open_.stripe_intent_id)
    key = f"order-{order.id}-{due}-{await Payment.filter(order_id=order.id).count()}"
    intent_id, secret = await payment_gateway.create_intent(
        config, due, order.currency, order.id, key
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
        payment = await Payment.create(
            order=order,
            company_id=order.company_id,
            method="bank_transfer",
            status=payment_states.SUCCEEDED,
            amount=minor,
            currency=order.currency,
            reference=reference,
            received_on=received_on,
            recorded_by_id=actor.user_id,
        )
        await refresh_status(order.id, actor.email)
        if order.credit_reserved:
            # Money in on a credit-terms order frees that much of the company's credit.
            freed = min(minor, order.credit_reserved)
            await credit.release(order.company_id, freed)
            await Order.filter(id=order.id).update(credit_reserved=order.credit_reserved - freed)
        await audit.record(
            actor,
            "payment.record",
            payment,
            None,
            {"amount": minor, "reference": reference},
            request_id,
        )
    return payment


async def refund(
    actor: Principal, payment_id: int, amount, reason: str, config: StripeConfig, request_id=""
) -> Refund:
    """Card payments are refunded through Stripe (the webhook then settles the refund); other
    payments are refunded outside the system and recorded here as done."""
    payment = await Payment.get_or_none(id=payment_id)
    if payment is None or payment.status != payment_states.SUCCEEDED:
        raise DomainError(ErrorCode.NOT_FOUND, "paymentId")
    minor = to_minor(amount, "amount")
    reason = validation.text(reason, "reason", 1000)
    refunded = await _sum(
        Refund.filter(payment_id=payment.id, status__in=["pending", "succeeded"]), "amount"
    )
    refundable = payment.amount - refunded
    if minor <= 0 or minor > refundable:
        raise DomainError(
            ErrorCode.REFUND_TOO_LARGE, "amount", refundable=str(from_minor(refundable))
        )
    stripe_id = None
    if payment.method == "card":
        key = f"refund-{payment.id}-{refunded}-{minor}"
        stripe_id = await payment_gateway.refund(config, payment.stripe_intent_id, minor, key)
    async with in_transaction():
        row = await Refund.create(
            payment=payment,
            amount=minor,
            reason=reason,
            created_by_id=actor.user_id,
            status="pending" if stripe_id else "succeeded",
            stripe_refund_id=stripe_id,
        )
        if not stripe_id:
            await refund_settled(row, payment)
        await refresh_status(payment.order_id, actor.email)
        await audit.record(
            actor,
            "payment.refund",
            row,
            None,
            {"amount": minor, "paymentId": payment.id, "reason": reason},
            request_id,
        )
    return row

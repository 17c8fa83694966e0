"""Prepaid balance (预存款): topped up by a recorded transfer or a card payment, spent on
orders. It never goes below zero, also under concurrent orders: spending is one conditional
UPDATE, and every change writes a ledger entry in the same transaction."""

from __future__ import annotations

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.accounts import Company
from db.balances import BalanceEntry, BalanceTopUp
from db.orders import Order
from db.payments import Payment
from domain.accounts.permissions import Perm, Principal
from domain.billing import settlement
from domain.ordering.actions import check_own_order, visible_order
from domain.ordering.states import CANCELLED, REJECTED
from domain.payments import gateway as payment_gateway
from domain.payments import states as payment_states
from domain.payments.policy import PaymentsPolicy
from domain.payments.received import record_received
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import from_minor, to_minor


def _positive(amount) -> int:
    minor = to_minor(amount, "amount")
    if minor <= 0:
        raise DomainError(ErrorCode.INVALID_PRICE, "amount")
    return minor


async def credit(
    company_id: int,
    amount: int,
    kind: str,
    reference: str,
    actor_email="",
    order_id: int | None = None,
) -> None:
    await Company.filter(id=company_id).update(prepaid_balance=F("prepaid_balance") + amount)
    await BalanceEntry.create(
        company_id=company_id,
        amount=amount,
        kind=kind,
        reference=reference,
        order_id=order_id,
        actor_email=actor_email,
    )


async def record_top_up(
    actor: Principal, company_id: int, amount, reference: str, request_id=""
) -> Company:
    """Finance records a bank transfer that tops up a company's balance."""
    minor = _positive(amount)
    reference = validation.text(reference, "reference", 100)
    async with in_transaction():
        company = await Company.get_or_none(id=company_id)
        if company is None:
            raise DomainError(ErrorCode.NOT_FOUND, "companyId")
        await credit(company.id, minor, "top_up", reference, actor.email)
        await audit.record(
            actor,
            "balance.top_up",
            company,
            None,
            {"amount": minor, "reference": reference},
            request_id,
        )
    return await Company.get(id=company_id)


async def card_top_up(policy: PaymentsPolicy, actor: Principal, amount):
    """A PaymentIntent to top up the buyer's company balance by card."""
    if actor.is_staff or not actor.has(Perm.ORDERS_PLACE):
        raise DomainError(ErrorCode.FORBIDDEN, None)
    minor = _positive(amount)
    count = await BalanceTopUp.filter(company_id=actor.company_id).count()
    intent_id, secret = await payment_gateway.create_intent(
        policy, minor, policy.currency, 0, f"top-up-{actor.company_id}-{count}-{minor}"
    )
    top_up = await BalanceTopUp.create(
        company_id=actor.company_id,
        amount=minor,
        currency=policy.currency,
        stripe_intent_id=intent_id,
    )
    return top_up, secret


async def settle_top_up(intent: dict, target: str) -> int | None:
    """Apply a PaymentIntent event to a card top-up (called by the webhook handling)."""
    top_up = await BalanceTopUp.select_for_update().get_or_none(stripe_intent_id=intent.get("id"))
    if top_up is None or not payment_states.may_move(top_up.status, target):
        return None
    received = intent.get("amount_received") or intent.get("amount")
    currency = str(intent.get("currency") or "").upper()
    if target == payment_states.SUCCEEDED and (
        received != top_up.amount or currency != top_up.currency.upper()
    ):
        # Never credit money that differs from what was asked: staff look at the record.
        reason = f"received {received} {currency}, expected {top_up.amount} {top_up.currency}"
        await BalanceTopUp.filter(id=top_up.id).update(flag_reason=reason)
        await audit.record(None, "balance.card_top_up_refused", top_up, None, {"reason": reason})
        return None
    await payment_states.advance(top_up, target)
    if target == payment_states.SUCCEEDED:
        await credit(top_up.company_id, top_up.amount, "top_up", top_up.stripe_intent_id, "stripe")
        after = {"amount": top_up.amount, "currency": top_up.currency, "intent": intent.get("id")}
        await audit.record(None, "balance.card_top_up", top_up, None, after)
    return top_up.company_id


async def pay_order(actor: Principal, order_id: int, request_id: str = "") -> Payment:
    """Pay what is due on an order from the prepaid balance, all or nothing."""
    order = await visible_order(actor, order_id)
    if actor.is_staff or not actor.has(Perm.ORDERS_PLACE):
        raise DomainError(ErrorCode.FORBIDDEN, "orderId")
    check_own_order(actor, order)
    async with in_transaction():
        order = await Order.select_for_update().get(id=order.id)
        if order.status in (CANCELLED, REJECTED):
            raise DomainError(ErrorCode.INVALID_STATE, "orderId", status=order.status)
        due = (await settlement.figures(order)).due
        if due <= 0:
            raise DomainError(ErrorCode.NOTHING_DUE, "orderId")
        taken = await Company.filter(id=order.company_id, prepaid_balance__gte=due).update(
            prepaid_balance=F("prepaid_balance") - due
        )
        if not taken:
            company = await Company.get(id=order.company_id)
            raise DomainError(
                ErrorCode.INSUFFICIENT_BALANCE,
                "orderId",
                balance=str(from_minor(company.prepaid_balance)),
            )
        await BalanceEntry.create(
            company_id=order.company_id,
            amount=-due,
            kind="order_payment",
            reference=order.number,
            order_id=order.id,
            actor_email=actor.email,
        )
        # A credit-terms order paid from the balance frees its credit here too.
        return await record_received(
            actor,
            order,
            "balance",
            due,
            "order.pay_from_balance",
            {"amount": due, "orderId": order.id, "order": order.number},
            request_id,
            reference=order.number,
        )

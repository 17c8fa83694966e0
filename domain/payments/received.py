"""Money received on an order outside Stripe (a bank transfer, the prepaid balance): one way
to record it, so every such payment is settled and audited alike."""

from __future__ import annotations

from db.orders import Order
from db.payments import Payment
from domain.accounts.permissions import Principal
from domain.billing import settlement
from domain.payments import states as payment_states
from domain.shared import after_commit, audit


async def record_received(
    actor: Principal,
    order: Order,
    method: str,
    amount: int,
    audit_action: str,
    audit_data: dict,
    request_id: str = "",
    **details,
) -> Payment:
    """A succeeded payment of `amount` fen, then settle (it frees credit held on credit terms
    and may complete the order), then the audit entry. Call inside the caller's transaction,
    with the order row locked and the amount checked against what is due."""
    payment = await Payment.create(
        order=order,
        company_id=order.company_id,
        method=method,
        status=payment_states.SUCCEEDED,
        amount=amount,
        currency=order.currency,
        recorded_by_id=actor.user_id,
        **details,
    )
    # Before the payment status move that settling it causes (owe_part, pay_all).
    after_commit.queue(
        {"orderId": order.id, "companyId": order.company_id, "kind": "payment_succeeded"}
    )
    await settlement.settle(order.id, actor.email)
    await audit.record(actor, audit_action, payment, None, audit_data, request_id)
    return payment

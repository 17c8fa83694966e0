"""Payment statuses: a payment's own (card, transfer, balance, top-up) and the order's payment
status, each a transition table applied by `domain/shared/machine.py`.

A payment's status follows Stripe's events; a late or replayed event never moves a payment
backwards (a `processing` after `succeeded` is refused by the table and ignored).
The order's payment status is derived from its money by `domain/billing/settlement.py::settle`,
which names the target; the table says which moves can happen at all.
"""

from __future__ import annotations

from enum import StrEnum

from db.balances import BalanceTopUp
from db.payments import Payment
from domain.shared import audit
from domain.shared.machine import Machine, Row, move


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"


PENDING, PROCESSING, SUCCEEDED, FAILED, CANCELED = tuple(PaymentStatus)
# The action that leads to each status (Stripe's events name the target).
ACTION_FOR = {PROCESSING: "process", SUCCEEDED: "succeed", FAILED: "fail", CANCELED: "cancel"}
MACHINE = Machine(
    "payment",
    PaymentStatus,
    {
        (PENDING, "process"): PROCESSING,
        (PENDING, "succeed"): SUCCEEDED,
        (PENDING, "fail"): FAILED,
        (PENDING, "cancel"): CANCELED,
        (PROCESSING, "succeed"): SUCCEEDED,
        (PROCESSING, "fail"): FAILED,
        (PROCESSING, "cancel"): CANCELED,
        # A declined card can be retried on the same PaymentIntent.
        (FAILED, "process"): PROCESSING,
        (FAILED, "succeed"): SUCCEEDED,
        (FAILED, "cancel"): CANCELED,
    },
)


def may_move(current: str, target: str) -> bool:
    action = ACTION_FOR.get(PaymentStatus(target)) if target in PaymentStatus else None
    return action is not None and MACHINE.allows(current, action)


def counted(status: str) -> bool:
    """Whether a payment in `status` holds money the order counts (settlement.figures_for
    reads succeeded payments only)."""
    return status == SUCCEEDED


async def advance(row: Payment | BalanceTopUp, target: str, source: str = "stripe") -> None:
    """Move a payment or card top-up to the status an event names, audited. Call only after
    may_move: a concurrent event that moved it first makes this INVALID_STATE."""
    action = ACTION_FOR[PaymentStatus(target)]

    async def record(before: PaymentStatus, to: PaymentStatus) -> None:
        name = f"{'payment' if isinstance(row, Payment) else 'balance_top_up'}.{action}"
        await audit.record(
            None, name, row, {"status": before.value}, {"status": to.value, "source": source}
        )

    await move(MACHINE, Row(type(row), row.pk), row.status, action, record=record)


class OrderPaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


_P = OrderPaymentStatus
# The action settle takes to reach each status.
ORDER_ACTION_FOR = {
    _P.UNPAID: "owe_all",
    _P.PARTIALLY_PAID: "owe_part",
    _P.PAID: "pay_all",
    _P.PARTIALLY_REFUNDED: "refund_part",
    _P.REFUNDED: "refund_all",
}
# Money can move an order's status almost anywhere (a total that grows after payment, a
# cancellation, a credit note), but refunds are never undone: once anything was paid back the
# order can no longer be simply "paid". Staying put is not a move.
ORDER_MACHINE = Machine(
    "order_payment",
    OrderPaymentStatus,
    {
        (state, action): target
        for state in OrderPaymentStatus
        for target, action in ORDER_ACTION_FOR.items()
        if target != state
        and not (target == _P.PAID and state in (_P.PARTIALLY_REFUNDED, _P.REFUNDED))
    },
    events=True,
)

# The order statuses with nothing left to pay (domain/billing/settlement.py derives them).
SETTLED = frozenset({_P.PAID, _P.PARTIALLY_REFUNDED, _P.REFUNDED})

"""Payment statuses and the moves allowed between them: a late or replayed event never moves
a payment backwards (a `processing` after `succeeded` is ignored)."""

from __future__ import annotations

PENDING, PROCESSING, SUCCEEDED, FAILED, CANCELED = (
    "pending",
    "processing",
    "succeeded",
    "failed",
    "canceled",
)

ALLOWED: dict[str, set[str]] = {
    PENDING: {PROCESSING, SUCCEEDED, FAILED, CANCELED},
    PROCESSING: {SUCCEEDED, FAILED, CANCELED},
    # A declined card can be retried on the same PaymentIntent.
    FAILED: {PROCESSING, SUCCEEDED, CANCELED},
    SUCCEEDED: set(),
    CANCELED: set(),
}


def may_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, set())


# The order statuses with nothing left to pay (domain/billing/settlement.py derives them).
SETTLED = frozenset({"paid", "partially_refunded", "refunded"})

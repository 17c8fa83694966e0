"""The supplier's ordering settings, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrderingPolicy:
    """Built once from the settings (dinghuo/policies.py) and passed to the use cases that
    decide with it, as their first parameter."""

    # Supplier review steps (审核) an order passes before it is confirmed, in order; any of
    # order, finance, outbound. Empty: orders are confirmed at once.
    review_steps: tuple[str, ...] = ("order", "finance", "outbound")
    # An order on credit terms beyond the company's limit: "refuse", or "review" where finance
    # decides (财务审核), which needs the finance step.
    credit_over_limit: str = "refuse"
    # Overdue invoices older than this many days put the company's credit on hold.
    credit_grace_days: int = 15
    # The currency orders are placed in (two decimals: amounts are kept in fen).
    currency: str = "CNY"

"""What payment, refund, write-off and prepaid-balance mutations take."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input
class OrderPaymentIntentCreateInput:
    """Which card order to pay."""

    order_id: strawberry.ID
    """The order's global id."""


@strawberry.input
class PaymentRecordInput:
    """A bank transfer received for an order."""

    order_id: strawberry.ID
    """The order's global id."""
    amount: Decimal
    """The amount received; at most what is due."""
    received_on: date
    """The business day the money arrived."""
    reference: str
    """The bank's reference for the transfer."""


@strawberry.input
class PaymentRefundInput:
    """Which payment to refund, how much and why."""

    payment_id: strawberry.ID
    """The payment's global id."""
    amount: Decimal
    """At most what is left to refund on the payment."""
    reason: str
    """Kept with the refund and on its credit note."""


@strawberry.input
class OrderWriteOffInput:
    """What finance gives up collecting on an order (坏账核销)."""

    id: strawberry.ID
    """The order's global id."""
    amount: Decimal
    """At most what the order still owes."""
    reason: str
    """Why the money will not be collected."""


@strawberry.input
class BalanceTopUpRecordInput:
    """A transfer that tops up a company's prepaid balance (预存款)."""

    company_id: strawberry.ID
    """The company's global id."""
    amount: Decimal
    """The amount received."""
    reference: str
    """The bank's reference for the transfer."""


@strawberry.input
class BalanceTopUpIntentCreateInput:
    """How much to top up the caller's company's prepaid balance by card."""

    amount: Decimal
    """The amount to top up."""


@strawberry.input
class OrderPayFromBalanceInput:
    """Which order to pay from the prepaid balance."""

    order_id: strawberry.ID
    """The order's global id."""

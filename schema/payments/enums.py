"""Closed sets of payments and refunds."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="Where a payment stands; it never moves back from succeeded.")
class PaymentStatus(StrEnum):
    PENDING = "pending"
    """Created; the money has not arrived."""
    PROCESSING = "processing"
    """The card payment is being processed by the bank."""
    SUCCEEDED = "succeeded"
    """The money arrived."""
    FAILED = "failed"
    """The card was declined; the buyer may try again with the same payment."""
    CANCELED = "canceled"
    """Given up before any money arrived."""


@strawberry.enum(description="Where the money of a payment came from.")
class PaymentSource(StrEnum):
    CARD = "card"
    """A card payment through Stripe."""
    BANK_TRANSFER = "bank_transfer"
    """A bank transfer (对公转账) that finance recorded."""
    BALANCE = "balance"
    """The company's prepaid balance (预存款)."""


@strawberry.enum(description="Where a refund stands.")
class RefundStatus(StrEnum):
    PENDING = "pending"
    """Asked of Stripe; the card has not been credited yet."""
    SUCCEEDED = "succeeded"
    """Paid back (to the card, the prepaid balance, or by transfer)."""
    FAILED = "failed"
    """Stripe did not pay it back (it failed, or refused when asked again): nothing went back,
    and the amount can be refunded again."""

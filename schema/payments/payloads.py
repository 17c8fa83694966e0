"""What payment, refund, write-off and prepaid-balance mutations return."""

from __future__ import annotations

import strawberry

from schema.accounts.types import Company
from schema.ordering.types import Order
from schema.payments.types import Payment
from schema.shared.payload import Payload


@strawberry.type
class PaymentIntentPayload(Payload):
    client_secret: str | None = strawberry.field(
        default=None, description="For Stripe.js or a mobile SDK to confirm the payment."
    )
    payment: Payment | None = None


@strawberry.type
class PaymentPayload(Payload):
    payment: Payment | None = None


@strawberry.type
class OrderWriteOffPayload(Payload):
    order: Order | None = None


@strawberry.type
class BalanceTopUpRecordPayload(Payload):
    company: Company | None = None


@strawberry.type
class BalanceTopUpPayload(Payload):
    client_secret: str | None = None
    """For Stripe.js or a mobile SDK to confirm the top-up's card payment; null on errors."""

"""Payments and refunds of an order, and where to send a bank transfer."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from db import payments as db
from schema.payments.enums import PaymentSource, PaymentStatus, RefundStatus
from schema.shared import links
from schema.shared.info import Info
from schema.shared.money import Money, money

if TYPE_CHECKING:
    from schema.ordering.types import Order


@strawberry.type
class Refund(relay.Node):
    """Money paid back on a payment."""

    id: relay.NodeID[int]
    amount: Money
    """The amount paid back."""
    status: RefundStatus
    """Whether the money has gone back yet."""
    reason: str
    """Why it was paid back, as staff wrote it; may be empty."""
    created_at: datetime
    """When the refund was made."""
    row: strawberry.Private[db.Refund]

    @classmethod
    def from_db(cls, info: Info, row: db.Refund) -> Refund:
        return cls(
            id=row.id,
            amount=money(info, row.amount),
            status=RefundStatus(row.status),
            reason=row.reason,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field(description="The payment paid back, and through it the order.")
    async def payment(self, info: Info) -> Payment:
        found = await info.context.loaders.orders.payment_by_id.load(self.row.payment_id)
        assert found is not None, "a refund's payment is its foreign key"
        return Payment.from_db(info, found)


@strawberry.type
class Payment(relay.Node):
    """Money paid for an order: by card (Stripe), bank transfer, or the prepaid balance."""

    id: relay.NodeID[int]
    method: PaymentSource
    """Where the money came from."""
    status: PaymentStatus
    """Where the payment stands."""
    amount: Money
    """The amount of this payment."""
    reference: str
    """A transfer's reference as finance recorded it, or the order number for a prepaid-balance
    payment; empty for cards."""
    received_on: date | None
    """The day a bank transfer arrived, as finance recorded it; null for other payments."""
    flagged: bool = strawberry.field(description="Needs a look by staff (amount, dispute).")
    created_at: datetime
    """When the payment was created."""
    row: strawberry.Private[db.Payment]

    @classmethod
    def from_db(cls, info: Info, row: db.Payment) -> Payment:
        return cls(
            id=row.id,
            method=PaymentSource(row.method),
            status=PaymentStatus(row.status),
            amount=money(info, row.amount),
            reference=row.reference,
            received_on=row.received_on,
            flagged=row.flagged,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field(description="The order paid for.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")]:  # noqa: UP037
        return await links.order(info, self.row.order_id)

    @strawberry.field(description="Why it is flagged; staff only.")
    def flag_reason(self, info: Info) -> str | None:
        principal = info.context.principal
        return self.row.flag_reason if principal and principal.is_staff else None

    @strawberry.field
    async def refunds(self, info: Info) -> list[Refund]:
        """Refunds on this payment, oldest first."""
        rows = await info.context.loaders.orders.refunds.load(self.row.id)
        return [Refund.from_db(info, r) for r in rows]


@strawberry.type(description="Where to send a bank transfer (对公转账) for an order.")
class BankTransferDetails:
    bank_name: str
    """The supplier's bank (开户行)."""
    account_name: str
    """The account holder: the supplier's company name (户名)."""
    account_number: str
    """The supplier's account number (账号)."""
    reference: str = strawberry.field(description="Put this in the transfer's remark.")


@strawberry.type(description="What a browser needs to take a card with Stripe Elements.")
class CardPaymentSettings:
    publishable_key: str
    """Stripe's publishable key (pk_…), public by design."""
    stripe_js_url: str
    """Where to load Stripe.js from: Stripe's own address unless the operator set another."""

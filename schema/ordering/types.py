"""Carts and orders as buyers and staff read them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from db import orders as db
from domain.shared.translations import pick_map
from schema.accounts.types import Company
from schema.billing.types import Invoice
from schema.catalog.enums import UnitCode
from schema.catalog.types import Variant
from schema.fulfilment.types import Shipment
from schema.ordering.enums import (
    FulfilmentStatus,
    LinePriceSource,
    OrderEventKind,
    OrderPaymentStatus,
    OrderStatus,
    PaymentMethod,
    ReviewStep,
)
from schema.payments.types import BankTransferDetails, Payment
from schema.shared.errors import ErrorCode, UserError
from schema.shared.info import Info
from schema.shared.money import Money, money, money_in_data

# Imported under these names by the resolvers' inputs.
PaymentMethodEnum = PaymentMethod
ReviewStepEnum = ReviewStep


@strawberry.type
class Address:
    """A delivery address as the order keeps it: a copy, unaffected by later edits of the book."""

    recipient: str
    """Who receives the goods."""
    phone: str
    """The recipient's phone number."""
    region: str
    """Province, city and district."""
    line: str
    """Street, building and room."""
    postal_code: str
    """Postal code; may be empty."""


@strawberry.type
class OrderLine:
    """One line of an order: what was ordered, at which price, and how much of it shipped."""

    sku: str
    """The SKU as ordered (kept if the variant changes later)."""
    name: str
    """The variant's name when ordered, in the viewer's language."""
    unit: UnitCode
    """The unit the line counts in, as the variant had it when ordered."""
    pack_size: int
    """Units in one pack, as when ordered."""
    quantity: int
    """Units ordered."""
    unit_price: Money
    """The price of one unit, fixed when the order was placed (or adjusted by staff)."""
    line_total: Money
    """Unit price times quantity."""
    price_source: LinePriceSource
    """Where the unit price came from."""
    shipped_quantity: int
    """Units shipped so far."""
    returned_quantity: int
    """Units asked back in return requests."""
    closed_quantity: int = strawberry.field(
        description="The unshipped rest that staff closed (orderBackorderClose): it will not ship."
    )
    variant_id: strawberry.Private[int | None]

    @strawberry.field(description="The catalog variant, while it still exists and is visible.")
    async def variant(self, info: Info) -> Variant | None:
        if self.variant_id is None:
            return None
        [node] = await Variant.resolve_nodes(info=info, node_ids=[str(self.variant_id)])
        return node


@strawberry.type(description="One entry of the order's timeline.")
class OrderEvent:
    kind: OrderEventKind
    """What happened."""
    from_status: OrderStatus | None
    """The order's status before; null for entries that are not moves of the status machine."""
    to_status: OrderStatus | None
    """The order's status after; null for entries that are not moves of the status machine."""
    actor_email: str
    """Who did it; empty for the system (webhooks, scheduled jobs)."""
    data: JSON
    """Details of the kind as a JSON object; amounts in it are Money objects `{amount, currency}`.
"""
    created_at: datetime
    """When it happened."""


@strawberry.type
class Order(relay.Node):
    """A placed order (订单): its lines, money, status, timeline, payments and shipments."""

    id: relay.NodeID[int]
    number: str
    """The order number people use, e.g. SO20261128-0001."""
    status: OrderStatus
    """Where the order stands in its life."""
    review_step: ReviewStep | None = strawberry.field(
        description="While pending review: the step (审核) the order waits for."
    )
    payment_status: OrderPaymentStatus
    """How much of the total has been paid."""
    fulfilment_status: FulfilmentStatus
    """How far the goods have gone."""
    payment_method: PaymentMethod
    """How the buyer pays, chosen when placing."""
    po_number: str = strawberry.field(description="The customer's purchase order number (PO 号).")
    requested_delivery_date: date | None
    """The day the buyer would like the goods; null when none was asked."""
    note: str
    """The buyer's note to the supplier; may be empty."""
    shipping_address: Address
    """Where the goods go, as it was when the order was placed."""
    subtotal: Money
    """The lines' total."""
    total: Money
    """The order's total as placed or last modified; `amountDue` is what is left to pay."""
    placed_by_staff: bool = strawberry.field(
        description="Placed by staff for the company (代客下单)."
    )
    created_at: datetime
    """When the order was placed."""
    row: strawberry.Private[db.Order]

    @classmethod
    def from_db(cls, info: Info, row: db.Order) -> Order:
        a = row.shipping_address or {}
        return cls(
            id=row.id,
            number=row.number,
            status=OrderStatus(row.status),
            review_step=ReviewStep(row.review_step) if row.review_step else None,
            payment_status=OrderPaymentStatus(row.payment_status),
            fulfilment_status=FulfilmentStatus(row.fulfilment_status),
            payment_method=PaymentMethod(row.payment_method),
            po_number=row.po_number,
            requested_delivery_date=row.requested_delivery_date,
            note=row.note,
            shipping_address=Address(
                recipient=a.get("recipient", ""),
                phone=a.get("phone", ""),
                region=a.get("region", ""),
                line=a.get("line", ""),
                postal_code=a.get("postalCode", ""),
            ),
            subtotal=money(info, row.subtotal),
            total=money(info, row.total),
            placed_by_staff=row.placed_by_staff,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field
    async def company(self, info: Info) -> Company | None:
        """The buyer's company; null if the viewer may not see it."""
        row = await info.context.loaders.company_by_id.load(self.row.company_id)
        return Company.from_db(row, info.context.settings.default_currency) if row else None

    @strawberry.field
    async def lines(self, info: Info) -> list[OrderLine]:
        """The lines, in the order they were added."""
        rows = await info.context.loaders.orders.lines.load(self.id)
        language = info.context.language
        return [
            OrderLine(
                sku=r.sku,
                name=pick_map(r.names, language),
                unit=UnitCode(r.unit),
                pack_size=r.pack_size,
                quantity=r.quantity,
                unit_price=money(info, r.unit_price),
                line_total=money(info, r.line_total),
                price_source=LinePriceSource(r.price_source),
                shipped_quantity=r.shipped_quantity,
                returned_quantity=r.returned_quantity,
                closed_quantity=r.closed_quantity,
                variant_id=r.variant_id,
            )
            for r in rows
        ]

    @strawberry.field(description="Shipments, oldest first.")
    async def shipments(self, info: Info) -> list[Shipment]:
        rows = await info.context.loaders.orders.shipments.load(self.id)
        return [Shipment.from_db(r) for r in rows]

    @strawberry.field(description="The invoice (发票), once the order is confirmed.")
    async def invoice(self, info: Info) -> Invoice | None:
        rows = await info.context.loaders.orders.invoices.load(self.id)
        return Invoice.from_db(info, rows[0]) if rows else None

    @strawberry.field(description="Payments and their refunds, oldest first.")
    async def payments(self, info: Info) -> list[Payment]:
        rows = await info.context.loaders.orders.payments.load(self.id)
        return [Payment.from_db(info, r) for r in rows]

    @strawberry.field(
        description="What is still to pay: total less received, plus refunded, less credited "
        "(credit notes); never below zero, and 0 once the order is cancelled."
    )
    async def amount_due(self, info: Info) -> Money:
        figures = await info.context.loaders.figures_by_order.load(self.row)
        return money(info, figures.due)

    @strawberry.field
    def bank_transfer(self, info: Info) -> BankTransferDetails | None:
        """Null unless the order is paid by bank transfer and the supplier's account is set."""
        settings = info.context.settings
        if self.row.payment_method != "bank_transfer" or not settings.bank_account_number:
            return None
        return BankTransferDetails(
            bank_name=settings.bank_name,
            account_name=settings.bank_account_name,
            account_number=settings.bank_account_number,
            reference=self.number,
        )

    @strawberry.field(description="The timeline, oldest first.")
    async def events(self, info: Info) -> list[OrderEvent]:
        rows = await info.context.loaders.orders.events.load(self.id)
        return [
            OrderEvent(
                kind=OrderEventKind(r.kind),
                from_status=OrderStatus(r.from_status) if r.from_status else None,
                to_status=OrderStatus(r.to_status) if r.to_status else None,
                actor_email=r.actor_email,
                data=money_in_data(info, r.data),
                created_at=r.created_at,
            )
            for r in rows
        ]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        principal = info.context.principal
        loader = info.context.loaders.orders.order_by_id
        rows = await loader.load_many([int(i) for i in node_ids])
        result = []
        for row in rows:
            if (
                row is not None
                and principal is not None
                and principal.can_see_company(row.company_id)
            ):
                result.append(cls.from_db(info, row))
            else:
                result.append(None)
        return result


@strawberry.type
class CartLine:
    """One line of the cart, priced for its quantity, with what would stop it being ordered."""

    quantity: int
    """Units in the cart."""
    unit_price: Money
    """Today's unit price for this quantity."""
    line_total: Money
    """Unit price times quantity."""
    price_changed: bool = strawberry.field(description="The price differs from when it was added.")
    quantity_available: int
    """Units that can be ordered now."""
    problems: list[UserError] = strawberry.field(
        description="Why this line cannot be ordered as it is (it still shows)."
    )
    variant: Variant
    """The variant in the cart."""


@dataclass
class CartContents:
    lines: list[CartLine]
    subtotal: Money
    can_place: bool


@strawberry.type
class Cart:
    """The buyer's server-side cart (购物车): lines with today's prices and their problems."""

    # Priced on first use: a payload whose selection leaves the cart out (or asks only for
    # its type) reads and prices nothing.
    contents: strawberry.Private[Callable[[], Awaitable[CartContents]]]

    @strawberry.field(description="The lines, oldest first.")
    async def lines(self) -> list[CartLine]:
        return (await self.contents()).lines

    @strawberry.field(description="The lines' total at today's prices.")
    async def subtotal(self) -> Money:
        return (await self.contents()).subtotal

    @strawberry.field(description="No line has a problem that blocks ordering.")
    async def can_place(self) -> bool:
        return (await self.contents()).can_place


@strawberry.type
class QuickAddProblem:
    """Why a line of a quick order was not added to the cart."""

    line: int = strawberry.field(description="Position of the entry in the list, from 1.")
    sku: str
    """The SKU as entered; empty when the entry had none."""
    code: ErrorCode
    """Why the entry was not added."""
    message: str
    """The reason in the caller's language."""

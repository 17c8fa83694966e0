"""What cart and order mutations take, and the orders list's filter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from schema.ordering.types import OrderStatus, PaymentMethodEnum


@strawberry.input
class OrderCancelInput:
    """Which order to cancel, and why."""

    id: strawberry.ID
    """The order's global id."""
    reason: str = ""
    """Shown on the order's timeline; staff must give one."""


@strawberry.input
class OrderLineInput:
    """A SKU and a quantity."""

    sku: str
    """The variant's SKU."""
    quantity: int
    """Units of it."""


@strawberry.input
class AddressInput:
    """A delivery address given with the order instead of one from the address book."""

    recipient: str
    """Who receives the delivery."""
    phone: str
    """The recipient's phone number."""
    region: str = strawberry.field(description="Province, city and district.")
    line: str
    """Street, building and room."""
    postal_code: str = ""
    """Optional."""


@strawberry.input(one_of=True)
class ShipToInput:
    """Where the order goes: exactly one of an address of the company's book or a new one."""

    address_id: strawberry.ID | None = strawberry.UNSET
    """An address of the company's address book."""
    address: AddressInput | None = strawberry.UNSET
    """An address given for this order only."""


@strawberry.input
class OrderPlaceInput:
    """Everything an order needs besides the cart's lines: address, payment method, PO
    number, dates, note."""

    payment_method: PaymentMethodEnum
    """How the company pays for the order."""
    ship_to: ShipToInput
    """Where the order goes."""
    po_number: str = ""
    """The buyer's purchase order number (采购单号), shown on the order and invoice."""
    requested_delivery_date: date | None = None
    """The day the buyer would like the delivery; null for no wish."""
    note: str = ""
    """A note for the supplier."""
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the same order."
    )


@strawberry.input
class OrderPlaceForCompanyInput(OrderPlaceInput):
    """An order staff place for a company (代客下单): its lines and everything else an order
    needs."""

    company_id: strawberry.ID
    """The company the order is for; its prices apply."""
    lines: list[OrderLineInput]
    """The order's lines by SKU."""


@strawberry.input
class OrderModifyInput:
    """Which order to change, and the lines to change by SKU."""

    id: strawberry.ID
    """The order's global id."""
    lines: list[OrderLineInput]
    """New quantities by SKU: 0 removes a line, a SKU not on the order adds one."""


@strawberry.input
class OrderLineAdjustInput:
    """A staff change of one order line: its quantity, its unit price or both."""

    id: strawberry.ID
    """The order's global id."""
    sku: str
    """The line's SKU."""
    reason: str
    """Why, for the order's timeline and the audit log."""
    quantity: int | None = None
    """The new quantity; null keeps it."""
    unit_price: Decimal | None = None
    """The new unit price; null keeps it."""


@strawberry.input
class OrderApproveInput:
    """Which order the company's approver passes on."""

    id: strawberry.ID
    """The order's global id."""
    comment: str = ""
    """Shown on the order's timeline."""


@strawberry.input
class OrderApprovalRejectInput:
    """Which order the company's approver turns down, and why."""

    id: strawberry.ID
    """The order's global id."""
    comment: str
    """Why, shown on the order's timeline."""


@strawberry.input
class OrderReviewPassInput:
    """Which order passes the review step it waits for."""

    id: strawberry.ID
    """The order's global id."""


@strawberry.input
class OrderReviewRejectInput:
    """Which order is rejected at its review step, and why."""

    id: strawberry.ID
    """The order's global id."""
    reason: str
    """Why, shown on the order's timeline."""


@strawberry.input
class OrderFilter:
    """What a list of orders is narrowed to."""

    status: list[OrderStatus] | None = None
    """Orders in one of these statuses."""
    date_from: date | None = None
    """Placed on or after this day."""
    date_to: date | None = None
    """Placed on or before this day."""
    number: str | None = None
    """Part of the order number."""
    po_number: str | None = None
    """Part of the buyer's PO number."""
    sku: str | None = None
    """Orders with a line of this exact SKU."""
    company_id: strawberry.ID | None = strawberry.field(default=None, description="Staff only.")
    sales_rep_id: strawberry.ID | None = strawberry.field(
        default=None, description="Staff only: orders of the companies this rep looks after."
    )


@strawberry.input
class CartLineSetInput:
    """A variant and its new quantity in the cart."""

    variant_id: strawberry.ID
    """The variant's global id."""
    quantity: int
    """Units in the cart from now on; 0 removes the line."""


@strawberry.input(description="A variant and its new quantity in the cart (0 removes it).")
class CartLineInput:
    variant_id: strawberry.ID
    """The variant's global id."""
    quantity: int
    """Units in the cart from now on; 0 removes the line."""


@strawberry.input(description="The cart lines to set, all at once.")
class CartLinesSetInput:
    lines: list[CartLineInput]
    """The lines to set; lines of the cart not named here stay as they are."""


@strawberry.input
class QuickOrderLineInput:
    """A SKU and a quantity, as pasted from a spreadsheet."""

    sku: str
    """The SKU as typed."""
    quantity: str = strawberry.field(description="As typed or pasted; checked on the server.")


@strawberry.input(one_of=True)
class CartQuickAddInput:
    """A quick order (快速下单): exactly one of a list of SKU and quantity pairs or pasted
    text."""

    lines: list[QuickOrderLineInput] | None = strawberry.UNSET
    """SKU and quantity pairs."""
    text: str | None = strawberry.UNSET
    """One pair a line, SKU and quantity separated by a tab, comma or spaces."""


@strawberry.input
class CartReorderInput:
    """Which past order to copy into the cart."""

    order_id: strawberry.ID
    """The order's global id."""

"""Closed sets of an order's life: its statuses, its money and delivery states, its events."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="Where an order stands; the transition table is in the README.")
class OrderStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    """Waits for the buyer company's approver (over the approval threshold, or by policy)."""
    PENDING_REVIEW = "pending_review"
    """Waits for the supplier's review (审核); `Order.reviewStep` says which step."""
    CONFIRMED = "confirmed"
    """Accepted by the supplier: stock is held and the invoice is issued."""
    PROCESSING = "processing"
    """Older orders only: being prepared. New orders go from confirmed to shipped."""
    PARTIALLY_SHIPPED = "partially_shipped"
    """Some lines or units have shipped, the rest is still to ship."""
    SHIPPED = "shipped"
    """Everything that will ship has shipped."""
    DELIVERED = "delivered"
    """Every shipment arrived (signed for by the buyer or reported by the carrier)."""
    COMPLETED = "completed"
    """Delivered and nothing left to pay: the order is closed."""
    CANCELLED = "cancelled"
    """Cancelled by the buyer or staff before shipping; held stock was released."""
    REJECTED = "rejected"
    """Refused by the company's approver or by the supplier's review."""


@strawberry.enum(description="审核 steps: the supplier's review an order passes, in order.")
class ReviewStep(StrEnum):
    ORDER = "order"
    """Sales checks the order itself: lines, prices, delivery."""
    FINANCE = "finance"
    """Finance checks payment terms and credit."""
    OUTBOUND = "outbound"
    """The warehouse confirms it can ship."""


@strawberry.enum(description="How the buyer pays for an order.")
class PaymentMethod(StrEnum):
    CARD = "card"
    """By card through Stripe, before the order ships."""
    BANK_TRANSFER = "bank_transfer"
    """By bank transfer (对公转账) to the supplier's account; see `Order.bankTransfer`."""
    CREDIT_TERMS = "credit_terms"
    """On account (账期): invoiced, paid within the company's payment terms."""


@strawberry.enum(description="Where the unit price of an order line came from.")
class LinePriceSource(StrEnum):
    CONTRACT = "CONTRACT"
    """The company's contract price (协议价) when the line was priced."""
    TIER = "TIER"
    """The price list of the company's tier."""
    BASE = "BASE"
    """The catalog's base price."""
    STAFF = "STAFF"
    """Set by staff on the order (`orderLineAdjust`); kept when the buyer changes the order."""
    REPLACE = "REPLACE"
    """A free replacement line of a return (price 0)."""


@strawberry.enum(description="How much of an order's total has been paid, derived from payments.")
class OrderPaymentStatus(StrEnum):
    UNPAID = "unpaid"
    """Nothing received yet (or the order ended before anything was paid)."""
    PARTIALLY_PAID = "partially_paid"
    """Part of the total received; `Order.amountDue` is the rest."""
    PAID = "paid"
    """The total received in full."""
    PARTIALLY_REFUNDED = "partially_refunded"
    """Paid, then part of it paid back."""
    REFUNDED = "refunded"
    """Everything received was paid back."""


@strawberry.enum(description="How far an order's goods have gone, derived from its shipments.")
class FulfilmentStatus(StrEnum):
    UNFULFILLED = "unfulfilled"
    """Nothing shipped yet."""
    PARTIALLY_SHIPPED = "partially_shipped"
    """Some units shipped, more are to ship."""
    SHIPPED = "shipped"
    """Everything that will ship has shipped."""
    DELIVERED = "delivered"
    """Every shipment arrived."""


@strawberry.enum(description="What an entry of an order's timeline records.")
class OrderEventKind(StrEnum):
    PLACED = "placed"
    """The buyer placed the order."""
    PLACED_ON_BEHALF = "placed_on_behalf"
    """Staff placed the order for the company (代客下单)."""
    MODIFIED = "modified"
    """The buyer changed lines; `data` holds the quantities before and after and the total."""
    LINE_ADJUSTED = "line_adjusted"
    """Staff changed one line's quantity or price; `data` holds before, after and the reason."""
    APPROVE = "approve"
    """The company's approver approved the order."""
    REJECT_APPROVAL = "reject_approval"
    """The company's approver rejected the order."""
    CANCEL = "cancel"
    """The buyer or staff cancelled the order."""
    PASS_REVIEW = "pass_review"
    """A review step passed; `data.reviewStep` names it."""
    REJECT_REVIEW = "reject_review"
    """The supplier's review rejected the order."""
    REQUIRE_APPROVAL = "require_approval"
    """A change sent the order back to the company's approver."""
    RESTART_REVIEW = "restart_review"
    """A change after a passed review step: the review starts again."""
    SHIP_PART = "ship_part"
    """A shipment left with part of what is to ship."""
    SHIP_ALL = "ship_all"
    """A shipment left with the rest of what is to ship."""
    CLOSE_BACKORDER = "close_backorder"
    """Staff closed the unshipped rest; it will not ship."""
    DELIVER = "deliver"
    """Every shipment arrived."""
    COMPLETE = "complete"
    """Delivered and paid: the order closed."""
    PAYMENT_STATUS = "payment_status"
    """The payment status changed; `data` holds the old and new status."""
    REPLACEMENT = "replacement"
    """A return was resolved with replacement goods sent with this order."""


@strawberry.enum(description="What happened to an order, as subscribers of `orderUpdates` hear it.")
class OrderUpdateKind(StrEnum):
    PLACED = "placed"
    """The buyer placed the order."""
    PLACED_ON_BEHALF = "placed_on_behalf"
    """Staff placed the order for the company (代客下单), or a return's replacement order."""
    MODIFIED = "modified"
    """The buyer changed lines."""
    LINE_ADJUSTED = "line_adjusted"
    """Staff changed one line's quantity or price."""
    APPROVE = "approve"
    """The company's approver approved the order."""
    REJECT_APPROVAL = "reject_approval"
    """The company's approver rejected the order."""
    CANCEL = "cancel"
    """The buyer or staff cancelled the order."""
    PASS_REVIEW = "pass_review"
    """A review step passed."""
    REJECT_REVIEW = "reject_review"
    """The supplier's review rejected the order."""
    REQUIRE_APPROVAL = "require_approval"
    """A change sent the order back to the company's approver."""
    RESTART_REVIEW = "restart_review"
    """A change after a passed review step: the review starts again."""
    SHIP_PART = "ship_part"
    """The order moved to partially shipped."""
    SHIP_ALL = "ship_all"
    """The order moved to shipped."""
    CLOSE_BACKORDER = "close_backorder"
    """Staff closed the unshipped rest; it will not ship."""
    DELIVER = "deliver"
    """The order moved to delivered."""
    COMPLETE = "complete"
    """Delivered and paid: the order closed."""
    SHIPPED = "shipped"
    """A shipment was created and left the warehouse."""
    TRACKING = "tracking"
    """A shipment has a new tracking event (from the carrier or staff)."""
    DELIVERED = "delivered"
    """A shipment arrived (signed for, or reported delivered by the carrier)."""
    PAYMENT_PROCESSING = "payment_processing"
    """A card payment is being processed."""
    PAYMENT_SUCCEEDED = "payment_succeeded"
    """A payment was received (card, bank transfer or prepaid balance)."""
    PAYMENT_FAILED = "payment_failed"
    """A card payment failed; the buyer may try again."""
    PAYMENT_CANCELED = "payment_canceled"
    """A card payment was canceled."""
    PAYMENT_FLAGGED = "payment_flagged"
    """A Stripe event did not match the payment (amount, currency, or a dispute): the payment
    is flagged for staff and the order not marked paid."""
    REFUND = "refund"
    """Money was paid back on a payment."""
    OWE_ALL = "owe_all"
    """The order's payment status became `UNPAID`: nothing of its total is paid."""
    OWE_PART = "owe_part"
    """The order's payment status became `PARTIALLY_PAID`: its total grew after a payment, or
    part of it was paid."""
    PAY_ALL = "pay_all"
    """The order's payment status became `PAID`: nothing is left to pay."""
    REFUND_PART = "refund_part"
    """The order's payment status became `PARTIALLY_REFUNDED`."""
    REFUND_ALL = "refund_all"
    """The order's payment status became `REFUNDED`."""
    WRITE_OFF = "write_off"
    """Finance wrote off part of what the order owes."""

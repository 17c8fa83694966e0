"""Invoices (发票) are issued when an order is confirmed, due after the company's terms;
credit notes are written for refunds. Both are numbered per year without gaps."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from db.accounts import Company
from db.invoices import CreditNote, DocumentCounter, Invoice
from db.orders import Order
from domain.payments.states import SETTLED
from domain.shared.counters import next_value
from domain.shared.machine import Machine, Row, move
from domain.shared.row_reads import row_where


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    VOID = "void"  # the order ended: the invoice asks for nothing


OPEN, PAID, VOID = tuple(InvoiceStatus)
MACHINE = Machine(
    "invoice",
    InvoiceStatus,
    {
        (OPEN, "pay"): PAID,
        (PAID, "reopen"): OPEN,  # the total grew, or money went back without a credit note
        (OPEN, "void"): VOID,
        (PAID, "void"): VOID,
    },
)


async def _number(prefix: str, year: int, width: int = 6) -> str:
    value = await next_value(DocumentCounter, "key", f"{prefix}-{year}")
    return f"{prefix}-{year}-{value:0{width}d}"


async def issue(order: Order, on: date) -> Invoice:
    """Call inside the transaction that confirms the order."""
    existing = await Invoice.get_or_none(order_id=order.id)
    if existing:
        return existing
    company = await Company.get(id=order.company_id)
    return await Invoice.create(
        number=await _number("INV", on.year),
        order_id=order.id,
        company_id=order.company_id,
        issued_on=on,
        due_on=on + timedelta(days=company.payment_terms_days or 0),
        amount=order.total,
        currency=order.currency,
        status=(PAID if order.payment_status in SETTLED else OPEN).value,
    )


async def void(order: Order) -> None:
    """A cancelled order's invoice no longer asks for money."""
    await move_to(order.id, VOID)


async def move_to(order_id: int, to: InvoiceStatus) -> Invoice | None:
    """Move the order's invoice (if it has one) to `to` through the table: settle derives the
    target from the order's money. An illegal move (a void invoice asking again) refuses.
    Returns the invoice as it was read (before the move), or None."""
    invoice = await row_where(Invoice, "order_id", order_id)
    if invoice is None or invoice.status == to:
        return invoice
    action = MACHINE.action_to(invoice.status, to)
    await move(MACHINE, Row(Invoice, invoice.id), invoice.status, action)
    return invoice


async def credit_note(
    company_id: int, order_id: int | None, refund_id: int | None, amount: int, reason: str, on
) -> CreditNote:
    return await CreditNote.create(
        number=await _number("CN", on.year),
        company_id=company_id,
        order_id=order_id,
        refund_id=refund_id,
        issued_on=on,
        amount=amount,
        reason=reason,
    )


def overdue(invoice: Invoice, today: date) -> bool:
    return invoice.status == OPEN and invoice.due_on < today

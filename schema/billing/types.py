"""Invoices, statements and receivables as buyers and staff read them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from db import invoices as db
from domain.billing import invoices as invoicing
from domain.billing.ledger import Entry
from domain.shared import clock
from schema.billing.enums import InvoiceStatus, LedgerEntryKind, TransactionKind
from schema.shared import links
from schema.shared.document_links import LINK_DESCRIPTION, document_url
from schema.shared.info import Info
from schema.shared.money import Money, money

if TYPE_CHECKING:
    from schema.accounts.types import Company
    from schema.ordering.types import Order


@strawberry.type(description="发票: issued when an order is confirmed.")
class Invoice(relay.Node):
    id: relay.NodeID[int]
    number: str
    """The invoice number, e.g. INV-2026-000123."""
    issued_on: date
    """The business day it was issued (the order was confirmed)."""
    due_on: date
    """The day payment is due: the issue day plus the company's payment terms."""
    amount: Money
    """The amount invoiced: the order's total."""
    status: InvoiceStatus
    """Where the invoice stands; overdue is computed from `dueOn` on each read."""
    pdf_url: str = strawberry.field(description=LINK_DESCRIPTION)
    order_id: strawberry.Private[int]
    company_id: strawberry.Private[int]

    @classmethod
    def from_db(cls, info: Info, row: db.Invoice) -> Invoice:
        overdue = invoicing.overdue(row, clock.today())
        status = InvoiceStatus.OVERDUE if overdue else InvoiceStatus(row.status)
        return cls(
            id=row.id,
            number=row.number,
            issued_on=row.issued_on,
            due_on=row.due_on,
            amount=money(info, row.amount),
            status=status,
            pdf_url=document_url(info, f"/documents/invoices/{row.number}.pdf"),
            order_id=row.order_id,
            company_id=row.company_id,
        )

    @strawberry.field(description="The order this invoice bills.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")]:  # noqa: UP037
        return await links.order(info, self.order_id)

    @strawberry.field(description="Credit notes that lowered what the order charges, oldest first.")
    async def credit_notes(self, info: Info) -> list[CreditNote]:
        rows = await info.context.loaders.credit_notes_by_order.load(self.order_id)
        return [CreditNote.from_db(info, r) for r in rows]

    @strawberry.field(description="The company billed.")
    async def company(
        self, info: Info
    ) -> Annotated["Company", strawberry.lazy("schema.accounts.types")]:  # noqa: UP037
        return await links.company(info, self.company_id)


@strawberry.type(
    description="红字/贷项通知单: lowers what an order charges (written for a refund that lowered "
    "the price, or a return settled without card)."
)
class CreditNote(relay.Node):
    id: relay.NodeID[int]
    number: str
    """The credit note's number."""
    issued_on: date
    """The business day it was issued."""
    amount: Money
    """The amount credited."""
    reason: str
    """Why it was issued, as staff wrote it."""
    order_id: strawberry.Private[int | None]

    @classmethod
    def from_db(cls, info: Info, row: db.CreditNote) -> CreditNote:
        return cls(
            id=row.id,
            number=row.number,
            issued_on=row.issued_on,
            amount=money(info, row.amount),
            reason=row.reason,
            order_id=row.order_id,
        )

    @strawberry.field(description="The order it credits; null if that order was deleted.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")] | None:  # noqa: UP037
        return await links.optional_order(info, self.order_id)


@strawberry.type
class LedgerEntry:
    """One line of a company's account statement (对账单): a debit or a credit and the balance
    after it."""

    date: date
    """The business day of the entry."""
    kind: LedgerEntryKind
    """What the entry records."""
    reference: str
    """The number of the invoice, credit note or order, or the payment's reference."""
    debit: Money | None
    """What the entry adds to what the company owes; null for a credit."""
    credit: Money | None
    """What the entry takes off what the company owes; null for a debit."""
    balance: Money
    """What the company owes after this entry (negative: the supplier owes the company)."""

    @classmethod
    def from_entry(cls, info: Info, e: Entry) -> LedgerEntry:
        return cls(
            date=e.on,
            kind=LedgerEntryKind(e.kind),
            reference=e.reference,
            debit=money(info, e.debit) if e.debit else None,
            credit=money(info, e.credit) if e.credit else None,
            balance=money(info, e.balance),
        )


@strawberry.type(description="对账单: opening balance, entries and closing balance.")
class Statement:
    start: date
    """First day of the statement, inclusive."""
    end: date
    """Last day of the statement, inclusive."""
    opening_balance: Money
    """What the company owed at the start of `start`."""
    entries: list[LedgerEntry]
    """The entries of the period, oldest first."""
    closing_balance: Money
    """What the company owed at the end of `end`: the opening balance plus the entries."""
    pdf_url: str = strawberry.field(description=LINK_DESCRIPTION)


@strawberry.type(description="Receivables of one company by days past due.")
class AgingRow:
    company_id: strawberry.ID
    """The company's global id."""
    company_name: str
    """The company's name."""
    current: Money
    """Still due on open invoices that are not yet due."""
    days_1_to_30: Money
    """Still due on open invoices 1 to 30 days past due."""
    days_31_to_60: Money
    """Still due on open invoices 31 to 60 days past due."""
    days_61_to_90: Money
    """Still due on open invoices 61 to 90 days past due."""
    over_90: Money
    """Still due on open invoices more than 90 days past due."""
    total: Money
    """Still due on all open invoices of the company."""


@strawberry.type
class Transaction:
    """One movement of money in a company's history: an invoice, payment, refund, credit note
    or top-up."""

    date: date
    """The business day it happened, in the supplier's timezone."""
    kind: TransactionKind
    """What the transaction is."""
    reference: str
    """The number of the order, invoice, credit note, or the payment's reference."""
    amount: Money
    """Always positive: the order total, the invoice amount, or the money that moved."""

"""Invoices, statements and receivables as buyers and staff read them."""

from __future__ import annotations

from datetime import date

import strawberry

from db import invoices as db
from domain.billing import invoices as invoicing
from domain.billing.ledger import Entry
from domain.shared import clock
from schema.shared.info import Info
from schema.shared.links import LINK_DESCRIPTION, document_url
from schema.shared.money import Money, money


@strawberry.type(description="发票: issued when an order is confirmed.")
class Invoice:
    id: strawberry.ID
    number: str
    issued_on: date
    due_on: date
    amount: Money
    status: str = strawberry.field(description="open, paid, overdue or void")
    pdf_url: str = strawberry.field(description=LINK_DESCRIPTION)
    order_id: strawberry.Private[int]

    @classmethod
    def from_db(cls, info: Info, row: db.Invoice) -> Invoice:
        status = "overdue" if invoicing.overdue(row, clock.today()) else row.status
        return cls(
            id=strawberry.ID(str(row.id)),
            number=row.number,
            issued_on=row.issued_on,
            due_on=row.due_on,
            amount=money(info, row.amount),
            status=status,
            pdf_url=document_url(info, f"/documents/invoices/{row.number}.pdf"),
            order_id=row.order_id,
        )


@strawberry.type
class CreditNote:
    number: str
    issued_on: date
    amount: Money
    reason: str


@strawberry.type
class LedgerEntry:
    """One line of a company's account statement (对账单): a debit or a credit and the balance
    after it."""

    date: date
    kind: str = strawberry.field(description="invoice, payment, credit_note or refund")
    reference: str
    debit: Money | None
    credit: Money | None
    balance: Money

    @classmethod
    def from_entry(cls, info: Info, e: Entry) -> LedgerEntry:
        return cls(
            date=e.on,
            kind=e.kind,
            reference=e.reference,
            debit=money(info, e.debit) if e.debit else None,
            credit=money(info, e.credit) if e.credit else None,
            balance=money(info, e.balance),
        )


@strawberry.type(description="对账单: opening balance, entries and closing balance.")
class Statement:
    start: date
    end: date
    opening_balance: Money
    entries: list[LedgerEntry]
    closing_balance: Money
    pdf_url: str = strawberry.field(description=LINK_DESCRIPTION)


@strawberry.type(description="Receivables of one company by days past due.")
class AgingRow:
    company_id: strawberry.ID
    company_name: str
    current: Money
    days_1_to_30: Money
    days_31_to_60: Money
    days_61_to_90: Money
    over_90: Money
    total: Money

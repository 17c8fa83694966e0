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
from schema.shared import links
from schema.shared.info import Info
from schema.shared.money import Money, money

if TYPE_CHECKING:
    from schema.accounts.types import Company
    from schema.ordering.types import Order


@strawberry.type(description="发票: issued when an order is confirmed.")
class Invoice(relay.Node):
    id: relay.NodeID[int]
    number: str
    issued_on: date
    due_on: date
    amount: Money
    status: str = strawberry.field(description="open, paid, overdue or void")
    pdf_url: str = strawberry.field(description="GET with the same Authorization header.")
    order_id: strawberry.Private[int]
    company_id: strawberry.Private[int]

    @classmethod
    def from_db(cls, info: Info, row: db.Invoice) -> Invoice:
        status = "overdue" if invoicing.overdue(row, clock.today()) else row.status
        return cls(
            id=row.id,
            number=row.number,
            issued_on=row.issued_on,
            due_on=row.due_on,
            amount=money(info, row.amount),
            status=status,
            pdf_url=f"/documents/invoices/{row.number}.pdf",
            order_id=row.order_id,
            company_id=row.company_id,
        )

    @strawberry.field(description="The order this invoice bills.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")]:  # noqa: UP037
        return await links.order(info, self.order_id)

    @strawberry.field(description="The company billed.")
    async def company(
        self, info: Info
    ) -> Annotated["Company", strawberry.lazy("schema.accounts.types")]:  # noqa: UP037
        return await links.company(info, self.company_id)


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
    pdf_url: str


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

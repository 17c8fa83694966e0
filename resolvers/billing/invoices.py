"""Invoices, statements (对账单), receivables aging and a company's history."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay

from db.accounts import Company as CompanyRow
from db.invoices import Invoice as InvoiceRow
from db.orders import Order as OrderRow
from domain.accounts.permissions import Perm
from domain.billing import ledger
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate, paginate_list
from resolvers.core.permissions import requires
from schema.billing.enums import TransactionKind
from schema.billing.types import AgingRow, Invoice, LedgerEntry, Statement, Transaction
from schema.shared.connection import Connection
from schema.shared.document_links import document_url
from schema.shared.money import money


def company_for(info: Info, company_id: strawberry.ID | None) -> int:
    """Buyers: their own company (naming another is FORBIDDEN, as for salesReport rather
    than silently answering with their own). Staff: the company they name."""
    principal = info.context.actor
    if company_id is None:
        if not principal.is_staff:
            return principal.own_company_id
        raise refusal(info, ErrorCode.REQUIRED)
    try:
        named = ids.decode(company_id, "Company", "companyId")
    except DomainError as exc:
        raise refusal(info, exc.code, **exc.params) from exc
    if not principal.is_staff and not principal.can_see_company(named):
        raise refusal(info, ErrorCode.FORBIDDEN)
    return named


@strawberry.type
class InvoiceQuery:
    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def invoices(
        self,
        info: Info,
        company_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Staff: one company's invoices. Buyers: ignored (their own)."
            ),
        ] = None,
        open_only: Annotated[
            bool, strawberry.argument(description="Only invoices not yet paid in full.")
        ] = False,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Invoice]:
        """Newest first; buyers see their company's, staff any company's (or all)."""
        qs = InvoiceRow.all()
        if not info.context.actor.is_staff or company_id is not None:
            qs = qs.filter(company_id=company_for(info, company_id))
        if open_only:
            qs = qs.filter(status="open")
        try:
            return await paginate(
                qs, Page(first, after, last, before), lambda r: Invoice.from_db(info, r)
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def statement(
        self,
        info: Info,
        start: Annotated[
            date, strawberry.argument(description="First business day of the period.")
        ],
        end: Annotated[
            date,
            strawberry.argument(description="Last business day of the period."),
        ],
        company_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Staff: the company. Buyers: their own (or omit it)."),
        ] = None,
    ) -> Statement:
        """对账单 for a period: the same figures as its PDF."""
        cid = company_for(info, company_id)
        if end < start:
            raise refusal(info, ErrorCode.INVALID)
        result = await ledger.statement(cid, start, end)
        gid = relay.to_base64("Company", cid)
        return Statement(
            start=start,
            end=end,
            opening_balance=money(info, result.opening),
            entries=[LedgerEntry.from_entry(info, e) for e in result.entries],
            closing_balance=money(info, result.closing),
            pdf_url=document_url(
                info, "/documents/statements.pdf", company=gid, start=start, end=end
            ),
        )

    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def company_transactions(
        self,
        info: Info,
        company_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Staff: the company. Buyers: their own (or omit it)."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Transaction]:
        """Orders, invoices, payments, credit notes and refunds in one list, newest first."""
        cid = company_for(info, company_id)
        rows = [
            Transaction(
                date=e.on,
                kind=TransactionKind(e.kind),
                reference=e.reference,
                amount=money(info, e.debit or e.credit),
            )
            for e in await ledger.entries(cid)
        ]
        for order in await OrderRow.filter(company_id=cid):
            rows.append(
                Transaction(
                    date=clock.local_date(order.created_at),
                    kind=TransactionKind.ORDER,
                    reference=order.number,
                    amount=money(info, order.total),
                )
            )
        rows.sort(key=lambda t: (t.date, t.kind != TransactionKind.ORDER), reverse=True)
        return paginate_list(rows, Page(first, after, last, before))

    @strawberry.field(extensions=requires(Perm.PAYMENTS_MANAGE))
    async def receivables_aging(self, info: Info) -> list[AgingRow]:
        """Open invoices' unpaid amounts per company by days past due (finance)."""
        report = await ledger.aging(clock.today())
        names = dict(await CompanyRow.filter(id__in=list(report)).values_list("id", "name"))
        return [
            AgingRow(
                company_id=strawberry.ID(relay.to_base64("Company", cid)),
                company_name=names.get(cid, ""),
                current=money(info, row["current"]),
                days_1_to_30=money(info, row["1-30"]),
                days_31_to_60=money(info, row["31-60"]),
                days_61_to_90=money(info, row["61-90"]),
                over_90=money(info, row["90+"]),
                total=money(info, sum(row.values())),
            )
            for cid, row in sorted(report.items())
        ]

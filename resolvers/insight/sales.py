"""Sales reports: staff (admin, sales, finance) for any or all companies, buyers for their own."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay

from domain.accounts.permissions import Perm
from domain.insight.access import check_analyst, report_company
from domain.insight.customers import lapsed_customers
from domain.insight.sales import SalesQuery, period, sales_report
from domain.shared import clock
from domain.shared.errors import DomainError
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.permissions import authenticated
from schema.insight.customers import LapsedCustomer
from schema.insight.sales import SalesDimension, SalesGrain, SalesReportResult


def sales_query(
    principal,
    language: str,
    start: date | None,
    end: date | None,
    by: str,
    grain: str,
    company: str | None,
    limit: int | None,
) -> SalesQuery:
    """The report a caller may see; a DomainError when they may not or ask nonsense."""
    company_id = ids.decode(company, "Company", "companyId") if company is not None else None
    company_id = report_company(principal, company_id)
    start, end = period(start, end)
    # Cost prices: never to buyers, and among staff only to the roles that price and account.
    margins = principal.has(Perm.COSTS_READ)
    return SalesQuery(start, end, by, grain, company_id, language, limit, margins)


@strawberry.type
class InsightQuery:
    @strawberry.field(extensions=authenticated())
    async def sales_report(
        self,
        info: Info,
        start: Annotated[
            date | None,
            strawberry.argument(
                description="First business day; 30 days before `end` when omitted."
            ),
        ] = None,
        end: Annotated[
            date | None, strawberry.argument(description="Last business day; today when omitted.")
        ] = None,
        by: Annotated[
            SalesDimension,
            strawberry.argument(description="What the rows are: periods, products, companies…"),
        ] = SalesDimension.PERIOD,
        grain: Annotated[
            SalesGrain, strawberry.argument(description="Length of a period when rows are periods.")
        ] = SalesGrain.DAY,
        company_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Staff: one company. Buyers: their own (or omit it)."),
        ] = None,
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many rows, largest revenue first."),
        ] = None,
    ) -> SalesReportResult:
        """销售分析. Without dates: the last 30 business days. Buyers see their own company."""
        ctx = info.context
        try:
            query = sales_query(
                ctx.principal, ctx.language, start, end, by.value, grain.value, company_id, limit
            )
            report = await sales_report(query)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        gid = relay.to_base64("Company", query.company_id) if query.company_id else None
        return SalesReportResult.of(info, report, gid)

    @strawberry.field(extensions=authenticated())
    async def lapsed_customers(self, info: Info) -> list[LapsedCustomer]:
        """流失预警: companies that ordered regularly over the last year and are now past
        their usual interval. Admin, sales and finance staff."""
        try:
            check_analyst(info.context.actor)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        return [LapsedCustomer.of(c) for c in await lapsed_customers(clock.today())]

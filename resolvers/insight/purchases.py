"""A company's own purchases: buyers who may read orders see their company's; admin, sales
and finance staff name the company."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.insight.access import report_company
from domain.insight.purchases import analysis, cadences, suggestions
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate_list
from resolvers.core.permissions import authenticated
from schema.insight.purchases import PurchaseAnalysisResult, ReorderCadence
from schema.shared.connection import Connection


def _company(info: Info, company: strawberry.ID | None) -> int:
    company_id = ids.decode(company, "Company", "companyId") if company is not None else None
    found = report_company(info.context.actor, company_id)
    if found is None:
        raise DomainError(ErrorCode.REQUIRED, "companyId")
    return found


CompanyArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="Staff: the company. Buyers: their own (or omit it)."),
]


@strawberry.type
class PurchasesQuery:
    @strawberry.field(extensions=authenticated())
    async def purchase_analysis(
        self, info: Info, company_id: CompanyArg = None
    ) -> PurchaseAnalysisResult:
        """采购分析: spend by month and category and the top SKUs over the last twelve
        months, of the caller's company only (staff: the company named)."""
        try:
            found = await analysis(_company(info, company_id), clock.today(), info.context.language)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        return PurchaseAnalysisResult.of(info, found)

    @strawberry.field(extensions=authenticated())
    async def reorder_cadences(
        self,
        info: Info,
        company_id: CompanyArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReorderCadence]:
        """The usual reorder interval of every SKU the company ordered in the last year,
        soonest due first. The caller's company only (staff: the company named)."""
        try:
            rows = await cadences(_company(info, company_id), clock.today(), info.context.language)
            page = Page(first, after, last, before)
            return paginate_list([ReorderCadence.of(c) for c in rows], page)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

    @strawberry.field(extensions=authenticated())
    async def reorder_suggestions(
        self, info: Info, company_id: CompanyArg = None
    ) -> list[ReorderCadence]:
        """智能补货: SKUs the company usually orders that are due within a week (or overdue)
        and can be ordered, with a quantity valid for each; `cartLinesSet` takes them as they
        are. The caller's company only (staff: the company named)."""
        try:
            company = _company(info, company_id)
            rows = await suggestions(company, clock.today(), info.context.language)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        return [ReorderCadence.of(c) for c in rows]

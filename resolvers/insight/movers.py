"""Slow movers and category gaps for admin, sales and finance staff."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from domain.insight.access import check_analyst
from domain.insight.movers import category_gaps, on_sale_count, slow_movers
from domain.insight.sales import period
from domain.shared.errors import DomainError
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.pagination import (
    After,
    Before,
    First,
    Last,
    Page,
    paginate_list,
    paginate_ranked,
)
from resolvers.core.permissions import authenticated
from schema.insight.movers import CategoryGap, SlowMover
from schema.shared.connection import Connection

Start = Annotated[date | None, strawberry.argument(description="First business day.")]
End = Annotated[date | None, strawberry.argument(description="Last business day (today).")]
Share = Annotated[
    float, strawberry.argument(description="Share of the category's other products bought.")
]


@strawberry.type
class MoversQuery:
    @strawberry.field(extensions=authenticated())
    async def slow_movers(
        self,
        info: Info,
        start: Start = None,
        end: End = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[SlowMover]:
        """滞销品: SKUs on sale by units sold in the period, fewest (none) first, over all
        companies. Without dates: the last 90 business days. Admin, sales and finance staff."""
        ctx = info.context
        try:
            check_analyst(ctx.actor)
            low, high = period(start, end, days=90)

            async def fetch(offset: int, limit: int) -> list[SlowMover]:
                rows = await slow_movers(low, high, offset, limit, ctx.language)
                return [SlowMover.of(info, m) for m in rows]

            return await paginate_ranked(
                fetch, await on_sale_count(), Page(first, after, last, before)
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

    @strawberry.field(extensions=authenticated())
    async def category_gaps(
        self,
        info: Info,
        min_share: Share = 1.0,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CategoryGap]:
        """品类缺口: products a company has never ordered although it has ordered at least
        `minShare` (1: all) of the other products of their category (3 products or more),
        most of the category bought first. Admin, sales and finance staff."""
        ctx = info.context
        try:
            check_analyst(ctx.actor)
            gaps = await category_gaps(min_share, ctx.language)
            page = Page(first, after, last, before)
            return paginate_list([CategoryGap.of(g) for g in gaps], page)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

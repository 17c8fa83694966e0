"""Forecasts and replenishment for the supplier's staff; read from what `dinghuo forecast`
stored, never computed inside a request."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.insight.access import check_staff
from domain.insight.forecast import stored
from domain.insight.replenishment import suggestions
from domain.shared.errors import DomainError
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.permissions import authenticated
from schema.insight.forecasts import DemandForecast, ReplenishmentSuggestion


@strawberry.type
class ForecastQuery:
    @strawberry.field(extensions=authenticated())
    async def demand_forecasts(
        self,
        info: Info,
        skus: Annotated[
            list[str] | None,
            strawberry.argument(description="Only these SKUs; all forecast SKUs when omitted."),
        ] = None,
    ) -> list[DemandForecast]:
        """Staff only. FORECASTING_UNAVAILABLE when the forecasting extra is not installed."""
        try:
            check_staff(info.context.actor)
            rows = await stored(skus)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        return [DemandForecast.of(r) for r in rows]

    @strawberry.field(extensions=authenticated())
    async def replenishment_suggestions(
        self,
        info: Info,
        only_to_order: Annotated[
            bool, strawberry.argument(description="Only SKUs and warehouses that should order now.")
        ] = True,
    ) -> list[ReplenishmentSuggestion]:
        """Staff only: per SKU and warehouse, from the stored forecasts and current stock."""
        try:
            check_staff(info.context.actor)
            found = await suggestions(info.context.policies.replenishment, only_to_order)
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        return [ReplenishmentSuggestion.of(s) for s in found]

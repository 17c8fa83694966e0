"""Demand forecasts and replenishment suggestions as staff read them."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from db.insight import DemandForecast as ForecastRow
from domain.insight.replenishment import Suggestion


@strawberry.type(description="需求预测: units per week for one SKU, from `dinghuo forecast`.")
class DemandForecast:
    sku: str
    """The variant's SKU."""
    model: str = strawberry.field(
        description="SeasonalNaive, AutoETS, DynamicOptimizedTheta, AutoARIMA, CrostonOptimized, "
        "TSB or ADIDA, or the mean of two of them written A+B (for example "
        "AutoETS+DynamicOptimizedTheta): the one with the lowest backtest error for this SKU."
    )
    first_week: date = strawberry.field(description="Monday of the first forecast week.")
    weekly: list[float]
    """Forecast units for each week from `firstWeek` on, one number a week."""
    backtest_mase: float | None = strawberry.field(
        description="Mean MASE over the rolling-origin backtest (below 1: better than "
        "seasonal naive within the history); null when the history was too short."
    )
    backtest_mae: float | None = strawberry.field(description="Mean absolute error, units/week.")
    history_weeks: int
    """How many weeks of sales history the forecast learned from."""
    computed_at: datetime
    """When `dinghuo forecast` computed it."""

    @classmethod
    def of(cls, row: ForecastRow) -> DemandForecast:
        return cls(
            sku=row.sku,
            model=row.model,
            first_week=row.first_week,
            weekly=list(row.weekly),
            backtest_mase=row.backtest_mase,
            backtest_mae=row.backtest_mae,
            history_weeks=row.history_weeks,
            computed_at=row.computed_at,
        )


@strawberry.type(description="补货建议 for one SKU in one warehouse.")
class ReplenishmentSuggestion:
    sku: str
    """The variant's SKU."""
    warehouse_code: str
    """The warehouse to restock."""
    model: str
    """The forecast model the demand comes from (see DemandForecast.model)."""
    demand_share: float = strawberry.field(description="This warehouse's share of the SKU.")
    lead_time_demand: float
    """Forecast units sold during the supplier's lead time."""
    safety_stock: float
    """Extra units held against forecast error."""
    reorder_point: float
    """Lead-time demand plus safety stock: reorder when available stock falls to it."""
    on_hand: int
    """Units in the warehouse now."""
    reserved: int
    """Units held for open orders."""
    pack_size: int
    """Units in one pack; the suggestion is whole packs."""
    suggested_quantity: int = strawberry.field(description="Whole packs; 0 above the point.")
    runs_out_before_lead_time: bool
    """Available stock will not last until a new delivery could arrive."""

    @classmethod
    def of(cls, s: Suggestion) -> ReplenishmentSuggestion:
        return cls(
            sku=s.sku,
            warehouse_code=s.warehouse_code,
            model=s.model,
            demand_share=s.share,
            lead_time_demand=s.lead_time_demand,
            safety_stock=s.safety_stock,
            reorder_point=s.reorder_point,
            on_hand=s.on_hand,
            reserved=s.reserved,
            pack_size=s.pack_size,
            suggested_quantity=s.quantity,
            runs_out_before_lead_time=s.runs_out_before_lead_time,
        )

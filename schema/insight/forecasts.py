"""Demand forecasts and replenishment suggestions as staff read them."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from db.insight import DemandForecast as ForecastRow
from domain.insight.replenishment import Suggestion


@strawberry.type(description="需求预测: units per week for one SKU, from `dinghuo forecast`.")
class DemandForecast:
    sku: str
    model: str = strawberry.field(
        description="SeasonalNaive, AutoETS, CrostonOptimized, TSB or ADIDA: the one with the "
        "lowest backtest error for this SKU."
    )
    first_week: date = strawberry.field(description="Monday of the first forecast week.")
    weekly: list[float]
    backtest_mase: float | None = strawberry.field(
        description="Mean MASE over the rolling-origin backtest (below 1: better than "
        "seasonal naive within the history); null when the history was too short."
    )
    backtest_mae: float | None = strawberry.field(description="Mean absolute error, units/week.")
    history_weeks: int
    computed_at: datetime

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
    warehouse_code: str
    model: str
    demand_share: float = strawberry.field(description="This warehouse's share of the SKU.")
    lead_time_demand: float
    safety_stock: float
    reorder_point: float
    on_hand: int
    reserved: int
    pack_size: int
    suggested_quantity: int = strawberry.field(description="Whole packs; 0 above the point.")
    runs_out_before_lead_time: bool

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

"""Replenishment suggestions (补货建议) per SKU and warehouse, from the stored forecasts.

- Lead-time demand: the forecast summed over the supplier lead time.
- Safety stock: z(service level) x sigma x sqrt(lead time in weeks), with sigma taken as
  1.25 x the backtest mean absolute error (the ratio for normally distributed errors).
- Reorder point: lead-time demand + safety stock. At or below it, order up to the reorder point
  plus `cover_weeks` of forecast demand, rounded up to whole packs.
- A warehouse gets the share of the SKU's forecast that it reserved over the history window
  (an even share where nothing was reserved yet). Its position is on hand - reserved; incoming
  stock is not known to Dinghuo yet.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from statistics import NormalDist

from tortoise import Tortoise

from db.catalog import Variant
from db.insight import DemandForecast
from db.inventory import StockLevel, Warehouse
from domain.insight.buckets import range_filter
from domain.insight.demand import complete_weeks
from domain.insight.forecast import stored
from domain.insight.policy import ReplenishmentPolicy
from domain.insight.rollup import NOT_COUNTED
from domain.shared import clock
from domain.shared.sql_params import Params

SIGMA_PER_MAE = 1.25


@dataclass(frozen=True)
class Suggestion:
    sku: str
    warehouse_code: str
    model: str
    share: float
    lead_time_demand: float
    safety_stock: float
    reorder_point: float
    on_hand: int
    reserved: int
    pack_size: int
    quantity: int  # to order now, whole packs; 0 when above the reorder point
    runs_out_before_lead_time: bool


def demand_over(weekly: list[float], weeks: float) -> float:
    """Forecast units over `weeks` (fractional); beyond the horizon at the horizon's mean."""
    total, left, mean = 0.0, weeks, (sum(weekly) / len(weekly) if weekly else 0.0)
    for value in weekly:
        if left <= 0:
            break
        total += value * min(1.0, left)
        left -= 1
    return total + max(0.0, left) * mean


def suggest(
    forecast: DemandForecast, share: float, on_hand: int, reserved: int, pack_size: int,
    warehouse_code: str, policy: ReplenishmentPolicy,
) -> Suggestion:  # fmt: skip
    weeks = policy.lead_time_days / 7
    lead_demand = demand_over(forecast.weekly, weeks) * share
    sigma = SIGMA_PER_MAE * (forecast.backtest_mae or 0.0) * share
    safety = NormalDist().inv_cdf(policy.service_level) * sigma * math.sqrt(weeks)
    reorder_point = lead_demand + safety
    position = on_hand - reserved
    quantity = 0
    if position <= reorder_point:
        target = reorder_point + demand_over(forecast.weekly, weeks + policy.cover_weeks) * share
        target -= lead_demand
        pack = max(1, pack_size)
        quantity = max(0, math.ceil((target - position) / pack) * pack)
    return Suggestion(
        forecast.sku, warehouse_code, forecast.model, round(share, 4), round(lead_demand, 2),
        round(safety, 2), round(reorder_point, 2), on_hand, reserved, pack_size, quantity,
        position < lead_demand,
    )  # fmt: skip


async def _reserved_shares(skus: list[str], weeks: int) -> dict[str, dict[int, float]]:
    """{sku: {warehouse id: share of the units reserved there}} over the history window."""
    first, last = complete_weeks(weeks)
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    where = [
        range_filter("o.created_at", first, last + timedelta(days=6), clock.zone(), p),
        f"o.status NOT IN ({', '.join(p(s) for s in NOT_COUNTED)})",
        f"l.sku IN ({', '.join(p(s) for s in skus)})",
    ]
    sql = (
        "SELECT l.sku AS sku, r.warehouse_id AS warehouse, SUM(r.quantity) AS units"
        " FROM order_reservation r JOIN order_line l ON l.id = r.line_id"
        f" JOIN sales_order o ON o.id = l.order_id WHERE {' AND '.join(where)} GROUP BY 1, 2"
    )
    units: dict[str, dict[int, int]] = defaultdict(dict)
    for row in await connection.execute_query_dict(sql, p.values):
        units[row["sku"]][row["warehouse"]] = int(row["units"])
    return {
        sku: {w: u / sum(by.values()) for w, u in by.items()}
        for sku, by in units.items()
        if sum(by.values()) > 0
    }


async def suggestions(policy: ReplenishmentPolicy, only_to_order: bool = True) -> list[Suggestion]:
    policy.check()
    forecasts = await stored()
    if not forecasts:
        return []
    skus = [f.sku for f in forecasts]
    variants = {v.sku: v for v in await Variant.filter(sku__in=skus)}
    levels: dict[int, list[StockLevel]] = defaultdict(list)
    for level in await StockLevel.filter(variant_id__in=[v.id for v in variants.values()]):
        levels[level.variant_id].append(level)
    codes = dict(await Warehouse.all().values_list("id", "code"))
    weeks = max(f.history_weeks for f in forecasts)
    shares = await _reserved_shares(skus, weeks)
    result = []
    for forecast in forecasts:
        variant = variants.get(forecast.sku)
        if variant is None:
            continue
        stock = levels.get(variant.id, [])
        by_warehouse = shares.get(forecast.sku, {})
        for level in stock:
            share = by_warehouse.get(level.warehouse_id, 0.0 if by_warehouse else 1 / len(stock))
            s = suggest(
                forecast, share, level.on_hand, level.reserved, variant.pack_size,
                codes.get(level.warehouse_id, ""), policy,
            )  # fmt: skip
            if s.quantity or not only_to_order:
                result.append(s)
    return result

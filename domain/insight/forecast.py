"""Demand forecasts per SKU: computed in the background (`dinghuo forecast`), stored with the
model chosen and its backtest error, and only read by requests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.insight import DemandForecast
from db.invoices import DocumentCounter
from domain.insight import engine
from domain.insight.demand import weekly_demand
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode


@dataclass(frozen=True)
class RunSummary:
    skus: int
    by_model: dict[str, int]


async def run(
    horizon: int = 12, history_weeks: int = 104, season_length: int = 52, windows: int = 3
) -> RunSummary:
    """Forecast every SKU ordered in the history window and replace the stored forecasts."""
    engine.require()
    if horizon < 1 or history_weeks < 2 or season_length < 1:
        raise DomainError(ErrorCode.INVALID, "horizon")
    demand = await weekly_demand(history_weeks)
    series = {sku: [float(u) for u in units] for sku, units in demand.units.items()}
    # In a thread: fitting takes seconds of CPU, and the worker's other jobs keep their pace.
    choices = (
        await asyncio.to_thread(engine.choose, series, horizon, season_length, windows)
        if series
        else {}
    )
    first_week = demand.first_week + timedelta(weeks=demand.weeks)
    now = clock.now()
    rows = [
        DemandForecast(
            sku=sku,
            model=choice.model,
            first_week=first_week,
            weekly=[round(x, 3) for x in choice.forecast],
            backtest_mase=choice.mase,
            backtest_mae=choice.mae,
            history_weeks=demand.weeks,
            computed_at=now,
        )
        for sku, choice in sorted(choices.items())
    ]
    # One transaction: readers see the old forecasts or the new ones, never half of each.
    async with in_transaction():
        await DemandForecast.all().delete()
        await DemandForecast.bulk_create(rows)
    by_model: dict[str, int] = {}
    for row in rows:
        by_model[row.model] = by_model.get(row.model, 0) + 1
    return RunSummary(len(rows), by_model)


async def refresh_if_due(max_age: timedelta) -> int:
    """The worker's periodic forecast: forecast again when the stored forecasts are older than
    `max_age` (or there are none); returns the SKUs forecast, 0 when not due or when the
    forecasting library is not installed. Workers due at the same moment claim the run first
    (`_claim`): one forecasts, the others return 0 instead of fitting twice and failing on the
    unique SKU."""
    if not engine.available():
        return 0
    latest = await DemandForecast.all().order_by("-computed_at").first()
    if latest is not None and clock.now() - latest.computed_at < max_age:
        return 0
    now = int(clock.now().timestamp() // 60)
    if not await _claim(now, int(max_age.total_seconds() // 60)):
        return 0
    try:
        return (await run()).skus
    except BaseException:
        # Give the run back (conditionally: a newer claim stays), so the next round retries.
        await DocumentCounter.filter(key=CLAIM, last_number=now).update(last_number=0)
        raise


CLAIM = "forecast-run"  # its counter holds the minute (Unix time) the last run was claimed


async def _claim(now: int, lease: int) -> bool:
    """Take the run for `lease` minutes with one conditional update; False when another
    worker holds it."""
    taken = await DocumentCounter.filter(key=CLAIM, last_number__lte=now - lease).update(
        last_number=now
    )
    if taken:
        return True
    if await DocumentCounter.exists(key=CLAIM):
        return False
    try:
        async with in_transaction():  # a savepoint: losing the race must not abort a caller's
            await DocumentCounter.create(key=CLAIM, last_number=now)
    except IntegrityError:
        return False
    return True


async def stored(skus: list[str] | None = None) -> list[DemandForecast]:
    """The stored forecasts (of these SKUs), by SKU; FORECASTING_UNAVAILABLE without the
    forecasting library."""
    engine.require()
    query = DemandForecast.all().order_by("sku")
    if skus is not None:
        query = query.filter(sku__in=skus)
    return await query

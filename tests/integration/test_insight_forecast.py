"""Weekly demand, stored forecasts and replenishment suggestions on both databases."""

from __future__ import annotations

import asyncio
import math
from datetime import date, datetime, timedelta

import pytest

from db.accounts import User
from db.insight import DemandForecast
from db.inventory import StockLevel
from domain.insight import engine
from domain.insight.buckets import bucket_start
from domain.insight.demand import complete_weeks, weekly_demand
from domain.insight.forecast import refresh_if_due, run, stored
from domain.insight.policy import ReplenishmentPolicy
from domain.insight.replenishment import suggestions
from domain.shared import clock
from tests import factories
from tests.insight_history import SHANGHAI, place, random_history, supplier_in_shanghai

pytest.importorskip("statsforecast", reason="forecasting is the optional dinghuo[forecast]")


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


async def test_weekly_demand_fills_empty_weeks_with_zero(db, pinned_clock):
    sales = await random_history(21, date(2026, 1, 1), 160, 80)
    demand = await weekly_demand(16)
    first, last = complete_weeks(16)
    assert (first, last) == (date(2026, 2, 23), date(2026, 6, 8))
    expected: dict[str, list[int]] = {}
    for s in sales:
        week = bucket_start(s.moment.astimezone(SHANGHAI).date(), "week")
        if first <= week <= last and s.status not in ("cancelled", "rejected"):
            expected.setdefault(s.sku, [0] * 16)[(week - first).days // 7] += s.quantity
    assert demand.first_week == first
    assert demand.units == expected
    assert any(0 in units for units in demand.units.values())


async def weekly_history(weeks: int) -> None:
    """Two SKUs: one every week with a 4-week cycle, one ordered now and then."""
    variants = [await factories.variant(await factories.product()) for _ in range(2)]
    company = await factories.company()
    user = await User.create(
        email="planner@example.com", password_hash="-", full_name="计划", kind="staff",
        staff_role="sales",
    )  # fmt: skip
    first, _ = complete_weeks(weeks)
    for week in range(weeks):
        moment = datetime.combine(first + timedelta(weeks=week), datetime.min.time(), SHANGHAI)
        lines = [(variants[0], 20 + [0, 8, 16, 8][week % 4], 100)]
        if week % 5 == 0:
            lines.append((variants[1], 3, 100))
        await place(company, user, moment + timedelta(hours=10), "completed", lines)


async def test_the_forecast_run_stores_one_forecast_per_sku(db, pinned_clock):
    await weekly_history(30)
    summary = await run(horizon=4, history_weeks=30, season_length=4)
    assert summary.skus == 2
    rows = await stored()
    this_week = bucket_start(clock.today(), "week")
    for row in rows:
        assert row.model in engine.CANDIDATES
        assert row.first_week == this_week and len(row.weekly) == 4
        assert row.backtest_mae is not None and row.history_weeks == 30
    regular = rows[0]
    # A clean 4-week cycle: the chosen model forecasts it almost exactly.
    assert regular.backtest_mase < 0.2
    assert [round(x) for x in regular.weekly] == [20 + [0, 8, 16, 8][w % 4] for w in range(30, 34)]
    await run(horizon=4, history_weeks=30, season_length=4)
    assert await DemandForecast.all().count() == 2


async def test_replenishment_orders_whole_packs_up_to_cover(db, pinned_clock):
    variant = await factories.variant(await factories.product(), pack_size=6, sku="REPL-1")
    warehouse = await factories.warehouse()
    await StockLevel.create(
        variant=variant, warehouse=warehouse, on_hand=15, reserved=5, available=10
    )
    await DemandForecast.create(
        sku="REPL-1", model="AutoETS", first_week=date(2026, 6, 15), weekly=[10.0] * 12,
        backtest_mase=0.8, backtest_mae=2.0, history_weeks=52, computed_at=clock.now(),
    )  # fmt: skip
    [s] = await suggestions(
        ReplenishmentPolicy(lead_time_days=14, service_level=0.95, cover_weeks=4)
    )
    safety = 1.6448536 * 1.25 * 2.0 * math.sqrt(2)
    assert s.lead_time_demand == 20
    assert s.safety_stock == pytest.approx(safety, abs=0.01)
    assert s.reorder_point == pytest.approx(20 + safety, abs=0.01)
    assert s.quantity == 60  # up to 20 + 5.82 + 40, from 10: 55.82 -> 10 packs of 6
    assert s.quantity % 6 == 0 and s.runs_out_before_lead_time
    await StockLevel.filter(id__gte=0).update(on_hand=200, available=195)
    assert await suggestions(ReplenishmentPolicy()) == []
    [above] = await suggestions(ReplenishmentPolicy(), only_to_order=False)
    assert above.quantity == 0 and not above.runs_out_before_lead_time


async def test_the_worker_forecasts_again_only_once_the_stored_ones_are_an_interval_old(
    db, pinned_clock
):
    await weekly_history(30)
    day = timedelta(hours=24)

    assert await refresh_if_due(day) == 2
    first = {f.sku: f.computed_at for f in await stored()}
    with clock.frozen(pinned_clock + timedelta(hours=23)):
        assert await refresh_if_due(day) == 0  # fresh: nothing recomputed
    assert {f.sku: f.computed_at for f in await stored()} == first
    with clock.frozen(pinned_clock + timedelta(hours=25)):
        assert await refresh_if_due(day) == 2
    assert all(f.computed_at > first[f.sku] for f in await stored())


async def test_two_workers_due_at_once_forecast_once_and_neither_fails(db, pinned_clock):
    await weekly_history(30)
    day = timedelta(hours=24)

    done = await asyncio.gather(refresh_if_due(day), refresh_if_due(day))

    assert sorted(done) == [0, 2]  # one worker claimed the run, the other left it
    assert len(await stored()) == 2
    with clock.frozen(pinned_clock + timedelta(hours=25)):
        assert await refresh_if_due(day) == 2  # the claim lasts one interval

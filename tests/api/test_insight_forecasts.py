"""Forecast fields: staff only, read from the table, and a clear FORECASTING_UNAVAILABLE (with
everything else working) when the optional library is not installed."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from db.insight import DemandForecast
from domain.insight import engine
from domain.shared import clock
from tests import factories
from tests.conftest import make_settings

FORECASTS = "{ demandForecasts { sku model firstWeek weekly backtestMase } }"
SUGGESTIONS = "{ replenishmentSuggestions(onlyToOrder: false) { sku suggestedQuantity } }"
REPORT = "{ salesReport { total { orders } } }"


@pytest.fixture
def settings():
    return make_settings(business_timezone="Asia/Shanghai")


@pytest.fixture
def without_forecasting(monkeypatch):
    """As if statsforecast were not installed: importing it fails, as it would."""
    monkeypatch.setitem(sys.modules, "statsforecast", None)
    assert not engine.available()


async def stored_forecast() -> None:
    await DemandForecast.create(
        sku="F-1", model="TSB", first_week=date(2026, 6, 15), weekly=[1.5, 2.0],
        backtest_mase=0.7, backtest_mae=0.4, history_weeks=104, computed_at=clock.now(),
    )  # fmt: skip


async def test_staff_read_the_stored_forecasts(client, policy, pinned_clock):
    pytest.importorskip("statsforecast")
    await stored_forecast()
    token = await factories.login(client, await factories.staff(policy, role="warehouse"))
    result = await factories.gql(client, FORECASTS, token=token)
    assert result["data"]["demandForecasts"] == [
        {"sku": "F-1", "model": "TSB", "firstWeek": "2026-06-15", "weekly": [1.5, 2.0],
         "backtestMase": 0.7}
    ]  # fmt: skip


async def test_buyers_may_not_read_forecasts(client, policy, pinned_clock):
    token = await factories.login(client, await factories.buyer(policy, await factories.company()))
    for query in (FORECASTS, SUGGESTIONS):
        result = await factories.gql(client, query, token=token)
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_without_the_library_forecasts_are_unavailable_and_reports_still_work(
    client, policy, pinned_clock, without_forecasting
):
    await stored_forecast()
    token = await factories.login(client, await factories.staff(policy, role="admin"))
    for query in (FORECASTS, SUGGESTIONS):
        result = await factories.gql(client, query, token=token)
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "FORECASTING_UNAVAILABLE"
    report = await factories.gql(client, REPORT, token=token)
    assert report["data"]["salesReport"]["total"]["orders"] == 0

"""Model choice on series with known shape: it must beat seasonal naive where noise hides the
season, and pick an intermittent-demand model for sparse demand."""

from __future__ import annotations

import math
import random

import pytest

from domain.insight import engine
from domain.insight.evaluate import evaluate, read_series, table
from domain.shared.errors import DomainError, ErrorCode

pytest.importorskip("statsforecast", reason="forecasting is the optional dinghuo[forecast]")


def seasonal(seed: int, length: int = 120, season: int = 12) -> list[float]:
    rng = random.Random(seed)
    return [
        100 + 0.3 * t + 25 * math.sin(2 * math.pi * t / season) + rng.gauss(0, 6)
        for t in range(length)
    ]


def test_on_seasonal_series_the_chosen_model_beats_seasonal_naive():
    series = {f"s{i}": seasonal(i) for i in range(4)}
    scores = evaluate(series, horizon=12, season_length=12)
    chosen = sum(s.mase for s in scores) / len(scores)
    naive = sum(s.seasonal_naive_mase for s in scores) / len(scores)
    assert chosen < naive


def test_backtest_errors_are_kept_with_the_choice():
    choice = engine.choose({"a": seasonal(7)}, horizon=8, season_length=12)["a"]
    singles = {k: v for k, v in choice.mase_by_model.items() if "+" not in k}
    assert set(singles) == set(engine.CANDIDATES)
    assert choice.mase == choice.mase_by_model[choice.model]
    assert choice.mase == min(choice.mase_by_model.values())  # regular demand: by MASE
    assert len(choice.forecast) == 8 and all(x >= 0 for x in choice.forecast)


def test_regular_demand_may_get_the_mean_of_its_two_best_models():
    choice = engine.choose({"a": seasonal(3)}, horizon=12, season_length=12)["a"]
    [pair] = [k for k in choice.mase_by_model if "+" in k]
    best_two = sorted(engine.CANDIDATES, key=lambda n: choice.mase_by_model[n])[:2]
    assert set(pair.split("+")) == set(best_two)
    assert choice.mase == min(choice.mase_by_model.values())
    assert choice.mase < choice.mase_by_model["SeasonalNaive"]


def test_a_short_series_still_gets_a_forecast_without_a_backtest():
    choice = engine.choose({"new": [0, 3, 0, 0, 2]}, horizon=4, season_length=52)["new"]
    assert choice.model == engine.SHORT_SERIES_MODEL
    assert choice.mase is None and len(choice.forecast) == 4


def test_evaluate_reads_csv_and_prints_a_mean():
    rows = ["series_id,date,value"] + [
        f"w{i},2024-{1 + t // 28:02d}-{1 + t % 28:02d},{v:.2f}"
        for i in range(2)
        for t, v in enumerate(seasonal(i, 60, 7))
    ]
    scores = evaluate(read_series("\ufeff" + "\n".join(rows)), horizon=7, season_length=7)
    assert [s.series_id for s in scores] == ["w0", "w1"]
    assert table(scores).splitlines()[-1].startswith("mean")


def test_a_csv_without_the_columns_is_refused():
    with pytest.raises(DomainError) as caught:
        read_series("id,when,qty\n1,2024-01-01,3\n")
    assert caught.value.code is ErrorCode.INVALID


def test_intermittent_demand_is_left_to_intermittent_models():
    rng = random.Random(9)
    sparse = [float(rng.randint(1, 9)) if rng.random() < 0.2 else 0.0 for _ in range(80)]
    assert engine.is_intermittent(sparse) and not engine.is_intermittent(seasonal(1))
    choice = engine.choose({"sparse": sparse}, horizon=4, season_length=12)["sparse"]
    assert set(choice.mase_by_model) == set(engine.INTERMITTENT_CANDIDATES)
    assert choice.model in engine.INTERMITTENT_CANDIDATES
    assert choice.rmsse_by_model[choice.model] == min(choice.rmsse_by_model.values())

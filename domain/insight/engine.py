"""Demand models (需求预测), chosen per series by a rolling-origin backtest.

The candidates come from statsforecast, an optional extra (`pip install dinghuo[forecast]`):
seasonal naive (the fallback any model must beat), AutoETS, DynamicOptimizedTheta and (for
seasons up to 24) AutoARIMA for regular demand, and Croston, TSB and ADIDA for the
intermittent demand typical of B2B SKUs. Each series is cut at several origins; every model
forecasts the next `horizon` points from each; the model with the lowest backtest error
forecasts the series. For regular demand the mean of the best two models (named like
"AutoETS+DynamicOptimizedTheta") is scored on the same origins and chosen when it does better:
averaging two different models' forecasts is the steadiest gain in forecasting competitions,
and it costs no extra fit. Errors are scaled by the seasonal naive error inside the
history: absolute (MASE) for regular demand, squared (RMSSE) for intermittent demand, where
the absolute error rewards forecasting zero, which would never reorder.
Intermittent series (a demand less often than every 1.32 periods on average) are not offered
AutoETS, which cannot model the zeros and costs most of the time.
The library is imported only when a forecast is asked for, so the rest of Dinghuo runs
without it and forecasting answers FORECASTING_UNAVAILABLE.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from domain.shared.errors import DomainError, ErrorCode

if TYPE_CHECKING:
    import pandas as pd

SEASONAL_NAIVE = "SeasonalNaive"
THETA = "DynamicOptimizedTheta"
# Every single model a choice can carry; regular demand may also get the mean of two ("A+B").
ARIMA = "AutoARIMA"
CANDIDATES = (SEASONAL_NAIVE, "AutoETS", THETA, ARIMA, "CrostonOptimized", "TSB", "ADIDA")
# AutoARIMA's seasonal search is quick on monthly or quarterly seasons and far too slow on 52
# weeks, where seasonal naive and Theta already carry the yearly cycle.
LONGEST_ARIMA_SEASON = 24
# A series too short for the backtest gets the intermittent-demand model, without an error.
SHORT_SERIES_MODEL = "CrostonOptimized"
LONGEST_ETS_SEASON = 24
INTERMITTENT_CANDIDATES = (SEASONAL_NAIVE, "CrostonOptimized", "TSB", "ADIDA")
INTERMITTENT_INTERVAL = 1.32
MASE, RMSSE = 0, 2  # positions in the backtest figures of the criterion a choice minimises


def available() -> bool:
    try:
        importlib.import_module("statsforecast")
    except ImportError:
        return False
    return True


def require() -> None:
    if not available():
        raise DomainError(ErrorCode.FORECASTING_UNAVAILABLE)


@dataclass(frozen=True)
class Choice:
    model: str
    forecast: list[float]
    mase: float | None  # mean backtest MASE of the chosen model; None without a backtest
    mae: float | None  # mean absolute backtest error, in units per period
    mase_by_model: dict[str, float]
    rmsse_by_model: dict[str, float]


def mase_scale(history: Sequence[float], season_length: int) -> float:
    """Mean absolute change from one season to the next in the history (lag 1 if shorter);
    never zero, so flat or empty histories still compare."""
    lag = season_length if len(history) > season_length else 1
    changes = [abs(history[i] - history[i - lag]) for i in range(lag, len(history))]
    scale = sum(changes) / len(changes) if changes else 0.0
    return scale if scale > 0 else 1.0


def _models(season_length: int, names: Sequence[str]):
    from statsforecast import models as sf_models

    build = {
        SEASONAL_NAIVE: lambda: sf_models.SeasonalNaive(season_length=season_length),
        # A seasonal ETS keeps one state per season point: with 52 weeks that is slow (about
        # 0.8 s a fit here) and overfits two years of history, so long seasons are left to
        # seasonal naive and ETS models level and trend only.
        "AutoETS": lambda: sf_models.AutoETS(
            season_length=season_length,
            model="ZZZ" if season_length <= LONGEST_ETS_SEASON else "ZZN",
        ),
        THETA: lambda: sf_models.DynamicOptimizedTheta(season_length=season_length),
        ARIMA: lambda: sf_models.AutoARIMA(season_length=season_length),
        "CrostonOptimized": lambda: sf_models.CrostonOptimized(),
        "TSB": lambda: sf_models.TSB(alpha_d=0.2, alpha_p=0.2),
        "ADIDA": lambda: sf_models.ADIDA(),
    }
    return [build[n]() for n in names]


def _frame(series: Mapping[str, Sequence[float]]) -> pd.DataFrame:
    import pandas as pd

    rows = [(key, i, float(v)) for key, values in series.items() for i, v in enumerate(values)]
    # An Index, not a list: pandas' own column type rejects list[str] under a type checker.
    return pd.DataFrame(rows, columns=pd.Index(["unique_id", "ds", "y"]))


def _rows_of(forecasts: pd.DataFrame, key: str) -> pd.DataFrame:
    """One series' forecast rows in time order. A boolean mask selects rows, so the result is a
    frame; pandas types `frame[...]` as a column or a frame."""
    import pandas as pd

    rows = forecasts[forecasts["unique_id"] == key]
    assert isinstance(rows, pd.DataFrame)
    return rows.sort_values("ds")


def _forecast(sf: Any, frame: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """statsforecast answers in the frame type it is given (pandas or polars): pandas here."""
    import pandas as pd

    result = sf.forecast(df=frame, h=horizon)
    if not isinstance(result, pd.DataFrame):
        raise TypeError(f"statsforecast answered {type(result).__name__}, not a pandas frame")
    return result


# Below this many series one process is quicker than starting more.
PARALLEL_FROM = 200


def _forecaster(season_length: int, names: Sequence[str]):
    from statsforecast import StatsForecast

    return StatsForecast(models=_models(season_length, names), freq=1, n_jobs=1)


def is_intermittent(values: Sequence[float]) -> bool:
    """Average interval between demands above 1.32 periods (Syntetos and Boylan's cut-off):
    ETS cannot help there, and leaving it out keeps a catalogue of such SKUs fast."""
    demands = sum(1 for v in values if v > 0)
    return demands == 0 or len(values) / demands > INTERMITTENT_INTERVAL


def min_length(horizon: int, season_length: int, windows: int) -> int:
    return horizon * windows + season_length + 2


def choose(
    series: Mapping[str, Sequence[float]],
    horizon: int,
    season_length: int,
    windows: int = 3,
) -> dict[str, Choice]:
    """A forecast of `horizon` points for every series, each by its best backtested model."""
    require()
    if horizon < 1 or season_length < 1 or windows < 1:
        raise DomainError(ErrorCode.INVALID, "horizon")
    need = min_length(horizon, season_length, windows)
    long = {k: v for k, v in series.items() if len(v) >= need}
    short = {k: v for k, v in series.items() if 0 < len(v) < need}
    choices: dict[str, Choice] = {}
    intermittent = {k: v for k, v in long.items() if is_intermittent(v)}
    regular = {k: v for k, v in long.items() if k not in intermittent}
    regular_names = tuple(
        n for n in CANDIDATES if n != ARIMA or season_length <= LONGEST_ARIMA_SEASON
    )
    for group, names, by in (
        (regular, regular_names, MASE),
        (intermittent, INTERMITTENT_CANDIDATES, RMSSE),
    ):
        if group:
            choices.update(_choose_among(group, names, by, horizon, season_length, windows))
    if short:
        forecasts = _forecast(
            _forecaster(season_length, [SHORT_SERIES_MODEL]), _frame(short), horizon
        )
        for key in short:
            rows = _rows_of(forecasts, key)
            values = [max(0.0, float(x)) for x in rows[SHORT_SERIES_MODEL]]
            choices[key] = Choice(SHORT_SERIES_MODEL, values, None, None, {}, {})
    return choices


def _choose_among(series, names, by, horizon, season_length, windows) -> dict[str, Choice]:
    keys = list(series)
    tasks = [(series[k], names, by, horizon, season_length, windows) for k in keys]
    if len(tasks) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(os.cpu_count() or 1, 4)
        with ProcessPoolExecutor(workers) as pool:
            chunk = max(1, len(tasks) // (workers * 4))
            results = list(pool.map(_choose_one, tasks, chunksize=chunk))
    else:
        results = [_choose_one(task) for task in tasks]
    return dict(zip(keys, results, strict=True))


def _choose_one(task) -> Choice:
    import numpy as np

    values, names, by, horizon, season_length, windows = task
    y = np.asarray(values, dtype=float)
    cutoffs = [len(y) - horizon * (windows - w) for w in range(windows)]
    actual = np.concatenate([y[c : c + horizon] for c in cutoffs])
    scale = np.repeat([mase_scale(values[:c], season_length) for c in cutoffs], horizon)
    backtests, finals = {}, {}
    for name, model in zip(names, _models(season_length, names), strict=True):
        backtests[name], finals[name] = _origins(model, y, cutoffs, horizon)

    def score(columns: list[str]) -> tuple[float, float, float]:
        absolute = np.abs(actual - np.mean([backtests[c] for c in columns], axis=0))
        scaled = absolute / scale
        return float(scaled.mean()), float(absolute.mean()), float(np.sqrt((scaled**2).mean()))

    by_model = {name: score([name]) for name in names}
    order = list(names)
    if by == MASE and len(names) > 2:
        best_two = sorted(names, key=lambda n: (by_model[n][by], names.index(n)))[:2]
        # Named in the candidates' order, so one pair always has one name.
        first, second = sorted(best_two, key=names.index)
        by_model[f"{first}+{second}"] = score([first, second])
        order.append(f"{first}+{second}")
    # Ties go to the simplest: the single models in their order, then the pair.
    best = min(order, key=lambda name: (by_model[name][by], order.index(name)))
    parts = best.split("+")
    forecast = np.mean([finals[p] for p in parts], axis=0)
    return Choice(
        model=best,
        forecast=[max(0.0, float(x)) for x in forecast],
        mase=by_model[best][0],
        mae=by_model[best][1],
        mase_by_model={name: by_model[name][0] for name in order},
        rmsse_by_model={name: by_model[name][2] for name in order},
    )


def _origins(model, y, cutoffs, horizon):
    """The model's forecasts from every backtest origin (concatenated) and from the end.
    A model that can be updated is fitted once, at the earliest origin, and only run forward
    over the later points: its parameters barely move over a few origins and each refit costs
    as much as the first. The intermittent models refit, in no time."""
    import numpy as np

    if hasattr(model, "forward"):
        model.fit(y[: cutoffs[0]])
        run = [model.forward(y=y[:c], h=horizon)["mean"] for c in [*cutoffs, len(y)]]
    else:
        run = [model.forecast(y=y[:c], h=horizon)["mean"] for c in [*cutoffs, len(y)]]
    return np.concatenate(run[:-1]), np.asarray(run[-1])

"""Demand models (需求预测), chosen per series by a rolling-origin backtest.

The candidates come from statsforecast, an optional extra (`pip install dinghuo[forecast]`):
seasonal naive (the fallback any model must beat), AutoETS for regular demand, and Croston,
TSB and ADIDA for the intermittent demand typical of B2B SKUs. Each series is cut at several
origins; every model forecasts the next `horizon` points from each; the model with the lowest
backtest error forecasts the series. Errors are scaled by the seasonal naive error inside the
history: absolute (MASE) for regular demand, squared (RMSSE) for intermittent demand, where
the absolute error rewards forecasting zero, which would never reorder.
Intermittent series (a demand less often than every 1.32 periods on average) are not offered
AutoETS, which cannot model the zeros and costs most of the time.
The library is imported only when a forecast is asked for, so the rest of Dinghuo runs
without it and forecasting answers FORECASTING_UNAVAILABLE.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from domain.shared.errors import DomainError, ErrorCode

if TYPE_CHECKING:
    import pandas as pd

SEASONAL_NAIVE = "SeasonalNaive"
CANDIDATES = (SEASONAL_NAIVE, "AutoETS", "CrostonOptimized", "TSB", "ADIDA")
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
    for group, names, by in (
        (regular, CANDIDATES, MASE),
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
    sf = _forecaster(season_length, names)
    frame = _frame(series)
    errors = _backtest(sf, frame, series, names, horizon, season_length, windows)
    forecasts = _forecast(sf, frame, horizon)
    choices = {}
    for key, by_model in errors.items():
        best = min(names, key=lambda name: (by_model[name][by], names.index(name)))
        rows = _rows_of(forecasts, key)
        choices[key] = Choice(
            model=best,
            forecast=[max(0.0, float(x)) for x in rows[best]],
            mase=by_model[best][0],
            mae=by_model[best][1],
            mase_by_model={name: by_model[name][0] for name in names},
            rmsse_by_model={name: by_model[name][2] for name in names},
        )
    return choices


def _backtest(sf, frame, series, names, horizon, season_length, windows):
    """{series: {model: (MASE, mean absolute error, RMSSE)}} over the rolling origins."""
    cv = sf.cross_validation(df=frame, h=horizon, step_size=horizon, n_windows=windows)
    result: dict[str, dict[str, tuple[float, float, float]]] = {}
    for key, group in cv.groupby("unique_id"):
        per_model: dict[str, tuple[float, float, float]] = {}
        scales = {
            cutoff: mase_scale(series[key][: int(cutoff) + 1], season_length)
            for cutoff in group["cutoff"].unique()
        }
        scale = group["cutoff"].map(scales)
        for name in names:
            absolute = (group["y"] - group[name]).abs()
            rmsse = float((((absolute / scale) ** 2).mean()) ** 0.5)
            per_model[name] = (float((absolute / scale).mean()), float(absolute.mean()), rmsse)
        result[str(key)] = per_model
    return result

"""Measuring the models on anyone's data: hold out the last points of each series, forecast
them from the rest, and score the chosen model and seasonal naive by MASE."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from domain.insight import engine
from domain.shared.errors import DomainError, ErrorCode


@dataclass(frozen=True)
class Score:
    series_id: str
    model: str
    mase: float
    seasonal_naive_mase: float


def read_series(text: str) -> dict[str, list[float]]:
    """`series_id,date,value` rows (a header line first), each series ordered by date."""
    points: dict[str, list[tuple[str, float]]] = defaultdict(list)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or {"series_id", "date", "value"} - set(reader.fieldnames):
        raise DomainError(ErrorCode.INVALID, "columns")
    for row in reader:
        try:
            points[row["series_id"]].append((row["date"], float(row["value"])))
        except (TypeError, ValueError) as exc:
            raise DomainError(ErrorCode.INVALID, "value") from exc
    return {key: [v for _, v in sorted(values)] for key, values in points.items()}


def _mase(actual: list[float], predicted: list[float], scale: float) -> float:
    return mean(abs(a - p) for a, p in zip(actual, predicted, strict=True)) / scale


def seasonal_naive(history: list[float], horizon: int, season_length: int) -> list[float]:
    last = history[-season_length:] if len(history) >= season_length else history[-1:]
    return [last[i % len(last)] for i in range(horizon)]


def evaluate(
    series: dict[str, list[float]], horizon: int, season_length: int, windows: int = 3
) -> list[Score]:
    engine.require()
    usable = {k: v for k, v in series.items() if len(v) > horizon + season_length}
    if not usable:
        raise DomainError(ErrorCode.INVALID, "horizon")
    train = {k: v[:-horizon] for k, v in usable.items()}
    choices = engine.choose(train, horizon, season_length, windows)
    scores = []
    for key, values in usable.items():
        actual, history = values[-horizon:], train[key]
        scale = engine.mase_scale(history, season_length)
        baseline = seasonal_naive(history, horizon, season_length)
        choice = choices[key]
        scores.append(
            Score(
                key,
                choice.model,
                _mase(actual, choice.forecast, scale),
                _mase(actual, baseline, scale),
            )
        )
    return scores


def table(scores: list[Score]) -> str:
    lines = [f"{'series':<24} {'model':<18} {'MASE':>8} {'seasonal naive':>15}"]
    for s in scores:
        lines.append(
            f"{s.series_id:<24} {s.model:<18} {s.mase:>8.3f} {s.seasonal_naive_mase:>15.3f}"
        )
    lines.append(
        f"{'mean':<24} {'':<18} {mean(s.mase for s in scores):>8.3f}"
        f" {mean(s.seasonal_naive_mase for s in scores):>15.3f}"
    )
    return "\n".join(lines)

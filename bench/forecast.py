"""Forecasting benchmark: MASE on published sales series (shipped by pmdarima) for the model
chosen per series, seasonal naive and AutoETS alone; then the time to forecast 1,000 SKUs of two
years of weekly history.

    .venv/bin/pip install pmdarima   # only for the published series
    .venv/bin/python bench/forecast.py [--skus 1000]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.insight import engine  # noqa: E402
from domain.insight.evaluate import evaluate  # noqa: E402

# (pmdarima loader, season length, horizon): monthly and quarterly sales and production.
PUBLISHED = [
    ("wineind", 12, 12),  # Australian wine sales, monthly
    ("airpassengers", 12, 12),  # airline passengers, monthly
    ("woolyrnq", 4, 8),  # Australian wool production, quarterly
    ("ausbeer", 4, 8),  # Australian beer production, quarterly
]


def autoets_mase(values: list[float], horizon: int, season_length: int) -> float:
    from statsforecast.models import AutoETS

    history, actual = values[:-horizon], values[-horizon:]
    import numpy as np

    predicted = AutoETS(season_length=season_length).forecast(
        np.asarray(history, dtype=float), horizon
    )["mean"]
    scale = engine.mase_scale(history, season_length)
    return statistics.mean(abs(a - p) for a, p in zip(actual, predicted, strict=True)) / scale


def published() -> None:
    try:
        from pmdarima import datasets
    except ImportError:
        print("pmdarima is not installed: published series skipped")
        return
    print(f"{'series':<15} {'chosen model':<32} {'chosen':>7} {'snaive':>7} {'AutoETS':>8}")
    chosen, naive, ets = [], [], []
    for name, season, horizon in PUBLISHED:
        values = [float(x) for x in getattr(datasets, f"load_{name}")() if math.isfinite(x)]
        [score] = evaluate({name: values}, horizon, season)
        ets_score = autoets_mase(values, horizon, season)
        chosen.append(score.mase)
        naive.append(score.seasonal_naive_mase)
        ets.append(ets_score)
        print(
            f"{name:<15} {score.model:<32} {score.mase:>7.3f} {score.seasonal_naive_mase:>7.3f}"
            f" {ets_score:>8.3f}"
        )
    print(
        f"{'mean':<15} {'':<32} {statistics.mean(chosen):>7.3f} {statistics.mean(naive):>7.3f}"
        f" {statistics.mean(ets):>8.3f}"
    )


def synthetic_skus(count: int, weeks: int = 104) -> dict[str, list[float]]:
    """B2B-like weekly demand: a third regular with a yearly cycle, the rest intermittent."""
    rng = random.Random(5)
    series = {}
    for n in range(count):
        if n % 3 == 0:
            level = rng.uniform(20, 200)
            series[f"R{n}"] = [
                max(0.0, level * (1 + 0.3 * math.sin(2 * math.pi * t / 52)) + rng.gauss(0, 9))
                for t in range(weeks)
            ]
        else:
            chance = rng.uniform(0.05, 0.5)
            series[f"I{n}"] = [
                float(rng.randint(1, 30)) if rng.random() < chance else 0.0 for _ in range(weeks)
            ]
    return series


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the forecasting processes):
    unlike wall time, it does not grow with other work on a shared machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timing(count: int) -> None:
    series = synthetic_skus(count)
    small = dict(list(series.items())[:6])
    t = time.perf_counter()
    engine.choose(small, horizon=12, season_length=52)
    print(f"first run (imports and compilation), 6 SKUs: {time.perf_counter() - t:.1f} s")
    t, cpu = time.perf_counter(), cpu_seconds()
    choices = engine.choose(series, horizon=12, season_length=52)
    elapsed, used = time.perf_counter() - t, cpu_seconds() - cpu
    models: dict[str, int] = {}
    for c in choices.values():
        models[c.model] = models.get(c.model, 0) + 1
    print(
        f"{count} SKUs x 104 weeks, horizon 12, 3 backtest origins: {used:.1f} s of CPU"
        f" ({elapsed:.1f} s wall, which depends on the machine's load)"
    )
    print("models chosen: " + ", ".join(f"{k} {v}" for k, v in sorted(models.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    published()
    timing(args.skus)


if __name__ == "__main__":
    main()

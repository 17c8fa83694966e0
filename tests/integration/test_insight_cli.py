"""`dinghuo forecast` and `dinghuo forecast evaluate` as an operator runs them."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from tests.integration.test_cli import run

pytest.importorskip("statsforecast", reason="forecasting is the optional dinghuo[forecast]")


def test_evaluate_prints_per_series_and_mean_mase(tmp_path: Path):
    rng = random.Random(3)
    lines = ["series_id,date,value"]
    for series in ("北京", "上海"):
        for t in range(48):
            value = 50 + 20 * math.sin(2 * math.pi * t / 12) + rng.gauss(0, 3)
            lines.append(f"{series},{2020 + t // 12}-{1 + t % 12:02d}-01,{value:.2f}")
    path = tmp_path / "series.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(tmp_path, "forecast", "evaluate", str(path), "--horizon", "6",
                 "--season-length", "12")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()
    assert [r.split()[0] for r in rows[1:]] == ["北京", "上海", "mean"]
    assert all(float(x) >= 0 for x in rows[-1].split()[1:])


def test_evaluate_refuses_a_file_without_the_columns(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run(tmp_path, "forecast", "evaluate", str(path), "--horizon", "2",
                 "--season-length", "4")  # fmt: skip
    assert result.returncode == 1
    assert "INVALID" in result.stderr


def test_forecast_runs_on_a_migrated_database(tmp_path: Path):
    assert run(tmp_path, "migrate").returncode == 0
    result = run(tmp_path, "forecast")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "forecast 0 SKUs"


def test_the_rollup_rebuilds_on_a_migrated_database(tmp_path: Path):
    assert run(tmp_path, "migrate").returncode == 0
    result = run(tmp_path, "rollup-rebuild")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "sales rollup rebuilt: 0 rows"

"""Defaults that protect people's machines: the test database, `make run`, `.env.example`."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dinghuo.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_listed_in_env_example_with_a_comment():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert {name.upper() for name in Settings.model_fields} <= listed


def test_the_suite_uses_its_own_postgres_database_by_default():
    env = {
        k: v for k, v in os.environ.items() if k not in ("TEST_POSTGRES_URL", "PYTEST_XDIST_WORKER")
    }
    result = subprocess.run(
        [sys.executable, "-c", "from tests.services import POSTGRES_URL; print(POSTGRES_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().endswith("/dinghuo_test")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_takes_host_and_port():
    result = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=9123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "dinghuo serve --host 0.0.0.0 --port 9123" in result.stdout

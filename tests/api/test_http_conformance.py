"""GraphQL over HTTP conformance, judged by graphql-http's own server audit (npm) against
`dinghuo serve`: every MUST, SHOULD and MAY it checks passes, with no warning."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.services import REQUIRE_SERVICES

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
DINGHUO = Path(sys.executable).parent / "dinghuo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not answer /healthz")


@pytest.fixture
def server(tmp_path):
    if not (WEB / "node_modules" / "graphql-http").is_dir() or not shutil.which("node"):
        reason = "Node.js or web/node_modules is missing (make web)"
        if REQUIRE_SERVICES:
            pytest.fail(reason + " and REQUIRE_SERVICES=1")
        pytest.skip(reason)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": f"sqlite://{tmp_path / 'audit.sqlite3'}",
    }
    subprocess.run([str(DINGHUO), "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [str(DINGHUO), "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        process.terminate()
        process.wait(10)


def test_graphql_http_audit_passes_without_errors_or_warnings(server):
    run = subprocess.run(
        ["node", "scripts/http-audit.mjs", server],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=120,
    )

    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    summary = lines[-1]
    assert summary["audits"] > 40, run.stdout + run.stderr
    assert (summary["warn"], summary["error"]) == (0, 0), "\n".join(map(str, lines[:-1]))
    assert run.returncode == 0

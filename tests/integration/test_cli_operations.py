"""Operating the service from the command line: refusals, migration status, readiness, backup."""

import asyncio
import sqlite3
from pathlib import Path

import httpx
import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext

from db.config import tortoise_config
from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings
from tests.integration.test_cli import run
from tests.integration.test_mailer import free_port

ROOT_DIR = Path(__file__).resolve().parents[2]
# The newest migration: applied last, and the one a database that is behind still needs.
LATEST = max(p.stem for p in (ROOT_DIR / "db" / "migrations").glob("0*.py"))


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    result = run(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_serve_prints_one_line_per_problem_and_no_traceback(tmp_path):
    result = run(tmp_path, "serve", "--workers", "2", ENVIRONMENT="production", SMTP_URL="")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert all(line.startswith("config: ") for line in lines)
    for topic in ("SECRET_KEY", "SMTP_URL", "GRAPHIQL", "INTROSPECTION", "REDIS_URL", "SQLite"):
        assert sum(topic in line for line in lines) == 1, topic


def test_a_malformed_setting_is_one_readable_line(tmp_path):
    result = run(tmp_path, "check", LOG_FORMAT="xml", ACCESS_TOKEN_TTL_SECONDS="soon")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert any(line.startswith("config: LOG_FORMAT:") for line in lines)
    assert any(line.startswith("config: ACCESS_TOKEN_TTL_SECONDS:") for line in lines)


def test_migrate_status_lists_pending_migrations_until_they_are_applied(tmp_path):
    before = run(tmp_path, "migrate", "--status")
    assert before.returncode == 1
    assert "pending  0001_initial" in before.stdout

    assert run(tmp_path, "migrate").returncode == 0
    after = run(tmp_path, "migrate", "--status")
    assert after.returncode == 0, after.stdout
    assert f"applied  {LATEST}" in after.stdout and "pending" not in after.stdout


def test_check_fails_while_migrations_are_pending(tmp_path):
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert "migrations pending" in result.stderr


def test_check_fails_when_the_configured_redis_does_not_answer(migrated):
    result = run(migrated, "check", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert result.returncode == 1
    assert "redis: unreachable" in result.stderr


def test_check_fails_when_the_configured_pdf_font_is_not_a_font(migrated):
    not_a_font = migrated / "font.ttc"
    not_a_font.write_bytes(b"not a font")

    result = run(migrated, "check", PDF_FONT_PATH=str(not_a_font))

    assert result.returncode == 1
    assert f"pdf: PDF_FONT_PATH {not_a_font}" in result.stderr
    assert "Traceback" not in result.stderr


def test_makemigrations_finds_no_change_in_the_committed_models(tmp_path):
    result = run(tmp_path, "makemigrations", "nothing")
    assert result.returncode == 0, result.stderr
    assert "no model changes" in result.stdout


async def _ready(url: str, **overrides) -> httpx.Response:
    EXECUTOR_CACHE.clear()
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(url))
        app = create_app(make_settings(database_url=url, **overrides), manage_db=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/readyz")


def test_readyz_answers_200_only_when_migrated_and_redis_answers(migrated):
    url = f"sqlite://{migrated}/cli.sqlite3"
    ready = asyncio.run(_ready(url))
    redis_down = asyncio.run(_ready(url, redis_url=f"redis://127.0.0.1:{free_port()}/0"))
    with sqlite3.connect(migrated / "cli.sqlite3") as conn:
        conn.execute("DELETE FROM tortoise_migrations WHERE name = ?", (LATEST,))
    behind = asyncio.run(_ready(url))

    assert ready.status_code == 200
    assert redis_down.status_code == 503
    assert redis_down.json()["problems"][0].startswith("redis: unreachable")
    assert behind.status_code == 503
    assert f"1 migrations pending ({LATEST} first)" in behind.json()["problems"][0]


async def _sign_in(url: str, email: str) -> dict:
    EXECUTOR_CACHE.clear()
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(url))
        app = create_app(make_settings(database_url=url), manage_db=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            ready = await client.get("/readyz")
            signed_in = await f.gql(client, f.LOGIN, {"email": email, "password": "Admin1234"})
    return {"ready": ready.status_code, "login": signed_in["data"]["tokenCreate"]}


def test_a_sqlite_backup_restores_into_a_working_server(migrated: Path, tmp_path_factory):
    created = run(
        migrated, "create-staff", "boss@example.com", "--role", "admin", "--password", "Admin1234"
    )
    assert created.returncode == 0, created.stderr
    restored = tmp_path_factory.mktemp("restore") / "restored.sqlite3"

    result = run(migrated, "backup", str(restored))
    assert result.returncode == 0, result.stderr
    assert not restored.with_name("restored.sqlite3.partial").exists()

    outcome = asyncio.run(_sign_in(f"sqlite://{restored}", "boss@example.com"))
    assert outcome["ready"] == 200
    assert outcome["login"]["errors"] == [] and outcome["login"]["accessToken"]


def test_backup_refuses_a_postgres_database(tmp_path):
    result = run(tmp_path, "backup", "x.dump", DATABASE_URL="postgres://x@127.0.0.1/x")
    assert result.returncode == 2
    assert "pg_dump" in result.stderr

"""The `dinghuo` command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer
from pydantic import ValidationError

from dinghuo.settings import Settings
from dinghuo.settings import get_settings as _cached_settings

app = typer.Typer(help="Dinghuo (订货): B2B ordering platform", no_args_is_help=True)


def get_settings() -> Settings:
    """The settings, or one readable line per bad setting and exit status 2."""
    try:
        return _cached_settings()
    except ValidationError as exc:
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]).upper()
            typer.echo(f"config: {name}: {error['msg']}", err=True)
        raise typer.Exit(2) from None


def refuse_problems(problems: list[str]) -> None:
    for problem in problems:
        typer.echo(f"config: {problem}", err=True)
    if problems:
        raise typer.Exit(2)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    reload: bool = typer.Option(False, "--reload", help="Restart on code changes (development)."),
) -> None:
    """Serve the GraphQL API (and GraphiQL) at /graphql."""
    import uvicorn

    from dinghuo.observability import configure_logging

    settings = get_settings()
    refuse_problems(settings.check(web_workers=workers))
    configure_logging(settings.log_format, settings.log_level)
    uvicorn.run(
        "dinghuo.main:app",
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        log_config=None,
        access_log=False,
        # Forwarded headers are read by the app, from FORWARDED_ALLOW_IPS only (settings).
        proxy_headers=False,
    )


@app.command()
def worker(
    once: bool = typer.Option(False, "--once", help="Run each job once, then stop."),
) -> None:
    """Run background work: outbox mail, expired-token purge, pending card refunds. Several
    may run at once."""
    import signal

    from dinghuo import readiness
    from dinghuo import worker as background
    from dinghuo.database import opened
    from dinghuo.observability import configure_logging

    settings = get_settings()
    refuse_problems(settings.check())
    configure_logging(settings.log_format, settings.log_level)

    async def run() -> None:
        async with opened(settings.database_url):
            _, pending = await readiness.migration_status(settings.database_url)
            if pending:
                typer.echo(f"database: {len(pending)} migrations pending: run `dinghuo migrate`")
                raise typer.Exit(1)
            stop = asyncio.Event()
            if once:
                stop.set()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await background.run(settings, stop)

    asyncio.run(run())


@app.command()
def migrate(
    status: bool = typer.Option(
        False, "--status", help="List applied and pending migrations; exit 1 if any pend."
    ),
) -> None:
    """Apply database migrations (SQLite or PostgreSQL, from DATABASE_URL)."""
    from dinghuo.database import migrate as run
    from dinghuo.database import opened
    from dinghuo.readiness import migration_status
    from domain.shared import clock

    settings = get_settings()
    if not status:
        # The sales rollup a migration fills is kept in the supplier's business days.
        clock.configure(settings.business_timezone)
        asyncio.run(run(settings.database_url))
        typer.echo("migrations applied")
        return

    async def read() -> tuple[list[str], list[str]]:
        async with opened(settings.database_url):
            return await migration_status(settings.database_url)

    applied, pending = asyncio.run(read())
    for name in applied:
        typer.echo(f"applied  {name}")
    for name in pending:
        typer.echo(f"pending  {name}")
    if pending:
        raise typer.Exit(1)


@app.command()
def makemigrations(name: str) -> None:
    """Write db/migrations/NNNN_NAME.py for model changes (no database needed)."""
    from dinghuo.database import make_migrations

    written = asyncio.run(make_migrations(name))
    for path in written:
        typer.echo(f"wrote {path}")
    if not written:
        typer.echo("no model changes")


@app.command()
def backup(target: Path) -> None:
    """Copy the SQLite database to TARGET while the service runs."""
    from dinghuo.backup import backup_sqlite, sqlite_path

    source = sqlite_path(get_settings().database_url)
    if source is None:
        typer.echo("backup: DATABASE_URL is not SQLite; use pg_dump -Fc for PostgreSQL", err=True)
        raise typer.Exit(2)
    pages = backup_sqlite(source, target)
    typer.echo(f"wrote {target} ({pages} pages)")


@app.command()
def seed(demo: bool = typer.Option(False, "--demo", help="Load the demo distributor.")) -> None:
    """Load data. `--demo` loads demo data only into an empty database."""
    if not demo:
        typer.echo("nothing to do: pass --demo")
        raise typer.Exit(1)
    from dinghuo import demo as demo_data
    from dinghuo.database import opened
    from dinghuo.pubsub import announcing_from_command

    settings = get_settings()

    async def run() -> bool:
        async with opened(settings.database_url), announcing_from_command(settings.redis_url):
            return await demo_data.load_if_empty(settings)

    typer.echo("demo data loaded" if asyncio.run(run()) else "database not empty: left as it is")


@app.command("create-staff")
def create_staff(
    email: str,
    role: str = typer.Option("admin", help="admin, sales, warehouse or finance"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    full_name: str = "",
) -> None:
    """Create a staff account."""
    from dinghuo.database import opened
    from dinghuo.policies import auth_policy
    from domain.accounts import members
    from domain.shared.errors import DomainError
    from domain.shared.messages import message

    settings = get_settings()

    async def run() -> None:
        async with opened(settings.database_url):
            await members.create_staff(
                auth_policy(settings), None, email, role, password, full_name
            )

    try:
        asyncio.run(run())
    except DomainError as exc:
        typer.echo(f"{exc.code.value}: {message(exc.code.value, 'en', **exc.params)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"staff user {email} ({role}) created")


@app.command("catalog-import")
def catalog_import(path: Path) -> None:
    """Import a catalog CSV, or an XLSX workbook with the same columns (all rows or none)."""
    from dinghuo.database import opened
    from domain.catalog import csv_format, xlsx_format
    from domain.catalog import import_csv as importer

    async def run():
        async with opened(get_settings().database_url):
            if path.suffix.lower() == ".xlsx":
                return await importer.import_parsed(None, xlsx_format.parse(path.read_bytes()))
            return await importer.import_file(None, path)  # streamed: any length

    try:
        result = asyncio.run(run())
    except (OSError, csv_format.UnreadableFile) as exc:
        typer.echo(f"cannot read {path}: {exc}", err=True)
        raise typer.Exit(1) from exc
    for error in result.errors:
        typer.echo(f"line {error.line}, {error.column}: {error.reason('en')}", err=True)
    if result.errors:
        typer.echo(f"{len(result.errors)} bad rows: nothing imported", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"products: {result.products_created} created, {result.products_updated} updated; "
        f"variants: {result.variants_created} created, {result.variants_updated} updated"
    )


@app.command("catalog-export")
def catalog_export(path: Path) -> None:
    """Export the catalog as CSV, or as XLSX when the file name ends in .xlsx."""
    from dinghuo.database import opened
    from domain.catalog import export_csv as exporter
    from domain.catalog import xlsx_format

    async def run() -> str:
        async with opened(get_settings().database_url):
            return await exporter.export_csv()

    text = asyncio.run(run())
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(xlsx_format.from_csv(text))
    else:
        # With a BOM, Excel opens the file as UTF-8 and shows the Chinese text.
        path.write_text(text, encoding="utf-8-sig")
    typer.echo(f"wrote {path}")


forecast_app = typer.Typer(help="Demand forecasts (needs the optional forecast extra).")
app.add_typer(forecast_app, name="forecast")


@forecast_app.callback(invoke_without_command=True)
def forecast(
    ctx: typer.Context,
    horizon: int = typer.Option(12, help="Weeks to forecast."),
    history_weeks: int = typer.Option(104, help="Complete weeks of order history to use."),
    season_length: int = typer.Option(52, help="Weeks in a season (a year)."),
) -> None:
    """Forecast weekly demand of every SKU and store it (run it nightly, e.g. from cron)."""
    if ctx.invoked_subcommand is not None:
        return
    from dinghuo.database import opened
    from domain.insight import forecast as forecasting
    from domain.shared.errors import DomainError
    from domain.shared.messages import message

    async def run():
        async with opened(get_settings().database_url):
            return await forecasting.run(horizon, history_weeks, season_length)

    try:
        summary = asyncio.run(run())
    except DomainError as exc:
        typer.echo(f"{exc.code.value}: {message(exc.code.value, 'en', **exc.params)}", err=True)
        raise typer.Exit(1) from exc
    models = ", ".join(f"{name} {count}" for name, count in sorted(summary.by_model.items()))
    typer.echo(f"forecast {summary.skus} SKUs" + (f" ({models})" if models else ""))


@forecast_app.command("evaluate")
def forecast_evaluate(
    path: Path,
    horizon: int = typer.Option(..., help="Points held out at the end of each series."),
    season_length: int = typer.Option(..., help="Points in a season (12 for months)."),
) -> None:
    """Score the models on `series_id,date,value` rows: per-series and mean MASE."""
    from domain.insight.evaluate import evaluate, read_series, table
    from domain.shared.errors import DomainError
    from domain.shared.messages import message

    try:
        scores = evaluate(read_series(path.read_text(encoding="utf-8")), horizon, season_length)
    except DomainError as exc:
        typer.echo(f"{exc.code.value}: {message(exc.code.value, 'en', **exc.params)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(table(scores))


@app.command("rollup-rebuild")
def rollup_rebuild() -> None:
    """Recompute the daily sales rollup from every order (after changing TIMEZONE)."""
    from tortoise.transactions import in_transaction

    from dinghuo.database import opened
    from domain.insight import rollup
    from domain.shared import clock

    settings = get_settings()
    clock.configure(settings.business_timezone)

    async def run() -> int:
        async with opened(settings.database_url), in_transaction():
            return await rollup.rebuild()

    typer.echo(f"sales rollup rebuilt: {asyncio.run(run())} rows")


@app.command("export-schema")
def export_schema(path: Path = Path("schema.graphql")) -> None:
    """Write the GraphQL SDL."""
    from dinghuo.api import build_schema

    path.write_text(build_schema().as_str() + "\n", encoding="utf-8")
    typer.echo(f"wrote {path}")


@app.command()
def check(
    workers: int = typer.Option(1, help="The web workers `serve` will run with."),
) -> None:
    """Check the configuration, the database (reachable, migrated) and Redis (if configured)."""
    from dinghuo import readiness
    from dinghuo.database import opened
    from dinghuo.pubsub import make_broker
    from domain.billing import fonts

    settings = get_settings()
    problems = settings.check(web_workers=workers)
    for p in problems:
        typer.echo(f"config: {p}", err=True)

    async def ready() -> list[str]:
        broker = make_broker(settings.redis_url) if settings.redis_url else None
        try:
            async with opened(settings.database_url):
                return await readiness.problems(settings.database_url, broker)
        except Exception as exc:  # noqa: BLE001 - report any connection failure plainly
            return [f"database: unreachable ({type(exc).__name__}: {exc})"]
        finally:
            if broker is not None:
                await broker.close()

    found = asyncio.run(ready())
    for p in found:
        typer.echo(p, err=True)
    if not any(p.startswith("database") for p in found):
        typer.echo(f"database: ok ({settings.database_url.split('@')[-1]})")
    font = fonts.find(settings.pdf_font_path)
    if font.embedded:
        typer.echo(f"pdf: ok (embeds {font.path})")
    elif settings.pdf_font_path:
        found.append(f"pdf: {font.problem}")
        typer.echo(found[-1], err=True)
    else:
        # Not a failure: the PDFs still work on viewers that have the font.
        typer.echo(
            f"pdf: warning: {font.problem}; PDFs name {font.name} without embedding it", err=True
        )
    if problems or found:
        raise typer.Exit(1)
    typer.echo("ok")


if __name__ == "__main__":
    app()

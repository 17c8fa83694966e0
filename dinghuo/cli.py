"""The `dinghuo` command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from dinghuo.settings import get_settings

app = typer.Typer(help="Dinghuo (订货): B2B ordering platform", no_args_is_help=True)


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
    problems = settings.check()
    if problems:
        typer.echo("; ".join(problems), err=True)
        raise typer.Exit(2)
    configure_logging(settings.log_format, settings.log_level)
    uvicorn.run(
        "dinghuo.main:app",
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        log_config=None,
        access_log=False,
    )


@app.command()
def migrate() -> None:
    """Apply database migrations (SQLite or PostgreSQL, from DATABASE_URL)."""
    from dinghuo.database import migrate as run

    asyncio.run(run(get_settings().database_url))
    typer.echo("migrations applied")


@app.command()
def seed(demo: bool = typer.Option(False, "--demo", help="Load the demo distributor.")) -> None:
    """Load data. `--demo` loads demo data only into an empty database."""
    if not demo:
        typer.echo("nothing to do: pass --demo")
        raise typer.Exit(1)
    from dinghuo import demo as demo_data
    from dinghuo.database import opened

    async def run() -> bool:
        async with opened(get_settings().database_url):
            return await demo_data.load_if_empty(get_settings())

    typer.echo("demo data loaded" if asyncio.run(run()) else "database not empty: left as it is")


@app.command("create-staff")
def create_staff(
    email: str,
    role: str = typer.Option("admin", help="admin, sales, warehouse or finance"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    full_name: str = "",
) -> None:
    """Create a staff account."""
    from dinghuo.app import auth_policy
    from dinghuo.database import opened
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
    """Import a catalog CSV (all rows or none)."""
    from dinghuo.database import opened
    from domain.catalog import import_csv as importer

    async def run():
        async with opened(get_settings().database_url):
            return await importer.import_csv(None, path.read_text(encoding="utf-8-sig"))

    result = asyncio.run(run())
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
    """Export the catalog as CSV."""
    from dinghuo.database import opened
    from domain.catalog import export_csv as exporter

    async def run() -> str:
        async with opened(get_settings().database_url):
            return await exporter.export_csv()

    path.write_text(asyncio.run(run()), encoding="utf-8")
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


@app.command("export-schema")
def export_schema(path: Path = Path("schema.graphql")) -> None:
    """Write the GraphQL SDL."""
    from dinghuo.api import build_schema

    path.write_text(build_schema().as_str() + "\n", encoding="utf-8")
    typer.echo(f"wrote {path}")


@app.command()
def check() -> None:
    """Check the configuration and that the database answers."""
    from tortoise import Tortoise

    from dinghuo.database import opened

    settings = get_settings()
    problems = settings.check()
    for p in problems:
        typer.echo(f"config: {p}", err=True)

    async def ping() -> None:
        async with opened(settings.database_url):
            await Tortoise.get_connection("default").execute_query("SELECT 1")

    try:
        asyncio.run(ping())
        typer.echo(f"database: ok ({settings.database_url.split('@')[-1]})")
    except Exception as exc:  # noqa: BLE001 - report any connection failure plainly
        typer.echo(f"database: unreachable ({type(exc).__name__}: {exc})", err=True)
        problems.append("database")
    if problems:
        raise typer.Exit(1)
    typer.echo("ok")


if __name__ == "__main__":
    app()

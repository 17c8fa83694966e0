"""The Starlette application factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from db.config import tortoise_config
from dinghuo import downloads, graphiql, metrics, persisted, readiness, reports, storefront, worker
from dinghuo.api import build_schema
from dinghuo.graphql_http import DinghuoGraphQL
from dinghuo.middleware import AccessLogMiddleware, BodySizeLimitMiddleware, RequestIdMiddleware
from dinghuo.policies import policies
from dinghuo.pubsub import make_broker
from dinghuo.settings import Settings, get_settings
from domain.billing import fonts
from domain.shared import clock
from webhooks.carriers import carrier_webhook
from webhooks.stripe import stripe_webhook


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    state = request.app.state
    problems = await readiness.problems(state.settings.database_url, state.broker)
    if problems:
        return JSONResponse({"status": "unavailable", "problems": problems}, 503)
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None, manage_db: bool = True) -> Starlette:
    """`manage_db=False` leaves the ORM to the caller (tests open their own database)."""
    settings = settings or get_settings()
    problems = settings.check()
    if problems:
        raise RuntimeError("; ".join(problems))
    clock.configure(settings.business_timezone)
    fonts.configure(settings.pdf_font_path)
    broker = make_broker(settings.redis_url)
    try:
        documents = persisted.from_settings(settings)
    except ValueError as exc:
        raise RuntimeError(f"PERSISTED_DOCUMENTS_MANIFEST: {exc}") from exc
    graphql = DinghuoGraphQL(
        build_schema(settings), settings, policies(settings), broker, documents
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if manage_db:
                await stack.enter_async_context(
                    RegisterTortoise(app, config=tortoise_config(settings.database_url))
                )
                if settings.worker_in_process():
                    task = asyncio.create_task(worker.run(settings))
                    stack.callback(task.cancel)
                # What start-up built (modules, schema, ORM, pool) lives as long as the
                # process: moved out of the collector's reach, a full collection walks only
                # what requests left behind instead of some 500,000 objects (bench/).
                gc.freeze()
            stack.push_async_callback(broker.close)
            stack.push_async_callback(documents.close)
            yield

    middleware = [
        Middleware(RequestIdMiddleware),
        *([Middleware(AccessLogMiddleware)] if settings.access_log else []),
        Middleware(
            BodySizeLimitMiddleware,
            max_bytes=settings.max_body_bytes,
            default_language=settings.default_language,
        ),
    ]
    if settings.cors_origin_list():
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origin_list(),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=settings.cors_header_list(),
                expose_headers=["x-request-id"],
            )
        )
    routes = [
        # Every method reaches the GraphQL app so that a refused one (PUT, DELETE) still
        # answers 405 in the JSON error shape with a code, not Starlette's plain text.
        Route("/graphql", graphql),
        WebSocketRoute("/graphql", graphql),
        Route("/webhooks/stripe", stripe_webhook, methods=["POST"]),
        Route("/webhooks/carriers/{carrier}", carrier_webhook, methods=["POST"]),
        Route("/documents/invoices/{number}.pdf", downloads.invoice_pdf),
        Route("/documents/statements.pdf", downloads.statement_pdf),
        Route("/documents/catalog.xlsx", downloads.catalog_xlsx),
        Route("/reports/sales.{kind:str}", reports.sales_report_file),
        Route("/reports/slow-movers.{kind:str}", reports.slow_movers_file),
        Route("/reports/replenishment.{kind:str}", reports.replenishment_file),
        Route("/reports/purchases.{kind:str}", reports.purchases_file),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *([Route("/metrics", metrics.metrics)] if settings.metrics else []),
        *(graphiql.routes() if settings.graphiql else []),
        # Last: every other GET is the storefront's (its files, or index.html for its routes).
        *storefront.routes(),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.broker = broker
    app.state.policies = graphql.policies
    app.state.persisted = documents
    return app

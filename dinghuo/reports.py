"""Report downloads as CSV or XLSX, for the same callers and figures as the GraphQL reports:
sales, slow movers, replenishment suggestions and a company's purchase analysis."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dinghuo.document_access import STATUS as LINK_STATUS
from dinghuo.document_access import viewer
from domain.accounts.permissions import Perm
from domain.insight import report_tables
from domain.insight.access import check_analyst, check_staff, report_company
from domain.insight.movers import on_sale_count, slow_movers
from domain.insight.purchases import analysis
from domain.insight.replenishment import suggestions
from domain.insight.report_files import FORMATS, file_name, sales_csv, sales_xlsx, write
from domain.insight.sales import period, sales_report
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
from resolvers.core import ids
from resolvers.core.context import Context
from resolvers.insight.sales import sales_query

STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    **LINK_STATUS,
}


def _refuse(language: str, code: ErrorCode, **params) -> JSONResponse:
    return JSONResponse(
        {"code": code.value, "message": message(code.value, language, **params)},
        STATUS.get(code, 400),
    )


def _optional(request: Request, name: str, parse):
    value = request.query_params.get(name)
    return parse(value) if value else None


async def sales_report_file(request: Request) -> Response:
    return await _file(request, _sales)


async def _sales(ctx: Context, request: Request, kind: str) -> tuple[bytes, str]:
    assert ctx.principal is not None
    query = sales_query(
        ctx.principal,
        ctx.language,
        _optional(request, "start", date.fromisoformat),
        _optional(request, "end", date.fromisoformat),
        request.query_params.get("by", "period"),
        request.query_params.get("grain", "day"),
        _optional(request, "company", str),
        _optional(request, "limit", int),
    )
    report = await sales_report(query)
    write_report = sales_csv if kind == "csv" else sales_xlsx
    return write_report(report, ctx.language), file_name(report, kind)


async def _table_file(request: Request, build) -> Response:
    """A report file from `build(ctx, request) -> (table, name)`."""

    async def table(ctx: Context, request: Request, kind: str) -> tuple[bytes, str]:
        lines, name = await build(ctx, request)
        return write(kind, lines, name), f"{name}.{kind}"

    return await _file(request, table)


async def _file(request: Request, build) -> Response:
    """A report file from `build(ctx, request, kind) -> (content, file name)`, refused as the
    API refuses: an unknown format, no viewer, a domain refusal or a malformed parameter."""
    kind = request.path_params["kind"]
    ctx, refused = await viewer(request)
    if kind not in FORMATS:
        return _refuse(ctx.language, ErrorCode.NOT_FOUND)
    if refused is not None or ctx.principal is None:
        return _refuse(ctx.language, refused or ErrorCode.UNAUTHENTICATED)
    try:
        content, name = await build(ctx, request, kind)
    except DomainError as exc:
        return _refuse(ctx.language, exc.code, **exc.params)
    except ValueError:
        return _refuse(ctx.language, ErrorCode.INVALID)
    return Response(
        content,
        media_type=FORMATS[kind],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


async def _costs(ctx: Context, skus: list[str]):
    """Cost prices for the callers who may read them, None (no cost columns) for others."""
    assert ctx.principal is not None
    if not ctx.principal.has(Perm.COSTS_READ):
        return None
    return await report_tables.cost_prices(skus)


async def _slow_movers(ctx: Context, request: Request) -> tuple[list, str]:
    assert ctx.principal is not None
    check_analyst(ctx.principal)
    start = _optional(request, "start", date.fromisoformat)
    low, high = period(start, _optional(request, "end", date.fromisoformat), days=90)
    rows = await slow_movers(low, high, 0, await on_sale_count(), ctx.language)
    costs = await _costs(ctx, [m.sku for m in rows])
    return report_tables.slow_movers(rows, costs, ctx.language), f"slow-movers-{low}-{high}"


async def _replenishment(ctx: Context, request: Request) -> tuple[list, str]:
    assert ctx.principal is not None
    check_staff(ctx.principal)
    rows = await suggestions(ctx.policies.replenishment, request.query_params.get("all") != "1")
    costs = await _costs(ctx, [r.sku for r in rows])
    table = report_tables.replenishment(rows, costs, ctx.language)
    return table, f"replenishment-{clock.today()}"


async def _purchases(ctx: Context, request: Request) -> tuple[list, str]:
    assert ctx.principal is not None
    company = request.query_params.get("company")
    company_id = ids.decode(company, "Company", "companyId") if company else None
    company_id = report_company(ctx.principal, company_id)
    if company_id is None:
        raise DomainError(ErrorCode.REQUIRED, "companyId")
    found = await analysis(company_id, clock.today(), ctx.language)
    return report_tables.purchases(found, ctx.language), f"purchases-{found.start}-{found.end}"


async def slow_movers_file(request: Request) -> Response:
    return await _table_file(request, _slow_movers)


async def replenishment_file(request: Request) -> Response:
    return await _table_file(request, _replenishment)


async def purchases_file(request: Request) -> Response:
    return await _table_file(request, _purchases)

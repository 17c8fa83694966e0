"""Report downloads as CSV or XLSX, for the same callers and figures as the GraphQL reports."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dinghuo.document_access import STATUS as LINK_STATUS
from dinghuo.document_access import viewer
from domain.insight.report_files import FORMATS, file_name, sales_csv, sales_xlsx
from domain.insight.sales import sales_report
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
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
    kind = request.path_params["kind"]
    ctx, refused = await viewer(request)
    if kind not in FORMATS:
        return _refuse(ctx.language, ErrorCode.NOT_FOUND)
    if refused is not None or ctx.principal is None:
        return _refuse(ctx.language, refused or ErrorCode.UNAUTHENTICATED)
    try:
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
    except DomainError as exc:
        return _refuse(ctx.language, exc.code, **exc.params)
    except ValueError:
        return _refuse(ctx.language, ErrorCode.INVALID)
    write = sales_csv if kind == "csv" else sales_xlsx
    return Response(
        write(report, ctx.language),
        media_type=FORMATS[kind],
        headers={"content-disposition": f'attachment; filename="{file_name(report, kind)}"'},
    )

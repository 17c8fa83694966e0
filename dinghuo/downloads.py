"""PDF downloads: invoices and statements, for the buyer's company and staff only."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.relay import from_base64

from db.accounts import Company
from db.invoices import Invoice
from domain.billing import documents, ledger
from domain.shared.errors import ErrorCode
from domain.shared.messages import message, normalize_language
from resolvers.core.context import build_context


async def _viewer(request: Request):
    app = request.app
    return await build_context(request, None, app.state.settings, app.state.policy, "-")


def _refuse(request: Request, status: int, code: ErrorCode) -> JSONResponse:
    language = normalize_language(
        request.headers.get("accept-language"), request.app.state.settings.default_language
    )
    return JSONResponse({"code": code.value, "message": message(code.value, language)}, status)


def _pdf(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{name}"'},
    )


async def invoice_pdf(request: Request) -> Response:
    ctx = await _viewer(request)
    if ctx.principal is None:
        return _refuse(request, 401, ctx.auth_error or ErrorCode.UNAUTHENTICATED)
    invoice = await Invoice.get_or_none(number=request.path_params["number"])
    if invoice is None or not ctx.principal.can_see_company(invoice.company_id):
        return _refuse(request, 404, ErrorCode.NOT_FOUND)
    return _pdf(await documents.invoice_pdf(invoice), f"{invoice.number}.pdf")


async def statement_pdf(request: Request) -> Response:
    ctx = await _viewer(request)
    if ctx.principal is None:
        return _refuse(request, 401, ctx.auth_error or ErrorCode.UNAUTHENTICATED)
    try:
        type_name, company_id = from_base64(request.query_params["company"])
        start = date.fromisoformat(request.query_params["start"])
        end = date.fromisoformat(request.query_params["end"])
    except (KeyError, ValueError):
        return _refuse(request, 400, ErrorCode.INVALID)
    company = await Company.get_or_none(id=int(company_id)) if type_name == "Company" else None
    if company is None or not ctx.principal.can_see_company(company.id):
        return _refuse(request, 404, ErrorCode.NOT_FOUND)
    statement = await ledger.statement(company.id, start, end)
    content = await documents.statement_pdf(
        company, statement, request.app.state.settings.default_currency
    )
    return _pdf(content, f"statement-{start}-{end}.pdf")

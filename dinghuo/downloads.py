"""Downloads: invoice and statement PDFs, for the buyer's company and staff only, with the
Authorization header or through a signed link (dinghuo/document_access.py); the catalog as an
XLSX workbook, for staff who manage it."""

from __future__ import annotations

import asyncio
from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.relay import from_base64

from db.accounts import Company
from db.invoices import Invoice
from dinghuo.document_access import STATUS, viewer
from domain.accounts.permissions import Perm
from domain.billing import documents, ledger
from domain.catalog import export_csv, xlsx_format
from domain.shared.errors import ErrorCode
from domain.shared.messages import message, normalize_language


def _refuse(request: Request, status: int, code: ErrorCode, **params) -> JSONResponse:
    """The same error shape as /graphql, so a client reads every refusal one way."""
    language = normalize_language(
        request.headers.get("accept-language"), request.app.state.settings.default_language
    )
    error = {"message": message(code.value, language, **params), "extensions": {"code": code.value}}
    return JSONResponse({"errors": [error]}, status)


def _company_id(value: str | None) -> int | None:
    """A Company global id as a row id; None for anything else."""
    try:
        type_name, node_id = from_base64(value or "")
    except ValueError:
        return None
    if type_name != "Company" or not node_id.isascii() or not node_id.isdigit():
        return None
    row_id = int(node_id)
    return row_id if row_id < 2**31 else None  # ids are 32-bit integer columns


def _pdf(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{name}"'},
    )


async def invoice_pdf(request: Request) -> Response:
    ctx, refused = await viewer(request)
    if refused is not None or ctx.principal is None:
        code = refused or ErrorCode.UNAUTHENTICATED
        return _refuse(request, STATUS.get(code, 401), code)
    number = request.path_params["number"]
    # Invoice numbers are short printable text (INV-2026-000001); anything else is no invoice.
    if len(number) > 40 or not number.isprintable():
        return _refuse(request, 404, ErrorCode.NOT_FOUND)
    invoice = await Invoice.get_or_none(number=number)
    if invoice is None or not ctx.principal.can_see_company(invoice.company_id):
        return _refuse(request, 404, ErrorCode.NOT_FOUND)
    return _pdf(await documents.invoice_pdf(invoice), f"{invoice.number}.pdf")


async def statement_pdf(request: Request) -> Response:
    ctx, refused = await viewer(request)
    if refused is not None or ctx.principal is None:
        code = refused or ErrorCode.UNAUTHENTICATED
        return _refuse(request, STATUS.get(code, 401), code)
    company_id = _company_id(request.query_params.get("company"))
    if company_id is None:
        return _refuse(request, 400, ErrorCode.INVALID_ID)
    try:
        start = date.fromisoformat(request.query_params["start"])
        end = date.fromisoformat(request.query_params["end"])
    except (KeyError, ValueError) as exc:
        return _refuse(request, 400, ErrorCode.BAD_USER_INPUT, detail=f"start, end: {exc}")
    if end < start:  # as the GraphQL statement answers
        return _refuse(request, 400, ErrorCode.INVALID)
    company = await Company.get_or_none(id=company_id)
    if company is None or not ctx.principal.can_see_company(company.id):
        return _refuse(request, 404, ErrorCode.NOT_FOUND)
    statement = await ledger.statement(company.id, start, end)
    content = await documents.statement_pdf(
        company, statement, request.app.state.settings.default_currency
    )
    return _pdf(content, f"statement-{start}-{end}.pdf")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def catalog_xlsx(request: Request) -> Response:
    ctx, refused = await viewer(request)
    if refused is not None or ctx.principal is None:
        code = refused or ErrorCode.UNAUTHENTICATED
        return _refuse(request, STATUS.get(code, 401), code)
    if not ctx.principal.has(Perm.CATALOG_MANAGE):
        return _refuse(request, 403, ErrorCode.FORBIDDEN)
    # Building the workbook is CPU work: off the event loop.
    content = await asyncio.to_thread(xlsx_format.from_csv, await export_csv.export_csv())
    disposition = 'attachment; filename="catalog.xlsx"'
    return Response(content, media_type=XLSX, headers={"content-disposition": disposition})

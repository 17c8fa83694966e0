"""Catalog import and export for staff: CSV text, or an XLSX workbook with the same columns."""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.scalars import Base64

from domain.accounts.permissions import Perm
from domain.catalog import export_csv as catalog_export
from domain.catalog import import_csv as catalog_import
from domain.catalog import xlsx_format
from domain.catalog.csv_format import RowError, UnreadableFile
from resolvers.core.context import Info
from resolvers.core.permissions import can, requires


@strawberry.type(description="Why one line of an import was refused.")
class ImportRowError:
    line: int
    """The line of the file, from 1 (the header is line 1)."""
    column: str
    """The header of the column at fault."""
    message: str
    """What is wrong, in the caller's language."""


@strawberry.type
class CatalogImportPayload:
    """Either every row was written, or none was and `errors` lists every bad row."""

    ok: bool
    """True when every row was written."""
    products_created: int
    """Products that were new."""
    products_updated: int
    """Products that existed and were changed."""
    variants_created: int
    """Variants (SKUs) that were new."""
    variants_updated: int
    """Variants that existed and were changed."""
    errors: list[ImportRowError]


@strawberry.type
class CatalogCsvQuery:
    @strawberry.field(extensions=requires(Perm.CATALOG_MANAGE))
    async def catalog_export(self, info: Info) -> str:
        """The whole catalog as CSV (products with variants, tier prices, stock)."""
        return await catalog_export.export_csv()


@strawberry.type
class CatalogCsvMutation:
    @strawberry.mutation(extensions=can("catalogImport"))
    async def catalog_import(self, info: Info, csv: str) -> CatalogImportPayload:
        """Create or update products, variants, tier prices and stock from CSV. Larger files
        than MAX_BODY_BYTES allows go through `dinghuo catalog-import FILE`."""
        ctx = info.context
        result = await catalog_import.import_csv(ctx.principal, csv, ctx.request_id)
        return _payload(result, ctx.language)

    @strawberry.mutation(extensions=can("catalogImportXlsx"))
    async def catalog_import_xlsx(self, info: Info, content: Base64) -> CatalogImportPayload:
        """The same import from an XLSX workbook (base64): its first worksheet has the CSV's
        columns in a header row. `GET /documents/catalog.xlsx` exports one."""
        ctx = info.context
        try:
            parsed = await asyncio.to_thread(xlsx_format.parse, content)
        except UnreadableFile:
            result = catalog_import.ImportResult(errors=[RowError(1, "", "import.not_xlsx")])
            return _payload(result, ctx.language)
        result = await catalog_import.import_parsed(ctx.principal, parsed, ctx.request_id)
        return _payload(result, ctx.language)


def _payload(result: catalog_import.ImportResult, language: str) -> CatalogImportPayload:
    return CatalogImportPayload(
        ok=not result.errors,
        products_created=result.products_created,
        products_updated=result.products_updated,
        variants_created=result.variants_created,
        variants_updated=result.variants_updated,
        errors=[
            ImportRowError(line=e.line, column=e.column, message=e.reason(language))
            for e in result.errors
        ],
    )

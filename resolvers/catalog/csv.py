"""Catalog import and export for staff: CSV text, or an XLSX workbook with the same columns."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from domain.accounts.permissions import Perm
from domain.catalog import export_csv as catalog_export
from domain.catalog import import_csv as catalog_import
from domain.catalog import xlsx_format
from domain.catalog.csv_format import RowError, UnreadableFile
from resolvers.core.context import Info
from resolvers.core.permissions import can, requires
from schema.catalog.inputs import CatalogImportInput, CatalogImportXlsxInput
from schema.catalog.payloads import CatalogImportPayload, ImportRowError
from schema.shared.payload import INPUT


@strawberry.type
class CatalogCsvQuery:
    @strawberry.field(extensions=requires(Perm.CATALOG_MANAGE))
    async def catalog_export(self, info: Info) -> str:
        """The whole catalog as CSV (products with variants, tier prices, stock)."""
        return await catalog_export.export_csv()


@strawberry.type
class CatalogCsvMutation:
    @strawberry.mutation(extensions=can("catalogImport"))
    async def catalog_import(
        self, info: Info, input: Annotated[CatalogImportInput, INPUT]
    ) -> CatalogImportPayload:
        """Create or update products, variants, tier prices and stock from CSV. Larger files
        than MAX_BODY_BYTES allows go through `dinghuo catalog-import FILE`."""
        ctx = info.context
        result = await catalog_import.import_csv(ctx.principal, input.csv, ctx.request_id)
        return _payload(result, ctx.language)

    @strawberry.mutation(extensions=can("catalogImportXlsx"))
    async def catalog_import_xlsx(
        self, info: Info, input: Annotated[CatalogImportXlsxInput, INPUT]
    ) -> CatalogImportPayload:
        """The same import from an XLSX workbook (base64): its first worksheet has the CSV's
        columns in a header row. `GET /documents/catalog.xlsx` exports one."""
        ctx = info.context
        try:
            parsed = await asyncio.to_thread(xlsx_format.parse, input.content)
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

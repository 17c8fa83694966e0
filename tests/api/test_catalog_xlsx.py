"""Staff import the catalog from an XLSX workbook (base64) and download it as one."""

import base64
import io

from openpyxl import load_workbook

from db.catalog import Variant
from domain.catalog import xlsx_format
from tests import factories as f
from tests.integration.test_catalog_csv import row, setup, sheet

__all__ = ["setup"]  # the fixture, shared with the CSV tests

IMPORT = """mutation($c: Base64!) { catalogImportXlsx(input: {content: $c}) {
  ok variantsCreated errors { line column message } } }"""
URL = "/documents/catalog.xlsx"


def encoded(text: str) -> str:
    return base64.b64encode(xlsx_format.from_csv(text)).decode()


async def test_a_workbook_imports_and_downloads_with_its_chinese_text(client, setup, policy):
    sales = await f.login(client, await f.staff(policy, "sales"))

    imported = await f.gql(client, IMPORT, {"c": encoded(sheet(row()))}, token=sales)
    download = await client.get(URL, headers={"authorization": f"Bearer {sales}"})

    assert imported["data"]["catalogImportXlsx"] == {"ok": True, "variantsCreated": 1, "errors": []}
    assert await Variant.exists(sku="COLA-330-24")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(download.content)).active]
    assert rows[1][3:5] == ["可乐", "Cola"]


async def test_bad_rows_and_files_are_errors_in_the_callers_language(client, setup, policy):
    sales = await f.login(client, await f.staff(policy, "sales"))
    not_a_workbook = base64.b64encode(b"product_slug,sku\n").decode()

    bad_row = await f.gql(
        client, IMPORT, {"c": encoded(sheet(row(base_price="abc")))}, token=sales, language="en"
    )
    bad_file = await f.gql(client, IMPORT, {"c": not_a_workbook}, token=sales, language="zh-Hans")

    assert bad_row["data"]["catalogImportXlsx"]["errors"] == [
        {"line": 2, "column": "base_price", "message": "Not a number."}
    ]
    [error] = bad_file["data"]["catalogImportXlsx"]["errors"]
    assert error["line"] == 1 and "XLSX" in error["message"]
    assert not await Variant.exists()


async def test_buyers_and_anonymous_visitors_get_neither(client, setup, policy):
    buyer = await f.login(client, await f.buyer(policy, await f.company()))

    imported = await f.gql(client, IMPORT, {"c": encoded(sheet(row()))}, token=buyer)
    as_buyer = await client.get(URL, headers={"authorization": f"Bearer {buyer}"})
    anonymous = await client.get(URL)

    assert imported["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (as_buyer.status_code, anonymous.status_code) == (403, 401)
    assert not await Variant.exists()

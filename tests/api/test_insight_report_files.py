"""Slow movers, replenishment suggestions and purchase analysis as CSV and XLSX files: the
byte order mark, Chinese text, numbers Excel sums, cost columns only for the roles that read
costs, and a buyer's file only of their own company."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from db.accounts import User
from db.insight import DemandForecast
from domain.shared import clock
from tests import factories
from tests.conftest import make_settings
from tests.insight_history import SHANGHAI, place


@pytest.fixture
def settings():
    return make_settings(business_timezone="Asia/Shanghai")


def auth(token: str, language: str = "zh") -> dict:
    return {"authorization": f"Bearer {token}", "accept-language": language}


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads Chinese text right only so
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


async def _sold(company, product_names: dict, cost_price: int | None):
    """A variant of a Chinese-named product, 3 sold at 10.00 on 2026-06-10, another unsold."""
    product = await factories.product(names=product_names)
    sold = await factories.variant(product, base_price=1000, cost_price=cost_price)
    unsold = await factories.variant(product, base_price=1000)
    user = await User.create(email=f"p{company.id}@example.com", password_hash="-",
                             full_name="-", kind="staff", staff_role="sales")  # fmt: skip
    moment = datetime.combine(date(2026, 6, 10), datetime.min.time(), SHANGHAI)
    await place(company, user, moment + timedelta(hours=9), "confirmed", [(sold, 3, 1000)])
    return sold, unsold


async def test_slow_movers_file_has_margins_for_finance_and_none_for_warehouse_staff(
    client, policy, pinned_clock
):
    company = await factories.company()
    sold, unsold = await _sold(company, {"zh-Hans": "农夫山泉天然水", "en": "Water"}, 600)
    finance = await factories.login(client, await factories.staff(policy, role="finance"))
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))
    buyer = await factories.login(client, await factories.buyer(policy, company))

    response = await client.get("/reports/slow-movers.csv", headers=auth(finance))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = csv_rows(response.content)
    assert rows[0] == ["SKU", "名称", "销售额", "订单数", "件数", "成本价", "毛利", "毛利率"]
    by_sku = {r[0]: r for r in rows[1:]}
    assert by_sku[sold.sku][1] == "农夫山泉天然水"
    # 30.00 revenue - 3 × 6.00 cost; the unsold SKU has no cost, so no margin either.
    assert [Decimal(x) for x in by_sku[sold.sku][2:]] == [
        Decimal("30.00"), 1, 3, Decimal("6.00"), Decimal("12.00"), Decimal("0.4")
    ]  # fmt: skip
    assert by_sku[unsold.sku][2:] == ["0.00", "0", "0", "", "", ""]
    assert [r[0] for r in rows[1:]].index(unsold.sku) < [r[0] for r in rows[1:]].index(sold.sku)

    for token in (warehouse, buyer):
        refused = await client.get("/reports/slow-movers.csv", headers=auth(token))
        assert (refused.status_code, refused.json()["code"]) == (403, "FORBIDDEN")
    assert (await client.get("/reports/slow-movers.xlsx")).status_code == 401


async def _forecast(sku: str) -> None:
    await DemandForecast.create(
        sku=sku, model="AutoETS", first_week=date(2026, 6, 15), weekly=[20.0] * 12,
        backtest_mase=0.8, backtest_mae=2.0, history_weeks=104, computed_at=clock.now(),
    )  # fmt: skip


async def test_replenishment_workbook_costs_the_order_only_for_roles_that_read_costs(
    client, policy, pinned_clock
):
    from openpyxl import load_workbook

    pytest.importorskip("statsforecast")  # forecasts are read through the forecasting extra
    product = await factories.product(names={"zh-Hans": "伊利纯牛奶", "en": "Milk"})
    variant = await factories.variant(product, cost_price=4550)
    await factories.stock(variant, await factories.warehouse("SH"), 5)
    await _forecast(variant.sku)
    admin = await factories.login(client, await factories.staff(policy, role="admin"))
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))

    costed = await client.get("/reports/replenishment.xlsx", headers=auth(admin, "en"))
    assert costed.status_code == 200
    assert "spreadsheetml" in costed.headers["content-type"]
    assert costed.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(costed.content)).active
    assert sheet is not None
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[-3:] == ("Runs out before lead time", "Cost price", "Order cost")
    line = dict(zip(header, row, strict=True))
    assert line["SKU"] == variant.sku and line["Warehouse"] == "SH"
    assert isinstance(line["Suggested quantity"], int) and line["Suggested quantity"] > 0
    assert line["Cost price"] == 45.5
    assert line["Order cost"] == pytest.approx(45.5 * line["Suggested quantity"])

    plain = await client.get("/reports/replenishment.csv", headers=auth(warehouse))
    rows = csv_rows(plain.content)
    assert "成本价" not in rows[0] and "补货成本" not in rows[0]
    assert rows[0][-1] == "到货前断货" and rows[1][0] == variant.sku
    assert "45.5" not in plain.content.decode("utf-8-sig")


async def test_a_buyer_downloads_only_their_own_purchase_analysis(client, policy, pinned_clock):
    own, other = await factories.company(), await factories.company()
    sold, _ = await _sold(own, {"zh-Hans": "乐事黄瓜味薯片", "en": "Crisps"}, 600)
    token = await factories.login(client, await factories.buyer(policy, own, role="viewer"))

    response = await client.get("/reports/purchases.csv", headers=auth(token))
    assert response.status_code == 200
    rows = csv_rows(response.content)
    assert rows[0] == ["分类", "编号", "名称", "采购额", "订单数", "件数"]
    assert ["按月", "2026-06-01", "2026-06-01", "30.00", "1", "3"] in rows
    assert ["常购商品", sold.sku, "乐事黄瓜味薯片", "30.00", "1", "3"] in rows
    assert not any("成本" in cell for row in rows for cell in row)

    url = f"/reports/purchases.xlsx?company={factories.gid('Company', other.id)}"
    refused = await client.get(url, headers=auth(token))
    assert (refused.status_code, refused.json()["code"]) == (403, "FORBIDDEN")
    staff = await factories.login(client, await factories.staff(policy, role="sales"))
    unnamed = await client.get("/reports/purchases.csv", headers=auth(staff))
    assert (unnamed.status_code, unnamed.json()["code"]) == (400, "REQUIRED")
    named = await client.get(
        f"/reports/purchases.csv?company={factories.gid('Company', own.id)}", headers=auth(staff)
    )
    assert ["常购商品", sold.sku, "乐事黄瓜味薯片", "30.00", "1", "3"] in csv_rows(named.content)


async def test_sales_file_by_sku_has_margins_for_finance_and_not_for_buyers(
    client, policy, pinned_clock
):
    company = await factories.company()
    sold, _ = await _sold(company, {"zh-Hans": "可口可乐原味", "en": "Cola"}, 600)
    finance = await factories.login(client, await factories.staff(policy, role="finance"))
    buyer = await factories.login(client, await factories.buyer(policy, company))
    url = "/reports/sales.csv?by=sku&start=2026-06-01&end=2026-06-15"

    rows = csv_rows((await client.get(url, headers=auth(finance))).content)
    assert rows[0][-3:] == ["毛利", "有成本的销售额", "毛利率"]
    line = next(r for r in rows if r[0] == sold.sku)
    assert line[-3:] == ["12.00", "30.00", "0.4000"]  # 30.00 - 3 × 6.00, all of it costed
    as_buyer = csv_rows((await client.get(url, headers=auth(buyer))).content)
    assert "毛利" not in as_buyer[0] and len(as_buyer[0]) == 8

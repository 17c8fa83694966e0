"""Sales reports through GraphQL and as CSV or XLSX: who sees which company's figures."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from tests import factories
from tests.conftest import make_settings
from tests.insight_history import brute_force, random_history

REPORT = """query($by: SalesDimension, $grain: SalesGrain, $start: Date, $end: Date, $c: ID) {
  salesReport(by: $by, grain: $grain, start: $start, end: $end, companyId: $c) {
    start end rows { key label figures { revenue { amount } orders units } }
    total { revenue { amount } orders units averageOrderValue { amount } }
    previous { orders } revenueChange csvUrl xlsxUrl } }"""
START, END = "2026-05-01", "2026-06-15"


@pytest.fixture
def settings():
    # Explicit: Tortoise sets TIMEZONE=UTC in the environment when the database opens, and
    # settings read after that would otherwise take it for the supplier's timezone.
    return make_settings(business_timezone="Asia/Shanghai")


def figures(rows) -> dict:
    return {
        r["key"]: (Decimal(r["figures"]["revenue"]["amount"]), r["figures"]["orders"],
                   r["figures"]["units"])
        for r in rows
    }  # fmt: skip


async def test_a_buyer_sees_only_their_own_company(client, policy, pinned_clock):
    sales = await random_history(11, date(2026, 4, 1), 76, 60)
    mine = sales[0].company_id
    user = await factories.buyer(policy, await _company(mine), role="viewer")
    token = await factories.login(client, user)
    result = await factories.gql(
        client, REPORT, {"by": "SKU", "start": START, "end": END}, token=token
    )
    report = result["data"]["salesReport"]
    expected = brute_force(sales, date(2026, 5, 1), date(2026, 6, 15), lambda s: s.sku, mine)
    assert figures(report["rows"]) == expected
    other = next(s.company_id for s in sales if s.company_id != mine)
    refused = await factories.gql(
        client, REPORT, {"start": START, "end": END, "c": factories.gid("Company", other)},
        token=token,
    )  # fmt: skip
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_sales_staff_see_every_company_and_warehouse_staff_none(client, policy, pinned_clock):
    sales = await random_history(12, date(2026, 4, 1), 76, 60)
    sales_rep = await factories.login(client, await factories.staff(policy, role="sales"))
    result = await factories.gql(
        client, REPORT, {"by": "COMPANY", "start": START, "end": END}, token=sales_rep
    )
    expected = brute_force(sales, date(2026, 5, 1), date(2026, 6, 15), lambda s: str(s.company_id))
    assert figures(result["data"]["salesReport"]["rows"]) == expected
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))
    refused = await factories.gql(client, REPORT, {}, token=warehouse)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await factories.gql(client, REPORT, {})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_lapsed_customers_are_for_analyst_staff_only(client, policy, pinned_clock):
    query = "{ lapsedCustomers { companyId name usualIntervalDays daysSinceLastOrder } }"
    finance = await factories.login(client, await factories.staff(policy, role="finance"))
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))
    buyer = await factories.login(
        client, await factories.buyer(policy, await factories.company(), role="owner")
    )

    assert (await factories.gql(client, query, token=finance))["data"] == {"lapsedCustomers": []}
    for token in (warehouse, buyer):
        refused = await factories.gql(client, query, token=token)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_report_downloads_as_csv_with_a_byte_order_mark(client, policy, pinned_clock):
    sales = await random_history(13, date(2026, 4, 1), 76, 40)
    token = await factories.login(client, await factories.staff(policy, role="finance"))
    result = await factories.gql(
        client, REPORT, {"by": "PERIOD", "grain": "MONTH", "start": START, "end": END},
        token=token,
    )  # fmt: skip
    report = result["data"]["salesReport"]
    response = await client.get(
        report["csvUrl"], headers={"authorization": f"Bearer {token}", "accept-language": "zh"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "名称", "销售额"]
    expected = brute_force(
        sales, date(2026, 5, 1), date(2026, 6, 15), lambda s: s.moment.date().replace(day=1)
    )
    assert len(rows) == 1 + len(report["rows"]) + 1
    assert [r[0] for r in rows[1:-1]] == [r["key"] for r in report["rows"]]
    assert Decimal(rows[-1][2]) == Decimal(report["total"]["revenue"]["amount"])
    assert sum(v[0] for v in expected.values()) == Decimal(rows[-1][2])


async def test_a_report_downloads_as_an_excel_workbook_with_numbers(client, policy, pinned_clock):
    from openpyxl import load_workbook

    await random_history(14, date(2026, 4, 1), 76, 30)
    token = await factories.login(client, await factories.staff(policy, role="sales"))
    variables = {"by": "SKU", "start": START, "end": END}
    report = (await factories.gql(client, REPORT, variables, token=token))["data"]["salesReport"]
    response = await client.get(
        report["xlsxUrl"], headers={"authorization": f"Bearer {token}", "accept-language": "en"}
    )

    assert response.status_code == 200
    assert "spreadsheetml" in response.headers["content-type"]
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Key", "Name", "Revenue")
    assert [r[0] for r in rows[1:-1]] == [r["key"] for r in report["rows"]]
    assert Decimal(str(rows[-1][2])) == Decimal(report["total"]["revenue"]["amount"])
    assert isinstance(rows[-1][3], int)  # orders are a number Excel can sum
    unknown = await client.get("/reports/sales.pdf", headers={"authorization": f"Bearer {token}"})
    assert unknown.status_code == 404


async def test_the_csv_refuses_another_company_to_a_buyer(client, policy, pinned_clock):
    own, other = await factories.company(), await factories.company()
    token = await factories.login(client, await factories.buyer(policy, own))
    url = f"/reports/sales.csv?company={factories.gid('Company', other.id)}"
    response = await client.get(url, headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert response.json()["code"] == "FORBIDDEN"
    anonymous = await client.get("/reports/sales.csv")
    assert anonymous.status_code == 401


async def _company(company_id: int):
    from db.accounts import Company

    return await Company.get(id=company_id)


@pytest.mark.parametrize("limit", ["99999999999999999999", "10001"])
async def test_the_csv_refuses_a_limit_out_of_range(client, policy, pinned_clock, limit):
    token = await factories.login(client, await factories.buyer(policy, await factories.company()))
    response = await client.get(
        f"/reports/sales.csv?limit={limit}", headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "VALUE_OUT_OF_RANGE"


async def test_graphql_refuses_a_limit_out_of_range(client, policy, pinned_clock):
    token = await factories.login(client, await factories.buyer(policy, await factories.company()))
    query = "query($n: Int) { salesReport(limit: $n) { start } }"
    result = await factories.gql(client, query, {"n": 1_000_000}, token=token)
    assert result["errors"][0]["extensions"]["code"] == "VALUE_OUT_OF_RANGE"

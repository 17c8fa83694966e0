"""Staff create warehouses: codes are unique (also under concurrency), creation is audited."""

import asyncio

from db.audit import AuditEntry
from db.inventory import Warehouse
from tests import factories as f

CREATE = """mutation($code: String!, $names: [NameInput!]!) {
  warehouseCreate(input: {code: $code, names: $names}) {
    warehouse { code } errors { field code } } }"""
NAMES = [{"language": "ZH_HANS", "name": "上海仓"}]
UPDATE = """mutation($id: ID!) { productUpdate(input: {id: $id, slug: "new-slug"}) {
  errors { field code } } }"""


async def test_a_warehouse_is_created_with_an_upper_case_code_and_audited(client, policy):
    admin = await f.login(client, await f.staff(policy, "warehouse"))

    result = await f.gql(client, CREATE, {"code": "sh-1", "names": NAMES}, token=admin)

    assert result["data"]["warehouseCreate"] == {"warehouse": {"code": "SH-1"}, "errors": []}
    entry = await AuditEntry.get(action="warehouse.create")
    assert entry.after == {"code": "SH-1"}


async def test_a_taken_code_or_an_unknown_language_is_refused(client, policy):
    admin = await f.login(client, await f.staff(policy, "admin"))
    await f.gql(client, CREATE, {"code": "SH", "names": NAMES}, token=admin)

    taken = await f.gql(client, CREATE, {"code": "sh", "names": NAMES}, token=admin)
    klingon = await f.gql(
        client, CREATE, {"code": "BJ", "names": [{"language": "tlh", "name": "x"}]}, token=admin
    )

    assert taken["data"]["warehouseCreate"]["errors"] == [{"field": ["code"], "code": "INVALID"}]
    # A language outside the enum never reaches the resolver.
    assert klingon["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await Warehouse.filter(code="BJ").count() == 0


async def test_concurrent_creation_of_one_code_makes_one_warehouse(client, policy):
    admin = await f.login(client, await f.staff(policy, "admin"))

    results = await asyncio.gather(
        *(f.gql(client, CREATE, {"code": "GZ", "names": NAMES}, token=admin) for _ in range(8))
    )

    created = [r for r in results if r["data"]["warehouseCreate"]["errors"] == []]
    assert len(created) == 1
    assert await Warehouse.filter(code="GZ").count() == 1


async def test_a_product_slug_never_changes(client, policy):
    admin = await f.login(client, await f.staff(policy, "admin"))
    product = await f.product()

    result = await f.gql(client, UPDATE, {"id": f.gid("Product", product.id)}, token=admin)

    assert result["data"]["productUpdate"]["errors"] == [{"field": ["slug"], "code": "INVALID"}]

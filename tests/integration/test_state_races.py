"""The state-machine mechanism under races: of requests moving one row at once, exactly one
moves it and writes its entry; the others are refused with INVALID_STATE."""

import asyncio

from db.audit import AuditEntry
from db.catalog import Product
from domain.catalog import products
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests.integration.test_credit import staff


async def test_racing_status_changes_of_one_product_have_one_winner(db, policy):
    product = await f.product("published")
    who = staff(await f.staff(policy, "admin"))

    results = await asyncio.gather(
        *(products.change_status(product.id, "archive", who) for _ in range(8)),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(results) - len(refused) == 1
    assert {e.code for e in refused} == {ErrorCode.INVALID_STATE}
    assert (await Product.get(id=product.id)).status == "archived"
    entry = await AuditEntry.get(action="product.archive")
    assert (entry.before, entry.after) == ({"status": "published"}, {"status": "archived"})

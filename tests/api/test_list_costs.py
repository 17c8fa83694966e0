"""Every list a client reads costs the same SQL statements for one item or three: nested
objects and lists come through loaders, never one query per item."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from db.accounts import CompanyAddress, Invitation
from db.audit import AuditEntry
from db.catalog import Category, CategoryTranslation
from db.outbox import OutboxMessage
from db.payments import Payment, Refund
from domain.shared import clock
from tests import factories as f
from tests.api.test_invoices import REVIEW

COMPANIES = """query($n: Int) { companies(first: $n) { totalCount edges { node { name
  creditUsed { amount } creditAvailable { amount } prepaidBalance { amount } balance { amount }
  addresses { line isDefault } salesRep { email } users { email } } } } }"""
PRICE_LISTS = """query($n: Int) { priceLists(first: $n) { edges { node { name
  company { name users { email } } } } } }"""
AUDIT = """query($n: Int) { auditLog(first: $n) { edges { node { action actorEmail } } } }"""
DEAD = """query($n: Int) { outboxDeadLetters(first: $n) { edges { node { kind attempts } } } }"""
INVITATIONS = (
    """query($n: Int) { companyInvitations(first: $n) { edges { node { email role } } } }"""
)
REFUNDS = """query($n: Int) { refunds(status: PENDING, first: $n) { edges { node { amount {
  amount } payment { method order { number company { name } } } } } } }"""
CATEGORIES = "{ categories { name parent { name } children { name children { name } } } }"
WAREHOUSES = "{ warehouses { code name } }"


async def _costs(client, token, caplog, query, variables=None) -> tuple[dict, int]:
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()
    result = await f.gql(client, query, variables, token=token)
    assert "errors" not in result, result
    [count] = f.sql_statements(caplog)
    return result["data"], count


async def _one_and_three(client, token, caplog, query) -> tuple[dict, int, dict, int]:
    one, few = await _costs(client, token, caplog, query, {"n": 1})
    three, many = await _costs(client, token, caplog, query, {"n": 3})
    return one, few, three, many


async def _staff_token(client, policy, role: str = "admin") -> str:
    return await f.login(client, await f.staff(policy, role))


async def test_companies_with_their_people_addresses_and_money(client, policy, caplog):
    rep = await f.staff(policy, "sales")
    for n in range(3):
        company = await f.company(sales_rep_id=rep.id)
        await f.buyer(policy, company)
        await CompanyAddress.create(
            company=company, recipient="王", phone="138", region="上海", line=f"路 {n}"
        )
    token = await _staff_token(client, policy)

    one, few, three, many = await _one_and_three(client, token, caplog, COMPANIES)

    assert len(f.nodes(one["companies"])) == 1 and len(f.nodes(three["companies"])) == 3
    assert all(len(c["users"]) == 1 and c["salesRep"] for c in f.nodes(three["companies"]))
    assert few == many


async def test_price_lists_with_their_companies(client, policy, caplog):
    for _ in range(3):
        company = await f.company()
        await f.buyer(policy, company)
        await f.price_list(company=company)
    token = await _staff_token(client, policy)

    one, few, three, many = await _one_and_three(client, token, caplog, PRICE_LISTS)

    assert [len(f.nodes(r["priceLists"])) for r in (one, three)] == [1, 3]
    assert few == many


async def test_the_audit_log(client, policy, caplog):
    admin = await f.staff(policy)
    for n in range(3):
        await AuditEntry.create(
            actor=admin,
            actor_email=admin.email,
            action="product.publish",
            object_type="product",
            object_id=str(n),
        )
    token = await f.login(client, admin)

    one, few, three, many = await _one_and_three(client, token, caplog, AUDIT)

    assert len(f.nodes(three["auditLog"])) == 3
    assert few == many


async def test_dead_letters(client, policy, caplog):
    for n in range(3):
        await OutboxMessage.create(
            kind="order_update",
            recipient=f"r{n}@example.com",
            language="zh-Hans",
            subject="s",
            body="b",
            attempts=5,
            dead_at=clock.now(),
        )
    token = await _staff_token(client, policy)

    one, few, three, many = await _one_and_three(client, token, caplog, DEAD)

    assert len(f.nodes(three["outboxDeadLetters"])) == 3
    assert few == many


async def test_pending_refunds_with_their_payments_and_orders(client, policy, caplog):
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse("SH"), 10)
    for _ in range(3):
        company = await f.company()
        buyer = await f.login(client, await f.buyer(policy, company))
        order = await f.order_via_api(client, buyer, variant, 1, "CARD")
        payment = await Payment.create(order_id=f.row_id(order["id"]), company_id=company.id,
                                       method="card", status="succeeded", amount=1500,
                                       currency="CNY", refunded=500)  # fmt: skip
        await Refund.create(payment=payment, amount=500, status="pending")
    token = await _staff_token(client, policy, "finance")

    one, few, three, many = await _one_and_three(client, token, caplog, REFUNDS)

    assert [len(f.nodes(r["refunds"])) for r in (one, three)] == [1, 3]
    assert few == many


async def test_a_companys_invitations(client, policy, caplog):
    company = await f.company()
    owner = await f.buyer(policy, company)
    for n in range(3):
        await Invitation.create(
            company=company,
            email=f"new{n}@example.com",
            company_role="purchaser",
            token_hash=f"{n:064d}",
            invited_by=owner,
            expires_at=clock.now() + timedelta(days=7),
        )
    token = await f.login(client, owner)

    one, few, three, many = await _one_and_three(client, token, caplog, INVITATIONS)

    assert len(f.nodes(three["companyInvitations"])) == 3
    assert few == many


async def _category(slug: str, parent: Category | None = None) -> Category:
    category = await Category.create(slug=slug, parent=parent)
    await CategoryTranslation.create(category=category, language="zh-Hans", name=slug)
    return category


@pytest.mark.parametrize("query", [CATEGORIES, WAREHOUSES])
async def test_plain_lists_cost_the_same_for_one_item_or_three(client, policy, caplog, query):
    token = await _staff_token(client, policy)

    async def add(n: int) -> None:
        if query is WAREHOUSES:
            await f.warehouse(f"W{n}")
        else:
            top = await _category(f"top-{n}")
            await _category(f"child-{n}", await _category(f"mid-{n}", top))

    await add(0)
    one, few = await _costs(client, token, caplog, query)
    await add(1)
    await add(2)
    three, many = await _costs(client, token, caplog, query)

    [listed] = three.values()
    assert len(listed) >= 3
    assert few == many


INVOICES = """query($n: Int) { invoices(first: $n) { edges { node { number amount { amount }
  order { number lines { sku } } company { name } creditNotes { number } } } } }"""


@pytest.mark.usefixtures("pinned_clock")
async def test_invoices_with_their_orders_and_companies(client, policy, caplog):
    company = await f.company(payment_terms_days=30)
    token = await f.login(client, await f.buyer(policy, company))
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse("SH"), 100)
    admin = await _staff_token(client, policy)
    for _ in range(3):
        order = await f.order_via_api(client, token, variant, 2)
        for _ in range(3):  # every review step
            await f.gql(client, REVIEW, {"id": order["id"]}, token=admin)

    one, few, three, many = await _one_and_three(client, admin, caplog, INVOICES)

    assert [len(f.nodes(r["invoices"])) for r in (one, three)] == [1, 3]
    assert few == many


ORDER_LINES = """query($n: Int) { orders(first: $n) { edges { node { number
  lines { sku variant { sku name price { unitPrice { amount } } availability { status }
    product { name category { slug } } } } } } } }"""


async def test_order_lines_with_their_catalog_variants(client, policy, caplog):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))
    warehouse = await f.warehouse("SH")
    category = await _category("drinks")
    for n in range(3):  # a product of its own per order, two lines each
        product = await f.product(category=category)
        first, second = [await f.variant(product, base_price=1000 + n * 10 + v) for v in (0, 1)]
        for variant in (first, second):
            await f.stock(variant, warehouse, 100)
        await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", first.id), "q": 1}, token=token)
        await f.order_via_api(client, token, second, 2)

    one, few, three, many = await _one_and_three(client, token, caplog, ORDER_LINES)

    lines = [line for order in f.nodes(three["orders"]) for line in order["lines"]]
    assert len(lines) == 6 and all(line["variant"]["sku"] == line["sku"] for line in lines)
    assert all(line["variant"]["product"]["category"]["slug"] == "drinks" for line in lines)
    assert few == many


# Staff read the catalog's own lists: texts in every language, stock per warehouse, cost. The
# plain selection is loaded for the whole page; with an argument, product by product.
STAFF_CATALOG = """query($n: Int) { products(first: $n) { edges { node { name
  translations { language name } category { slug }
  variants { sku costPrice { amount } translations { name } specs { name }
    stock { available warehouse { code } } product { slug } } } } } }"""
STAFF_ARCHIVED = """query($n: Int) { products(first: $n) { edges { node { name
  variants(includeArchived: true) { sku isActive costPrice { amount } translations { name }
    stock { available warehouse { code } } } } } } }"""


@pytest.mark.parametrize("query", [STAFF_CATALOG, STAFF_ARCHIVED])
async def test_the_staff_catalog_with_texts_stock_and_cost(client, policy, caplog, query):
    warehouse = await f.warehouse("SH")
    for n in range(3):
        product = await f.product(names={"zh-Hans": f"商品{n}", "en": f"Item {n}"})
        variant = await f.variant(product, cost_price=700 + n)
        await f.stock(variant, warehouse, 5 + n)
        await f.variant(product, is_active=False)
    token = await _staff_token(client, policy)

    one, few, three, many = await _one_and_three(client, token, caplog, query)

    products = f.nodes(three["products"])
    assert len(f.nodes(one["products"])) == 1 and len(products) == 3
    assert all(len(p["variants"]) == (1 if query is STAFF_CATALOG else 2) for p in products)
    costs = sorted(p["variants"][0]["costPrice"]["amount"] for p in products)
    assert costs == ["7.00", "7.01", "7.02"]
    assert all(p["variants"][0]["stock"][0]["warehouse"]["code"] == "SH" for p in products)
    assert few == many


CART = """{ cart { lines { quantity variant { sku name price { unitPrice { amount } }
  availability { status } product { name } } } } }"""


async def test_the_cart_costs_the_same_for_one_line_or_three(client, policy, caplog):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))
    warehouse = await f.warehouse("SH")
    variants = []
    for n in range(3):
        variant = await f.variant(await f.product(), base_price=1000 + n)
        await f.stock(variant, warehouse, 50)
        variants.append(variant)

    async def put(variant) -> None:
        await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 2}, token=token)

    await put(variants[0])
    one, few = await _costs(client, token, caplog, CART)
    await put(variants[1])
    await put(variants[2])
    three, many = await _costs(client, token, caplog, CART)

    assert len(one["cart"]["lines"]) == 1 and len(three["cart"]["lines"]) == 3
    assert all(line["variant"]["product"]["name"] for line in three["cart"]["lines"])
    assert few == many

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
  order { number lines { sku } } company { name } } } } }"""


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

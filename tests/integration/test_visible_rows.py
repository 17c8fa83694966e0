"""Buyers see their own company's rows, staff every company's: the one rule list and lookup
queries share (orders, returns, tickets, node ids)."""

from db.after_sales import Ticket
from domain.accounts.permissions import Principal
from domain.accounts.visibility import visible_rows
from tests import factories as f


async def _tickets():
    first, second = await f.company(), await f.company()
    for company in (first, second, second):
        await Ticket.create(number=f"T-{company.id}-{await Ticket.all().count()}",
                            company=company, subject="缺货", category="other")  # fmt: skip
    return first, second


async def test_a_buyer_sees_only_their_company_and_staff_see_all(db, policy):
    first, second = await _tickets()
    buyer = Principal(1, "b@example.com", "buyer", company_id=first.id, company_role="owner",
                      company_status="active")  # fmt: skip
    staff = Principal(2, "s@example.com", "staff", staff_role="sales")

    mine = await visible_rows(buyer, Ticket.all()).values_list("company_id", flat=True)
    every = await visible_rows(staff, Ticket.all()).count()
    by_field = await visible_rows(buyer, Ticket.filter(company_id=second.id), "company_id").count()

    assert mine == [first.id]
    assert every == 3
    assert by_field == 0

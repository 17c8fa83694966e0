import pytest

from dinghuo.policies import policies
from dinghuo.settings import Settings
from domain.accounts.permissions import Perm, Principal
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core.context import Context


def buyer(role: str, status: str = "active", company_id: int = 1) -> Principal:
    return Principal(
        1, "b@example.com", "buyer", company_id=company_id, company_role=role, company_status=status
    )


def staff(role: str) -> Principal:
    return Principal(2, "s@example.com", "staff", staff_role=role)


def test_purchaser_of_an_active_company_may_place_orders():
    assert buyer("purchaser").has(Perm.ORDERS_PLACE)


def test_pending_or_suspended_company_may_look_but_not_order():
    for status in ("pending", "suspended", "rejected"):
        principal = buyer("owner", status)
        assert principal.has(Perm.ORDERS_READ)
        assert not principal.has(Perm.ORDERS_PLACE)
        assert not principal.has(Perm.ORDERS_APPROVE)


def test_viewer_reads_only():
    assert buyer("viewer").permissions == {Perm.COMPANY_READ, Perm.ORDERS_READ}


def test_only_owners_manage_company_users():
    assert buyer("owner").has(Perm.COMPANY_USERS_MANAGE)
    for role in ("purchaser", "approver", "viewer"):
        assert not buyer(role).has(Perm.COMPANY_USERS_MANAGE)


def test_staff_roles():
    assert staff("admin").has(Perm.AUDIT_READ)
    assert staff("sales").has(Perm.COMPANIES_REVIEW)
    assert not staff("warehouse").has(Perm.COMPANIES_REVIEW)
    assert not staff("finance").has(Perm.STAFF_MANAGE)
    assert not staff("sales").has(Perm.ORDERS_PLACE)


def test_cost_prices_are_read_by_the_roles_that_price_and_account():
    readers = {
        r for r in ("admin", "sales", "warehouse", "finance") if staff(r).has(Perm.COSTS_READ)
    }
    assert readers == {"admin", "sales", "finance"}
    assert not any(buyer(r).has(Perm.COSTS_READ) for r in ("owner", "purchaser", "viewer"))


def test_buyers_see_only_their_own_company():
    principal = buyer("owner", company_id=7)
    assert principal.can_see_company(7)
    assert not principal.can_see_company(8)
    assert not principal.can_see_company(None)
    assert staff("warehouse").can_see_company(8)


def test_a_buyer_acts_for_their_own_company():
    assert buyer("purchaser", company_id=7).own_company_id == 7


def test_staff_have_no_company_to_act_for():
    with pytest.raises(DomainError) as raised:
        _ = staff("admin").own_company_id

    assert raised.value.code is ErrorCode.FORBIDDEN


async def test_the_actor_is_the_signed_in_caller():
    principal = buyer("purchaser")

    assert _context(principal=principal).actor is principal


async def test_without_a_caller_the_actor_is_refused_with_the_token_error():
    assert _refusal(_context()) is ErrorCode.UNAUTHENTICATED
    assert _refusal(_context(auth_error=ErrorCode.INVALID_TOKEN)) is ErrorCode.INVALID_TOKEN


def _context(**fields) -> Context:
    # Built inside a running loop: the per-request loaders are asyncio dataloaders.
    return Context(None, None, Settings(), policies(Settings()), "en", "r-1", **fields)


def _refusal(context: Context) -> ErrorCode:
    with pytest.raises(DomainError) as raised:
        _ = context.actor
    return raised.value.code

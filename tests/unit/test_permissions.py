from domain.accounts.permissions import Perm, Principal


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


def test_buyers_see_only_their_own_company():
    principal = buyer("owner", company_id=7)
    assert principal.can_see_company(7)
    assert not principal.can_see_company(8)
    assert not principal.can_see_company(None)
    assert staff("warehouse").can_see_company(8)

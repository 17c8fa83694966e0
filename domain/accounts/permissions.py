"""Who may do what: permissions granted by staff roles and by company roles."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StaffRole(StrEnum):
    ADMIN = "admin"
    SALES = "sales"
    WAREHOUSE = "warehouse"
    FINANCE = "finance"


class CompanyRole(StrEnum):
    OWNER = "owner"
    PURCHASER = "purchaser"
    APPROVER = "approver"
    VIEWER = "viewer"


class CompanyStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Perm(StrEnum):
    # Staff
    COMPANIES_READ = "companies:read"
    COMPANIES_REVIEW = "companies:review"
    COMPANIES_MANAGE = "companies:manage"
    STAFF_MANAGE = "staff:manage"
    AUDIT_READ = "audit:read"
    CATALOG_MANAGE = "catalog:manage"
    PRICES_MANAGE = "prices:manage"
    PRICES_QUOTE = "prices:quote"
    STOCK_MANAGE = "stock:manage"
    ORDERS_REVIEW = "orders:review"
    ORDERS_PLACE_FOR_COMPANY = "orders:place-for-company"
    PAYMENTS_MANAGE = "payments:manage"
    SHIPMENTS_MANAGE = "shipments:manage"
    AFTER_SALES = "after-sales:manage"
    # Buyers, within their own company
    COMPANY_READ = "company:read"
    COMPANY_USERS_MANAGE = "company:users:manage"
    ORDERS_READ = "orders:read"
    ORDERS_PLACE = "orders:place"
    ORDERS_APPROVE = "orders:approve"


STAFF_PERMS: dict[StaffRole, frozenset[Perm]] = {
    StaffRole.ADMIN: frozenset(
        {
            Perm.COMPANIES_READ,
            Perm.COMPANIES_REVIEW,
            Perm.COMPANIES_MANAGE,
            Perm.STAFF_MANAGE,
            Perm.AUDIT_READ,
            Perm.CATALOG_MANAGE,
            Perm.PRICES_MANAGE,
            Perm.PRICES_QUOTE,
            Perm.STOCK_MANAGE,
            Perm.ORDERS_READ,
            Perm.ORDERS_REVIEW,
            Perm.ORDERS_PLACE_FOR_COMPANY,
            Perm.PAYMENTS_MANAGE,
            Perm.SHIPMENTS_MANAGE,
            Perm.AFTER_SALES,
        }
    ),
    StaffRole.SALES: frozenset(
        {
            Perm.AFTER_SALES,
            Perm.COMPANIES_READ,
            Perm.COMPANIES_REVIEW,
            Perm.CATALOG_MANAGE,
            Perm.PRICES_MANAGE,
            Perm.PRICES_QUOTE,
            Perm.ORDERS_READ,
            Perm.ORDERS_REVIEW,
            Perm.ORDERS_PLACE_FOR_COMPANY,
        }
    ),
    StaffRole.WAREHOUSE: frozenset(
        {
            Perm.COMPANIES_READ,
            Perm.STOCK_MANAGE,
            Perm.ORDERS_READ,
            Perm.ORDERS_REVIEW,
            Perm.SHIPMENTS_MANAGE,
            Perm.AFTER_SALES,
        }
    ),
    StaffRole.FINANCE: frozenset(
        {
            Perm.COMPANIES_READ,
            Perm.COMPANIES_MANAGE,
            Perm.PRICES_QUOTE,
            Perm.ORDERS_READ,
            Perm.ORDERS_REVIEW,
            Perm.PAYMENTS_MANAGE,
        }
    ),
}

COMPANY_PERMS: dict[CompanyRole, frozenset[Perm]] = {
    CompanyRole.OWNER: frozenset(
        {
            Perm.COMPANY_READ,
            Perm.COMPANY_USERS_MANAGE,
            Perm.ORDERS_READ,
            Perm.ORDERS_PLACE,
            Perm.ORDERS_APPROVE,
        }
    ),
    CompanyRole.PURCHASER: frozenset({Perm.COMPANY_READ, Perm.ORDERS_READ, Perm.ORDERS_PLACE}),
    CompanyRole.APPROVER: frozenset({Perm.COMPANY_READ, Perm.ORDERS_READ, Perm.ORDERS_APPROVE}),
    CompanyRole.VIEWER: frozenset({Perm.COMPANY_READ, Perm.ORDERS_READ}),
}

# A company that is not active may look, but not act on orders.
NEEDS_ACTIVE_COMPANY = frozenset({Perm.ORDERS_PLACE, Perm.ORDERS_APPROVE})


@dataclass(frozen=True)
class Principal:
    """The authenticated caller, as the rules see it."""

    user_id: int
    email: str
    kind: str  # "staff" or "buyer"
    staff_role: str | None = None
    company_id: int | None = None
    company_role: str | None = None
    company_status: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def permissions(self) -> frozenset[Perm]:
        if self.is_staff:
            return STAFF_PERMS.get(StaffRole(self.staff_role), frozenset())
        perms = COMPANY_PERMS.get(CompanyRole(self.company_role), frozenset())
        if self.company_status != CompanyStatus.ACTIVE.value:
            perms = perms - NEEDS_ACTIVE_COMPANY
        return perms

    def has(self, perm: Perm) -> bool:
        return perm in self.permissions

    def can_see_company(self, company_id: int | None) -> bool:
        """Staff see every company; a buyer only their own."""
        if self.is_staff:
            return True
        return company_id is not None and company_id == self.company_id

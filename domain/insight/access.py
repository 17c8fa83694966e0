"""Who reads which figures: admin, sales and finance staff see every company's; a buyer who
may read orders sees their own company's purchases and nothing else."""

from __future__ import annotations

from domain.accounts.permissions import Perm, Principal, StaffRole
from domain.shared.errors import DomainError, ErrorCode

ANALYST_ROLES = frozenset({StaffRole.ADMIN.value, StaffRole.SALES.value, StaffRole.FINANCE.value})


def report_company(principal: Principal, company_id: int | None) -> int | None:
    """The company a report is limited to (None: all), or FORBIDDEN."""
    if principal.is_staff:
        if principal.staff_role not in ANALYST_ROLES:
            raise DomainError(ErrorCode.FORBIDDEN)
        return company_id
    if not principal.has(Perm.ORDERS_READ) or principal.company_id is None:
        raise DomainError(ErrorCode.FORBIDDEN)
    if company_id is not None and company_id != principal.company_id:
        raise DomainError(ErrorCode.FORBIDDEN, "companyId")
    return principal.company_id


def check_staff(principal: Principal) -> None:
    """Forecasts and replenishment are for the supplier's staff only (any role)."""
    if not principal.is_staff:
        raise DomainError(ErrorCode.FORBIDDEN)


def check_analyst(principal: Principal) -> None:
    """Supplier-wide figures (customers who stopped ordering): admin, sales and finance."""
    if not principal.is_staff or principal.staff_role not in ANALYST_ROLES:
        raise DomainError(ErrorCode.FORBIDDEN)

"""Who may do what: permissions granted by staff roles and by company roles."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.shared.errors import DomainError, ErrorCode


class StaffRole(StrEnum):
    ADMIN = "admin"
    """Everything, including staff accounts and the audit log."""
    SALES = "sales"
    """Customers, prices, orders and their review."""
    WAREHOUSE = "warehouse"
    """Stock, shipments and returns received."""
    FINANCE = "finance"
    """Payments, refunds, credit and invoices."""


class CompanyRole(StrEnum):
    OWNER = "owner"
    """Runs the company's account: its users, addresses, and every order."""
    PURCHASER = "purchaser"
    """Places orders and pays for their own."""
    APPROVER = "approver"
    """Approves or rejects orders that need the company's approval."""
    VIEWER = "viewer"
    """Reads the company's orders and documents; changes nothing."""


class CompanyStatus(StrEnum):
    PENDING = "pending"
    """Registered, waiting for the supplier's review; cannot order yet."""
    ACTIVE = "active"
    """Approved: may order."""
    REJECTED = "rejected"
    """Refused by the supplier; `statusReason` says why."""
    SUSPENDED = "suspended"
    """Stopped by the supplier for now; `statusReason` says why."""


class Perm(StrEnum):
    # Staff
    COMPANIES_READ = "companies:read"
    """Read every customer company."""
    COMPANIES_REVIEW = "companies:review"
    """Approve, reject, suspend and reactivate companies."""
    COMPANIES_MANAGE = "companies:manage"
    """Change companies' terms, credit, tier and sales rep."""
    STAFF_MANAGE = "staff:manage"
    """Create and disable staff accounts."""
    AUDIT_READ = "audit:read"
    """Read the audit log."""
    CATALOG_MANAGE = "catalog:manage"
    """Edit categories, products and variants, import and export the catalog."""
    PRICES_MANAGE = "prices:manage"
    """Edit price lists, contract prices and quantity rules."""
    PRICES_QUOTE = "prices:quote"
    """See any company's prices."""
    COSTS_READ = "costs:read"
    """See variants' cost prices (成本价) and gross margins in reports and their files."""
    STOCK_MANAGE = "stock:manage"
    """Adjust stock and manage warehouses."""
    ORDERS_REVIEW = "orders:review"
    """Review (审核), adjust and cancel any company's orders."""
    ORDERS_PLACE_FOR_COMPANY = "orders:place-for-company"
    """Place orders on a company's behalf (代客下单)."""
    PAYMENTS_MANAGE = "payments:manage"
    """Record transfers, refund, and read receivables."""
    SHIPMENTS_MANAGE = "shipments:manage"
    """Ship orders and add tracking."""
    AFTER_SALES = "after-sales:manage"
    """Handle returns and answer tickets."""
    # Buyers, within their own company
    COMPANY_READ = "company:read"
    """Read one's own company, its addresses and documents."""
    COMPANY_USERS_MANAGE = "company:users:manage"
    """Invite, change and remove the company's users and addresses."""
    ORDERS_READ = "orders:read"
    """Read orders (buyers: their company's; staff: all)."""
    ORDERS_PLACE = "orders:place"
    """Use the cart and place orders."""
    ORDERS_APPROVE = "orders:approve"
    """Approve or reject the company's orders waiting for approval."""


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
            Perm.COSTS_READ,
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
            Perm.COSTS_READ,
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
            Perm.COSTS_READ,
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

    @property
    def own_company_id(self) -> int:
        """The buyer's company. Staff belong to none, so a buyer-only use is refused to them."""
        if self.company_id is None:
            raise DomainError(ErrorCode.FORBIDDEN)
        return self.company_id

    def can_see_company(self, company_id: int | None) -> bool:
        """Staff see every company; a buyer only their own."""
        if self.is_staff:
            return True
        return company_id is not None and company_id == self.company_id

    def may(self, action: str) -> bool:
        return refusal(self, action) is None


# 权限表: who may perform each action (every mutation of the API, by its GraphQL name).
# Staff are allowed by role. Buyers by company role, and only while their company's status
# is one of `statuses`. Finer rules about one object (a purchaser acts on the orders they
# placed; owners and approvers on all of their company's) live with that object's rules.


@dataclass(frozen=True)
class Rule:
    staff: frozenset[StaffRole] = frozenset()
    company: frozenset[CompanyRole] = frozenset()
    statuses: frozenset[CompanyStatus] = frozenset({CompanyStatus.ACTIVE})
    anonymous: bool = False


_S, _C, _ST = StaffRole, CompanyRole, CompanyStatus
ALL_STAFF = frozenset(_S)
ALL_BUYERS = frozenset(_C)
ANY_STATUS = frozenset(_ST)
ADMIN = frozenset({_S.ADMIN})
SALES = frozenset({_S.ADMIN, _S.SALES})
WAREHOUSE = frozenset({_S.ADMIN, _S.WAREHOUSE})
FINANCE = frozenset({_S.ADMIN, _S.FINANCE})
REVIEWERS = frozenset({_S.ADMIN, _S.SALES, _S.WAREHOUSE, _S.FINANCE})
AFTER_SALES = frozenset({_S.ADMIN, _S.SALES, _S.WAREHOUSE})
PURCHASERS = frozenset({_C.OWNER, _C.PURCHASER})
APPROVERS = frozenset({_C.OWNER, _C.APPROVER})
OWNER = frozenset({_C.OWNER})

OPEN = Rule(anonymous=True)
SIGNED_IN = Rule(staff=ALL_STAFF, company=ALL_BUYERS, statuses=ANY_STATUS)
# Money leaving the supplier (refunds, credit notes) is finance's and the admin's only.
MONEY_OUT = Rule(staff=FINANCE)

ACTIONS: dict[str, Rule] = {
    # Sessions and sign-up: anyone; the token or the password is the check.
    "tokenCreate": OPEN,
    "tokenRefresh": OPEN,
    "tokenRevoke": OPEN,
    "passwordResetRequest": OPEN,
    "passwordReset": OPEN,
    "invitationAccept": OPEN,
    "companyRegister": OPEN,
    "passwordChange": SIGNED_IN,
    # The company's own people and settings: its owner, while the company is active.
    "invitationCreate": Rule(company=OWNER),
    "companyUserRoleUpdate": Rule(company=OWNER),
    # Taking someone's access away must work whatever the company's status.
    "companyUserDeactivate": Rule(company=OWNER, statuses=ANY_STATUS),
    "companyOrderApprovalSet": Rule(company=OWNER),
    "companyAddressCreate": Rule(company=ALL_BUYERS, statuses=ANY_STATUS),
    "companyAddressDelete": Rule(company=ALL_BUYERS, statuses=ANY_STATUS),
    "companyAddressUpdate": Rule(company=ALL_BUYERS, statuses=ANY_STATUS),
    "companyAddressDefaultSet": Rule(company=ALL_BUYERS, statuses=ANY_STATUS),
    "profileUpdate": SIGNED_IN,
    # Staff and customer companies.
    "staffUserCreate": Rule(staff=ADMIN),
    "outboxMessageRetry": Rule(staff=ADMIN),
    "companyApprove": Rule(staff=SALES),
    "companyReject": Rule(staff=SALES),
    "companySalesRepSet": Rule(staff=SALES),
    "companyCreditLimitSet": Rule(staff=FINANCE),
    "companyCreditHoldSet": Rule(staff=FINANCE),
    "companySuspend": Rule(staff=FINANCE),
    "companyReactivate": Rule(staff=FINANCE),
    # Catalog, prices, stock.
    "categoryCreate": Rule(staff=SALES),
    "categoryUpdate": Rule(staff=SALES),
    "productCreate": Rule(staff=SALES),
    "productUpdate": Rule(staff=SALES),
    "productPublish": Rule(staff=SALES),
    "productArchive": Rule(staff=SALES),
    "variantCreate": Rule(staff=SALES),
    "variantUpdate": Rule(staff=SALES),
    "variantCostSet": Rule(staff=FINANCE),
    "variantArchive": Rule(staff=SALES),
    "variantRestore": Rule(staff=SALES),
    "catalogImport": Rule(staff=SALES),
    "catalogImportXlsx": Rule(staff=SALES),
    "priceListCreate": Rule(staff=SALES),
    "priceBreaksSet": Rule(staff=SALES),
    "warehouseCreate": Rule(staff=WAREHOUSE),
    "stockAdjust": Rule(staff=WAREHOUSE),
    # Ordering.
    "cartLineSet": Rule(company=PURCHASERS),
    "cartLinesSet": Rule(company=PURCHASERS),
    "cartQuickAdd": Rule(company=PURCHASERS),
    "cartReorder": Rule(company=PURCHASERS),
    "orderPlace": Rule(company=PURCHASERS),
    "orderPlaceForCompany": Rule(staff=SALES),
    "orderModify": Rule(company=PURCHASERS),
    "orderLineAdjust": Rule(staff=SALES),  # admin and sales negotiate lines
    "orderApprove": Rule(company=APPROVERS),
    "orderApprovalReject": Rule(company=APPROVERS),
    "orderReviewPass": Rule(staff=REVIEWERS),
    "orderReviewReject": Rule(staff=REVIEWERS),
    # The order's rules narrow this down: which staff roles, which buyer for which order.
    "orderCancel": SIGNED_IN,
    # Payments.
    "orderPaymentIntentCreate": Rule(company=PURCHASERS),
    "orderPayFromBalance": Rule(company=PURCHASERS),
    "balanceTopUpIntentCreate": Rule(company=PURCHASERS),
    "paymentRecord": Rule(staff=FINANCE),
    "balanceTopUpRecord": Rule(staff=FINANCE),
    "paymentRefund": MONEY_OUT,
    # A credit note lowers what an order charges: asked by the domain wherever one is written.
    "paymentRefund.creditNote": MONEY_OUT,
    # Giving up money that is owed (坏账核销).
    "orderWriteOff": MONEY_OUT,
    # Fulfilment: signing for goods (签收) is the buying side's, whatever the company's status.
    "shipmentCreate": Rule(staff=WAREHOUSE),
    "shipmentTrackingAdd": Rule(staff=WAREHOUSE),
    "shipmentReceive": Rule(company=PURCHASERS, statuses=ANY_STATUS),
    "orderBackorderClose": Rule(staff=WAREHOUSE),
    # After sales. Resolving a return with a refund (card refund or credit note) moves money.
    "returnCreate": Rule(company=PURCHASERS),
    "returnApprove": Rule(staff=AFTER_SALES),
    "returnReject": Rule(staff=AFTER_SALES),
    "returnReceive": Rule(staff=AFTER_SALES),
    "returnResolve": Rule(staff=AFTER_SALES),
    "returnResolve.refund": MONEY_OUT,
    "ticketCreate": Rule(company=ALL_BUYERS, statuses=ANY_STATUS),
    "ticketReply": SIGNED_IN,
    "ticketAssign": Rule(staff=AFTER_SALES),
    "ticketStatusChange": SIGNED_IN,
}


def refusal(principal: Principal | None, action: str) -> ErrorCode | None:
    """Why the caller may not perform the action, or None when they may.
    An action missing from the table is refused to everyone."""
    rule = ACTIONS.get(action)
    if rule is None:
        return ErrorCode.FORBIDDEN
    if rule.anonymous:
        return None
    if principal is None:
        return ErrorCode.UNAUTHENTICATED
    if principal.is_staff:
        return None if principal.staff_role in rule.staff else ErrorCode.FORBIDDEN
    if principal.company_role not in rule.company:
        return ErrorCode.FORBIDDEN
    if principal.company_status not in rule.statuses:
        return ErrorCode.COMPANY_NOT_ACTIVE
    return None


def require(principal: Principal | None, action: str) -> None:
    code = refusal(principal, action)
    if code is not None:
        status = principal.company_status if principal else None
        raise DomainError(code, None, status=status or "")

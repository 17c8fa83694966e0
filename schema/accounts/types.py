"""Companies, users and the viewer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from db import accounts as db
from domain.shared.money import from_minor
from schema.shared.enums import (
    CompanyRoleEnum,
    CompanyStatusEnum,
    LanguageCode,
    PermissionEnum,
    StaffRoleEnum,
)
from schema.shared.info import Info
from schema.shared.money import Money, in_currency


def _visible(info: Info, company_id: int | None) -> bool:
    principal = info.context.principal
    return principal is not None and principal.can_see_company(company_id)


@strawberry.type
class Company(relay.Node):
    """A customer company (客户企业)."""

    id: relay.NodeID[int]
    name: str
    """The registered company name."""
    tax_id: str
    """Unified social credit code (统一社会信用代码) or tax id."""
    contact_name: str
    """The person to contact about the account."""
    contact_phone: str
    """The contact's phone number."""
    email: str
    """The company's email address for account matters."""
    status: CompanyStatusEnum
    """Whether the company may order; pending until staff approve it."""
    status_reason: str = strawberry.field(description="Why it was rejected or suspended.")
    price_tier: str | None
    """The price tier whose price list applies; null for base prices."""
    credit_limit: Money
    """The most the company may owe on credit terms at once."""
    payment_terms_days: int | None
    """Days after the invoice that payment on credit terms is due (账期); null when the company may
    not order on credit terms."""
    created_at: datetime
    """When the company registered."""
    reviewed_at: datetime | None
    """When staff last approved, rejected, suspended or reactivated it; null before."""
    approval_threshold: Money | None = strawberry.field(
        description="Orders above this total wait for the company's approver."
    )
    approval_for_purchasers: bool = strawberry.field(
        description="Every order a purchaser places waits for the company's approver."
    )
    credit_used: Money = strawberry.field(description="Held by open orders on credit terms.")
    credit_available: Money
    """Credit limit less credit used: what may still be ordered on credit terms (negative when over
    the limit)."""
    credit_hold: bool = strawberry.field(description="No new orders on credit terms while set.")
    credit_hold_reason: str
    """Why credit is on hold; empty when it is not."""
    prepaid_balance: Money = strawberry.field(description="预存款 the company can pay orders from.")
    sales_rep_id: strawberry.Private[int | None]

    @classmethod
    def from_db(cls, row: db.Company, currency: str) -> Company:
        return cls(
            id=row.id,
            name=row.name,
            tax_id=row.tax_id,
            contact_name=row.contact_name,
            contact_phone=row.contact_phone,
            email=row.email,
            status=row.status,
            status_reason=row.status_reason,
            price_tier=row.price_tier,
            credit_limit=in_currency(from_minor(row.credit_limit), currency),
            payment_terms_days=row.payment_terms_days,
            created_at=row.created_at,
            reviewed_at=row.reviewed_at,
            approval_threshold=in_currency(from_minor(row.approval_threshold), currency)
            if row.approval_threshold is not None
            else None,
            approval_for_purchasers=row.approval_for_purchasers,
            credit_used=in_currency(from_minor(row.credit_used), currency),
            credit_available=in_currency(from_minor(row.credit_available), currency),
            credit_hold=row.credit_hold,
            credit_hold_reason=row.credit_hold_reason,
            prepaid_balance=in_currency(from_minor(row.prepaid_balance), currency),
            sales_rep_id=row.sales_rep_id,
        )

    @strawberry.field(description="What the company owes (positive) or is owed, all told.")
    async def balance(self, info: Info) -> Money:
        return in_currency(
            from_minor(await info.context.loaders.balance_by_company.load(self.id)),
            info.context.settings.default_currency,
        )

    @strawberry.field(description="The address book, default first.")
    async def addresses(self, info: Info) -> list[CompanyAddress]:
        rows = await info.context.loaders.addresses_by_company.load(self.id)
        return [CompanyAddress.from_db(r) for r in rows]

    @strawberry.field(description="The supplier's sales rep for this customer.")
    async def sales_rep(self, info: Info) -> User | None:
        if self.sales_rep_id is None:
            return None
        row = await info.context.loaders.user_by_id.load(self.sales_rep_id)
        return User.from_db(row) if row else None

    @strawberry.field(description="The company's users, oldest first.")
    async def users(self, info: Info) -> list[User]:
        rows = await info.context.loaders.users_by_company.load(self.id)
        return [User.from_db(r) for r in rows]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = [int(i) for i in node_ids]
        rows = await info.context.loaders.company_by_id.load_many(ids)
        currency = info.context.settings.default_currency
        return [
            cls.from_db(r, currency) if r is not None and _visible(info, r.id) else None
            for r in rows
        ]


@strawberry.type(description="A delivery address in the company's address book.")
class CompanyAddress(relay.Node):
    id: relay.NodeID[int]
    label: str
    """A name for the address, e.g. 总部仓库; may be empty."""
    recipient: str
    """Who receives the goods."""
    phone: str
    """The recipient's phone number."""
    region: str
    """Province, city and district."""
    line: str
    """Street, building and room."""
    postal_code: str
    """Postal code; may be empty."""
    is_default: bool
    """Used for new orders unless another is chosen; one per company."""

    @classmethod
    def from_db(cls, row: db.CompanyAddress) -> CompanyAddress:
        return cls(
            id=row.id,
            label=row.label,
            recipient=row.recipient,
            phone=row.phone,
            region=row.region,
            line=row.line,
            postal_code=row.postal_code,
            is_default=row.is_default,
        )


@strawberry.type
class User(relay.Node):
    """A person who signs in: the supplier's staff or a customer company's buyer."""

    id: relay.NodeID[int]
    email: str
    """The sign-in address, unique."""
    full_name: str
    """The name colleagues see."""
    is_staff: bool
    """The supplier's staff, not a customer's buyer."""
    staff_role: StaffRoleEnum | None
    """Staff only: what they may do; null for buyers."""
    company_role: CompanyRoleEnum | None
    """Buyers only: what they may do for their company; null for staff."""
    is_active: bool
    """False once disabled: the user cannot sign in."""
    language: LanguageCode | None
    """The language of their mails; null for the default language (zh-Hans)."""
    created_at: datetime
    """When the account was created."""
    company_id: strawberry.Private[int | None]

    @classmethod
    def from_db(cls, row: db.User) -> User:
        return cls(
            id=row.id,
            email=row.email,
            full_name=row.full_name,
            is_staff=row.kind == "staff",
            staff_role=row.staff_role,
            company_role=row.company_role,
            is_active=row.is_active,
            language=LanguageCode(row.language) if row.language else None,
            created_at=row.created_at,
            company_id=row.company_id,
        )

    @strawberry.field
    async def company(self, info: Info) -> Company | None:
        """The buyer's company; null for staff."""
        if self.company_id is None:
            return None
        row = await info.context.loaders.company_by_id.load(self.company_id)
        return Company.from_db(row, info.context.settings.default_currency) if row else None

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = [int(i) for i in node_ids]
        rows = await info.context.loaders.user_by_id.load_many(ids)
        principal = info.context.principal

        def visible(row: db.User) -> bool:
            # Buyers see the people of their own company; staff accounts only themselves.
            if principal is None:
                return False
            if principal.is_staff or row.id == principal.user_id:
                return True
            return row.kind == "buyer" and row.company_id == principal.company_id

        return [cls.from_db(r) if r is not None and visible(r) else None for r in rows]


@strawberry.type(description="Who is calling: the user, their company and what they may do.")
class Viewer:
    user: User
    """The signed-in user."""
    company: Company | None
    """The buyer's company; null for staff."""
    permissions: list[PermissionEnum]
    """What the viewer's roles allow, for showing or hiding actions."""
    can_order: bool = strawberry.field(
        description="False while the company is pending, rejected or suspended."
    )


@strawberry.type
class Invitation(relay.Node):
    """An invitation to join a company, sent by mail to its address."""

    id: relay.NodeID[int]
    email: str
    """The address the invitation was sent to."""
    role: CompanyRoleEnum
    """The role the person gets on accepting."""
    expires_at: datetime
    """After this the invitation can no longer be accepted."""
    accepted_at: datetime | None
    """When it was accepted; null while open."""

    @classmethod
    def from_db(cls, row: db.Invitation) -> Invitation:
        return cls(
            id=row.id,
            email=row.email,
            role=row.company_role,
            expires_at=row.expires_at,
            accepted_at=row.accepted_at,
        )

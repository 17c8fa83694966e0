from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.shared.enums import CompanyRoleEnum, StaffRoleEnum


@strawberry.input(description="A business applying for an account.")
class CompanyRegisterInput:
    company_name: str
    tax_id: str = strawberry.field(description="统一社会信用代码 or another tax id.")
    contact_name: str
    email: str
    password: str
    contact_phone: str = ""


@strawberry.input(description="Terms assigned when staff approve a company.")
class CompanyApproveInput:
    price_tier: str | None = None
    credit_limit: Decimal = Decimal("0")
    payment_terms_days: int | None = None
    sales_rep_id: strawberry.ID | None = None


@strawberry.input
class InvitationCreateInput:
    """Who to invite into the viewer's company, and with which role."""

    email: str
    role: CompanyRoleEnum


@strawberry.input
class InvitationAcceptInput:
    """The invitation token from the mail, and the new user's name and password."""

    token: str
    full_name: str
    password: str


@strawberry.input
class StaffUserCreateInput:
    """A new staff account: email, name, role and first password."""

    email: str
    role: StaffRoleEnum
    password: str
    full_name: str = ""

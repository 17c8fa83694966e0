"""What account mutations take: sessions and passwords, registration and the review of
companies, the company's people and settings, the address book, the profile."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.shared.enums import CompanyRoleEnum, LanguageCode, StaffRoleEnum


@strawberry.input
class TokenCreateInput:
    """The credentials to sign in with."""

    email: str
    """The account's email."""
    password: str
    """The account's password."""


@strawberry.input
class TokenRefreshInput:
    """The refresh token to trade for a new pair."""

    refresh_token: str
    """The refresh token of the last pair; it stops working."""


@strawberry.input
class TokenRevokeInput:
    """The session to end."""

    refresh_token: str
    """The session's refresh token; every token rotated from the same login stops working."""


@strawberry.input
class PasswordChangeInput:
    """The viewer's current password and the new one."""

    current_password: str
    """The password the viewer signs in with now."""
    new_password: str
    """The password from now on."""


@strawberry.input
class PasswordResetRequestInput:
    """Where to send a password reset token."""

    email: str
    """The account's email; the answer is the same whether it exists or not."""


@strawberry.input
class PasswordResetInput:
    """The one-time token from the mail, and the new password."""

    token: str
    """The token from the password reset mail."""
    new_password: str
    """The password from now on."""


@strawberry.input
class CompanyRegisterInput:
    """A business applying for an account, and its first user (the owner)."""

    company_name: str
    """The company's registered name."""
    tax_id: str
    """统一社会信用代码 or another tax id."""
    contact_name: str
    """The applicant's name, which becomes the owner's name."""
    email: str
    """The owner's sign-in email."""
    password: str
    """The owner's password."""
    contact_phone: str = ""
    """A phone number staff may call about the application."""


@strawberry.input
class CompanyApproveInput:
    """A pending company to approve, and the terms it gets."""

    id: strawberry.ID
    """The company's global id."""
    price_tier: str | None = None
    """The price tier whose price list applies; null for base prices."""
    credit_limit: Decimal = Decimal("0")
    """The most it may owe on credit terms at once; 0 for none."""
    payment_terms_days: int | None = None
    """Days after the invoice that payment on credit terms is due (账期); null when it may
    not order on credit terms."""
    sales_rep_id: strawberry.ID | None = None
    """The sales staff member who looks after it, by global id."""


@strawberry.input
class CompanySalesRepSetInput:
    """A company and the sales staff member who looks after it."""

    id: strawberry.ID
    """The company's global id."""
    sales_rep_id: strawberry.ID | None = None
    """The sales staff member's global id; null clears it."""


@strawberry.input
class CompanyRejectInput:
    """A pending company to refuse, and why."""

    id: strawberry.ID
    """The company's global id."""
    reason: str
    """Told to the applicant."""


@strawberry.input
class CompanyCreditLimitSetInput:
    """A company's new credit limit and terms."""

    id: strawberry.ID
    """The company's global id."""
    credit_limit: Decimal
    """The most it may owe on credit terms at once; 0 for none."""
    payment_terms_days: int | None = None
    """Days after the invoice that payment on credit terms is due (账期, 0 to 365); null when
    it may not order on credit terms."""


@strawberry.input
class CompanyCreditHoldSetInput:
    """Put a company's credit terms on hold, or lift the hold."""

    id: strawberry.ID
    """The company's global id."""
    hold: bool
    """True to hold, false to lift the hold."""
    reason: str = ""
    """Told to the company; required when holding."""


@strawberry.input
class CompanySuspendInput:
    """An active company to stop from ordering, and why."""

    id: strawberry.ID
    """The company's global id."""
    reason: str
    """Told to the company."""


@strawberry.input
class CompanyReactivateInput:
    """A suspended company to let order again."""

    id: strawberry.ID
    """The company's global id."""


@strawberry.input
class InvitationCreateInput:
    """Who to invite into the viewer's company, and with which role."""

    email: str
    """Where the invitation mail goes."""
    role: CompanyRoleEnum
    """The role the new user gets."""


@strawberry.input
class InvitationAcceptInput:
    """The invitation token from the mail, and the new user's name and password."""

    token: str
    """The token from the invitation mail."""
    full_name: str
    """The new user's name, shown to colleagues."""
    password: str
    """The new user's password."""


@strawberry.input
class CompanyUserRoleUpdateInput:
    """A colleague and their new company role."""

    user_id: strawberry.ID
    """The colleague's global id."""
    role: CompanyRoleEnum
    """The new role."""


@strawberry.input
class CompanyUserDeactivateInput:
    """A colleague who may no longer sign in."""

    user_id: strawberry.ID
    """The colleague's global id."""


@strawberry.input
class CompanyOrderApprovalSetInput:
    """Which of the company's orders wait for its approver."""

    approval_for_purchasers: bool
    """True: every order a purchaser places waits for approval."""
    approval_threshold: Decimal | None = None
    """Orders above this total wait for approval, whoever places them; null for no threshold."""


@strawberry.input
class StaffUserCreateInput:
    """A new staff account: email, name, role and first password."""

    email: str
    """The staff member's sign-in email."""
    role: StaffRoleEnum
    """What the staff member may do."""
    password: str
    """The first password."""
    full_name: str = ""
    """Shown to colleagues and on order timelines."""


@strawberry.input
class ProfileUpdateInput:
    """The viewer's own name and language; fields left out stay as they are."""

    full_name: str | None = None
    """Shown to colleagues."""
    language_code: LanguageCode | None = None
    """The language of mails and messages."""


@strawberry.input
class CompanyAddressCreateInput:
    """A new address of the company's book."""

    recipient: str
    """Who receives the goods."""
    phone: str
    """The recipient's phone."""
    region: str
    """Province, city and district."""
    line: str
    """Street, building and room."""
    postal_code: str = ""
    """The postal code, if any."""
    label: str = ""
    """A short name for the book, e.g. 上海仓."""
    is_default: bool = False
    """Make it the address new orders start from."""


@strawberry.input
class CompanyAddressUpdateInput(CompanyAddressCreateInput):
    """An address of the company's book and all its new fields."""

    id: strawberry.ID
    """The address's global id."""


@strawberry.input
class CompanyAddressDefaultSetInput:
    """The address new orders start from."""

    id: strawberry.ID
    """The address's global id."""


@strawberry.input
class CompanyAddressDeleteInput:
    """An address to take out of the company's book."""

    id: strawberry.ID
    """The address's global id."""

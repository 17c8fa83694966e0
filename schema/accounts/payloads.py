from __future__ import annotations

from datetime import datetime

import strawberry

from schema.accounts.types import Company, CompanyAddress, Invitation, User
from schema.shared.payload import Payload


@strawberry.type
class CompanyRegisterPayload(Payload):
    """The application and what the client needs next: the company (its `status` is PENDING
    until staff review it), the new user, and a signed-in session for that user, so the app can
    show the application's state at once. A pending company's people may look but not order
    (COMPANY_NOT_ACTIVE) until it is approved."""

    company: Company | None = None
    user: User | None = None
    access_token: str | None = None
    """A bearer token for the new user (as `tokenCreate` gives); null when refused."""
    access_token_expires_at: datetime | None = None
    """When the access token expires."""
    refresh_token: str | None = None
    """Exchange with `tokenRefresh` for a new pair."""
    refresh_token_expires_at: datetime | None = None
    """When the refresh token expires."""


@strawberry.type
class CompanyPayload(Payload):
    """The company after a change to it: its review, terms, credit or order approval."""

    company: Company | None = None


@strawberry.type
class TokenPayload(Payload):
    """A session: a short-lived access token and a rotating refresh token."""

    access_token: str | None = None
    """Send as `Authorization: Bearer <token>`; null when `errors` is not empty."""
    access_token_expires_at: datetime | None = None
    """When the access token stops working: refresh before then."""
    refresh_token: str | None = None
    """Use once with `tokenRefresh` for a new pair; keep it secret."""
    refresh_token_expires_at: datetime | None = None
    """When the refresh token stops working: sign in again after that."""
    user: User | None = None


@strawberry.type
class OkPayload(Payload):
    ok: bool = False
    """True when the change was made; false with `errors` otherwise."""


@strawberry.type
class CompanyAddressPayload(Payload):
    address: CompanyAddress | None = None


@strawberry.type
class InvitationCreatePayload(Payload):
    invitation: Invitation | None = None


@strawberry.type
class UserPayload(Payload):
    user: User | None = None

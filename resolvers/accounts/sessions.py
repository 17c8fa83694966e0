"""Login, token refresh, logout and passwords."""

from __future__ import annotations

import strawberry

from domain.accounts import auth, passwords
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.payloads import OkPayload, TokenPayload
from schema.accounts.types import User


def token_payload(session: auth.Session | None, errors: list) -> TokenPayload:
    if session is None:
        return TokenPayload(errors=errors)
    return TokenPayload(
        access_token=session.access_token,
        access_token_expires_at=session.access_expires_at,
        refresh_token=session.refresh_token,
        refresh_token_expires_at=session.refresh_expires_at,
        user=User.from_db(session.user),
    )


@strawberry.type
class SessionMutation:
    @strawberry.mutation(extensions=can("tokenCreate"))
    async def token_create(self, info: Info, email: str, password: str) -> TokenPayload:
        """Log in. Repeated failures for an account or from an address are throttled."""
        ctx = info.context
        return token_payload(
            *await attempt(info, auth.login(ctx.policy, email, password, ctx.client_address))
        )

    @strawberry.mutation(extensions=can("tokenRefresh"))
    async def token_refresh(self, info: Info, refresh_token: str) -> TokenPayload:
        """Trade a refresh token for a new pair; the old one stops working."""
        return token_payload(*await attempt(info, auth.refresh(info.context.policy, refresh_token)))

    @strawberry.mutation(extensions=can("tokenRevoke"))
    async def token_revoke(self, info: Info, refresh_token: str) -> OkPayload:
        """Log out: the refresh token and every token rotated from the same login stop working."""
        ok, errors = await attempt(info, auth.logout(refresh_token))
        return OkPayload(ok=bool(ok), errors=errors)

    @strawberry.mutation(extensions=can("passwordChange"))
    async def password_change(
        self, info: Info, current_password: str, new_password: str
    ) -> TokenPayload:
        """Other sessions end; the new tokens in the payload keep this one going."""
        ctx = info.context
        return token_payload(
            *await attempt(
                info,
                passwords.change(ctx.policy, ctx.actor.user_id, current_password, new_password),
            )
        )

    @strawberry.mutation(extensions=can("passwordResetRequest"))
    async def password_reset_request(self, info: Info, email: str) -> OkPayload:
        """Sends a one-time token by mail; answers the same whether the email exists or not."""
        ctx = info.context
        _, errors = await attempt(
            info, passwords.request_reset(ctx.policy, email, ctx.language, ctx.client_address)
        )
        return OkPayload(ok=not errors, errors=errors)

    @strawberry.mutation(extensions=can("passwordReset"))
    async def password_reset(self, info: Info, token: str, new_password: str) -> OkPayload:
        """Set a new password with the one-time token sent by mail; signs every session out."""
        _, errors = await attempt(info, passwords.reset(info.context.policy, token, new_password))
        return OkPayload(ok=not errors, errors=errors)

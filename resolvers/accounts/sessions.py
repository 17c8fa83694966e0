"""Login, token refresh, logout and passwords."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.accounts import auth, passwords
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.inputs import (
    PasswordChangeInput,
    PasswordResetInput,
    PasswordResetRequestInput,
    TokenCreateInput,
    TokenRefreshInput,
    TokenRevokeInput,
)
from schema.accounts.payloads import OkPayload, TokenPayload
from schema.accounts.types import User
from schema.shared.payload import INPUT


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
    async def token_create(
        self, info: Info, input: Annotated[TokenCreateInput, INPUT]
    ) -> TokenPayload:
        """Log in. Repeated failures for an account or from an address are throttled."""
        ctx = info.context
        return token_payload(
            *await attempt(
                info, auth.login(ctx.policies.auth, input.email, input.password, ctx.client_address)
            )
        )

    @strawberry.mutation(extensions=can("tokenRefresh"))
    async def token_refresh(
        self, info: Info, input: Annotated[TokenRefreshInput, INPUT]
    ) -> TokenPayload:
        """Trade a refresh token for a new pair; the old one stops working."""
        return token_payload(
            *await attempt(info, auth.refresh(info.context.policies.auth, input.refresh_token))
        )

    @strawberry.mutation(extensions=can("tokenRevoke"))
    async def token_revoke(
        self, info: Info, input: Annotated[TokenRevokeInput, INPUT]
    ) -> OkPayload:
        """Log out: the refresh token and every token rotated from the same login stop working."""
        ok, errors = await attempt(info, auth.logout(input.refresh_token))
        return OkPayload(ok=bool(ok), errors=errors)

    @strawberry.mutation(extensions=can("passwordChange"))
    async def password_change(
        self, info: Info, input: Annotated[PasswordChangeInput, INPUT]
    ) -> TokenPayload:
        """Other sessions end; the new tokens in the payload keep this one going."""
        ctx = info.context
        return token_payload(
            *await attempt(
                info,
                passwords.change(
                    ctx.policies.auth, ctx.actor.user_id, input.current_password, input.new_password
                ),
            )
        )

    @strawberry.mutation(extensions=can("passwordResetRequest"))
    async def password_reset_request(
        self, info: Info, input: Annotated[PasswordResetRequestInput, INPUT]
    ) -> OkPayload:
        """Sends a one-time token by mail; answers the same whether the email exists or not."""
        ctx = info.context
        _, errors = await attempt(
            info,
            passwords.request_reset(
                ctx.policies.auth, input.email, ctx.language, ctx.client_address
            ),
        )
        return OkPayload(ok=not errors, errors=errors)

    @strawberry.mutation(extensions=can("passwordReset"))
    async def password_reset(
        self, info: Info, input: Annotated[PasswordResetInput, INPUT]
    ) -> OkPayload:
        """Set a new password with the one-time token sent by mail; signs every session out."""
        _, errors = await attempt(
            info, passwords.reset(info.context.policies.auth, input.token, input.new_password)
        )
        return OkPayload(ok=not errors, errors=errors)

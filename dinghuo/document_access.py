"""Who fetches a document: the caller of the Authorization header, or the user a signed link
was made for (domain/shared/signed_links.py) — a browser following an `<a href>` sends no
header. A link is checked again against the user: disabled users and changed passwords end it."""

from __future__ import annotations

from starlette.requests import Request

from db.accounts import User
from domain.accounts import auth
from domain.shared import clock, signed_links
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core.context import Context, build_context

STATUS = {ErrorCode.LINK_EXPIRED: 403, ErrorCode.LINK_INVALID: 403}


async def viewer(request: Request) -> tuple[Context, ErrorCode | None]:
    """The request's context with its principal, or the code to refuse it with."""
    state = request.app.state
    ctx = await build_context(request, None, state.settings, state.policies, "-")
    if "sig" not in request.query_params:
        if ctx.principal is None:
            return ctx, ctx.auth_error or ErrorCode.UNAUTHENTICATED
        return ctx, None
    try:
        user_id, version = signed_links.verify(
            state.settings.secret_key,
            request.url.path,
            request.query_params.multi_items(),
            clock.now(),
        )
    except DomainError as exc:
        return ctx, exc.code
    user = await User.get_or_none(id=user_id).select_related("company")
    if user is None or not user.is_active or user.token_version != version:
        return ctx, ErrorCode.LINK_INVALID
    ctx.user, ctx.principal = user, auth.principal_for(user, user.company)
    return ctx, None

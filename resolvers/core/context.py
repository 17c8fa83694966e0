"""The per-request context: settings, language, the authenticated caller and loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import ip_address
from typing import TYPE_CHECKING, Any

import strawberry
from starlette.websockets import WebSocket

from db.accounts import User
from domain.accounts import auth
from domain.accounts.permissions import Principal
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import normalize_language
from resolvers.core.loaders import Loaders
from resolvers.core.policies import Policies
from resolvers.pricing.viewer_prices import viewer_scope

if TYPE_CHECKING:
    from dinghuo.settings import Settings


@dataclass
class Context:
    request: Any
    response: Any
    settings: Settings
    # Each area's settings for the domain (dinghuo/policies.py): `policies.ordering` and so on.
    policies: Policies
    language: str
    request_id: str
    user: User | None = None
    principal: Principal | None = None
    access_token: str | None = None
    auth_error: ErrorCode | None = None
    loaders: Loaders = field(default_factory=Loaders)
    # The viewer's applicable price lists, looked up once per request (resolvers.viewer_prices).
    price_scope: Any = None
    # The app's per-process memory of price lookups (resolvers.pricing.price_cache).
    price_cache: Any = None
    # Publishes events to subscribers (dinghuo.pubsub); set by the app.
    broker: Any = None
    # Sent with a websocket's connection_init: carries the token for subscriptions.
    connection_params: dict | None = None

    async def prices(self):
        """The viewer's price scope, or None for visitors who may not see prices."""
        return await viewer_scope(self)

    @property
    def over_websocket(self) -> bool:
        """A websocket's context is built once for its connection: what its sign-in read (the
        company, the pricing version) and its loaders are as old as the connection."""
        return isinstance(self.request, WebSocket)

    @property
    def actor(self) -> Principal:
        """The signed-in caller. Fields that use it declare a permission that already turned
        anonymous callers away; this keeps the promise checked where the value is used."""
        if self.principal is None:
            raise DomainError(self.auth_error or ErrorCode.UNAUTHENTICATED)
        return self.principal

    @property
    def client_address(self) -> str:
        return client_address(self.request, self.settings.trusted_proxies())


# What every resolver receives: `info.context` is this request's Context (no root value).
Info = strawberry.Info[Context, None]


def _trusted(address: str, proxies: list) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip.version == net.version and ip in net for net in proxies)


def client_address(request: Any, proxies: list) -> str:
    """The connection's peer, or, when that peer is a trusted proxy, the nearest address in
    X-Forwarded-For that is not one: anyone else could write any address there."""
    client = getattr(request, "client", None)
    address = client.host if client else ""
    if not proxies or not _trusted(address, proxies):
        return address
    headers = getattr(request, "headers", None)
    forwarded = headers.get("x-forwarded-for", "") if headers is not None else ""
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        address = hop
        if not _trusted(hop, proxies):
            break
    return address


def _bearer(headers: Any, connection_params: dict | None) -> str | None:
    value = headers.get("authorization") if headers is not None else None
    if not value and connection_params:
        value = connection_params.get("authorization") or connection_params.get("Authorization")
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def build_context(
    request: Any,
    response: Any,
    settings: Settings,
    policies: Policies,
    request_id: str,
    broker: Any = None,
    price_cache: Any = None,
) -> Context:
    headers = getattr(request, "headers", None)
    language = normalize_language(
        headers.get("accept-language") if headers is not None else None,
        settings.default_language,
    )
    ctx = Context(
        request=request,
        response=response,
        settings=settings,
        policies=policies,
        language=language,
        request_id=request_id,
        broker=broker,
        price_cache=price_cache,
    )
    await sign_in(ctx, _bearer(headers, None))
    return ctx


async def sign_in(ctx: Context, token: str | None) -> None:
    if not token:
        return
    ctx.access_token = token
    try:
        ctx.user, ctx.principal = await auth.authenticate(ctx.policies.auth, token)
        if ctx.user.company_id:
            # Loaded with the user already: later lookups cost no query.
            ctx.loaders.company_by_id.prime(ctx.user.company_id, ctx.user.company)
    except DomainError as exc:
        # Anonymous fields still answer; protected ones report why the token failed.
        ctx.auth_error = exc.code


async def still_signed_in(ctx: Context) -> bool:
    """Reads the caller again (one query): a long-lived subscription must stop once the user
    is deactivated or the login has ended, and follow a change of role."""
    ctx.user = ctx.principal = ctx.auth_error = None
    await sign_in(ctx, ctx.access_token)
    return ctx.principal is not None


async def sign_in_websocket(ctx: Context) -> bool:
    """Authenticate a websocket from its connection_init payload; False refuses it."""
    params = ctx.connection_params
    value = (
        params.get("authorization") or params.get("Authorization")
        if isinstance(params, dict)
        else None
    )
    if value is not None and not isinstance(value, str):
        # A client's payload is arbitrary JSON: a number or a list is a bad token, not a crash.
        ctx.auth_error = ErrorCode.INVALID_TOKEN
        return False
    token = _bearer(None, params)
    await sign_in(ctx, token)
    return not (token and ctx.principal is None)

"""Absolute, signed, short-lived URLs for documents a client links to (`pdfUrl`, `csvUrl`)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from domain.shared import clock, signed_links
from schema.shared.info import Info

LINK_DESCRIPTION = (
    "An absolute URL that works without an Authorization header (in an <a href>) for a few "
    "minutes; ask for the field again for a fresh one."
)


def document_url(info: Info, path: str, **params: object) -> str:
    """`path` on the public origin, signed for the caller: it works in an `<a href>` without
    an Authorization header until DOCUMENT_LINK_TTL_SECONDS have passed."""
    ctx = info.context
    principal = ctx.actor
    settings = ctx.settings
    expires = clock.now() + timedelta(seconds=settings.document_link_ttl_seconds)
    query = signed_links.sign(
        settings.secret_key,
        path,
        {k: str(v) for k, v in params.items()},
        principal.user_id,
        ctx.user.token_version if ctx.user is not None else 0,
        expires,
    )
    origin = settings.public_origin.rstrip("/") or http_origin(str(ctx.request.base_url))
    return f"{origin}{path}?{urlencode(query)}"


def http_origin(base_url: str) -> str:
    """The origin a browser fetches documents from: a request over the websocket (ws, wss)
    names the same server as http or https."""
    scheme, sep, rest = base_url.rstrip("/").partition("://")
    return {"ws": "http", "wss": "https"}.get(scheme, scheme) + sep + rest

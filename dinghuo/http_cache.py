"""Cache headers for GraphQL answers to GET requests.

Only a query sent by hash (a persisted document) over GET is worth caching: its URL is short
and stable, so browsers, CDNs and proxies can key on it. An anonymous answer is the same for
every visitor who sends the same Accept and Accept-Language, so shared caches may keep it for
a short while; a signed-in answer is the caller's own and is revalidated each time with its
ETag, which saves the transfer but never serves stale data. Everything else is `no-store`."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

_VARY = "Accept, Accept-Language, Authorization"


def apply(request: Request, response: Response, cacheable: bool, max_age: int) -> Response:
    if request.method != "GET":
        return response
    if not cacheable or response.status_code != 200:
        response.headers["cache-control"] = "no-store"
        return response
    etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
    anonymous = "authorization" not in request.headers
    cache_control = f"public, max-age={max_age}" if anonymous else "private, no-cache"
    headers = {"cache-control": cache_control, "etag": etag, "vary": _VARY}
    if etag in _tags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return response


def _tags(header: str) -> set[str]:
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}

"""Signed, short-lived links to documents (invoice and statement PDFs, report CSVs).

A browser follows an `<a href>` without the Authorization header an SPA keeps in memory, so
the link itself carries the right to fetch: who asked for it (user id and token version, so a
password change ends the user's links too), until when, and an HMAC over the path and every
other parameter, so the same signature never opens another document or another company's."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import quote, urlencode

from domain.shared.errors import DomainError, ErrorCode

SIGNED = ("u", "v", "exp")


def _canonical(path: str, params: Iterable[tuple[str, str]]) -> bytes:
    # Escaped, so that `&` and `=` inside a name or value cannot regroup the parameters.
    pairs = sorted((k, v) for k, v in params if k != "sig")
    return (quote(path) + "?" + urlencode(pairs)).encode()


def _signature(secret: str, path: str, params: Iterable[tuple[str, str]]) -> str:
    key = hashlib.sha256(b"document-links:" + secret.encode()).digest()
    digest = hmac.new(key, _canonical(path, params), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign(
    secret: str,
    path: str,
    params: dict[str, str],
    user_id: int,
    token_version: int,
    expires: datetime,
) -> dict[str, str]:
    """The link's query parameters: `params` plus who, until when, and the signature."""
    signed = {**params, "u": str(user_id), "v": str(token_version)}
    signed["exp"] = str(int(expires.timestamp()))
    signed["sig"] = _signature(secret, path, signed.items())
    return signed


def verify(secret: str, path: str, params: list[tuple[str, str]], now: datetime) -> tuple[int, int]:
    """The user id and token version a link was signed for; LINK_INVALID for a signature
    that does not match this path and these parameters, LINK_EXPIRED once it has run out."""
    values = dict(params)
    if len(values) != len(params):  # a repeated parameter: which one would count?
        raise DomainError(ErrorCode.LINK_INVALID)
    given = values.get("sig", "")
    if not hmac.compare_digest(given.encode(), _signature(secret, path, params).encode()):
        raise DomainError(ErrorCode.LINK_INVALID)
    try:
        user_id, version, expires = (int(values[k]) for k in SIGNED)
    except (KeyError, ValueError) as exc:
        raise DomainError(ErrorCode.LINK_INVALID) from exc
    if now.timestamp() >= expires:
        raise DomainError(ErrorCode.LINK_EXPIRED)
    return user_id, version

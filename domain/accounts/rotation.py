"""The pair a refresh token was traded for, kept so that a second tab can get it too.

Two tabs of one SPA share the refresh token (in localStorage) and often refresh at the same
moment. The second would present a token already traded, which looks like theft and used to
end the whole login. Within a short grace window it now gets the same new pair instead.

The pair is stored sealed with a key only the old token gives: the database holds hashes of
tokens, never tokens, and a copy of the database alone must not yield a working token. The
old token is 256 random bits and seals exactly one pair, so a SHAKE-256 keystream derived from
it is a one-time pad (with a SHA-256 tag to refuse a tampered or foreign seal)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime


def _keystream(old_token: str, length: int) -> bytes:
    return hashlib.shake_256(b"dinghuo-rotation:" + old_token.encode()).digest(length)


def _tag(old_token: str, plain: bytes) -> bytes:
    return hmac.new(old_token.encode(), plain, hashlib.sha256).digest()[:16]


def seal(
    old_token: str, access: str, access_expires: datetime, refresh: str, expires: datetime
) -> str:
    plain = json.dumps(
        {"a": access, "ae": access_expires.isoformat(), "r": refresh, "re": expires.isoformat()}
    ).encode()
    cipher = bytes(p ^ k for p, k in zip(plain, _keystream(old_token, len(plain)), strict=True))
    return base64.b64encode(_tag(old_token, plain) + cipher).decode()


def unseal(old_token: str, sealed: str) -> tuple[str, datetime, str, datetime] | None:
    """The pair (access, its expiry, refresh, its expiry), or None for a foreign seal."""
    raw = base64.b64decode(sealed)
    tag, cipher = raw[:16], raw[16:]
    plain = bytes(c ^ k for c, k in zip(cipher, _keystream(old_token, len(cipher)), strict=True))
    if not hmac.compare_digest(tag, _tag(old_token, plain)):
        return None
    pair = json.loads(plain)
    return (
        pair["a"],
        datetime.fromisoformat(pair["ae"]),
        pair["r"],
        datetime.fromisoformat(pair["re"]),
    )

"""The JSON text of a GraphQL answer: orjson's speed, `json.dumps`'s bytes.

A storefront page is thousands of fields; `json.dumps` took about 0.4 ms of CPU to write one,
orjson a tenth of that (bench/). orjson writes characters outside ASCII as they are, where
`json.dumps` (and so every answer before) escapes them as `\\uXXXX`: they are escaped the same
way here, so clients, caches and ETags see the very bytes they always did."""

from __future__ import annotations

import json
import re

import orjson

# What `json.dumps` escapes beyond what orjson does: everything outside printable ASCII.
_UNESCAPED = re.compile("[\x7f-\U0010ffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # a surrogate pair, as `json.dumps` writes it
        code -= 0x10000
        return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"
    return f"\\u{code:04x}"


def encode(data: object) -> str:
    try:
        text = orjson.dumps(data).decode()
    except TypeError:
        # What orjson refuses and `json` writes: a lone surrogate echoed from a client's
        # document in an error message, an integer beyond 64 bits.
        return json.dumps(data, separators=(",", ":"))
    return text if text.isascii() else _UNESCAPED.sub(_escape, text)

"""The markers of plain fields, resolved without Strawberry's per-call wrapper
(`dinghuo/plain_resolvers.py` says how and what they may use):

- `@strawberry.field(metadata=PLAIN_FIELD)`: for leaves a page has hundreds of, such as a
  variant's price. It must be a synchronous method that takes `info` (using only
  `info.context`) and scalar arguments, with no permission classes or field extensions.
- `@strawberry.field(metadata=preloaded(read))`: a field whose value a page may have loaded for
  all its items at once (a product's variants). Where `read(item)` answers a value, that is
  the field's answer; where it answers None, the field's own resolver runs, through Strawberry.
  The page loads it only for a selection without arguments, so the value is the default's.
"""

from collections.abc import Callable
from typing import Any

PLAIN_FIELD = {"plain": True}


def is_plain(metadata) -> bool:
    return metadata.get("plain") is True


def preloaded(read: Callable[[Any], Any]) -> dict[str, Any]:
    return {"preloaded": read}


def preloaded_reader(metadata) -> Callable[[Any], Any] | None:
    return metadata.get("preloaded")

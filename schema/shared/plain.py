"""The marker of a plain field: `@strawberry.field(metadata=PLAIN_FIELD)`.

Such a field is resolved without Strawberry's per-call wrapper (`dinghuo/plain_resolvers.py`
says how and what it may use): for leaves a page has hundreds of, such as a variant's price.
It must be a synchronous method that takes `info` (using only `info.context`) and scalar
arguments, with no permission classes or field extensions.
"""

PLAIN_FIELD = {"plain": True}


def is_plain(metadata) -> bool:
    return metadata.get("plain") is True

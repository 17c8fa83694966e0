"""Gap-free sequences: a counter row per key, incremented inside the caller's transaction.

The row stays locked until that transaction commits, so numbers are unique; a rollback undoes
the increment, so there are no gaps."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction


async def next_value(model, key_field: str, key: str) -> int:
    rows = model.filter(**{key_field: key})
    if not await rows.update(last_number=F("last_number") + 1):
        try:
            async with in_transaction():  # a savepoint: losing the race must not abort ours
                await model.create(**{key_field: key, "last_number": 1})
        except IntegrityError:
            await rows.update(last_number=F("last_number") + 1)
    return (await model.get(**{key_field: key})).last_number

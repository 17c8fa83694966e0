"""Gap-free sequences: a counter row per key, incremented inside the caller's transaction.

The row stays locked until that transaction commits, so numbers are unique; a rollback undoes
the increment, so there are no gaps. Because the row is held until commit, take the value as
late as possible: after every read and check, just before the few writes that need it."""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from domain.shared.sql_params import Params


async def next_value(model, key_field: str, key: str) -> int:
    """Increment and read the key's counter in one statement (UPDATE … RETURNING); the first
    use of a key creates its row."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    rows = await connection.execute_query_dict(
        f'UPDATE "{model._meta.db_table}" SET last_number = last_number + 1'
        f' WHERE "{key_field}" = {p(key)} RETURNING last_number',
        p.values,
    )
    if rows:
        return rows[0]["last_number"]
    try:
        async with in_transaction():  # a savepoint: losing the race must not abort ours
            await model.create(**{key_field: key, "last_number": 1})
            return 1
    except IntegrityError:
        await model.filter(**{key_field: key}).update(last_number=F("last_number") + 1)
    return (await model.get(**{key_field: key})).last_number

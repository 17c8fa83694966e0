"""Order numbers: SO + business date + a daily sequence, e.g. SO20261127-0001."""

from __future__ import annotations

from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.orders import OrderNumberCounter


async def next_number(day: date) -> str:
    """Call inside the order's transaction: the counter row stays locked until it commits, so
    numbers are unique and, since a rollback undoes the increment, gap-free."""
    key = day.strftime("%Y%m%d")
    if not await OrderNumberCounter.filter(day=key).update(last_number=F("last_number") + 1):
        try:
            async with in_transaction():  # a savepoint: losing the race must not abort ours
                await OrderNumberCounter.create(day=key, last_number=1)
        except IntegrityError:
            await OrderNumberCounter.filter(day=key).update(last_number=F("last_number") + 1)
    counter = await OrderNumberCounter.get(day=key)
    return f"SO{key}-{counter.last_number:04d}"

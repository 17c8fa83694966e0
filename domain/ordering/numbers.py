"""Order numbers: SO + business date + a daily sequence, e.g. SO20261127-0001."""

from __future__ import annotations

from datetime import date

from db.orders import OrderNumberCounter
from domain.shared.counters import next_value


async def next_number(day: date) -> str:
    """Call inside the order's transaction (see domain.counters)."""
    key = day.strftime("%Y%m%d")
    return f"SO{key}-{await next_value(OrderNumberCounter, 'day', key):04d}"

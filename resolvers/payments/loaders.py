"""Money per order for a page of orders: the settlement figures in four queries."""

from __future__ import annotations

from aiodataloader import DataLoader

from db.orders import Order
from domain.billing import settlement


class FiguresByOrderLoader(DataLoader):
    """Keyed by the order rows the page already holds (their total and status count)."""

    def __init__(self) -> None:
        super().__init__(get_cache_key=lambda order: order.id)

    async def batch_load_fn(self, keys: list[Order]) -> list[settlement.Figures]:
        figures = await settlement.figures_for(list(keys))
        return [figures[order.id] for order in keys]

"""Batch loaders for order relations."""

from __future__ import annotations

from collections import defaultdict

from aiodataloader import DataLoader

from db.orders import OrderEvent, OrderLine


class LinesByOrderLoader(DataLoader):
    async def batch_load_fn(self, keys):
        grouped = defaultdict(list)
        for line in await OrderLine.filter(order_id__in=keys).order_by("id"):
            grouped[line.order_id].append(line)
        return [grouped.get(k, []) for k in keys]


class EventsByOrderLoader(DataLoader):
    async def batch_load_fn(self, keys):
        grouped = defaultdict(list)
        for event in await OrderEvent.filter(order_id__in=keys).order_by("id"):
            grouped[event.order_id].append(event)
        return [grouped.get(k, []) for k in keys]

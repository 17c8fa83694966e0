"""Batch loaders for an order's relations: one query for all the orders of a page."""

from __future__ import annotations

from collections import defaultdict

from aiodataloader import DataLoader

from db.fulfilment import Shipment, ShipmentLine, TrackingEvent
from db.invoices import Invoice
from db.orders import Order, OrderEvent, OrderLine
from db.payments import Payment, Refund


class GroupedLoader(DataLoader):
    """Rows of `model` whose `key` column is in the batch, grouped by it, in `order` order."""

    def __init__(self, model, key: str, order: tuple[str, ...] = ("id",)) -> None:
        super().__init__()
        self.model, self.key, self.order = model, key, order

    async def batch_load_fn(self, keys):
        grouped = defaultdict(list)
        query = self.model.filter(**{f"{self.key}__in": keys}).order_by(*self.order)
        for row in await query:
            grouped[getattr(row, self.key)].append(row)
        return [grouped.get(k, []) for k in keys]


class OrderLoaders:
    def __init__(self) -> None:
        self.lines = GroupedLoader(OrderLine, "order_id")
        self.events = GroupedLoader(OrderEvent, "order_id")
        self.shipments = GroupedLoader(Shipment, "order_id")
        self.invoices = GroupedLoader(Invoice, "order_id")
        self.payments = GroupedLoader(Payment, "order_id")
        self.refunds = GroupedLoader(Refund, "payment_id")
        self.shipment_lines = GroupedLoader(ShipmentLine, "shipment_id")
        self.tracking = GroupedLoader(TrackingEvent, "shipment_id", ("occurred_at", "id"))
        self.order_line_by_id = RowById(OrderLine)
        self.order_by_id = RowById(Order)
        self.payment_by_id = RowById(Payment)
        self.shipment_by_id = RowById(Shipment)


class RowById(DataLoader):
    """Rows of `model` by primary key, None where there is none."""

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model

    async def batch_load_fn(self, keys):
        rows = {r.id: r for r in await self.model.filter(id__in=keys)}
        return [rows.get(k) for k in keys]

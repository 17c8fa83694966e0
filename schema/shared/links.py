"""Links from an order's documents back to the order, its company and shipment, through the
request's loaders. Whoever may see the document may see these: they belong to the same company.

The order type links to these documents too, so the types are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schema.shared.info import Info

if TYPE_CHECKING:
    from schema.accounts.types import Company
    from schema.fulfilment.types import Shipment
    from schema.ordering.types import Order


async def order(info: Info, order_id: int) -> Order:
    """The order a document belongs to; its foreign key guarantees the row."""
    found = await optional_order(info, order_id)
    assert found is not None, f"order {order_id} is referenced, so it exists"
    return found


async def optional_order(info: Info, order_id: int | None) -> Order | None:
    from schema.ordering.types import Order

    if order_id is None:
        return None
    row = await info.context.loaders.orders.order_by_id.load(order_id)
    return Order.from_db(info, row) if row is not None else None


async def company(info: Info, company_id: int) -> Company:
    from schema.accounts.types import Company

    row = await info.context.loaders.company_by_id.load(company_id)
    assert row is not None, f"company {company_id} is referenced, so it exists"
    return Company.from_db(row, info.context.settings.default_currency)


async def shipment(info: Info, shipment_id: int | None) -> Shipment | None:
    from schema.fulfilment.types import Shipment

    if shipment_id is None:
        return None
    row = await info.context.loaders.orders.shipment_by_id.load(shipment_id)
    return Shipment.from_db(row) if row is not None else None

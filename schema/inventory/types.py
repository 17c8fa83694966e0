from __future__ import annotations

import strawberry
from strawberry import relay

from db import inventory as db
from domain.shared.translations import pick_map
from schema.shared.info import Info


@strawberry.type
class Warehouse(relay.Node):
    """A warehouse (仓库) that holds stock."""

    id: relay.NodeID[int]
    code: str
    """A short, unique code staff use, e.g. SH-01."""
    is_active: bool
    """False once closed: no new stock goes there."""
    names: strawberry.Private[dict]

    @classmethod
    def from_db(cls, row: db.Warehouse) -> Warehouse:
        return cls(id=row.id, code=row.code, is_active=row.is_active, names=row.names)

    @strawberry.field
    def name(self, info: Info) -> str:
        """The name in the viewer's language."""
        return pick_map(self.names, info.context.language)


@strawberry.type(description="Stock of one variant in one warehouse (staff).")
class StockLevel:
    on_hand: int
    """Units physically in the warehouse."""
    reserved: int
    """Units held for open orders."""
    available: int
    """Units that can still be ordered: on hand less reserved."""
    warehouse_id: strawberry.Private[int]

    @classmethod
    def from_db(cls, row: db.StockLevel) -> StockLevel:
        return cls(
            on_hand=row.on_hand,
            reserved=row.reserved,
            available=row.available,
            warehouse_id=row.warehouse_id,
        )

    @strawberry.field
    async def warehouse(self, info: Info) -> Warehouse:
        """The warehouse these figures are for."""
        return Warehouse.from_db(await info.context.loaders.warehouse_by_id.load(self.warehouse_id))

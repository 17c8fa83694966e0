"""Warehouses and stock adjustments (staff)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.inventory import Warehouse as WarehouseRow
from domain.accounts.permissions import Perm
from domain.inventory import stock as inventory
from domain.inventory import warehouses
from resolvers.catalog.mutations import names_map
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.ids import decode
from resolvers.core.permissions import can, requires
from schema.inventory.inputs import StockAdjustInput, WarehouseCreateInput
from schema.inventory.payloads import StockAdjustPayload, WarehousePayload
from schema.inventory.types import StockLevel, Warehouse
from schema.shared.payload import INPUT


@strawberry.type
class InventoryQuery:
    @strawberry.field(extensions=requires(Perm.COMPANIES_READ))
    async def warehouses(self, info: Info) -> list[Warehouse]:
        """Every warehouse, in the order they were created (staff)."""
        return [Warehouse.from_db(w) for w in await WarehouseRow.all().order_by("id")]


@strawberry.type
class InventoryMutation:
    @strawberry.mutation(extensions=can("warehouseCreate"))
    async def warehouse_create(
        self, info: Info, input: Annotated[WarehouseCreateInput, INPUT]
    ) -> WarehousePayload:
        """Create a warehouse with a unique code (upper-cased) and names; audited."""
        ctx = info.context
        run = warehouses.create(ctx.actor, input.code, names_map(input.names), ctx.request_id)
        row, errors = await attempt(info, run)
        return WarehousePayload(warehouse=Warehouse.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("stockAdjust"))
    async def stock_adjust(
        self, info: Info, input: Annotated[StockAdjustInput, INPUT]
    ) -> StockAdjustPayload:
        """Receive (positive) or write off (negative) stock, with a reason for the ledger."""
        ctx = info.context

        async def run():
            return await inventory.adjust(
                ctx.actor,
                decode(input.variant_id, "Variant", "variantId"),
                decode(input.warehouse_id, "Warehouse", "warehouseId"),
                input.delta,
                input.reason,
                ctx.request_id,
            )

        row, errors = await attempt(info, run())
        return StockAdjustPayload(
            stock_level=StockLevel.from_db(row) if row else None, errors=errors
        )

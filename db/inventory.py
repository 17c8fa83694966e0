"""Stock: warehouses, stock levels per variant and warehouse, and the movement ledger."""

from tortoise import fields
from tortoise.models import Model


class Warehouse(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=40, unique=True)
    names = fields.JSONField(default=dict)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "warehouse"


class StockLevel(Model):
    """`available` is kept equal to on_hand - reserved by every update, so that a
    reservation is one conditional UPDATE on an indexed column."""

    id = fields.IntField(primary_key=True)
    variant = fields.ForeignKeyField("models.Variant", related_name="stock_levels")
    variant_id: int
    warehouse = fields.ForeignKeyField("models.Warehouse", related_name="stock_levels")
    warehouse_id: int
    on_hand = fields.IntField(default=0)
    reserved = fields.IntField(default=0)
    available = fields.IntField(default=0, db_index=True)

    class Meta:
        table = "stock_level"
        unique_together = (("variant", "warehouse"),)


class StockMovement(Model):
    """The ledger: every change of on_hand or reserved, with who and why."""

    id = fields.IntField(primary_key=True)
    variant = fields.ForeignKeyField(
        "models.Variant", related_name="stock_movements", db_index=True
    )
    variant_id: int
    warehouse = fields.ForeignKeyField("models.Warehouse", related_name="stock_movements")
    warehouse_id: int
    kind = fields.CharField(max_length=20, db_index=True)
    on_hand_delta = fields.IntField(default=0)
    reserved_delta = fields.IntField(default=0)
    reason = fields.TextField(default="")
    reference = fields.CharField(max_length=64, default="", db_index=True)
    actor = fields.ForeignKeyField(
        "models.User", related_name="stock_movements", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stock_movement"

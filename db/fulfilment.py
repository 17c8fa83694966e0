"""Shipments of an order's lines, and their tracking events."""

from tortoise import fields
from tortoise.models import Model


class Shipment(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order = fields.ForeignKeyField("models.Order", related_name="shipments", db_index=True)
    order_id: int
    warehouse = fields.ForeignKeyField("models.Warehouse", related_name="shipments")
    warehouse_id: int
    carrier = fields.CharField(max_length=20)
    tracking_number = fields.CharField(max_length=64, default="", db_index=True)
    # packed -> shipped -> delivered, or exception
    status = fields.CharField(max_length=20, default="packed")
    created_by = fields.ForeignKeyField(
        "models.User", related_name="shipments_made", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    shipped_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "shipment"


class ShipmentLine(Model):
    id = fields.IntField(primary_key=True)
    shipment = fields.ForeignKeyField("models.Shipment", related_name="lines", db_index=True)
    shipment_id: int
    order_line = fields.ForeignKeyField(
        "models.OrderLine", related_name="shipment_lines", db_index=True
    )
    order_line_id: int
    quantity = fields.IntField()

    class Meta:
        table = "shipment_line"


class TrackingEvent(Model):
    """Where a shipment is. The same carrier event delivered twice is stored once."""

    id = fields.IntField(primary_key=True)
    shipment = fields.ForeignKeyField("models.Shipment", related_name="tracking", db_index=True)
    shipment_id: int
    external_id = fields.CharField(max_length=100)
    occurred_at = fields.DatetimeField()
    location = fields.CharField(max_length=200, default="")
    description = fields.TextField(default="")
    # As the carrier sent it: statuses the platform does not know are kept, not refused.
    status = fields.CharField(max_length=64, default="in_transit")
    source = fields.CharField(max_length=20, default="carrier")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "tracking_event"
        unique_together = (("shipment", "external_id"),)

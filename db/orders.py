"""Carts and orders: lines, stock reservations, the timeline of events, daily order numbers."""

from tortoise import fields
from tortoise.models import Model


class CartLine(Model):
    """A buyer's server-side cart: it survives logout and follows the user across devices."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="cart_lines", db_index=True)
    user_id: int
    variant = fields.ForeignKeyField("models.Variant", related_name="cart_lines")
    variant_id: int
    quantity = fields.IntField()
    # The unit price (fen) when the line was added or last changed, to show price changes.
    unit_price_seen = fields.BigIntField()
    added_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "cart_line"
        unique_together = (("user", "variant"),)


class Order(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    company = fields.ForeignKeyField("models.Company", related_name="orders", db_index=True)
    company_id: int
    placed_by = fields.ForeignKeyField("models.User", related_name="orders_placed")
    placed_by_id: int
    placed_by_staff = fields.BooleanField(default=False)
    status = fields.CharField(max_length=30, db_index=True)
    # While status is pending_review: the review step (order, finance, outbound) it waits for.
    review_step = fields.CharField(max_length=20, null=True)
    payment_status = fields.CharField(max_length=20, default="unpaid")
    fulfilment_status = fields.CharField(max_length=20, default="unfulfilled")
    payment_method = fields.CharField(max_length=20)
    po_number = fields.CharField(max_length=64, default="", db_index=True)
    requested_delivery_date = fields.DateField(null=True)
    note = fields.TextField(default="")
    shipping_address = fields.JSONField()
    currency = fields.CharField(max_length=3)
    subtotal = fields.BigIntField()
    total = fields.BigIntField()
    idempotency_key = fields.CharField(max_length=100, null=True)
    # Credit terms: the credit this order holds, and whether it waits for finance to accept
    # going over the company's limit.
    credit_reserved = fields.BigIntField(default=0, db_default=0)
    credit_pending = fields.BooleanField(default=False, db_default=False)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sales_order"
        unique_together = (("placed_by", "idempotency_key"),)


class OrderLine(Model):
    """Prices, names and SKU are copied at placement: later catalog edits do not change it."""

    id = fields.IntField(primary_key=True)
    order = fields.ForeignKeyField("models.Order", related_name="lines", db_index=True)
    order_id: int
    variant = fields.ForeignKeyField(
        "models.Variant", related_name="order_lines", null=True, on_delete=fields.SET_NULL
    )
    variant_id: int | None
    sku = fields.CharField(max_length=64, db_index=True)
    names = fields.JSONField()  # {"zh-Hans": …, "en": …}: product and variant name
    unit = fields.CharField(max_length=20)
    pack_size = fields.IntField()
    quantity = fields.IntField()
    unit_price = fields.BigIntField()
    line_total = fields.BigIntField()
    price_source = fields.CharField(max_length=10)
    # Kept with the line so that one conditional update stops over-shipping and over-returning.
    shipped_quantity = fields.IntField(default=0, db_default=0)
    returned_quantity = fields.IntField(default=0, db_default=0)
    # The unshipped rest that staff closed (关闭欠货): it will not ship and holds no stock.
    closed_quantity = fields.IntField(default=0, db_default=0)

    class Meta:
        table = "order_line"


class OrderReservation(Model):
    """Stock held for a line in one warehouse, so that release and shipment know where."""

    id = fields.IntField(primary_key=True)
    line = fields.ForeignKeyField("models.OrderLine", related_name="reservations", db_index=True)
    line_id: int
    warehouse = fields.ForeignKeyField("models.Warehouse", related_name="order_reservations")
    warehouse_id: int
    quantity = fields.IntField()

    class Meta:
        table = "order_reservation"


class OrderEvent(Model):
    """The order's timeline: who did what, when, from which status to which."""

    id = fields.IntField(primary_key=True)
    order = fields.ForeignKeyField("models.Order", related_name="events", db_index=True)
    order_id: int
    actor = fields.ForeignKeyField(
        "models.User", related_name="order_events", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    actor_email = fields.CharField(max_length=254, default="")
    kind = fields.CharField(max_length=40)
    from_status = fields.CharField(max_length=30, null=True)
    to_status = fields.CharField(max_length=30, null=True)
    data = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "order_event"


class OrderNumberCounter(Model):
    """The last order number used on a business day. Incremented inside the order's own
    transaction, so a rolled-back order leaves no gap."""

    day = fields.CharField(max_length=8, primary_key=True)
    last_number = fields.IntField(default=0)

    class Meta:
        table = "order_number_counter"

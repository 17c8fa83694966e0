"""After-sales (售后): returns of delivered goods, and complaint and feedback tickets."""

from tortoise import fields
from tortoise.models import Model


class ReturnRequest(Model):
    """退换货: requested -> approved or rejected -> received -> resolved."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order = fields.ForeignKeyField("models.Order", related_name="returns", db_index=True)
    order_id: int
    company = fields.ForeignKeyField("models.Company", related_name="returns", db_index=True)
    company_id: int
    status = fields.CharField(max_length=20, default="requested", db_index=True)
    reason = fields.CharField(max_length=30)
    description = fields.TextField(default="")
    photo_urls = fields.JSONField(default=list)
    instructions = fields.TextField(default="")
    reject_reason = fields.TextField(default="")
    resolution = fields.CharField(max_length=20, null=True)  # refund or replacement
    # When `resolving` was claimed: a claim older than the lease was left by a stopped process.
    claimed_at = fields.DatetimeField(null=True)
    replacement_order = fields.ForeignKeyField(
        "models.Order", related_name="replaces", null=True, on_delete=fields.SET_NULL
    )
    replacement_order_id: int | None
    requested_by = fields.ForeignKeyField(
        "models.User", related_name="returns_requested", null=True, on_delete=fields.SET_NULL
    )
    requested_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "return_request"


class ReturnLine(Model):
    id = fields.IntField(primary_key=True)
    return_request = fields.ForeignKeyField(
        "models.ReturnRequest", related_name="lines", db_index=True
    )
    return_request_id: int
    order_line = fields.ForeignKeyField(
        "models.OrderLine", related_name="return_lines", db_index=True
    )
    order_line_id: int
    quantity = fields.IntField()
    condition = fields.CharField(max_length=20, null=True)  # restock or scrap, on receipt

    class Meta:
        table = "return_line"


class ReturnEvent(Model):
    id = fields.IntField(primary_key=True)
    return_request = fields.ForeignKeyField(
        "models.ReturnRequest", related_name="events", db_index=True
    )
    return_request_id: int
    actor_email = fields.CharField(max_length=254, default="")
    kind = fields.CharField(max_length=30)
    data = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "return_event"


class Ticket(Model):
    """投诉与反馈: open -> in_progress -> resolved -> closed, reopened within a period."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    company = fields.ForeignKeyField("models.Company", related_name="tickets", db_index=True)
    company_id: int
    order = fields.ForeignKeyField(
        "models.Order", related_name="tickets", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    shipment = fields.ForeignKeyField(
        "models.Shipment", related_name="tickets", null=True, on_delete=fields.SET_NULL
    )
    shipment_id: int | None
    category = fields.CharField(max_length=20)
    subject = fields.CharField(max_length=200)
    status = fields.CharField(max_length=20, default="open", db_index=True)
    assignee = fields.ForeignKeyField(
        "models.User", related_name="tickets_assigned", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    opened_by = fields.ForeignKeyField(
        "models.User", related_name="tickets_opened", null=True, on_delete=fields.SET_NULL
    )
    opened_by_id: int | None
    first_response_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ticket"


class TicketMessage(Model):
    id = fields.IntField(primary_key=True)
    ticket = fields.ForeignKeyField("models.Ticket", related_name="messages", db_index=True)
    ticket_id: int
    author = fields.ForeignKeyField(
        "models.User", related_name="ticket_messages", null=True, on_delete=fields.SET_NULL
    )
    author_id: int | None
    author_email = fields.CharField(max_length=254, default="")
    from_staff = fields.BooleanField(default=False)
    # Internal notes are for staff only: a buyer never sees them.
    internal = fields.BooleanField(default=False)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ticket_message"

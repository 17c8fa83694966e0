"""Invoices (发票), credit notes and the yearly counters that number them."""

from tortoise import fields
from tortoise.models import Model


class Invoice(Model):
    """Issued when an order is confirmed. Overdue is not stored: it is an open invoice whose
    due date has passed."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order = fields.OneToOneField("models.Order", related_name="invoice")
    order_id: int
    company = fields.ForeignKeyField("models.Company", related_name="invoices", db_index=True)
    company_id: int
    issued_on = fields.DateField(db_index=True)
    due_on = fields.DateField(db_index=True)
    amount = fields.BigIntField()
    currency = fields.CharField(max_length=3)
    status = fields.CharField(max_length=10, default="open", db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "invoice"


class CreditNote(Model):
    """Money the supplier owes back: written for every refund, linked to the order."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    company = fields.ForeignKeyField("models.Company", related_name="credit_notes", db_index=True)
    company_id: int
    order = fields.ForeignKeyField(
        "models.Order", related_name="credit_notes", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    refund = fields.OneToOneField(
        "models.Refund", related_name="credit_note", null=True, on_delete=fields.SET_NULL
    )
    refund_id: int | None
    issued_on = fields.DateField(db_index=True)
    amount = fields.BigIntField()
    reason = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "credit_note"


class DocumentCounter(Model):
    """The last number used for a kind of document in a year, e.g. INV-2026."""

    key = fields.CharField(max_length=20, primary_key=True)
    last_number = fields.IntField(default=0)

    class Meta:
        table = "document_counter"


class WriteOff(Model):
    """Money the supplier gives up collecting on an order (坏账核销): finance's decision, with
    its reason. It lowers what the order owes, like a credit note, but is not a price change."""

    id = fields.IntField(primary_key=True)
    company = fields.ForeignKeyField("models.Company", related_name="write_offs", db_index=True)
    company_id: int
    order = fields.ForeignKeyField("models.Order", related_name="write_offs", db_index=True)
    order_id: int
    amount = fields.BigIntField()
    reason = fields.TextField()
    written_on = fields.DateField(db_index=True)
    created_by = fields.ForeignKeyField(
        "models.User", related_name="write_offs", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "write_off"

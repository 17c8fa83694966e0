"""Payments against orders, their refunds, and the Stripe events already processed."""

from tortoise import fields
from tortoise.models import Model


class Payment(Model):
    """Money received (or being collected) for an order: by card through Stripe, or recorded
    by finance staff for a bank transfer."""

    id = fields.IntField(primary_key=True)
    order = fields.ForeignKeyField("models.Order", related_name="payments", db_index=True)
    order_id: int
    company = fields.ForeignKeyField("models.Company", related_name="payments", db_index=True)
    company_id: int
    method = fields.CharField(max_length=20)
    status = fields.CharField(max_length=20, db_index=True)
    amount = fields.BigIntField()  # fen
    currency = fields.CharField(max_length=3)
    stripe_intent_id = fields.CharField(max_length=64, null=True, unique=True)
    reference = fields.CharField(max_length=100, default="")
    received_on = fields.DateField(null=True)
    # Fen claimed by refunds (pending or done): a refund first claims its amount here.
    refunded = fields.BigIntField(default=0, db_default=0)
    # Something staff must look at: a wrong amount or currency, a dispute.
    flagged = fields.BooleanField(default=False)
    flag_reason = fields.TextField(default="")
    recorded_by = fields.ForeignKeyField(
        "models.User", related_name="payments_recorded", null=True, on_delete=fields.SET_NULL
    )
    recorded_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "payment"


class Refund(Model):
    id = fields.IntField(primary_key=True)
    payment = fields.ForeignKeyField("models.Payment", related_name="refunds", db_index=True)
    payment_id: int
    amount = fields.BigIntField()
    status = fields.CharField(max_length=20, db_index=True)  # the worker looks for pending ones
    stripe_refund_id = fields.CharField(max_length=64, null=True, unique=True)
    reason = fields.TextField(default="")
    # What the refund is for, when something else asked for it (`return:<id>`).
    source = fields.CharField(max_length=40, default="", db_index=True)
    # A card refund still pending: since when someone is asking Stripe about it
    # (domain/payments/refund_claim.py); null when nobody is.
    claimed_at = fields.DatetimeField(null=True)
    created_by = fields.ForeignKeyField(
        "models.User", related_name="refunds_made", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "refund"


class StripeEvent(Model):
    """A webhook event whose effect is committed, recorded in the same transaction."""

    id = fields.CharField(max_length=100, primary_key=True)
    type = fields.CharField(max_length=60)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stripe_event"

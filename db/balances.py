"""Prepaid balance (预存款): money a company paid in advance, and every change to it."""

from tortoise import fields
from tortoise.models import Model


class BalanceEntry(Model):
    """One change of a company's prepaid balance. The balance equals the sum of its entries."""

    id = fields.IntField(primary_key=True)
    company = fields.ForeignKeyField(
        "models.Company", related_name="balance_entries", db_index=True
    )
    company_id: int
    amount = fields.BigIntField()  # fen, positive in, negative out
    kind = fields.CharField(max_length=20)  # top_up, order_payment, refund
    reference = fields.CharField(max_length=100, default="")
    order = fields.ForeignKeyField(
        "models.Order", related_name="balance_entries", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    actor_email = fields.CharField(max_length=254, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "balance_entry"


class BalanceTopUp(Model):
    """A card top-up through Stripe, credited to the balance when its webhook arrives."""

    id = fields.IntField(primary_key=True)
    company = fields.ForeignKeyField("models.Company", related_name="top_ups", db_index=True)
    company_id: int
    amount = fields.BigIntField()
    currency = fields.CharField(max_length=3)
    status = fields.CharField(max_length=20, default="pending")
    stripe_intent_id = fields.CharField(max_length=64, unique=True)
    # Why a Stripe event for this top-up was not credited (a wrong amount or currency).
    flag_reason = fields.TextField(default="", db_default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "balance_top_up"

"""Notification outbox: messages written in the same transaction as the change they announce."""

from tortoise import fields
from tortoise.models import Model


class OutboxMessage(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=60)
    recipient = fields.CharField(max_length=254)
    language = fields.CharField(max_length=10)
    subject = fields.CharField(max_length=200)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True, db_index=True)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(default="")

    class Meta:
        table = "outbox_message"

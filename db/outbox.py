"""Notification outbox: messages written in the same transaction as the change they announce.

A message's state follows from its columns, never from a separate flag: sent once `sent_at`
is set, dead (given up, waiting for an admin) once `dead_at` is set, otherwise pending; a
pending message is claimed by one worker while `locked_until` lies in the future and waits
for its next try until `next_attempt_at`.
"""

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
    next_attempt_at = fields.DatetimeField(null=True)
    locked_until = fields.DatetimeField(null=True)
    dead_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "outbox_message"

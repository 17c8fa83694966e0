"""Audit log: who changed access or money, when, and the values before and after."""

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    id = fields.IntField(primary_key=True)
    actor = fields.ForeignKeyField(
        "models.User", related_name="audit_entries", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    # Kept as text so the entry still says who it was if the account is ever removed.
    actor_email = fields.CharField(max_length=254, default="")
    action = fields.CharField(max_length=60, db_index=True)
    object_type = fields.CharField(max_length=40)
    object_id = fields.CharField(max_length=40)
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    request_id = fields.CharField(max_length=40, default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_entry"

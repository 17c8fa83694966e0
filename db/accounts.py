"""Accounts: customer companies, users (staff and buyers) and their credentials."""

from tortoise import fields
from tortoise.models import Model


class Company(Model):
    """A customer company (客户企业) that orders from the supplier."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # 统一社会信用代码 or another tax id; unique so one business registers once.
    tax_id = fields.CharField(max_length=40, unique=True)
    contact_name = fields.CharField(max_length=100)
    contact_phone = fields.CharField(max_length=40, default="")
    email = fields.CharField(max_length=254)
    status = fields.CharField(max_length=20, default="pending", db_index=True)
    status_reason = fields.TextField(default="")
    price_tier = fields.CharField(max_length=40, null=True)
    credit_limit = fields.BigIntField(default=0, db_default=0)
    payment_terms_days = fields.IntField(null=True)
    # Credit terms (账期) in fen: what open orders and unpaid invoices use, and what is left of
    # the limit. Kept as two integers so that reserving credit is one conditional UPDATE.
    credit_used = fields.BigIntField(default=0, db_default=0)
    credit_available = fields.BigIntField(default=0, db_default=0)
    credit_hold = fields.BooleanField(default=False, db_default=False)
    credit_hold_reason = fields.TextField(default="", db_default="")
    # 预存款 in fen. Never below zero: every debit is a conditional UPDATE.
    prepaid_balance = fields.BigIntField(default=0, db_default=0)
    # Buyer-side approval: orders above this total (fen), or any order by a purchaser when
    # the flag is set, wait for a company approver before the supplier sees them.
    approval_threshold = fields.BigIntField(null=True)
    approval_for_purchasers = fields.BooleanField(default=False, db_default=False)
    # The supplier's sales staff member who looks after this customer. A plain id, not a
    # foreign key: users already point at companies, and Tortoise cannot create cyclic keys.
    sales_rep_id = fields.IntField(null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    reviewed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "company"


class User(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=200)
    full_name = fields.CharField(max_length=100, default="")
    # "staff" (the supplier's people) or "buyer" (a customer company's people).
    kind = fields.CharField(max_length=10)
    staff_role = fields.CharField(max_length=20, null=True)
    company = fields.ForeignKeyField(
        "models.Company",
        related_name="users",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    company_id: int | None
    company_role = fields.CharField(max_length=20, null=True)
    is_active = fields.BooleanField(default=True)
    language = fields.CharField(max_length=10, null=True)
    # Bumped on password change/reset: access tokens carry it, so older ones stop working.
    token_version = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user_account"


class RefreshToken(Model):
    """A rotating refresh token, stored as a SHA-256 hash, one family per login."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="refresh_tokens", db_index=True)
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    family = fields.CharField(max_length=32, db_index=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    # The pair this token was traded for, sealed with this token (domain/accounts/rotation.py).
    successor_sealed = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "refresh_token"


class Invitation(Model):
    id = fields.IntField(primary_key=True)
    company = fields.ForeignKeyField("models.Company", related_name="invitations")
    company_id: int
    email = fields.CharField(max_length=254)
    company_role = fields.CharField(max_length=20)
    token_hash = fields.CharField(max_length=64, unique=True)
    invited_by = fields.ForeignKeyField("models.User", related_name="invitations_sent")
    invited_by_id: int
    expires_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "invitation"


class PasswordResetToken(Model):
    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="password_resets")
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "password_reset_token"


class LoginThrottle(Model):
    """Sign-in attempts counted under one key, in the current window.

    Keys name an account, an account at an address, or an address. A slot is claimed with
    one conditional UPDATE before a password is checked, so concurrent guesses cannot all
    slip under the limit."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=400, unique=True)
    attempts = fields.IntField(default=0)
    window_started_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_throttle"


class CompanyAddress(Model):
    """A delivery address in the company's address book. Orders keep a copy of the one used."""

    id = fields.IntField(primary_key=True)
    company = fields.ForeignKeyField("models.Company", related_name="addresses", db_index=True)
    company_id: int
    label = fields.CharField(max_length=60, default="")
    recipient = fields.CharField(max_length=100)
    phone = fields.CharField(max_length=40)
    region = fields.CharField(max_length=200)
    line = fields.CharField(max_length=300)
    postal_code = fields.CharField(max_length=20, default="")
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "company_address"

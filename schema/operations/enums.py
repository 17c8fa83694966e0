"""Closed sets of operations."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="What a notification mail is about.")
class MailKind(StrEnum):
    PASSWORD_RESET = "password_reset"
    """A link to reset a password (重置密码)."""
    INVITATION = "invitation"
    """An invitation to join a company's account (邀请)."""
    ORDER_UPDATE = "order_update"
    """An order changed status (订单更新)."""
    RETURN_UPDATE = "return_update"
    """A return request changed status (退货更新)."""
    TICKET_UPDATE = "ticket_update"
    """A support ticket was answered or changed status (工单更新)."""
    COMPANY_APPROVED = "company_approved"
    """A company's registration was approved (审核通过)."""
    COMPANY_REJECTED = "company_rejected"
    """A company's registration was rejected, with the reason (审核未通过)."""

"""Queueing notifications: written with the change, delivered after commit."""

from __future__ import annotations

from typing import Any

from db.outbox import OutboxMessage
from domain.shared.messages import message


async def enqueue(kind: str, recipient: str, language: str, **params: Any) -> OutboxMessage:
    return await OutboxMessage.create(
        kind=kind,
        recipient=recipient,
        language=language,
        subject=message(f"mail.{kind}.subject", language, **params),
        body=message(f"mail.{kind}.body", language, **params),
    )

"""Delivering the notification outbox: by SMTP when configured, otherwise to the log."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import urlparse

from db.outbox import OutboxMessage
from dinghuo.settings import Settings
from domain.accounts.credentials import now

log = logging.getLogger("dinghuo.mail")


def _send_smtp(settings: Settings, msg: OutboxMessage) -> None:
    url = urlparse(settings.smtp_url)
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = msg.recipient
    mail["Subject"] = msg.subject
    mail.set_content(msg.body)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with smtp_class(url.hostname or "localhost", url.port or 25, timeout=10) as smtp:
        if url.username:
            smtp.login(url.username, url.password or "")
        smtp.send_message(mail)


async def deliver_pending(settings: Settings, limit: int = 50) -> int:
    """Deliver unsent messages; a failure is recorded and retried on the next round."""
    sent = 0
    for msg in await OutboxMessage.filter(sent_at=None, attempts__lt=5).order_by("id").limit(limit):
        try:
            if settings.smtp_url:
                await asyncio.to_thread(_send_smtp, settings, msg)
            else:
                log.info(
                    "mail (no SMTP_URL configured, printed instead)",
                    extra={
                        "fields": {"to": msg.recipient, "subject": msg.subject, "body": msg.body}
                    },
                )
        except Exception as exc:  # noqa: BLE001 - any delivery failure is retried later
            await OutboxMessage.filter(id=msg.id).update(
                attempts=msg.attempts + 1, last_error=str(exc)[:500]
            )
            log.warning("mail delivery failed: %s", exc)
            continue
        await OutboxMessage.filter(id=msg.id).update(sent_at=now(), attempts=msg.attempts + 1)
        sent += 1
    return sent


async def run_forever(settings: Settings, interval: float = 2.0) -> None:
    while True:
        try:
            await deliver_pending(settings)
        except Exception:  # noqa: BLE001 - keep the loop alive; the next round retries
            log.exception("outbox round failed")
        await asyncio.sleep(interval)

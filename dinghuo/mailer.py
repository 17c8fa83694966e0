"""Delivering the notification outbox: by SMTP, or to the log when that backend is chosen."""

from __future__ import annotations

import asyncio
import logging
import re
import smtplib
from email.message import EmailMessage
from urllib.parse import urlparse

from db.outbox import OutboxMessage
from dinghuo.settings import Settings
from domain.shared import outbox

log = logging.getLogger("dinghuo.mail")

# Reset and invitation tokens (and links carrying them) are long URL-safe runs; nothing else in
# a notification is. Masking them keeps a production log from handing out accounts.
_SECRET_LOOKING = re.compile(r"[A-Za-z0-9_\-]{20,}")


def mask_secrets(text: str) -> str:
    return _SECRET_LOOKING.sub(lambda m: m.group(0)[:4] + "…(masked)", text)


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


def _log_mail(settings: Settings, msg: OutboxMessage) -> None:
    body = msg.body if settings.environment == "development" else mask_secrets(msg.body)
    log.info(
        "mail (log backend, not sent)",
        extra={"fields": {"to": msg.recipient, "subject": msg.subject, "body": body}},
    )


async def deliver_pending(settings: Settings, limit: int = 20) -> int:
    """Claim due messages and deliver them; a failure is retried later, with backoff."""
    sent = 0
    for msg in await outbox.claim(limit):
        try:
            if settings.mail_via_smtp():
                await asyncio.to_thread(_send_smtp, settings, msg)
            else:
                _log_mail(settings, msg)
        except Exception as exc:  # noqa: BLE001 - any delivery failure is retried later
            dead = await outbox.mark_failed(msg, str(exc))
            log.warning("mail %s delivery failed%s: %s", msg.id, " (gave up)" if dead else "", exc)
            continue
        await outbox.mark_sent(msg)
        sent += 1
    return sent

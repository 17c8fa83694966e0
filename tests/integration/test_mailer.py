"""Outbox delivery: printed to the log without SMTP, sent to a real SMTP server with it."""

import logging
import socket

from aiosmtpd.controller import Controller

from db.outbox import OutboxMessage
from dinghuo import mailer
from domain.shared import outbox
from tests.conftest import make_settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_without_smtp_mail_is_printed_to_the_log_and_marked_sent(db, caplog):
    await outbox.enqueue("password_reset", "a@example.com", "en", token="tok-123", minutes=60)
    caplog.set_level(logging.INFO, logger="dinghuo.mail")

    sent = await mailer.deliver_pending(make_settings())

    assert sent == 1
    [record] = [r for r in caplog.records if r.name == "dinghuo.mail"]
    assert record.fields["to"] == "a@example.com"
    assert "tok-123" in record.fields["body"]
    assert await OutboxMessage.filter(sent_at=None).count() == 0
    assert await mailer.deliver_pending(make_settings()) == 0


async def test_with_smtp_mail_reaches_the_server(db):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        await outbox.enqueue(
            "invitation", "new@example.com", "zh-Hans", company="鲜达", role="viewer", token="t1"
        )
        sent = await mailer.deliver_pending(make_settings(smtp_url=f"smtp://127.0.0.1:{port}"))
    finally:
        controller.stop()

    assert sent == 1
    [envelope] = inbox.messages
    assert envelope.rcpt_tos == ["new@example.com"]
    assert "t1" in envelope.content.decode("utf-8", "replace")


async def test_failed_delivery_is_kept_for_a_retry(db):
    await outbox.enqueue("password_reset", "a@example.com", "en", token="x", minutes=60)

    sent = await mailer.deliver_pending(make_settings(smtp_url=f"smtp://127.0.0.1:{free_port()}"))

    assert sent == 0
    message = await OutboxMessage.get()
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.last_error

"""The outbox hands each message to one deliverer, retries failures later, gives up visibly."""

import asyncio
import logging
import secrets
from datetime import timedelta

from aiosmtpd.controller import Controller

from db.outbox import OutboxMessage
from dinghuo import mailer
from domain.shared import clock, outbox
from tests.conftest import PINNED_NOW, make_settings
from tests.integration.test_mailer import Inbox, free_port


async def _enqueue(n: int) -> set[str]:
    recipients = {f"buyer{i}@example.com" for i in range(n)}
    for recipient in sorted(recipients):
        await outbox.enqueue("order_update", recipient, "en", number="SO-1", status="shipped")
    return recipients


async def test_concurrent_claimers_never_share_a_message(db):
    await _enqueue(40)

    async def drain() -> list[int]:
        mine = []
        while batch := await outbox.claim(limit=3):
            mine.extend(m.id for m in batch)
        return mine

    claimed = [i for ids in await asyncio.gather(*(drain() for _ in range(6))) for i in ids]

    assert len(claimed) == 40
    assert len(set(claimed)) == 40


async def test_two_concurrent_deliveries_send_each_mail_exactly_once(db):
    recipients = await _enqueue(12)
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = make_settings(smtp_url=f"smtp://127.0.0.1:{port}")
    try:
        sent = await asyncio.gather(*(mailer.deliver_pending(settings, limit=4) for _ in range(3)))
        while await mailer.deliver_pending(settings):
            pass
    finally:
        controller.stop()

    delivered = [to for envelope in inbox.messages for to in envelope.rcpt_tos]
    assert sorted(delivered) == sorted(recipients)
    assert sum(sent) <= 12
    assert await OutboxMessage.filter(sent_at__isnull=True).count() == 0


async def test_a_failed_message_waits_before_its_next_try(db, pinned_clock):
    await outbox.enqueue("password_reset", "a@example.com", "en", token="x", minutes=60)
    broken = make_settings(smtp_url=f"smtp://127.0.0.1:{free_port()}")

    assert await mailer.deliver_pending(broken) == 0
    assert await outbox.claim() == []  # not due again yet

    with clock.frozen(PINNED_NOW + outbox.retry_delay(1) + timedelta(seconds=1)):
        [again] = await outbox.claim()
    assert again.attempts == 1 and again.last_error


async def test_after_the_last_attempt_a_message_is_dead_until_retried(db, pinned_clock):
    await outbox.enqueue("password_reset", "a@example.com", "en", token="x", minutes=60)
    broken = make_settings(smtp_url=f"smtp://127.0.0.1:{free_port()}")
    moment = PINNED_NOW
    for _ in range(outbox.MAX_ATTEMPTS):
        with clock.frozen(moment):
            await mailer.deliver_pending(broken)
        moment += outbox.LONGEST_WAIT + timedelta(seconds=1)

    with clock.frozen(moment + timedelta(days=30)):
        assert await outbox.claim() == []
    [dead] = await outbox.dead_letters()
    assert dead.attempts == outbox.MAX_ATTEMPTS and dead.dead_at is not None

    await outbox.retry(dead.id)
    with clock.frozen(moment):
        [revived] = await outbox.claim()
    assert revived.id == dead.id and revived.attempts == 0
    assert await outbox.dead_letters().count() == 0


async def test_the_log_backend_masks_tokens_outside_development(db, caplog):
    token = secrets.token_urlsafe(32)
    await outbox.enqueue("password_reset", "a@example.com", "en", token=token, minutes=60)
    caplog.set_level(logging.INFO, logger="dinghuo.mail")

    sent = await mailer.deliver_pending(make_settings(environment="production", mail_backend="log"))

    assert sent == 1
    [record] = [r for r in caplog.records if r.name == "dinghuo.mail"]
    assert record.fields["to"] == "a@example.com"
    assert token not in record.getMessage()
    assert token not in str(record.fields)
    assert "masked" in record.fields["body"]

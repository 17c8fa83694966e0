"""Admins see the mail the outbox gave up on, and send it on its way again."""

from datetime import UTC, datetime

from db.outbox import OutboxMessage
from domain.shared import outbox
from tests import factories as f

DEAD_LETTERS = """
{ outboxDeadLetters { edges { node { id kind recipient attempts lastError deadAt } } } }
"""
RETRY = """
mutation Retry($id: ID!) {
  outboxMessageRetry(input: {id: $id}) { message { id attempts deadAt } errors { code field } }
}
"""


async def _dead_message() -> OutboxMessage:
    msg = await outbox.enqueue("password_reset", "a@example.com", "en", token="t", minutes=60)
    await OutboxMessage.filter(id=msg.id).update(
        attempts=outbox.MAX_ATTEMPTS,
        last_error="550 mailbox unavailable",
        dead_at=datetime.now(UTC),
    )
    return msg


async def test_an_admin_lists_dead_letters_and_retries_one(client, policy):
    msg = await _dead_message()
    await outbox.enqueue("password_reset", "b@example.com", "en", token="u", minutes=60)
    token = await f.login(client, await f.staff(policy, role="admin"))

    listed = await f.gql(client, DEAD_LETTERS, token=token)
    retried = await f.gql(client, RETRY, {"id": f.gid("OutboxMessage", msg.id)}, token=token)
    again = await f.gql(client, RETRY, {"id": f.gid("OutboxMessage", msg.id)}, token=token)

    [edge] = listed["data"]["outboxDeadLetters"]["edges"]
    assert edge["node"]["kind"] == "PASSWORD_RESET"
    assert edge["node"]["recipient"] == "a@example.com"
    assert edge["node"]["lastError"] == "550 mailbox unavailable"
    payload = retried["data"]["outboxMessageRetry"]
    assert payload["errors"] == []
    assert payload["message"]["attempts"] == 0 and payload["message"]["deadAt"] is None
    assert [e["code"] for e in again["data"]["outboxMessageRetry"]["errors"]] == ["NOT_FOUND"]
    assert await outbox.dead_letters().count() == 0


async def test_other_staff_cannot_see_or_retry_dead_letters(client, policy):
    msg = await _dead_message()
    token = await f.login(client, await f.staff(policy, role="sales"))

    listed = await f.gql(client, DEAD_LETTERS, token=token)
    retried = await f.gql(client, RETRY, {"id": f.gid("OutboxMessage", msg.id)}, token=token)

    assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert retried["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await outbox.dead_letters().count() == 1

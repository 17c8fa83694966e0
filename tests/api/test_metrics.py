"""Prometheus metrics: operations by their first root field, errors by code, the outbox."""

from db.outbox import OutboxMessage
from tests import factories as f


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in the exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        head, _, value = line.rpartition(" ")
        if head == (f"{name}{{{want}}}" if want else name):
            return float(value)
    return 0.0


async def test_operations_errors_and_the_outbox_are_counted(client):
    await OutboxMessage.create(
        kind="mail", recipient="a@example.com", language="zh-Hans", subject="s", body="b"
    )
    before = (await client.get("/metrics")).text

    await f.gql(client, "query Anything { categories { id } }")
    await f.gql(client, "{ orders { edges { node { id } } } }")
    after = (await client.get("/metrics")).text

    fields = {"type": "query", "field": "categories"}
    assert sample(after, "dinghuo_graphql_requests_total", **fields) == (
        sample(before, "dinghuo_graphql_requests_total", **fields) + 1
    )
    unauthenticated = sample(after, "dinghuo_graphql_errors_total", code="UNAUTHENTICATED")
    assert (
        unauthenticated
        == sample(before, "dinghuo_graphql_errors_total", code="UNAUTHENTICATED") + 1
    )
    assert sample(after, "dinghuo_outbox_pending") == 1

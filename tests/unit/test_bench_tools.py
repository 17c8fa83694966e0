"""The scale-out and webhook benches' own pieces, without timing anything: their arguments,
the raw keep-alive client, and the signed deliveries (duplicates counted, signatures valid)."""

import asyncio
import random

import pytest
import stripe

from bench import loadgen, scale, webhooks


def test_scale_runs_one_two_and_four_web_processes_unless_told():
    assert scale.parse([]).workers == [1, 2, 4]
    assert scale.parse(["--workers", "2,3", "--clients", "3"]).workers == [2, 3]
    for wrong in (["--workers", "0"], ["--workers", "two"], ["--clients", "99"]):
        with pytest.raises(SystemExit):
            scale.parse(wrong)


def test_webhook_arguments_are_checked():
    assert webhooks.parse([]).duplicates == 0.2
    with pytest.raises(SystemExit):
        webhooks.parse(["--duplicates", "1.5"])


async def test_the_raw_client_reads_both_body_framings_and_reopens_a_closed_connection():
    answers = [
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nsec\r\n3\r\nond\r\n0\r\n\r\n",
        b"HTTP/1.1 503 Busy\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfifth",
    ]
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while answers:
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            answer = answers.pop(0)
            writer.write(answer)
            await writer.drain()
            if b"Connection: close" in answer:
                break
        writer.close()

    listener = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    client = loadgen.Connection("127.0.0.1", port)
    raw = loadgen.post("/graphql", {"query": "{ x }"}, token="t")
    got = [await client.request(raw) for _ in range(4)]
    client.close()
    listener.close()
    assert got == [(200, b"first"), (200, b"second"), (503, b"busy"), (200, b"fifth")]
    assert connections == 2


def test_each_payment_gets_two_signed_events_and_a_share_is_sent_twice():
    payments = [
        {"stripe_intent_id": f"pi_{n}", "amount": 1000 + n, "currency": "CNY"} for n in range(10)
    ]
    groups = webhooks.deliveries(payments, 0.2, random.Random(3))  # type: ignore[arg-type]
    assert len(groups) == 20
    assert sum(len(g) == 2 and g[0] == g[1] for g in groups) == 4
    seen = set()
    for group in groups:
        head, body = group[0].split(b"\r\n\r\n", 1)
        signature = head.split(b"Stripe-Signature: ")[1].split(b"\r\n")[0].decode()
        event = stripe.Webhook.construct_event(body, signature, webhooks.SECRET)
        seen.add((event["type"], event["data"]["object"]["id"]))
    assert len(seen) == 20

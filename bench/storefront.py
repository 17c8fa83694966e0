"""Storefront page against the stack's floor: the real server and `bench/floor.py` (the same
query shape from memory) run side by side; requests alternate between them in blocks, one at a
time over a kept-alive connection, and each server's CPU time is read from /proc/<pid>/stat
around every block. Prints CPU per request, the ratio to the floor, latency and SQL statements.

    .venv/bin/python bench/storefront.py --rounds 15 --block 20
    git archive main | tar -x -C /tmp/before   # then, to compare with that tree in the same run:
    .venv/bin/python bench/storefront.py --before /tmp/before

The client's own CPU does not enter the figures: only the servers' processes are read, and the
client sends one request at a time, so it never competes with the server it is measuring.
PostgreSQL uses a fresh database (`--name`, default `dinghuo_perf_bench`) on TEST_POSTGRES_URL's
server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import http.client
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.catalog import PASSWORD, seed  # noqa: E402
from bench.common import cpu_seconds, fresh_database, server  # noqa: E402

# The shape: a signed-in wholesale buyer's first page of 32 products / 73 variants.
QUERY = """query Page($first: Int!) { products(first: $first) { edges { node {
  id name variants { id sku price { unitPrice { amount currency } }
  availability { quantity } } } } } }"""


class Client:
    """A raw keep-alive HTTP/1.1 client: one connection, no async machinery, little CPU."""

    def __init__(self, base: str, token: str | None = None) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port))
        self.headers = {"content-type": "application/json"}
        if token:
            self.headers["authorization"] = f"Bearer {token}"

    def post(self, body: bytes) -> bytes:
        try:
            self.connection.request("POST", "/graphql", body, self.headers)
            response = self.connection.getresponse()
        except (ConnectionError, http.client.HTTPException):
            # The server closed the idle connection (uvicorn's keep-alive timeout): once more.
            self.connection.close()
            self.connection.request("POST", "/graphql", body, self.headers)
            response = self.connection.getresponse()
        data = response.read()
        assert response.status == 200, data[:300]
        return data


def measure(targets: dict, body: bytes, rounds: int, block: int) -> dict:
    """Alternating blocks of sequential requests; CPU and latency per target."""
    cpu = {name: 0.0 for name in targets}
    latencies: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (client, pid) in targets.items():
            before = cpu_seconds(pid)
            for _ in range(block):
                start = time.perf_counter()
                client.post(body)
                latencies[name].append(time.perf_counter() - start)
            cpu[name] += cpu_seconds(pid) - before
    return {
        name: {
            "cpu_ms": cpu[name] / len(latencies[name]) * 1000,
            "p50_ms": statistics.median(latencies[name]) * 1000,
            "req_s": len(latencies[name]) / sum(latencies[name]),
        }
        for name in targets
    }


def statements(log_path: Path) -> list[int]:
    return [
        json.loads(line)["sql"]
        for line in log_path.read_text().splitlines()
        if line.startswith("{") and '"graphql"' in line
    ]


async def bench(args) -> None:
    url, tmp = await fresh_database("postgres", args.name)
    print(f"seeding {args.products} products (PostgreSQL)")
    await seed(url, args.products, 2)
    log_path = tmp / "server.log"
    env = {"LOG_FORMAT": "json", "STOCK_DISPLAY": "exact"}
    async with server(url, log_path, port=args.port, **env) as base:
        login = Client(base).post(
            json.dumps(
                {
                    "query": 'mutation { tokenCreate(input: {email: "bench@example.com", '
                    f'password: "{PASSWORD}"}}) {{ accessToken }} }}'
                }
            ).encode()
        )
        token = json.loads(login)["data"]["tokenCreate"]["accessToken"]
        app = Client(base, token)
        body = json.dumps({"query": QUERY, "variables": {"first": 50}}).encode()
        answer = json.loads(app.post(body))
        assert "errors" not in answer, answer["errors"]
        page = answer["data"]["products"]
        fields = json.dumps(answer).count('":')
        variants = sum(len(e["node"]["variants"]) for e in page["edges"])
        digest = hashlib.sha256(json.dumps(answer, sort_keys=True).encode()).hexdigest()[:12]
        print(
            f"page: {len(page['edges'])} products / {variants} variants, {fields} fields, "
            f"answer sha256 {digest}"
        )
        data = tmp / "floor.json"
        data.write_text(json.dumps(page))
        async with server(
            url, tmp / "floor.log", app="bench.floor:app", port=args.port + 1, FLOOR_DATA=str(data)
        ) as floor_base:
            floor = Client(floor_base)
            assert json.loads(floor.post(body))["data"]["products"] == page, "floor differs"
            targets = {"dinghuo": (app, base.pid), "floor": (floor, floor_base.pid)}
            async with contextlib.AsyncExitStack() as stack:
                if args.before:
                    before_base = await stack.enter_async_context(
                        server(
                            url,
                            tmp / "before.log",
                            port=args.port + 2,
                            root=Path(args.before),
                            **env,
                        )
                    )
                    before = Client(before_base, token)
                    assert json.loads(before.post(body)) == answer, "answers differ"
                    targets["before"] = (before, before_base.pid)
                measure(targets, body, 1, 10)  # warm up all
                log_path.write_text("")
                result = measure(targets, body, args.rounds, args.block)
    sql = statements(log_path)
    for name, r in result.items():
        print(
            f"  {name:8} CPU {r['cpu_ms']:5.1f} ms/request | p50 {r['p50_ms']:5.1f} ms | "
            f"{r['req_s']:5.1f} req/s sequential"
        )
    for name in result:
        if name != "floor":
            ratio = result[name]["cpu_ms"] / result["floor"]["cpu_ms"]
            print(f"  CPU ratio {name} / floor: {ratio:.2f}")
    print(f"  SQL statements per page: {statistics.median(sql) if sql else '?'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--block", type=int, default=20)
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument("--name", default="dinghuo_perf_bench", help="PostgreSQL database")
    parser.add_argument("--before", help="another source tree to run alongside, e.g. main's")
    asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    main()

"""Scale-out: nginx (deploy/nginx.conf) in front of 1, 2 and 4 web processes (`dinghuo serve`)
and a worker (`dinghuo worker`) on PostgreSQL and Redis with the demo data. Signed-in demo
buyers drive a storefront mix (product page, order list, cart line set, order placement) with
concurrent kept-alive clients while a staff subscription through nginx counts order events.
Prints requests/s, p50/p95 and errors per web-process count, the CPU per request of each
process group read from /proc, and whether every placed order was stored and announced once.

    .venv/bin/python bench/scale.py                      # 1, 2 and 4 web processes, ~1 minute
    .venv/bin/python bench/scale.py --workers 2 --seconds 30 --clients 16

The demo data is built once into a template database (named after a hash of the migrations
and the demo code) and each run copies it. PostgreSQL: TEST_POSTGRES_URL's server; Redis:
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.common import cpu_seconds, free_port, pct  # noqa: E402
from bench.scale_setup import (  # noqa: E402
    DINGHUO,
    RUN_DB,
    backends,
    cpu,
    database,
    environment,
    family,
    postgres_server,
    used,
)
from deploy.smoke import nginx  # noqa: E402
from deploy.smoke.processes import Deadline, Processes, wait_http  # noqa: E402

PASSWORD = "Demo1234"  # dinghuo/demo.py's DEMO_PASSWORD
# Demo accounts that may place orders (owners and purchasers of active companies).
BUYERS = [
    "buyer@xianda.demo",
    "owner@haolinju.demo",
    "buyer@haolinju.demo",
    "owner@wanjiafu.demo",
    "buyer@wanjiafu.demo",
    "owner@jinling.demo",
    "owner@brightmart.demo",
    "owner@xiaoquexing.demo",
]
STAFF = "admin@dinghuo.demo"
SUBSCRIBE = "subscription { orderUpdates { kind order { number } } }"


async def listen(base: str, token: str, events: list[tuple[str, str]]) -> None:
    """A staff member's order feed through nginx (graphql-transport-ws)."""
    ws_url = base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[arg-type]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        async for message in ws:
            update = json.loads(message)["payload"]["data"]["orderUpdates"]
            events.append((update["kind"], update["order"]["number"]))


async def variants_of(connection: loadgen.Connection, token: str) -> list[tuple[str, int]]:
    """(variant id, minimum quantity) of the page's variants with plenty in stock."""
    status, body = await connection.request(
        loadgen.post("/graphql", {"query": loadgen.PAGE}, token)
    )
    assert status == 200, body[:300]
    found = []
    for edge in json.loads(body)["data"]["products"]["edges"]:
        for v in edge["node"]["variants"]:
            if (v["availability"] or {}).get("quantity", 0) >= 200:
                found.append((v["id"], v["quantityRules"]["minimum"]))
    assert found, "no variant in stock on the first page"
    return found


async def drive(base: str, pids: list[int], args) -> dict:
    """Logs the buyers in, subscribes as staff, runs the mix and checks the orders after."""
    host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
    db = await asyncpg.connect(
        f"{postgres_server()}/{RUN_DB}".replace("postgres://", "postgresql://")
    )
    try:
        first_id = await db.fetchval("SELECT coalesce(max(id), 0) FROM sales_order")
        connections = [loadgen.Connection(host, port) for _ in range(args.clients)]
        tokens = [await loadgen.login(c, BUYERS[n], PASSWORD) for n, c in enumerate(connections)]
        staff = await loadgen.login(loadgen.Connection(host, port), STAFF, PASSWORD)
        variants = await variants_of(connections[0], tokens[0])
        events: list[tuple[str, str]] = []
        listener = asyncio.create_task(listen(base, staff, events))
        await asyncio.sleep(0.5)  # the protocol has no "subscribed" answer to wait for
        tally = loadgen.Tally()
        measure_from = time.perf_counter() + args.warmup
        until = measure_from + args.seconds
        buyers = asyncio.gather(
            *(
                loadgen.buyer(c, t, variants, n, until, measure_from, tally)
                for n, (c, t) in enumerate(zip(connections, tokens, strict=True))
            )
        )
        await asyncio.sleep(args.warmup)
        before = cpu(pids), cpu(await backends(db)), cpu_seconds(os.getpid())
        await buyers
        after = cpu(pids), cpu(await backends(db)), cpu_seconds(os.getpid())
        for c in connections:
            c.close()
        # Every placed order's event should arrive; a second copy would arrive by then too.
        waited = time.perf_counter() + 3
        while time.perf_counter() < waited and not set(tally.placed) <= {n for _, n in events}:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await listener
        stored = await db.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT number) AS distinct_numbers FROM sales_order "
            "WHERE id > $1",
            first_id,
        )
    finally:
        await db.close()
    placed_events = [n for kind, n in events if kind == "PLACED"]
    return {
        "load": os.getloadavg()[0],
        "tally": tally,
        "cpu": {
            "processes": (before[0], after[0]),
            "postgres": used(before[1], after[1]),
            "generator": after[2] - before[2],
        },
        "placed": len(tally.placed),
        "stored": stored["n"],
        "distinct": stored["distinct_numbers"],
        "announced": len(set(placed_events) & set(tally.placed)),
        "duplicates": len(placed_events) - len(set(placed_events)),
    }


async def phase(processes: Processes, web: list[int], count: int, args) -> dict:
    """nginx in front of the first `count` web processes, driven, then stopped."""
    folder = processes.folder / f"nginx-{count}"
    proxy = free_port()
    config = nginx.write(folder, proxy, web[:count], os.geteuid() == 0)
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    argv = [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    proxy_process = processes.start(
        f"nginx-{count}", [*argv, "-g", "daemon off;"], stop_signal=signal.SIGQUIT
    )
    try:
        base = f"http://127.0.0.1:{proxy}"
        await wait_http(f"{base}/readyz", Deadline(30), processes)
        serving = [f"web-{n}" for n in range(count)] + ["worker", proxy_process.name]
        groups = {i.name: family(i.process.pid) for i in processes.started if i.name in serving}
        result = await drive(base, [p for pids in groups.values() for p in pids], args)
        result["groups"] = groups
        return result
    finally:
        proxy_process.process.send_signal(signal.SIGQUIT)
        proxy_process.process.wait(10)
        processes.started.remove(proxy_process)


async def run(env: dict[str, str], args) -> bool:
    """Starts the most web processes asked for and the worker once; each count is a new nginx
    in front of the first ones (idle processes use no CPU). Returns whether all was consistent."""
    folder = Path(tempfile.mkdtemp(prefix="dinghuo-scale-"))
    folder.chmod(0o755)  # nginx's worker (another user when started by root) reads under it
    web = [free_port() for _ in range(max(args.workers))]
    processes = Processes(folder, env)
    deadline = Deadline(300)
    ok = failed = False
    try:
        for n, port in enumerate(web):
            argv = [DINGHUO, "serve", "--host", "127.0.0.1", "--port", str(port)]
            processes.start(f"web-{n}", argv)
        processes.start("worker", [DINGHUO, "worker"])
        for port in web:
            await wait_http(f"http://127.0.0.1:{port}/readyz", deadline, processes)
        print(f"{len(web)} web processes and a worker started in {deadline.elapsed():.0f} s")
        for count in args.workers:
            result = await phase(processes, web, count, args)
            print(report(count, result, args.seconds), flush=True)
            failed |= not consistent(result)
        ok = True
    finally:
        killed = processes.stop()
        if not ok or killed:
            print(f"  processes (killed: {killed or 'none'}):\n{processes.tails()}")
        shutil.rmtree(folder, ignore_errors=True)
    return not failed


def group_cpu(result: dict, prefix: str) -> float:
    before, after = result["cpu"]["processes"]
    pids = [p for name, group in result["groups"].items() if name.startswith(prefix) for p in group]
    return used({p: before.get(p, 0.0) for p in pids}, {p: after[p] for p in pids if p in after})


def report(count: int, result: dict, seconds: float) -> str:
    tally: loadgen.Tally = result["tally"]
    every = [x for values in tally.latencies.values() for x in values]
    done, errors = len(every), sum(tally.errors.values())
    per = 1000 / max(done, 1)
    web, worker, proxy = (group_cpu(result, p) for p in ("web-", "worker", "nginx"))
    place = tally.latencies.get("place", [])
    lines = [
        f"{count} web: {done / seconds:6.1f} req/s | p50 {pct(every, 50):4.0f} ms "
        f"p95 {pct(every, 95):4.0f} ms | errors {errors} | orderPlace p50 {pct(place, 50):.0f} ms "
        f"({len(place)})",
        f"        CPU per request: web {web * per:5.1f} ms, nginx {proxy * per:4.1f} ms, "
        f"PostgreSQL {result['cpu']['postgres'] * per:4.1f} ms, worker {worker * per:4.1f} ms; "
        f"load generator {result['cpu']['generator'] * per:4.1f} ms",
        f"        cores busy: web {web / seconds:.2f}, all server processes "
        f"{(web + proxy + worker + result['cpu']['postgres']) / seconds:.2f} of "
        f"{os.cpu_count()} (load average {result['load']:.1f})",
        f"        orders: {result['placed']} placed, {result['stored']} stored "
        f"({result['distinct']} numbers), {result['announced']} announced to the staff feed, "
        f"{result['duplicates']} announced twice",
    ]
    lines += [f"        e.g. {example}" for example in tally.examples]
    return "\n".join(lines)


def consistent(result: dict) -> bool:
    placed = result["placed"]
    return (
        result["stored"] == result["distinct"] == placed == result["announced"]
        and result["duplicates"] == 0
    )


async def bench(args) -> int:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        print("scale: nginx is not installed (Debian: apt-get install -y nginx)", file=sys.stderr)
        return 2
    env = environment("")
    url = await database(env)
    env["DATABASE_URL"] = url
    cores = os.cpu_count() or 1
    print(
        f"machine: {cores} cores, load average {os.getloadavg()[0]:.1f}; {args.clients} buyers, "
        f"{args.seconds:.0f} s per count after {args.warmup:.0f} s warm-up; mix "
        + ", ".join(f"{k} {v}%" for k, v in loadgen.MIX.items()),
        flush=True,
    )
    if max(args.workers) > cores:
        print(
            f"note: {max(args.workers)} web processes on {cores} cores cannot scale linearly: "
            "past the core count they only share the same CPUs (with nginx, PostgreSQL, the "
            "worker and this load generator); what matters there is that nothing is lost or "
            "duplicated.",
            flush=True,
        )
    consistent_all = await run(env, args)
    print("every placed order stored once and announced once" if consistent_all else "MISMATCH")
    return 0 if consistent_all else 1


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2, 4],
        help="web process counts, comma-separated (default 1,2,4)",
    )
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per count")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument(
        "--clients", type=int, default=len(BUYERS), choices=range(1, len(BUYERS) + 1)
    )
    args = parser.parse_args(argv)
    if not args.workers or min(args.workers) < 1:
        parser.error("--workers takes positive counts such as 1,2,4")
    return args


def main() -> None:
    os.chdir(ROOT)
    sys.exit(asyncio.run(bench(parse())))


if __name__ == "__main__":
    main()

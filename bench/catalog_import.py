"""Catalog CSV import: rows per second and peak memory (RSS) of the importing process.

    .venv/bin/python bench/catalog_import.py --db postgres --rows 40000 --rows 400000
    .venv/bin/python bench/catalog_import.py --db postgres --rows 40000 --compare /work/main

The importer's CPU time is printed beside the wall time: on a shared machine the wall time
measures the neighbours too. Each import runs in a child process of its own (so its peak RSS
is the import's) into a fresh database with 40 categories and one warehouse; the file has two
variants per product, Chinese and English names and a wholesale tier price. `--compare TREE`
also imports with another source tree (before a change) into another fresh database."""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--child" not in sys.argv:  # the child imports the tree its PYTHONPATH names
    sys.path.insert(0, str(ROOT))


async def child(url: str, path: Path) -> None:
    """Import the file with whichever source tree is on sys.path; print rows/s."""
    from tortoise import Tortoise

    from db.config import tortoise_config
    from db.inventory import Warehouse
    from dinghuo.database import migrate
    from domain.catalog import categories
    from domain.catalog import import_csv as importer

    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await Warehouse.create(code="SH", names={"zh-Hans": "上海仓"})
        for n in range(40):
            await categories.create(f"c{n}", {"zh-Hans": f"分类{n}", "en": f"Category {n}"})
        started, cpu = time.perf_counter(), time.process_time()
        if hasattr(importer, "import_file"):
            result = await importer.import_file(None, path)
        else:  # before streaming: the whole file as text
            result = await importer.import_csv(None, path.read_text(encoding="utf-8-sig"))
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert not result.errors, result.errors[:3]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
        print(f"{result.variants_created} {took} {peak} {cpu}")
    finally:
        await Tortoise.close_connections()


async def one(db: str, rows: int, tree: Path, path: Path) -> str:
    from bench.common import fresh_database

    url, _ = await fresh_database(db, "dinghuo_bench_import")
    process = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "catalog_import.py"), "--child", url, str(path)],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if process.returncode:
        return f"failed: {process.stderr[-500:]}"
    created, took, peak, cpu = (float(x) for x in process.stdout.split()[-4:])
    # The importer's own CPU time says what the code costs when the machine is shared.
    return (
        f"{created:,.0f} rows in {took:.1f} s = {created / took:,.0f} rows/s "
        f"({created / cpu:,.0f} rows per CPU second of the importer), peak RSS {peak:,.0f} MiB"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        asyncio.run(child(sys.argv[2], Path(sys.argv[3])))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--rows", action="append", type=int)
    parser.add_argument("--compare", help="another source tree to import with (before)")
    args = parser.parse_args()
    from bench.catalog_flat import write_csv

    trees = [("after", ROOT)] + ([("before", Path(args.compare))] if args.compare else [])
    for db in args.db or ["postgres"]:
        for rows in args.rows or [40_000]:
            path = Path(f"/tmp/dinghuo-import-{rows}.csv")
            write_csv(path, rows // 2, 2)
            for label, tree in trees:
                print(f"{db} {label:6} {asyncio.run(one(db, rows, tree, path))}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()

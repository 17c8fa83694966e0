"""Backing up a SQLite database while the service runs (SQLite's online backup API).

PostgreSQL has its own tools (`pg_dump -Fc`, `pg_restore`): see the README.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a sqlite:// URL, or None for another database."""
    if not database_url.startswith("sqlite://") or ":memory:" in database_url:
        return None
    return Path(database_url.removeprefix("sqlite://").split("?", 1)[0])


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy a consistent snapshot page by page, letting writers go on between steps.

    Returns the number of pages copied. The target is written beside its final name and
    moved into place, so a failed backup never leaves a half file under that name.
    """
    if not source.is_file():
        raise FileNotFoundError(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst, pages=256)
        pages = dst.execute("PRAGMA page_count").fetchone()[0]
    finally:
        dst.close()
        src.close()
    partial.replace(target)
    return pages

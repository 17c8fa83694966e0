"""Business dates (due dates, statements, aging) are dates in the supplier's timezone.

The current moment comes from one replaceable source, so tests pin "now" instead of
depending on the day they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_zone = ZoneInfo("Asia/Shanghai")


def _system_now() -> datetime:
    return datetime.now(UTC)


_source: Callable[[], datetime] = _system_now


def configure(timezone: str) -> None:
    global _zone
    _zone = ZoneInfo(timezone)


def zone() -> ZoneInfo:
    return _zone


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    """Pin the current moment (timezone-aware) until the block ends."""
    global _source
    if moment.tzinfo is None:
        raise ValueError("a frozen moment must be timezone-aware")
    previous, _source = _source, (lambda: moment)
    try:
        yield
    finally:
        _source = previous


def now() -> datetime:
    return _source().astimezone(_zone)


def today() -> date:
    return now().date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(_zone).date()

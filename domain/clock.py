"""Business dates (due dates, statements, aging) are dates in the supplier's timezone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

_zone = ZoneInfo("Asia/Shanghai")


def configure(timezone: str) -> None:
    global _zone
    _zone = ZoneInfo(timezone)


def today() -> date:
    return datetime.now(_zone).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(_zone).date()


def now() -> datetime:
    return datetime.now(_zone)

"""Business-day buckets in SQL for both databases.

Orders are stored with UTC timestamps; a sale belongs to the day, week (Monday first) or month
of the supplier's timezone. PostgreSQL converts with AT TIME ZONE. SQLite has no timezone data,
so the zone's UTC offsets over the report range are written into the query as a CASE over the
exact moments the offset changes (none for Asia/Shanghai, two a year where clocks change).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.shared.errors import DomainError, ErrorCode
from domain.shared.sql import Params

GRAINS = ("day", "week", "month")


def start_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The UTC moment a business day starts."""
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def _utc_text(moment: datetime) -> str:
    # The form SQLite's datetime() gives back, so comparisons are like for like.
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _offset_changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """(UTC moment, offset in minutes from then on), the first entry valid from `start`."""

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(zone).utcoffset()
        assert delta is not None  # a time in a ZoneInfo zone always has an offset
        return int(delta.total_seconds() // 60)

    changes = [(start, offset(start))]
    moment = start
    while moment < end:
        following = moment + timedelta(hours=1)
        if offset(following) != changes[-1][1]:
            low, high = moment, following  # the change lies in (low, high]: find the second
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset(middle) == changes[-1][1]:
                    low = middle
                else:
                    high = middle
            changes.append((high.replace(microsecond=0), offset(following)))
        moment = following
    return changes


def range_filter(column: str, start: date, end: date, zone: ZoneInfo, p: Params) -> str:
    """`column` within business days start..end inclusive."""
    low, high = start_of_day(start, zone), start_of_day(end + timedelta(days=1), zone)
    if p.postgres:
        return f"{column} >= {p(low)} AND {column} < {p(high)}"
    # The raw comparison (a day wider on each side) lets SQLite use the index; datetime()
    # then makes it exact whatever offset a timestamp was written with.
    wide_low, wide_high = low - timedelta(days=1), high + timedelta(days=1)
    return (
        f"{column} >= {p(_utc_text(wide_low))} AND {column} < {p(_utc_text(wide_high))}"
        f" AND datetime({column}) >= {p(_utc_text(low))}"
        f" AND datetime({column}) < {p(_utc_text(high))}"
    )


def bucket(column: str, grain: str, start: date, end: date, zone: ZoneInfo, p: Params) -> str:
    """SQL for the first business day of the bucket `column` falls in (a date or ISO text)."""
    if grain not in GRAINS:
        raise DomainError(ErrorCode.INVALID, "grain")
    if p.postgres:
        local = f"({column} AT TIME ZONE {p(zone.key)})"
        if grain == "day":
            return f"CAST({local} AS date)"
        return f"CAST(date_trunc({p(grain)}, {local}) AS date)"
    changes = _offset_changes(
        zone,
        start_of_day(start, zone) - timedelta(days=1),
        start_of_day(end + timedelta(days=1), zone),
    )
    if len(changes) == 1:
        shift = p(f"{changes[0][1]:+d} minutes")
    else:
        cases = " ".join(
            f"WHEN datetime({column}) < {p(_utc_text(moment))} THEN {p(f'{before:+d} minutes')}"
            for (moment, _), (_, before) in zip(changes[1:], changes, strict=False)
        )
        shift = f"(CASE {cases} ELSE {p(f'{changes[-1][1]:+d} minutes')} END)"
    local = f"datetime({column}, {shift})"
    if grain == "day":
        return f"date({local})"
    if grain == "week":
        return f"date({local}, 'weekday 0', '-6 days')"
    return f"strftime('%Y-%m-01', {local})"


def bucket_start(day: date, grain: str) -> date:
    """The same bucketing in Python, for a business date."""
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def as_date(value) -> date:
    """Bucket keys come back as dates from PostgreSQL and as ISO text from SQLite."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def day_bucket(column: str, grain: str, p: Params) -> str:
    """SQL for the first day of the bucket a business date column (the rollup's) falls in."""
    if grain not in GRAINS:
        raise DomainError(ErrorCode.INVALID, "grain")
    if p.postgres:
        if grain == "day":
            return column
        return f"CAST(date_trunc({p(grain)}, CAST({column} AS timestamp)) AS date)"
    if grain == "day":
        return column
    if grain == "week":
        return f"date({column}, 'weekday 0', '-6 days')"
    return f"strftime('%Y-%m-01', {column})"


def day_value(day: date, p: Params):
    """Business dates are ISO text on SQLite and dates on PostgreSQL."""
    return day if p.postgres else day.isoformat()

"""Local time as the centre lives it, and the ISO weeks logs are filed by."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "ZONES",
    "by_moment",
    "centre_zone",
    "from_iso",
    "instant",
    "iso",
    "now",
    "sort_instant",
    "week_key",
    "week_of",
    "week_start",
]

#: The centre's time zone by its country: a timetable's 10:00 is 10:00 on the wall there, either side of a
#: clock change, whatever zone a laptop or a test runs in.
ZONES = {"LV": "Europe/Riga", "LT": "Europe/Vilnius"}

#: Where a record without a readable time sorts: before every other.
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


@lru_cache(maxsize=4)
def centre_zone(country: str = "LV") -> tzinfo:
    """The time zone of a centre in `country` (Latvia unless another known country is named)."""
    return ZoneInfo(ZONES.get(country, ZONES["LV"]))


def iso(moment: datetime) -> str:
    """A timestamp as stored in the files: ISO 8601 with offset, milliseconds."""
    return moment.isoformat(timespec="milliseconds")


def from_iso(text: str) -> datetime:
    """Read back a stored timestamp."""
    return datetime.fromisoformat(text)


@lru_cache(maxsize=8192)
def instant(text: str) -> datetime:
    """The moment a stored timestamp names, to compare and sort by; one without an offset is local time.

    The text itself does not sort: after the autumn clock change ``03:10+02:00``
    comes after ``03:30+03:00``, and two laptops may write different offsets.
    """
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.astimezone()


def sort_instant(stamp: Any) -> datetime:
    """The moment to sort a stored timestamp by; a missing or unreadable one sorts first."""
    try:
        return instant(stamp) if isinstance(stamp, str) and stamp else _EARLIEST
    except (ValueError, OverflowError):
        return _EARLIEST


def by_moment(*fields: str) -> Callable[[Mapping[str, Any]], tuple[datetime, str]]:
    """A sort key for records: the moment in the first of `fields` each holds, then the laptop that wrote it.

    Of records made at one moment, those of the laptop named first go first,
    whichever file was read first, so every laptop puts them in the same order;
    one laptop's own keep the order it wrote them (the sort is stable). A record
    without a readable time goes first.
    """

    def key(record: Mapping[str, Any]) -> tuple[datetime, str]:
        stamp = next((record[name] for name in fields if record.get(name)), None)
        return sort_instant(stamp), str(record.get("device") or "")

    return key


def week_key(day: date | datetime) -> str:
    """The ISO week a day belongs to, as ``2026-W47``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(key: str) -> date:
    """The Monday of an ISO week given as ``2026-W47``."""
    year, week = key.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def week_of(key: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week."""
    monday = week_start(key)
    return monday, monday + timedelta(days=6)

"""Local time as the centre lives it, and the ISO weeks logs are filed by."""

from __future__ import annotations

from datetime import date, datetime, timedelta

__all__ = ["from_iso", "iso", "now", "week_key", "week_of", "week_start"]


def now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def iso(moment: datetime) -> str:
    """A timestamp as stored in the files: ISO 8601 with offset, milliseconds."""
    return moment.isoformat(timespec="milliseconds")


def from_iso(text: str) -> datetime:
    """Read back a stored timestamp."""
    return datetime.fromisoformat(text)


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

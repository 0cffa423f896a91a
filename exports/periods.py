"""Periods a report covers: an ISO week, a month, a quarter or any two dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sessions.clock import week_key, week_of
from sessions.i18n import _, format_date, format_week

__all__ = [
    "Period",
    "between",
    "last_complete_week",
    "parse_date",
    "parse_month",
    "parse_quarter",
    "parse_week",
    "period_words",
]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included, and a name for files."""

    start: date
    end: date
    name: str

    @property
    def weeks(self) -> list[str]:
        """Every ISO week that touches the period, in order."""
        keys = []
        monday = self.start - timedelta(days=self.start.weekday())
        while monday <= self.end:
            keys.append(week_key(monday))
            monday += timedelta(days=7)
        return keys

    def holds(self, day_text: str) -> bool:
        """Whether an ISO date or timestamp string falls within the period."""
        return self.start.isoformat() <= day_text[:10] <= self.end.isoformat()


def parse_week(text: str) -> Period:
    """`2026-W47` as a period; ValueError with a sentence when it is no ISO week."""
    match = _WEEK.match(text.strip())
    if match:
        try:
            monday, sunday = week_of(text.strip())
            return Period(monday, sunday, text.strip())
        except ValueError:
            pass
    raise ValueError(_("“{text}” is not an ISO week such as 2026-W47.").format(text=text))


def parse_month(text: str) -> Period:
    """`2026-10` as the period of that month."""
    match = _MONTH.match(text.strip())
    if match and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(first, following - timedelta(days=1), text.strip())
    raise ValueError(_("“{text}” is not a month such as 2026-10.").format(text=text))


def parse_quarter(text: str) -> Period:
    """`2026-Q3` as the period of that quarter."""
    match = _QUARTER.match(text.strip().upper())
    if not match:
        raise ValueError(_("“{text}” is not a quarter such as 2026-Q3.").format(text=text))
    year, quarter = int(match[1]), int(match[2])
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(first, following - timedelta(days=1), f"{year}-Q{quarter}")


def parse_date(text: str) -> date:
    """A date typed as 2026-10-01 (or 01.10.2026, as the centre writes it)."""
    cleaned = text.strip()
    try:
        if re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}$", cleaned):
            day, month, year = (int(part) for part in cleaned.split("."))
            return date(year, month, day)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(_("“{text}” is not a date such as 2026-10-01.").format(text=text)) from None


def between(start: date, end: date) -> Period:
    """The period from one date to another; ValueError when they are the wrong way round."""
    if end < start:
        raise ValueError(_("The period ends before it starts."))
    return Period(start, end, f"{start.isoformat()}_{end.isoformat()}")


def last_complete_week(today: date) -> str:
    """The ISO week before the one `today` is in: what staff send on Monday."""
    return week_key(today - timedelta(days=7))


def period_words(period: Period) -> str:
    """The period as people say it: a week by its number and days (week 47, 16–22 Nov 2026), else its first and
    last day (1 Oct 2026 – 31 Dec 2026)."""
    if _WEEK.match(period.name):
        return format_week(period.start, year=True)
    return f"{format_date(period.start)} – {format_date(period.end)}"

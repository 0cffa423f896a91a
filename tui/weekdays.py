"""The days of the week as the screens name them: Monday (1) to Sunday (7), in full and short."""

from __future__ import annotations

from datetime import date

from exports.timetable_week import WEEKDAYS
from sessions.i18n import _, format_date, pgettext

__all__ = ["day_and_date", "weekday_name", "weekday_short"]


def weekday_name(weekday: int) -> str:
    """The day's name in full: 1 is Monday, 7 Sunday."""
    return _(WEEKDAYS[weekday - 1])


def weekday_short(weekday: int) -> str:
    """The day's name in two or three letters (Mon, Tue …), as a column of a timetable shows it."""
    short = (
        pgettext("weekday", "Mon"),
        pgettext("weekday", "Tue"),
        pgettext("weekday", "Wed"),
        pgettext("weekday", "Thu"),
        pgettext("weekday", "Fri"),
        pgettext("weekday", "Sat"),
        pgettext("weekday", "Sun"),
    )
    return short[weekday - 1]


def day_and_date(day: date) -> str:
    """A date with its weekday, short: "Mon 23 Nov" / "Pr 23.11."."""
    return f"{weekday_short(day.isoweekday())} {format_date(day, year=False)}"

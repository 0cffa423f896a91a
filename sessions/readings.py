"""What a driver types: times, odometer readings and counts, read or refused with a sentence."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sessions.i18n import _
from sessions.participants import typed_date
from sessions.registry import EntryError

__all__ = ["MAX_TRIP_KM", "read_count", "read_end_odometer", "read_odometer", "read_time", "show_moment", "show_time"]

#: The longest trip that is plausible for a day centre's minibus, in km.
MAX_TRIP_KM = 1000
#: The highest reading an odometer shows.
MAX_ODOMETER = 9_999_999

_TIME = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")
_DAY_TIME = re.compile(
    r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.?(?P<year>\d{4})?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$"
)
#: A day as Lithuanian writes it, and the time: 2026-11-23 09:30.
_ISO_DAY_TIME = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$"
)


def _time_problem(field: str) -> EntryError:
    return EntryError(field, _("Write the time as HH:MM, such as 09:30 (or DD.MM HH:MM for another day)."))


def read_time(text: str, base: datetime, field: str = "time") -> datetime:
    """A typed time: ``HH:MM`` on the day of `base`, or ``DD.MM[.YYYY] HH:MM``, or ``YYYY-MM-DD HH:MM``."""
    text = " ".join(text.split())
    if not text:
        raise EntryError(field, _("The time is missing. Write it as HH:MM, such as 09:30."))
    match = _TIME.match(text) or _DAY_TIME.match(text) or _ISO_DAY_TIME.match(text)
    if match is None:
        raise _time_problem(field)
    parts = match.groupdict()
    try:
        typed = base.replace(
            year=int(parts.get("year") or base.year),
            month=int(parts.get("month") or base.month),
            day=int(parts.get("day") or base.day),
            hour=int(parts["hour"]),
            minute=int(parts["minute"]),
            second=0,
            microsecond=0,
        )
    except ValueError:
        raise _time_problem(field) from None
    return _with_its_own_offset(typed, base)


def _with_its_own_offset(typed: datetime, base: datetime) -> datetime:
    """A local time typed across a clock change takes that day's offset, not the one of `base`.

    `base` is local time (the laptop's clock) when its offset is the laptop's own at that
    moment; a time with any other offset keeps it, as it was written.
    """
    if base.tzinfo is None or base.utcoffset() not in _local_offsets(base):
        return typed
    return typed.replace(tzinfo=None).astimezone()  # a time in the repeated hour is its first, summer one


def _local_offsets(moment: datetime) -> set[timedelta | None]:
    """The laptop's offsets at the wall time of `moment`: two in the repeated autumn hour, else one."""
    wall = moment.replace(tzinfo=None)
    return {wall.replace(fold=fold).astimezone().utcoffset() for fold in (0, 1)}


def show_time(moment: datetime, base: datetime) -> str:
    """A time as a form shows it: ``HH:MM`` on the day of `base`, else with its date."""
    if moment.date() == base.date():
        return moment.strftime("%H:%M")
    return show_moment(moment)


def show_moment(moment: datetime) -> str:
    """A date and a time as a form shows them for typing over: 23.11.2026 09:30 (Lithuanian 2026-11-23 09:30)."""
    return f"{typed_date(moment)} {moment:%H:%M}"


def _digits(value: str | int) -> str:
    return "".join(str(value).split())


def read_odometer(value: str | int, field: str = "odometer_start") -> int:
    """An odometer reading in whole kilometres (spaces between digits are allowed)."""
    text = _digits(value)
    if not text:
        raise EntryError(field, _("The odometer reading is missing. Type the kilometres the dashboard shows."))
    if not text.isdigit():
        raise EntryError(
            field,
            _("“{text}” is not an odometer reading: type whole kilometres, digits only, such as 84312.").format(
                text=str(value).strip()
            ),
        )
    km = int(text)
    if km > MAX_ODOMETER:
        raise EntryError(field, _("{km} km is more than an odometer shows. Check the reading.").format(km=km))
    return km


def read_end_odometer(value: str | int, start: int) -> int:
    """The reading on return: above the start, and at most MAX_TRIP_KM above it."""
    if not _digits(value):
        raise EntryError(
            "odometer_end",
            _("The end odometer reading is missing. A trip cannot be closed without it."),
        )
    end = read_odometer(value, "odometer_end")
    if end < start:
        raise EntryError(
            "odometer_end",
            _("The end reading {end} km is below the start reading {start} km. Check the dashboard.").format(
                end=end, start=start
            ),
        )
    if end == start:
        raise EntryError(
            "odometer_end",
            _("The end reading is the same as the start ({start} km): that is no trip. Check the dashboard.").format(
                start=start
            ),
        )
    if end - start > MAX_TRIP_KM:
        raise EntryError(
            "odometer_end",
            _("{km} km in one trip is not plausible (the start was {start} km). Check the reading.").format(
                km=end - start, start=start
            ),
        )
    return end


def read_count(value: str | int, field: str, highest: int) -> int:
    """A small head count (escorts, guests): a whole number from 0 to `highest`."""
    text = _digits(value) or "0"
    if not text.isdigit() or int(text) > highest:
        raise EntryError(field, _("Type a whole number from 0 to {highest}.").format(highest=highest))
    return int(text)


def not_in_future(moment: datetime, now: datetime, field: str, slack: timedelta = timedelta(minutes=15)) -> None:
    """Refuse a time that has not come yet (a little slack for clocks that differ)."""
    if moment > now + slack:
        raise EntryError(
            field,
            _("{time} has not come yet. Type the time the minibus really left or came back.").format(
                time=show_time(moment, now)
            ),
        )

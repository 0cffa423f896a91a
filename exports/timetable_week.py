"""The week's timetable as the notice board shows it: days, their holidays and sessions, in the chosen language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sessions.clock import week_of
from sessions.i18n import N_, _, format_date, format_time, format_week
from sessions.registry import Registry
from sessions.timetable import Occurrence, holiday_country, holidays_between, occurrences

__all__ = ["WEEKDAYS", "Day", "Line", "Week", "week_text", "week_timetable", "week_timetable_of", "week_title"]

#: Monday first, as ISO weekdays count (1 = Monday).
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))


@dataclass(frozen=True)
class Line:
    """One session of the week as it is posted: when, what, where, who, and what changed."""

    start: str
    end: str
    activity: str
    place: str
    instructor: str
    struck: bool  # not taking place (cancelled, a holiday, moved away): drawn struck through
    note: str  # why, or what changed: "Cancelled: …", "Moved to …", "Added", the holiday; "" when as planned

    @property
    def time(self) -> str:
        return f"{self.start}–{self.end}"


@dataclass(frozen=True)
class Day:
    """One day's column: its name and date, its public holidays, its sessions by start."""

    day: date
    holidays: tuple[str, ...]
    lines: tuple[Line, ...]

    @property
    def name(self) -> str:
        return _(WEEKDAYS[self.day.weekday()])

    @property
    def date(self) -> str:
        return format_date(self.day, year=False)


@dataclass(frozen=True)
class Week:
    """The week's timetable: the centre, the week as people say it, the days shown."""

    centre: str
    key: str  # 2026-W49
    title: str
    days: tuple[Day, ...]


def week_title(key: str) -> str:
    """The timetable's title with the week as people say it: its number and its days (sessions/i18n.py)."""
    return _("Timetable: {week}").format(week=format_week(key, year=True))


def _weekday_date(day: date) -> str:
    return f"{_(WEEKDAYS[day.weekday()])} {format_date(day, year=False)}"


def _note(occurrence: Occurrence, shown_on: date) -> str:
    if occurrence.holiday:
        return _("Public holiday")
    reason = (occurrence.reason or "").strip()
    if occurrence.cancelled:
        return _("Cancelled: {reason}").format(reason=reason) if reason else _("Cancelled (no reason given)")
    if occurrence.change == "moved":
        if occurrence.day == occurrence.planned_day:
            was = occurrence.moved_from[0] if occurrence.moved_from else None
            note = _("Moved from {time}").format(time=format_time(was)) if was else _("Moved")
        elif shown_on == occurrence.planned_day:
            note = _("Moved to {day}").format(day=_weekday_date(occurrence.day))
        else:
            note = _("Moved from {day}").format(day=_weekday_date(occurrence.planned_day))
    elif occurrence.change == "added":
        note = _("Added")
    else:
        return ""
    return _("{change} ({reason})").format(change=note, reason=reason) if reason else note


def _line(occurrence: Occurrence, shown_on: date) -> Line:
    moved_away = occurrence.change == "moved" and shown_on != occurrence.day
    start, end = occurrence.moved_from if moved_away and occurrence.moved_from else (occurrence.start, occurrence.end)
    return Line(
        format_time(start),  # a date moved away is posted where it was, at the time it was planned for
        format_time(end),
        occurrence.activity,
        occurrence.place,
        occurrence.instructor,
        struck=occurrence.cancelled or bool(occurrence.holiday) or moved_away,
        note=_note(occurrence, shown_on),
    )


def _shown_on(occurrence: Occurrence) -> tuple[date, ...]:
    """The days a session is posted on: where it takes place and, when moved, where it was planned."""
    if occurrence.change == "moved" and occurrence.planned_day != occurrence.day:
        return (occurrence.day, occurrence.planned_day)
    return (occurrence.day,)


def week_timetable(centre: str, key: str, planned: Iterable[Occurrence], holidays: Mapping[date, str]) -> Week:
    """The week `key`'s days: Monday to Friday, and Saturday and Sunday only when something is on them.

    `planned` may reach beyond the week (a session moved into it or out of it); `holidays` names
    the week's public holidays by day.
    """
    monday, sunday = week_of(key)
    lines: dict[date, list[Line]] = {monday + timedelta(days=n): [] for n in range(7)}
    for occurrence in planned:
        for day in _shown_on(occurrence):
            if monday <= day <= sunday:
                lines[day].append(_line(occurrence, day))
    days = [
        Day(day, (holidays[day],) if day in holidays else (), tuple(sorted(found, key=_by_start)))
        for day, found in lines.items()
    ]
    shown = [d for d in days if d.day.weekday() < 5 or d.lines]
    return Week(centre, key, week_title(key), tuple(shown))


def week_timetable_of(registry: Registry, key: str) -> Week:
    """The week `key` as the registry's timetable plans it, with the public holidays of the centre's country."""
    monday, sunday = week_of(key)
    planned = occurrences(registry, monday, sunday)
    # A date of this week moved to a day outside it is posted on its own day too, saying where it went.
    for away in sorted(_moved_away(registry, monday, sunday)):
        planned += [o for o in occurrences(registry, away, away) if monday <= o.planned_day <= sunday]
    holidays = holidays_between(monday, sunday, holiday_country(registry))
    return week_timetable(str(registry.setting("centre_name", "") or ""), key, planned, holidays)


def _moved_away(registry: Registry, monday: date, sunday: date) -> set[date]:
    """Days outside the week that changes of the week's dates name as where they moved."""
    found = set()
    for change in registry.records("timetable_changes"):
        day, new_day = str(change.get("day") or ""), str(change.get("new_day") or "")
        if change.get("kind") == "moved" and monday.isoformat() <= day <= sunday.isoformat() and new_day:
            try:
                moved_to = date.fromisoformat(new_day)
            except ValueError:
                continue
            if not monday <= moved_to <= sunday:
                found.add(moved_to)
    return found


def _by_start(line: Line) -> tuple[str, bool, str]:
    return line.start, line.struck, line.activity


def week_text(week: Week) -> str:
    """The week as a plain table: a heading per day, then a line per session with its columns aligned."""
    lines = [week.centre] if week.centre else []
    lines += [week.title, ""]
    rows = [line for day in week.days for line in day.lines]
    widths = [max((len(cell) for cell in column), default=0) for column in zip(*map(_cells, rows), strict=False)]
    for day in week.days:
        heading = f"{day.name} {day.date}"
        if day.holidays:
            heading += " — " + ", ".join(day.holidays)
        lines.append(heading)
        if not day.lines:
            lines.append("  " + _("no sessions"))
        for line in day.lines:
            cells = _cells(line)
            text = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
            lines.append(("  " if not line.struck else "× ") + text)
    return "\n".join(lines)


def _cells(line: Line) -> tuple[str, str, str, str, str]:
    return line.time, line.activity, line.place, line.instructor, line.note

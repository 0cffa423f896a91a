"""The timetable's rules: which sessions take place on which days, its dates changed and public holidays applied.

A regular session ("timetable" record, a plan) takes place on its weekday from
`valid_from` to `valid_to` (both included; none: no end). An archived plan was
entered by mistake and never took place; a plan that stops runs until its
`valid_to`. A date of a plan may be changed ("timetable_changes"):

- cancelled, with a reason: it stays in the timetable, marked cancelled;
- moved to another day or time: it takes place there (even across weeks) and
  keeps the day the timetable put it on (`planned_day`), which held sessions
  are matched by;
- and a session may be added on a date, a one-off of no plan.

Of several standing changes of one date (two laptops at once), the one made
last stands (by its moment, then the laptop's id, then its id: the same on
every laptop). A withdrawn change is archived and no longer applies. A change
to a day that is not one of its plan's days (the plan changed since) applies
to nothing.

A public holiday (sessions/public_holidays.py) falls on the timetable's own
days: a plan's date on a holiday is marked as the holiday (shown, counted as a
holiday, never as cancelled nor missed), even when staff also cancelled it. A
date staff moved, or a session they added, takes place where they put it.

Times are wall-clock times in the centre's zone (sessions.clock.centre_zone):
10:00 is 10:00 on both sides of a clock change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sessions.clock import centre_zone, sort_instant
from sessions.public_holidays import holiday_country, holidays_between
from sessions.registry import Registry

__all__ = ["CANCELLED", "CHANGE_KINDS", "Occurrence", "expand", "occurrences", "plan_days"]

CANCELLED, MOVED, ADDED = "cancelled", "moved", "added"
CHANGE_KINDS = (CANCELLED, MOVED, ADDED)

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Occurrence:
    """One planned session on one day, its date's change and any public holiday applied."""

    #: The plan (a "timetable" record); None for an added one-off.
    plan_id: str | None
    #: The day it takes place (after a move).
    day: date
    #: The day the timetable put it on: a held session is matched by it.
    planned_day: date
    #: Aware, in the centre's zone.
    start: datetime
    end: datetime
    activity_id: str
    activity: str
    place: str
    instructor: str
    #: The plan's capacity, else the activity's; None for no limit.
    capacity: int | None
    project_id: str | None
    regulars: tuple[str, ...]
    cancelled: bool = False
    #: Why staff cancelled, moved or added it, as they typed it.
    reason: str | None = None
    #: The public holiday's name: then it does not take place, and is neither cancelled nor missed.
    holiday: str | None = None
    #: "moved", "added" or "cancelled" when a change of the date applies; None as the timetable has it.
    change: str | None = None
    #: The change applied ("timetable_changes" id): to withdraw it.
    change_id: str | None = None
    #: Where the timetable had a moved session: its start and end on `planned_day` (None unless moved).
    moved_from: tuple[datetime, datetime] | None = None

    @property
    def planned_by(self) -> str:
        """What a session started from it carries as `plan_id`: the plan's id, or an added one-off's change id."""
        return self.plan_id or self.change_id or ""

    @property
    def key(self) -> tuple[str, str]:
        """What a held session is matched by: (`plan_id`, `planned_day`) as the session stores them."""
        return self.planned_by, self.planned_day.isoformat()

    @property
    def takes_place(self) -> bool:
        """Neither cancelled nor on a public holiday."""
        return not self.cancelled and self.holiday is None


def occurrences(registry: Registry, first: date, last: date) -> list[Occurrence]:
    """The sessions the timetable plans from `first` to `last` (both included), by start.

    Cancelled ones and those on a public holiday of the centre's country
    (the `holiday_country` setting) are among them, marked.
    """
    country = holiday_country(registry)
    activities = {a["id"]: a for a in registry.items("activities", include_archived=True)}
    return expand(
        registry.records("timetable"),
        registry.records("timetable_changes"),
        activities,
        first,
        last,
        holidays_between(first, last, country),
        centre_zone(country),
    )


def expand(
    plans: Iterable[Record],
    changes: Iterable[Record],
    activities: Mapping[str, Record],
    first: date,
    last: date,
    holidays: Mapping[date, str],
    zone: tzinfo,
) -> list[Occurrence]:
    """The rules of the module on plain records: the occurrences from `first` to `last`, by start.

    `holidays` must name the holidays of `first` to `last`; `activities` are by id.
    """
    standing = _standing_changes(changes)
    moved_in: dict[str | None, set[date]] = {}
    for (plan_id, day), change in standing.items():
        if _moved_into(change, first, last):
            moved_in.setdefault(plan_id, set()).add(day)
    found: list[Occurrence] = []
    for plan in plans:
        if plan.get("archived_at"):
            continue
        # Its days in the period, and its dates moved into the period from outside it.
        days = set(plan_days(plan, first, last)) | moved_in.get(plan["id"], set())
        for day in sorted(days):
            if not _is_plan_day(plan, day):
                continue
            occurrence = _of_plan(plan, day, standing.get((plan["id"], day)), activities, holidays, zone)
            if first <= occurrence.day <= last:
                found.append(occurrence)
    for change in standing.values():
        on = _day(change.get("new_day")) or _day(change.get("day"))
        if change.get("kind") == ADDED and on is not None and first <= on <= last:
            found.append(_added(change, on, activities, zone))
    return sorted(found, key=lambda o: (o.start, o.activity, o.place, o.planned_by))


def plan_days(plan: Record, first: date, last: date) -> list[date]:
    """The days from `first` to `last` on which a plan takes place by the timetable (before any change)."""
    weekday = plan.get("weekday")
    begins, ends = _day(plan.get("valid_from")), _day(plan.get("valid_to"))
    if not isinstance(weekday, int) or not 1 <= weekday <= 7 or begins is None:
        return []
    first, last = max(first, begins), min(last, ends) if ends is not None else last
    if first > last:
        return []
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(weeks=1)
    return found


def _is_plan_day(plan: Record, day: date) -> bool:
    return bool(plan_days(plan, day, day))


def _standing_changes(changes: Iterable[Record]) -> dict[tuple[str | None, date], Record]:
    """The change that stands for each (plan, planned day); an added one-off under (its id, its day)."""
    standing: dict[tuple[str | None, date], Record] = {}
    for change in sorted(changes, key=_made):
        day = _day(change.get("day"))
        if change.get("archived_at") or day is None or change.get("kind") not in CHANGE_KINDS:
            continue
        if change["kind"] == ADDED:
            if change.get("activity_id"):
                standing[change["id"], day] = change
        elif change.get("plan_id"):
            standing[change["plan_id"], day] = change  # made later: replaces an earlier change of the date
    return standing


def _made(change: Record) -> tuple[datetime, str, str]:
    return sort_instant(change.get("created")), str(change.get("device") or ""), str(change.get("id") or "")


def _moved_into(change: Record, first: date, last: date) -> bool:
    new_day = _day(change.get("new_day"))
    return change.get("kind") == MOVED and new_day is not None and first <= new_day <= last


def _of_plan(
    plan: Record,
    day: date,
    change: Record | None,
    activities: Mapping[str, Record],
    holidays: Mapping[date, str],
    zone: tzinfo,
) -> Occurrence:
    """A plan's session on its day `day`, its change applied (moved, or cancelled), or the holiday."""
    kind = change.get("kind") if change is not None else None
    on = day
    start, end = plan.get("start"), plan.get("end")
    moved_from = None
    if change is not None and kind == MOVED:
        on = _day(change.get("new_day")) or day
        moved_from = _times(day, start, end, zone)
        start, end = change.get("start") or start, change.get("end") or end
    holiday = holidays.get(day) if kind != MOVED else None
    began, ended = _times(on, start, end, zone)
    return Occurrence(
        plan_id=plan["id"],
        day=on,
        planned_day=day,
        start=began,
        end=ended,
        **_what(plan, activities),
        regulars=tuple(plan.get("regulars") or ()),
        cancelled=kind == CANCELLED,
        reason=change.get("reason") or None if change is not None else None,
        holiday=holiday,
        change=kind,
        change_id=change["id"] if change is not None else None,
        moved_from=moved_from,
    )


def _added(change: Record, on: date, activities: Mapping[str, Record], zone: tzinfo) -> Occurrence:
    """A session added on the day `on`, of no plan."""
    began, ended = _times(on, change.get("start"), change.get("end"), zone)
    return Occurrence(
        plan_id=None,
        day=on,
        planned_day=on,
        start=began,
        end=ended,
        **_what(change, activities),
        regulars=(),
        reason=change.get("reason") or None,
        change=ADDED,
        change_id=change["id"],
    )


def _what(record: Record, activities: Mapping[str, Record]) -> dict[str, Any]:
    """What a plan or an added session is of: activity, place, instructor, capacity, project."""
    activity = activities.get(str(record.get("activity_id")), {})
    capacity = record.get("capacity")
    if capacity is None:
        capacity = activity.get("capacity") or None
    return {
        "activity_id": str(record.get("activity_id") or ""),
        "activity": str(activity.get("name") or ""),
        "place": str(record.get("place") or ""),
        "instructor": str(record.get("instructor") or ""),
        "capacity": capacity,
        "project_id": record.get("project_id") or None,
    }


def _times(day: date, start: Any, end: Any, zone: tzinfo) -> tuple[datetime, datetime]:
    """Start and end on `day`, wall-clock times in the centre's zone; an end not after the start is the start."""
    began = datetime.combine(day, _clock(start) or time(0), tzinfo=zone)
    ended = datetime.combine(day, _clock(end) or time(0), tzinfo=zone)
    return began, max(began, ended)


def _clock(text: Any) -> time | None:
    try:
        return time.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None

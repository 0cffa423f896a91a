"""The funders' indicators for a period: attendances and unique persons, never confused."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any

from exports.columns import Field, column, table
from exports.people import People, age_band, first_seen
from exports.readers import Logs
from exports.spreadsheet import Sheet
from sessions.clock import week_key
from sessions.i18n import N_, _
from sessions.planned import PlanFigures
from sessions.registry import GROUPS

__all__ = [
    "MEASURES",
    "NO_PROJECT",
    "NO_REASON",
    "Indicators",
    "WeekFigures",
    "breakdown_label",
    "count_indicators",
    "indicator_sheets",
    "km_of",
    "number",
]

#: Measure key → label. Keys are stable (for scripts); labels follow the language.
MEASURES = {
    "sessions": N_("Sessions held"),
    "attendances": N_("Attendances (check-ins)"),
    "unique_persons": N_("Unique persons (sessions and trips)"),
    "unique_persons_sessions": N_("Unique persons in sessions"),
    "new_participants": N_("New participants"),
    "trips": N_("Minibus trips"),
    "wheelchair_trips": N_("Trips with a wheelchair user"),
    "km": N_("Kilometres driven"),
    "boardings": N_("Boardings (passenger rides)"),
    "unique_passengers": N_("Unique passengers"),
    "escorts": N_("Escorts"),
    "guests": N_("Guests without a card"),
    # Planned against held (exports/projects.py): in total and per funder project.
    "planned": N_("Sessions planned"),
    "planned_held": N_("Planned sessions held"),
    "cancelled": N_("Planned sessions cancelled"),
    "not_held": N_("Planned sessions not held"),
    "to_come": N_("Planned sessions still to come"),
    "holidays": N_("Planned on public holidays"),
    "unplanned": N_("Sessions held without a plan"),
    "cancelled_reasons": N_("Cancelled sessions by reason"),
    "project_sessions": N_("Sessions held, by project"),
    "project_attendances": N_("Attendances, by project"),
    "project_persons": N_("Unique persons, by project"),
    "project_trips": N_("Minibus trips, by project"),
    "project_boardings": N_("Boardings, by project"),
    "project_km": N_("Kilometres driven, by project"),
}
#: The breakdown of sessions and trips of no funder project, and of a cancellation without a reason.
NO_PROJECT, NO_REASON = "no_project", "no_reason"
BREAKDOWN_LABELS = {
    "all": N_("all"),
    "senior": N_("seniors"),
    "disability": N_("people with disabilities"),
    "wheelchair": N_("wheelchair users"),
    "F": N_("women"),
    "M": N_("men"),
    "gender_unknown": N_("gender not known"),
    "65+": N_("aged 65 and over"),
    "under_65": N_("under 65"),
    "age_unknown": N_("age not known"),
    NO_PROJECT: N_("no project"),
    NO_REASON: N_("no reason given"),
}


def number(value: Any) -> int:
    """A count stored as a number, a list or a {kind: count} mapping."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, dict):
        return sum(number(v) for v in value.values())
    if isinstance(value, list):
        return len(value)
    return 0


def km_of(trip: Mapping[str, object]) -> int:
    """Kilometres of a trip by its odometer; 0 while it is not closed or the readings are wrong."""
    start, end = trip.get("odometer_start"), trip.get("odometer_end")
    if isinstance(start, int | float) and isinstance(end, int | float) and end >= start:
        return int(end - start)
    return 0


@dataclass
class WeekFigures:
    """One ISO week's figures, for the chart and the weeks sheet."""

    week: str
    sessions: int = 0
    attendances: int = 0
    unique_persons: int = 0
    trips: int = 0
    boardings: int = 0


#: The weeks sheet: one row per ISO week of the period.
WEEK_FIELDS: list[Field[WeekFigures]] = [
    column("week", N_("Week"), attrgetter("week")),
    column("sessions", N_("Sessions"), attrgetter("sessions")),
    column("attendances", N_("Attendances"), attrgetter("attendances")),
    column("unique_persons", N_("Unique persons"), attrgetter("unique_persons")),
    column("trips", N_("Trips"), attrgetter("trips")),
    column("boardings", N_("Boardings"), attrgetter("boardings")),
]


@dataclass
class Indicators:
    """The figures of a period as (measure, breakdown, value) rows, per week, and per regular session."""

    rows: list[tuple[str, str, int]] = field(default_factory=list)
    weeks: list[WeekFigures] = field(default_factory=list)
    #: Attendances by the day their session started (an ISO date): the chart's bars, by week, month or year.
    days: dict[str, int] = field(default_factory=dict)
    #: The timetable's regular sessions (exports/projects.py) and the funder projects' names by id.
    plans: list[PlanFigures] = field(default_factory=list)
    projects: dict[str, str] = field(default_factory=dict)

    def value(self, measure: str, breakdown: str = "all") -> int:
        for key, part, value in self.rows:
            if key == measure and part == breakdown:
                return value
        return 0


@cache
def _week_of_day(day: str) -> str:
    return week_key(date.fromisoformat(day))


def count_indicators(logs: Logs, people: People) -> Indicators:
    """Count the period's indicators from its standing records."""
    result = Indicators()
    rows = result.rows
    session_activity = {sid: str(s.get("activity", "")) for sid, s in logs.sessions.items()}
    sessions_by_activity = Counter(session_activity.values())
    # Columns pulled out once and combined by map/zip: no Python call per check-in.
    session_ids = list(map(itemgetter("session_id"), logs.checkins))
    person_ids = list(map(itemgetter("participant_id"), logs.checkins))
    per_session = Counter(session_ids)
    attendances_by_activity: Counter[str] = Counter()
    for session_id, count in per_session.items():
        attendances_by_activity[session_activity[session_id]] += count
    activity_persons = set(zip(map(session_activity.__getitem__, session_ids), person_ids, strict=True))
    persons_by_activity = Counter(map(itemgetter(0), activity_persons))
    session_persons = set(person_ids)
    passengers = {b["participant_id"] for b in logs.boardings if b.get("participant_id")}
    persons = session_persons | passengers

    rows.append(("sessions", "all", len(logs.sessions)))
    rows += [("sessions", a, n) for a, n in sorted(sessions_by_activity.items())]
    rows.append(("attendances", "all", len(logs.checkins)))
    rows += [("attendances", a, attendances_by_activity[a]) for a in sorted(sessions_by_activity)]
    rows.append(("unique_persons", "all", len(persons)))
    rows += _breakdowns(persons, people, logs.period.end)
    rows.append(("unique_persons_sessions", "all", len(session_persons)))
    rows += [("unique_persons_sessions", a, persons_by_activity[a]) for a in sorted(sessions_by_activity)]
    period = logs.period
    joined = sum(1 for p in people.by_id.values() if period.holds(first_seen(p) or "0"))
    rows.append(("new_participants", "all", joined))
    rows += _trip_rows(logs, passengers)
    result.weeks, result.days = _weekly(logs, per_session, session_ids, person_ids)
    return result


def _breakdowns(persons: set[str], people: People, on: date) -> list[tuple[str, str, int]]:
    groups: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    for pid in persons:
        person = people.get(pid)
        for group in person.groups if person else ():
            groups[group] += 1
        genders[(person.gender if person else None) or "gender_unknown"] += 1
        ages[age_band(person, on)] += 1
    rows = [("unique_persons", g, groups[g]) for g in GROUPS]
    rows += [("unique_persons", g, genders[g]) for g in ("F", "M", "gender_unknown")]
    rows += [("unique_persons", a, ages[a]) for a in ("65+", "under_65", "age_unknown")]
    return rows


def _trip_rows(logs: Logs, passengers: set[str]) -> list[tuple[str, str, int]]:
    wheelchair_trips = {b["trip_id"] for b in logs.boardings if b.get("wheelchair")}
    return [
        ("trips", "all", len(logs.trips)),
        ("wheelchair_trips", "all", len(wheelchair_trips)),
        ("km", "all", sum(km_of(t) for t in logs.trips.values())),
        ("boardings", "all", len(logs.boardings)),
        ("unique_passengers", "all", len(passengers)),
        ("escorts", "all", sum(number(b.get("escorts")) for b in logs.boardings)),
        ("guests", "all", sum(number(t.get("guests")) for t in logs.trips.values())),
    ]


def _weekly(
    logs: Logs, per_session: Counter[str], session_ids: list[str], person_ids: list[str]
) -> tuple[list[WeekFigures], dict[str, int]]:
    """Each week's figures, and the attendances of each day (a session's by the day it started)."""
    weeks = {key: WeekFigures(key) for key in logs.period.weeks}
    session_day = {sid: str(s.get("start") or s["created"])[:10] for sid, s in logs.sessions.items()}
    session_week = {sid: _week_of_day(day) for sid, day in session_day.items()}
    days: Counter[str] = Counter()
    for session_id, day in session_day.items():
        days[day] += per_session[session_id]
    trip_week = {tid: _week_of_day(str(t.get("departure") or t["created"])[:10]) for tid, t in logs.trips.items()}
    for session_id, week in session_week.items():
        weeks[week].sessions += 1
        weeks[week].attendances += per_session[session_id]
    for week in trip_week.values():
        weeks[week].trips += 1
    riders = [(trip_week[b["trip_id"]], b.get("participant_id")) for b in logs.boardings]
    for week, _person in riders:
        weeks[week].boardings += 1
    persons = set(zip(map(session_week.__getitem__, session_ids), person_ids, strict=True))
    persons.update((w, p) for w, p in riders if p)
    for week, count in Counter(map(itemgetter(0), persons)).items():
        weeks[week].unique_persons = count
    return list(weeks.values()), dict(sorted(days.items()))


def breakdown_label(breakdown: str, column_keys: bool) -> str:
    if column_keys or breakdown not in BREAKDOWN_LABELS:
        return breakdown
    return _(BREAKDOWN_LABELS[breakdown])


def indicator_sheets(indicators: Indicators, *, column_keys: bool = False) -> list[Sheet]:
    """The indicators sheet (measure, breakdown, value) and the weeks sheet."""
    figures: list[Field[tuple[str, str, int]]] = [
        column("measure", N_("Measure"), lambda row: row[0] if column_keys else _(MEASURES[row[0]])),
        column("breakdown", N_("Breakdown"), lambda row: breakdown_label(row[1], column_keys)),
        column("value", N_("Value"), itemgetter(2)),
    ]
    return [
        table("indicators", N_("Indicators"), figures, indicators.rows),
        table("weeks", N_("Weeks"), WEEK_FIELDS, indicators.weeks),
    ]

"""The report's figures counted from sessions held and trips made (exports/held_entries.py).

The same figures, in the same order, as `count_indicators` and `count_projects` count from
the records themselves (tests/test_summaries_equal.py holds them equal over random
histories); counting a session's persons as a set costs one step per session, not per
check-in, so ten years of summaries count in a few hundredths of a second.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from exports.held_entries import Part, numbers_in
from exports.indicators import NO_PROJECT, Indicators, WeekFigures, _breakdowns
from exports.people import People, first_seen
from exports.periods import Period
from exports.projects import ProjectCount, Row, Timetable, _name, _tally_rows, with_projects
from sessions.planned import count_planned_held

__all__ = ["HeldPeriod", "count_held"]


@dataclass
class HeldPeriod:
    """A period's standing sessions and trips, as parts (a summary's, or of records read from files),
    and how many files and summaries were read."""

    period: Period
    parts: list[Part] = field(default_factory=list)
    files: int = 0
    summaries: int = 0
    #: The participant id of each number persons are counted by (exports/summaries.py PeopleTable).
    names: list[Any] = field(default_factory=list)


def count_held(held: HeldPeriod, people: People, timetable: Timetable) -> Indicators:
    """Every figure of the period report, planned against held and per project included."""
    result = Indicators()
    rows = result.rows
    parts = held.parts
    activities: dict[str, list[Any]] = {}
    for part in parts:
        for activity, (n, attended, persons) in part.activities.items():
            figures = activities.setdefault(activity, [0, 0, 0])
            figures[0] += n
            figures[1] += attended
            figures[2] |= persons
    names = sorted(activities)
    session_persons = _union(p.session_persons for p in parts)
    passengers = _union(p.riders for p in parts)
    persons = session_persons | passengers
    rows.append(("sessions", "all", sum(f[0] for f in activities.values())))
    rows += [("sessions", a, activities[a][0]) for a in names]
    rows.append(("attendances", "all", sum(f[1] for f in activities.values())))
    rows += [("attendances", a, activities[a][1]) for a in names]
    rows.append(("unique_persons", "all", persons.bit_count()))
    rows += _breakdowns({held.names[n] for n in numbers_in(persons)}, people, held.period.end)
    rows.append(("unique_persons_sessions", "all", session_persons.bit_count()))
    rows += [("unique_persons_sessions", a, activities[a][2].bit_count()) for a in names]
    joined = sum(1 for p in people.by_id.values() if held.period.holds(first_seen(p) or "0"))
    rows.append(("new_participants", "all", joined))
    rows += _trip_rows(parts, passengers)
    result.weeks, result.days = _weekly(held)
    return with_projects(result, _projects(held, timetable, session_persons | passengers), timetable)


def _union(groups: Iterable[int]) -> int:
    """Persons as bits (see exports/held_entries.py `packed`): a union is an or."""
    found = 0
    for group in groups:
        found |= group
    return found


def _trip_rows(parts: list[Part], passengers: int) -> list[Row]:
    trips, wheelchair, km, boardings, escorts, guests = (
        (sum(column) for column in zip(*(p.trips for p in parts), strict=True)) if parts else (0,) * 6
    )
    return [
        ("trips", "all", trips),
        ("wheelchair_trips", "all", wheelchair),
        ("km", "all", km),
        ("boardings", "all", boardings),
        ("unique_passengers", "all", passengers.bit_count()),
        ("escorts", "all", escorts),
        ("guests", "all", guests),
    ]


def _weekly(held: HeldPeriod) -> tuple[list[WeekFigures], dict[str, int]]:
    """Each week's figures, and the attendances of each day (as indicators._weekly counts them)."""
    weeks = {key: WeekFigures(key) for key in held.period.weeks}
    persons: dict[str, int] = {}
    days: Counter[str] = Counter()
    for part in held.parts:
        days.update(part.days)
        for key, (n, attended, trips, boardings, found) in part.weeks.items():
            week = weeks[key]
            week.sessions += n
            week.attendances += attended
            week.trips += trips
            week.boardings += boardings
            persons[key] = persons.get(key, 0) | found
    for key, found in persons.items():
        if found:
            weeks[key].unique_persons = found.bit_count()
    return list(weeks.values()), dict(sorted(days.items()))


def _projects(held: HeldPeriod, timetable: Timetable, everyone: int) -> ProjectCount:
    """Planned against held, and every figure per project (as projects.count_projects counts them)."""
    groups = [g for part in held.parts for g in part.groups]
    trip_groups = [g for part in held.parts for g in part.trip_groups]
    figures = count_planned_held(timetable.planned, ((tuple(g[:2]), *g[2:]) for g in groups), timetable.now)
    of_plan = {o.key: o.project_id or NO_PROJECT for o in timetable.planned}
    projects = [of_plan.get((g[0], g[1])) or str(g[2] or NO_PROJECT) for g in groups]
    found = set(figures.projects) | {g[0] for g in trip_groups}
    found |= {None if p == NO_PROJECT else p for p in projects}
    named: list[tuple[str, str | None]] = sorted(
        ((_name(timetable.projects, pid), pid) for pid in found if pid), key=itemgetter(0)
    )
    if None in found:
        named.append((NO_PROJECT, None))
    counts: dict[str, Counter[str]] = {key: Counter() for key in _PROJECT_MEASURES}
    persons: dict[str, int] = {}
    for project, group in zip(projects, groups, strict=True):
        counts["project_sessions"][project] += group[3]
        counts["project_attendances"][project] += group[4]
        persons[project] = persons.get(project, 0) | group[6]
    for project_id, trips, boardings, km, riders in trip_groups:
        project = str(project_id or NO_PROJECT)
        counts["project_trips"][project] += trips
        counts["project_boardings"][project] += boardings
        counts["project_km"][project] += km
        persons[project] = persons.get(project, 0) | riders
    counts["project_persons"] = Counter({p: found.bit_count() for p, found in persons.items()})
    rows: list[Row] = []
    for measure in _PROJECT_MEASURES:
        everyone_figure = everyone.bit_count() if measure == "project_persons" else sum(counts[measure].values())
        rows.append((measure, "all", everyone_figure))
        rows += [(measure, name, counts[measure][pid or NO_PROJECT]) for name, pid in named]
    return ProjectCount(_tally_rows(figures, named) + rows, figures, {})


_PROJECT_MEASURES = (
    "project_sessions",
    "project_attendances",
    "project_persons",
    "project_trips",
    "project_boardings",
    "project_km",
)

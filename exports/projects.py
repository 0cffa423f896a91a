"""Planned against held, and every figure per funder project: rows for the report, the regular sessions' sheet.

The rule is the domain's (sessions/planned.py `count_planned`), applied to the records the
report has already read: nothing here reads a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import compress
from operator import itemgetter
from typing import cast

from exports.columns import Field, column, table
from exports.indicators import NO_PROJECT, NO_REASON, Indicators, km_of
from exports.periods import Period
from exports.readers import Logs
from exports.spreadsheet import Sheet
from exports.timetable_week import WEEKDAYS
from sessions.i18n import N_
from sessions.kinds import ProjectRecord
from sessions.planned import PlanFigures, PlannedFigures, Tally, count_planned
from sessions.registry import Registry
from sessions.timetable import Occurrence, occurrences

__all__ = [
    "PLAN_FIELDS",
    "ProjectCount",
    "Timetable",
    "count_projects",
    "plan_rows",
    "plan_sheet",
    "project_name",
    "project_names",
    "project_titles",
    "timetable_of",
    "with_projects",
]

Row = tuple[str, str, int]


@dataclass(frozen=True)
class Timetable:
    """What a period's records are counted against: its planned sessions, the projects' names by id, and now
    (a planned session that has not ended yet is still to come, not missed)."""

    planned: list[Occurrence]
    projects: dict[str, str]
    now: datetime


def project_names(registry: Registry) -> dict[str, str]:
    """Every funder project's name by its id (archived ones too: the past is counted for them)."""
    return {str(p["id"]): str(p.get("name") or p["id"]) for p in registry.items("projects", include_archived=True)}


def project_titles(registry: Registry) -> dict[str, str]:
    """Each funder project's title by its name, for those that have one (the report's PDF names them)."""
    projects = cast(list[ProjectRecord], registry.items("projects", include_archived=True))
    return {str(p.get("name") or p["id"]): str(p["title"]) for p in projects if p.get("title")}


def timetable_of(registry: Registry, period: Period, now: datetime) -> Timetable:
    """The period's planned sessions by the registry's timetable, and its projects."""
    return Timetable(occurrences(registry, period.start, period.end), project_names(registry), now)


def _tally_rows(figures: PlannedFigures, named: list[tuple[str, str | None]]) -> list[Row]:
    measures = (
        ("planned", "planned"),
        ("planned_held", "held"),
        ("cancelled", "cancelled"),
        ("not_held", "not_held"),
        ("to_come", "to_come"),
        ("holidays", "holidays"),
        ("unplanned", "unplanned"),
    )
    rows: list[Row] = []
    for measure, attribute in measures:
        rows.append((measure, "all", getattr(figures.total, attribute)))
        rows += [(measure, name, getattr(figures.projects.get(pid, Tally()), attribute)) for name, pid in named]
    rows.append(("cancelled_reasons", "all", figures.total.cancelled))
    reasons = figures.total.reasons
    rows += [("cancelled_reasons", reason or NO_REASON, n) for reason, n in sorted(reasons.items())]
    return rows


def _held_rows(logs: Logs, session_project: dict[str, str], named: list[tuple[str, str | None]]) -> list[Row]:
    """Sessions held, attendances, unique persons, trips, boardings and km of each project.

    Columns pulled out once and combined by map/zip, as count_indicators does: no Python call per check-in.
    """
    trip_project = {tid: str(t.get("project_id") or NO_PROJECT) for tid, t in logs.trips.items()}
    attended = list(map(session_project.__getitem__, map(itemgetter("session_id"), logs.checkins)))
    people = list(map(itemgetter("participant_id"), logs.checkins))
    rode = list(map(trip_project.__getitem__, map(itemgetter("trip_id"), logs.boardings)))
    riders = list(map(itemgetter("participant_id"), logs.boardings))
    persons = set(zip(attended, people, strict=True)) | set(compress(zip(rode, riders, strict=True), riders))
    km: Counter[str] = Counter()
    for trip_id, trip in logs.trips.items():
        km[trip_project[trip_id]] += km_of(trip)
    counts = {
        "project_sessions": Counter(session_project.values()),
        "project_attendances": Counter(attended),
        "project_persons": Counter(map(itemgetter(0), persons)),
        "project_trips": Counter(trip_project.values()),
        "project_boardings": Counter(rode),
        "project_km": km,
    }
    everyone = {
        "project_sessions": len(logs.sessions),
        "project_attendances": len(logs.checkins),
        "project_persons": len(set(people) | set(filter(None, riders))),
        "project_trips": len(logs.trips),
        "project_boardings": len(logs.boardings),
        "project_km": sum(km.values()),
    }
    rows: list[Row] = []
    for measure, counted in counts.items():
        rows.append((measure, "all", everyone[measure]))
        rows += [(measure, name, counted[pid or NO_PROJECT]) for name, pid in named]
    return rows


@dataclass(frozen=True)
class ProjectCount:
    """Planned against held and the per-project figures of a period, counted once for every sheet that shows them."""

    #: (measure, breakdown, value): each project a breakdown by its name, sessions and trips of none `no_project`.
    rows: list[Row]
    figures: PlannedFigures
    #: Each held session's project id (`no_project` for none): its planned session's, else its own.
    session_project: dict[str, str]


def count_projects(logs: Logs, timetable: Timetable) -> ProjectCount:
    """Count the period's planned sessions against those held (sessions/planned.py), and every figure per project."""
    figures = count_planned(timetable.planned, logs.sessions.values(), logs.checkins, timetable.now)
    session_project = _session_projects(logs, timetable.planned)
    found = set(figures.projects) | {t.get("project_id") or None for t in logs.trips.values()}
    found |= {None if p == NO_PROJECT else p for p in session_project.values()}
    named: list[tuple[str, str | None]] = sorted(
        ((_name(timetable.projects, pid), pid) for pid in found if pid), key=itemgetter(0)
    )
    if None in found:
        named.append((NO_PROJECT, None))
    rows = _tally_rows(figures, named) + _held_rows(logs, session_project, named)
    return ProjectCount(rows, figures, session_project)


def _session_projects(logs: Logs, planned: list[Occurrence]) -> dict[str, str]:
    """Each held session's project: its planned session's (as count_planned counts it), else its own."""
    of_plan = {o.key: o.project_id or NO_PROJECT for o in planned}
    projects = {}
    for sid, session in logs.sessions.items():
        key = (str(session.get("plan_id") or ""), str(session.get("planned_day") or ""))
        projects[sid] = of_plan.get(key) or str(session.get("project_id") or NO_PROJECT)
    return projects


def with_projects(indicators: Indicators, counted: ProjectCount, timetable: Timetable) -> Indicators:
    """The indicators with the planned-against-held and per-project rows added, and the regular sessions."""
    indicators.rows += counted.rows
    indicators.plans = counted.figures.plans
    indicators.projects = dict(timetable.projects)
    return indicators


def _name(projects: Mapping[str, str], project_id: str) -> str:
    return projects.get(project_id, project_id)


def project_name(projects: Mapping[str, str], project_id: str | None) -> str:
    """A project's name as a cell: "" for none."""
    return _name(projects, project_id) if project_id and project_id != NO_PROJECT else ""


def _percent(value: float | None) -> str:
    return f"{round(value * 100)}" if value is not None else ""


def _one_decimal(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else ""


#: A regular session's row: the centre (of several; else ""), its figures, its project's name.
PlanRow = tuple[str, PlanFigures, str]


#: A regular session's weekday as a stable key, and its name for people.
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = dict(zip(WEEKDAY_KEYS, WEEKDAYS, strict=True))


def _weekday(plan: PlanFigures) -> str:
    return WEEKDAY_KEYS[plan.weekday - 1] if 1 <= plan.weekday <= 7 else ""


#: The regular sessions sheet: one row per regular session of the timetable over the period.
PLAN_FIELDS: list[Field[PlanRow]] = [
    column("weekday", N_("Weekday"), lambda r: _weekday(r[1]), words=WEEKDAY_NAMES),
    column("start", N_("Start"), lambda r: r[1].start),
    column("activity", N_("Activity"), lambda r: r[1].activity),
    column("place", N_("Place"), lambda r: r[1].place),
    column("project", N_("Project"), itemgetter(2)),
    column("planned", N_("Planned"), lambda r: r[1].tally.planned),
    column("held", N_("Held"), lambda r: r[1].tally.held),
    column("cancelled", N_("Cancelled"), lambda r: r[1].tally.cancelled),
    column("not_held", N_("Not held"), lambda r: r[1].tally.not_held),
    column("holidays", N_("Public holidays"), lambda r: r[1].tally.holidays),
    column("attendance", N_("Attendance"), lambda r: r[1].tally.attendance),
    column("average", N_("Average attendance"), lambda r: _one_decimal(r[1].average)),
    column("places", N_("Places offered"), lambda r: r[1].places),
    column("fill", N_("Capacity used, %"), lambda r: _percent(r[1].fill)),
]


def plan_rows(indicators: Indicators, centre: str = "") -> list[PlanRow]:
    """The regular sessions of a count, each with its project's name (and the centre's, of several)."""
    projects = indicators.projects
    return [(centre, plan, _name(projects, plan.project_id) if plan.project_id else "") for plan in indicators.plans]


def plan_sheet(rows: list[PlanRow], *, centres: bool = False) -> Sheet:
    """One row per regular session: its figures, its attendance on average and against capacity (per centre)."""
    centre: list[Field[PlanRow]] = [column("centre", N_("Centre"), itemgetter(0))] if centres else []
    return table("regular_sessions", N_("Regular sessions"), centre + PLAN_FIELDS, rows)

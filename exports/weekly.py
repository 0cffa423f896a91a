"""The weekly bundle: sessions, attendance, trips, passengers and a summary for one ISO week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from exports.columns import Field, column, table
from exports.indicators import count_indicators, indicator_sheets, km_of, number
from exports.people import People
from exports.periods import Period, parse_week
from exports.planned_sheet import planned_sheet
from exports.projects import ProjectCount, Timetable, count_projects, project_name, timetable_of, with_projects
from exports.readers import Logs, Progress, load_logs, paused_gc
from exports.spreadsheet import Sheet, write_sheets
from sessions.clock import by_moment
from sessions.clock import now as clock_now
from sessions.i18n import N_
from sessions.kinds import BoardingRecord, CheckinRecord, SessionRecord, TripRecord
from sessions.store import Store

__all__ = ["ExportResult", "bundle_sheets", "export_week", "exports_folder"]

BUNDLE = ("sessions", "attendance", "trips", "passengers", "timetable", "summary")
#: How someone was let in (sessions/admission.py): their card scanned, read by the laptop's camera, or found by name.
METHODS = {"scan": N_("card scanned"), "camera": N_("card, by camera"), "manual": N_("by name")}
#: What the app itself notes on a session: one it closed at its next start, left open by a stopped app.
SESSION_NOTES = {"closed_at_next_start": N_("closed when the app next started")}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and what it found."""

    period: Period
    paths: list[Path]
    sessions: int
    attendances: int
    trips: int
    boardings: int

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.trips


def exports_folder(store: Store, name: str) -> Path:
    """Where exports go unless told otherwise: <data folder>/exports/<name>/."""
    return store.data_dir / "exports" / name


def _day(stamp: Any) -> str:
    return str(stamp)[:10] if stamp else ""


def _time(stamp: Any) -> str:
    return str(stamp)[11:16] if stamp else ""


def _moment(stamp: Any) -> str:
    return f"{str(stamp)[:10]} {str(stamp)[11:16]}" if stamp else ""


def _session_sheet(logs: Logs, counted: ProjectCount, projects: Mapping[str, str]) -> Sheet:
    counts = Counter(c["session_id"] for c in logs.checkins)
    planned = counted.figures.statuses
    manual = Counter(c["session_id"] for c in logs.checkins if c.get("method") == "manual")
    overrides = Counter(c["session_id"] for c in logs.checkins if c.get("override"))
    fields: list[Field[SessionRecord]] = [
        column("session_id", N_("Session id"), itemgetter("id")),
        column("date", N_("Date"), lambda s: _day(s.get("start"))),
        column("start", N_("Start"), lambda s: _time(s.get("start"))),
        column("end", N_("End"), lambda s: _time(s.get("end"))),
        column("activity", N_("Activity"), lambda s: s.get("activity")),
        column("place", N_("Place"), lambda s: s.get("place")),
        column("instructor", N_("Instructor"), lambda s: s.get("instructor")),
        column("capacity", N_("Capacity"), lambda s: s.get("capacity")),
        column("attendances", N_("Attendances"), lambda s: counts[s["id"]]),
        column("by_name", N_("Checked in by name"), lambda s: manual[s["id"]]),
        column("over_capacity", N_("Let in over capacity"), lambda s: overrides[s["id"]]),
        column("note", N_("Note"), lambda s: s.get("note"), words=SESSION_NOTES),
        column("device", N_("Laptop"), lambda s: s.get("device")),
        column("project", N_("Project"), lambda s: project_name(projects, counted.session_project[s["id"]])),
        column(
            "planned",
            N_("From the timetable"),
            lambda s: (str(s.get("plan_id") or ""), str(s.get("planned_day"))) in planned,
        ),
    ]
    sessions = sorted(logs.sessions.values(), key=by_moment("start"))
    return table("sessions", N_("Sessions"), fields, sessions)


def _attendance_sheet(logs: Logs, people: People) -> Sheet:
    started, at = by_moment("start"), by_moment("at")
    order = {sid: started(s) for sid, s in logs.sessions.items()}

    def session(c: CheckinRecord) -> SessionRecord:
        return logs.sessions[c["session_id"]]

    fields: list[Field[CheckinRecord]] = [
        column("session_id", N_("Session id"), itemgetter("session_id")),
        column("date", N_("Date"), lambda c: _day(session(c).get("start"))),
        column("activity", N_("Activity"), lambda c: session(c).get("activity")),
        column("checked_in", N_("Checked in at"), lambda c: _time(c.get("at"))),
        column("participant_code", N_("Participant code"), lambda c: people.code(c["participant_id"])),
        column("name", N_("Name"), lambda c: people.name(c["participant_id"]), personal=True),
        column("senior", N_("Senior"), lambda c: people.groups(c["participant_id"])[0]),
        column("disability", N_("Disability"), lambda c: people.groups(c["participant_id"])[1], health=True),
        column("wheelchair", N_("Wheelchair user"), lambda c: people.groups(c["participant_id"])[2], health=True),
        column("method", N_("Method"), lambda c: c.get("method"), words=METHODS),
        column("over_capacity", N_("Let in over capacity"), lambda c: bool(c.get("override"))),
    ]
    checkins = sorted(logs.checkins, key=lambda c: (order[c["session_id"]], at(c)))
    return table("attendance", N_("Attendance"), fields, checkins)


def _trip_sheet(logs: Logs, projects: Mapping[str, str]) -> Sheet:
    aboard = Counter(b["trip_id"] for b in logs.boardings)
    wheelchairs = Counter(b["trip_id"] for b in logs.boardings if b.get("wheelchair"))
    lifts = Counter(b["trip_id"] for b in logs.boardings if b.get("lift"))
    escorts: Counter[str] = Counter()
    for b in logs.boardings:
        escorts[b["trip_id"]] += number(b.get("escorts"))
    fields: list[Field[TripRecord]] = [
        column("trip_id", N_("Trip id"), itemgetter("id")),
        column("date", N_("Date"), lambda t: _day(t.get("departure"))),
        column("departure", N_("Departure"), lambda t: _time(t.get("departure"))),
        column("return", N_("Return"), lambda t: _moment(t.get("return"))),
        column("vehicle", N_("Vehicle"), lambda t: t.get("vehicle")),
        column("plate", N_("Plate"), lambda t: t.get("plate")),
        column("driver", N_("Driver"), lambda t: t.get("driver")),
        column("purpose", N_("Purpose"), lambda t: t.get("purpose")),
        column("destination", N_("Destination"), lambda t: t.get("destination")),
        column("odometer_start", N_("Odometer at start"), lambda t: t.get("odometer_start")),
        column("odometer_end", N_("Odometer at end"), lambda t: t.get("odometer_end")),
        column("km", N_("Km"), km_of),
        column("passengers", N_("Passengers"), lambda t: aboard[t["id"]]),
        column("wheelchair_users", N_("Wheelchair users"), lambda t: wheelchairs[t["id"]], health=True),
        column("lift_uses", N_("Lift uses"), lambda t: lifts[t["id"]], health=True),
        column("escorts", N_("Escorts"), lambda t: escorts[t["id"]]),
        column("guests", N_("Guests without a card"), lambda t: number(t.get("guests"))),
        column("safety_check", N_("Safety check"), lambda t: t.get("safety_check")),
        column("note", N_("Note"), lambda t: t.get("note")),
        column("project", N_("Project"), lambda t: project_name(projects, t.get("project_id"))),
    ]
    trips = sorted(logs.trips.values(), key=by_moment("departure", "created"))
    return table("trips", N_("Trips"), fields, trips)


def _passenger_sheet(logs: Logs, people: People) -> Sheet:
    departed, at = by_moment("departure", "created"), by_moment("at")
    order = {tid: departed(t) for tid, t in logs.trips.items()}

    def trip(b: BoardingRecord) -> TripRecord:
        return logs.trips[b["trip_id"]]

    def rider(b: BoardingRecord) -> str:
        return b.get("participant_id") or ""

    fields: list[Field[BoardingRecord]] = [
        column("trip_id", N_("Trip id"), itemgetter("trip_id")),
        column("date", N_("Date"), lambda b: _day(trip(b).get("departure"))),
        column("destination", N_("Destination"), lambda b: trip(b).get("destination")),
        column("boarded", N_("Boarded at"), lambda b: _time(b.get("at"))),
        column("participant_code", N_("Participant code"), lambda b: people.code(rider(b))),
        column("name", N_("Name"), lambda b: people.name(rider(b)), personal=True),
        column("method", N_("Method"), lambda b: b.get("method"), words=METHODS),
        column("wheelchair", N_("Rode in a wheelchair"), lambda b: bool(b.get("wheelchair")), health=True),
        column("lift", N_("Used the lift"), lambda b: bool(b.get("lift")), health=True),
        column("escorts", N_("Escorts"), lambda b: number(b.get("escorts"))),
        column("over_capacity", N_("Let in over capacity"), lambda b: bool(b.get("override"))),
    ]
    boardings = sorted(logs.boardings, key=lambda b: (order[b["trip_id"]], at(b)))
    return table("passengers", N_("Passengers"), fields, boardings)


def bundle_sheets(logs: Logs, people: People, timetable: Timetable, *, column_keys: bool = False) -> list[Sheet]:
    """The six sheets of a week's bundle, in the order they are written; `timetable` is the week's."""
    counted = count_projects(logs, timetable)
    indicators = with_projects(count_indicators(logs, people), counted, timetable)
    summary = indicator_sheets(indicators, column_keys=column_keys)[0]
    summary = Sheet("summary", N_("Summary"), summary.columns, summary.rows)
    return [
        _session_sheet(logs, counted, timetable.projects),
        _attendance_sheet(logs, people),
        _trip_sheet(logs, timetable.projects),
        _passenger_sheet(logs, people),
        planned_sheet(logs, counted, timetable),
        summary,
    ]


def export_week(
    store: Store,
    week: str,
    *,
    out: Path | None = None,
    fmt: str = "csv",
    delimiter: str = ";",
    pseudonymise: bool = False,
    column_keys: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Write a week's bundle (headers only when the week holds nothing) and say what it held.

    `now` (default: the clock's) tells the week's planned sessions still to come from those not held.
    """
    period = parse_week(week)
    with paused_gc():
        logs = load_logs(store, period, progress)
        timetable = timetable_of(store.registry, period, now or clock_now())
        sheets = bundle_sheets(logs, People(store.registry), timetable, column_keys=column_keys)
    if pseudonymise:
        sheets = [sheet.pseudonymised() for sheet in sheets]
    folder = out or exports_folder(store, period.name)
    paths = write_sheets(
        folder, sheets, fmt=fmt, delimiter=delimiter, column_keys=column_keys, book_name=f"centrelog-{period.name}"
    )
    return ExportResult(period, paths, len(logs.sessions), len(logs.checkins), len(logs.trips), len(logs.boardings))

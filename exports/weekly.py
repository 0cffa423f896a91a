"""The weekly bundle: sessions, attendance, trips, passengers and a summary for one ISO week."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.indicators import count_indicators, indicator_sheets, km_of, number
from exports.people import People
from exports.periods import Period, parse_week
from exports.readers import Logs, Progress, load_logs, paused_gc
from exports.spreadsheet import Column, Sheet, write_sheets
from sessions.clock import by_moment
from sessions.i18n import N_
from sessions.store import Store

__all__ = ["ExportResult", "bundle_sheets", "export_week", "exports_folder"]

BUNDLE = ("sessions", "attendance", "trips", "passengers", "summary")


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


def _session_sheet(logs: Logs) -> Sheet:
    counts = Counter(c["session_id"] for c in logs.checkins)
    manual = Counter(c["session_id"] for c in logs.checkins if c.get("method") == "manual")
    overrides = Counter(c["session_id"] for c in logs.checkins if c.get("override"))
    rows = [
        [
            s["id"],
            _day(s.get("start")),
            _time(s.get("start")),
            _time(s.get("end")),
            s.get("activity"),
            s.get("place"),
            s.get("instructor"),
            s.get("capacity"),
            counts[s["id"]],
            manual[s["id"]],
            overrides[s["id"]],
            s.get("note"),
            s.get("device"),
        ]
        for s in sorted(logs.sessions.values(), key=by_moment("start"))
    ]
    return Sheet(
        "sessions",
        N_("Sessions"),
        [
            Column("session_id", N_("Session id")),
            Column("date", N_("Date")),
            Column("start", N_("Start")),
            Column("end", N_("End")),
            Column("activity", N_("Activity")),
            Column("place", N_("Place")),
            Column("instructor", N_("Instructor")),
            Column("capacity", N_("Capacity")),
            Column("attendances", N_("Attendances")),
            Column("by_name", N_("Checked in by name")),
            Column("over_capacity", N_("Let in over capacity")),
            Column("note", N_("Note")),
            Column("device", N_("Laptop")),
        ],
        rows,
    )


def _attendance_sheet(logs: Logs, people: People) -> Sheet:
    started, at = by_moment("start"), by_moment("at")
    order = {sid: started(s) for sid, s in logs.sessions.items()}
    rows = []
    for c in sorted(logs.checkins, key=lambda c: (order[c["session_id"]], at(c))):
        session, pid = logs.sessions[c["session_id"]], c["participant_id"]
        rows.append(
            [
                c["session_id"],
                _day(session.get("start")),
                session.get("activity"),
                _time(c.get("at")),
                people.code(pid),
                people.name(pid),
                *people.groups(pid),
                c.get("method"),
                bool(c.get("override")),
            ]
        )
    return Sheet(
        "attendance",
        N_("Attendance"),
        [
            Column("session_id", N_("Session id")),
            Column("date", N_("Date")),
            Column("activity", N_("Activity")),
            Column("checked_in", N_("Checked in at")),
            Column("participant_code", N_("Participant code")),
            Column("name", N_("Name"), personal=True),
            Column("senior", N_("Senior")),
            Column("disability", N_("Disability"), health=True),
            Column("wheelchair", N_("Wheelchair user"), health=True),
            Column("method", N_("Method")),
            Column("over_capacity", N_("Let in over capacity")),
        ],
        rows,
    )


def _trip_sheet(logs: Logs) -> Sheet:
    aboard = Counter(b["trip_id"] for b in logs.boardings)
    wheelchairs = Counter(b["trip_id"] for b in logs.boardings if b.get("wheelchair"))
    lifts = Counter(b["trip_id"] for b in logs.boardings if b.get("lift"))
    escorts: Counter[str] = Counter()
    for b in logs.boardings:
        escorts[b["trip_id"]] += number(b.get("escorts"))
    rows = [
        [
            t["id"],
            _day(t.get("departure")),
            _time(t.get("departure")),
            _moment(t.get("return")),
            t.get("vehicle"),
            t.get("plate"),
            t.get("driver"),
            t.get("purpose"),
            t.get("destination"),
            t.get("odometer_start"),
            t.get("odometer_end"),
            km_of(t),
            aboard[t["id"]],
            wheelchairs[t["id"]],
            lifts[t["id"]],
            escorts[t["id"]],
            number(t.get("guests")),
            t.get("safety_check"),
            t.get("note"),
        ]
        for t in sorted(logs.trips.values(), key=by_moment("departure", "created"))
    ]
    return Sheet(
        "trips",
        N_("Trips"),
        [
            Column("trip_id", N_("Trip id")),
            Column("date", N_("Date")),
            Column("departure", N_("Departure")),
            Column("return", N_("Return")),
            Column("vehicle", N_("Vehicle")),
            Column("plate", N_("Plate")),
            Column("driver", N_("Driver")),
            Column("purpose", N_("Purpose")),
            Column("destination", N_("Destination")),
            Column("odometer_start", N_("Odometer at start")),
            Column("odometer_end", N_("Odometer at end")),
            Column("km", N_("Km")),
            Column("passengers", N_("Passengers")),
            Column("wheelchair_users", N_("Wheelchair users"), health=True),
            Column("lift_uses", N_("Lift uses"), health=True),
            Column("escorts", N_("Escorts")),
            Column("guests", N_("Guests without a card")),
            Column("safety_check", N_("Safety check")),
            Column("note", N_("Note")),
        ],
        rows,
    )


def _passenger_sheet(logs: Logs, people: People) -> Sheet:
    departed, at = by_moment("departure", "created"), by_moment("at")
    order = {tid: departed(t) for tid, t in logs.trips.items()}
    rows = []
    for b in sorted(logs.boardings, key=lambda b: (order[b["trip_id"]], at(b))):
        trip, pid = logs.trips[b["trip_id"]], b.get("participant_id") or ""
        rows.append(
            [
                b["trip_id"],
                _day(trip.get("departure")),
                trip.get("destination"),
                _time(b.get("at")),
                people.code(pid),
                people.name(pid),
                b.get("method"),
                bool(b.get("wheelchair")),
                bool(b.get("lift")),
                number(b.get("escorts")),
                bool(b.get("override")),
            ]
        )
    return Sheet(
        "passengers",
        N_("Passengers"),
        [
            Column("trip_id", N_("Trip id")),
            Column("date", N_("Date")),
            Column("destination", N_("Destination")),
            Column("boarded", N_("Boarded at")),
            Column("participant_code", N_("Participant code")),
            Column("name", N_("Name"), personal=True),
            Column("method", N_("Method")),
            Column("wheelchair", N_("Rode in a wheelchair"), health=True),
            Column("lift", N_("Used the lift"), health=True),
            Column("escorts", N_("Escorts")),
            Column("over_capacity", N_("Let in over capacity")),
        ],
        rows,
    )


def bundle_sheets(logs: Logs, people: People, *, column_keys: bool = False) -> list[Sheet]:
    """The five sheets of a week's bundle, in the order they are written."""
    summary = indicator_sheets(count_indicators(logs, people), column_keys=column_keys)[0]
    summary = Sheet("summary", N_("Summary"), summary.columns, summary.rows)
    return [
        _session_sheet(logs),
        _attendance_sheet(logs, people),
        _trip_sheet(logs),
        _passenger_sheet(logs, people),
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
) -> ExportResult:
    """Write a week's bundle (headers only when the week holds nothing) and say what it held."""
    period = parse_week(week)
    with paused_gc():
        logs = load_logs(store, period, progress)
        sheets = bundle_sheets(logs, People(store.registry), column_keys=column_keys)
    if pseudonymise:
        sheets = [sheet.pseudonymised() for sheet in sheets]
    folder = out or exports_folder(store, period.name)
    paths = write_sheets(
        folder, sheets, fmt=fmt, delimiter=delimiter, column_keys=column_keys, book_name=f"centrelog-{period.name}"
    )
    return ExportResult(period, paths, len(logs.sessions), len(logs.checkins), len(logs.trips), len(logs.boardings))

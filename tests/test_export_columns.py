"""Each bundle column's header sits over its own value: every column of a row checked against the records."""

from __future__ import annotations

import pytest

from exports.weekly import export_week
from sessions.codes import format_code
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre, read_csv

HEADERS = {
    "sessions": [
        "Session id", "Date", "Start", "End", "Activity", "Place", "Instructor", "Capacity", "Attendances",
        "Checked in by name", "Let in over capacity", "Note", "Laptop", "Project", "From the timetable",
    ],
    "attendance": [
        "Session id", "Date", "Activity", "Checked in at", "Participant code", "Name", "Senior", "Disability",
        "Wheelchair user", "Method", "Let in over capacity",
    ],
    "trips": [
        "Trip id", "Date", "Departure", "Return", "Vehicle", "Plate", "Driver", "Purpose", "Destination",
        "Odometer at start", "Odometer at end", "Km", "Passengers", "Wheelchair users", "Lift uses", "Escorts",
        "Guests without a card", "Safety check", "Note", "Project",
    ],
    "passengers": [
        "Trip id", "Date", "Destination", "Boarded at", "Participant code", "Name", "Method",
        "Rode in a wheelchair", "Used the lift", "Escorts", "Let in over capacity",
    ],
    "timetable": [
        "Date", "Start", "End", "Activity", "Place", "Instructor", "Project", "Capacity", "Status", "Reason",
        "Change", "Planned for", "Attendance", "Session id",
    ],
}  # fmt: skip


@pytest.fixture
def centre(store: Store, clock: Clock) -> Centre:
    return Centre(store, clock())


def _header(path_text: str) -> list[str]:
    return path_text.splitlines()[0].split(";")


def test_each_sheet_has_its_headers_in_order(centre: Centre, store: Store) -> None:
    result = export_week(store, "2026-W47")
    for path in result.paths[:5]:
        assert _header(path.read_text("utf-8-sig")) == HEADERS[path.stem], path.name


def test_every_column_of_a_row_holds_its_own_value(centre: Centre, store: Store) -> None:
    export_week(store, "2026-W47", column_keys=True)
    folder = store.data_dir / "exports" / "2026-W47"
    gym, trip, ivan = centre.gym, centre.trip, centre.ivan
    sessions = {r["session_id"]: r for r in read_csv(folder / "sessions.csv")}
    assert sessions[gym["id"]] == {
        "session_id": gym["id"], "date": "2026-11-16", "start": "10:00", "end": "11:00", "activity": "Gym",
        "place": "Sporta zāle", "instructor": "Olga Vasiļjeva", "capacity": "20", "attendances": "3",
        "by_name": "0", "over_capacity": "0", "note": "", "device": centre.here, "project": "", "planned": "0",
    }  # fmt: skip
    attendance = read_csv(folder / "attendance.csv")
    assert next(r for r in attendance if r["session_id"] == gym["id"] and r["name"] == ivan.full_name) == {
        "session_id": gym["id"], "date": "2026-11-16", "activity": "Gym", "checked_in": "10:03",
        "participant_code": format_code(ivan.code or ""), "name": ivan.full_name, "senior": "1", "disability": "1",
        "wheelchair": "1", "method": "scan", "over_capacity": "0",
    }  # fmt: skip
    (trip_row,) = read_csv(folder / "trips.csv")  # with the corrections of later weeks applied
    assert trip_row == {
        "trip_id": trip["id"], "date": "2026-11-17", "departure": "09:00", "return": "2026-11-17 12:00",
        "vehicle": "Renault Trafic", "plate": "HN-4521", "driver": "Edgars Putniņš", "purpose": "excursion",
        "destination": "Rēzekne, Zeimuļs", "odometer_start": "1000", "odometer_end": "1042", "km": "42",
        "passengers": "2",
        "wheelchair_users": "1", "lift_uses": "1", "escorts": "1", "guests": "0", "safety_check": "1", "note": "",
        "project": "",
    }  # fmt: skip
    passengers = read_csv(folder / "passengers.csv")
    assert next(r for r in passengers if r["name"] == ivan.full_name) == {
        "trip_id": trip["id"], "date": "2026-11-17", "destination": "Rēzekne, Zeimuļs", "boarded": "08:55",
        "participant_code": format_code(ivan.code or ""), "name": ivan.full_name, "method": "scan",
        "wheelchair": "1", "lift": "1", "escorts": "1", "over_capacity": "0",
    }  # fmt: skip

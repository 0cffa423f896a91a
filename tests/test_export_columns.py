"""Each bundle column's header sits over its own value: every column of a row checked against the records."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.weekly import export_week
from sessions.codes import format_code
from sessions.i18n import _, set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre, read_csv
from tui.cli import main

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


def said_in(language: str, text: str) -> str:
    """`text` as the catalogue of `language` says it."""
    set_language(language)
    try:
        return _(text)
    finally:
        set_language("en")


def _cells(path: Path) -> list[list[str]]:
    """A CSV's rows as lists, its header left out: a file in the reader's words has headers in their language."""
    return [row for row in csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";")][1:]


#: (sheet, column key, stable value, the words a person reads): the values said in the reader's language.
WORDS = [
    ("attendance", "method", "scan", "card scanned"),
    ("attendance", "method", "manual", "by name"),
    ("passengers", "method", "scan", "card scanned"),
    ("timetable", "status", "held", "held"),
    ("timetable", "status", "cancelled", "cancelled"),
    ("timetable", "change", "added", "added (one-off)"),
    ("timetable", "change", "moved", "moved"),
]
#: Yes/no columns of each sheet: 1 or 0 with column keys, the language's yes or no for people.
FLAGS = {
    "sessions": ["planned"],
    "attendance": ["senior", "disability", "wheelchair", "over_capacity"],
    "passengers": ["wheelchair", "lift", "over_capacity"],
    "trips": ["safety_check"],
}


@pytest.mark.parametrize(("language", "yes", "no"), [("lv", "jā", "nē"), ("ru", "да", "нет")])
def test_values_are_in_the_readers_words_and_stay_stable_keys_for_scripts(
    demo_store: Store, clock: Clock, tmp_path: Path, language: str, yes: str, no: str
) -> None:
    """Two weeks of the demo (a cancelled, an added and a moved session) written both ways: each cell of the
    file for people is its stable value in the reader's words."""
    seen: set[tuple[str, str, str]] = set()
    for week in ("2026-W45", "2026-W46"):
        export_week(demo_store, week, column_keys=True, out=tmp_path / "keys" / week, now=clock())
        set_language(language)
        export_week(demo_store, week, out=tmp_path / "words" / week, now=clock())
        set_language("en")
        for sheet in ("sessions", "attendance", "trips", "passengers", "timetable"):
            keyed = read_csv(tmp_path / "keys" / week / f"{sheet}.csv")
            worded = _cells(tmp_path / "words" / week / f"{sheet}.csv")
            assert len(keyed) == len(worded), sheet
            for by_key, cells in zip(keyed, worded, strict=True):
                said = dict(zip(by_key, cells, strict=True))
                for key in FLAGS.get(sheet, []):
                    assert (by_key[key], said[key]) in {("1", yes), ("0", no)}, (sheet, key)
                for name, key, value, words in WORDS:
                    if name == sheet and by_key[key] == value:
                        assert said[key] == said_in(language, words), (sheet, key, value)
                        seen.add((sheet, key, value))
    assert seen == {(sheet, key, value) for sheet, key, value, _words in WORDS}  # every case was met


def test_column_keys_on_the_command_line_keep_headers_and_values_stable(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(demo_store.data_dir)
    demo_store.close()
    out = tmp_path / "keys"
    assert (
        main(["--lang", "lv", "export", "--data-dir", data, "--week", "2026-W45", "--column-keys", "--out", str(out)])
        == 0
    )
    attendance = read_csv(out / "attendance.csv")
    assert list(attendance[0]) == [
        "session_id", "date", "activity", "checked_in", "participant_code", "name", "senior", "disability",
        "wheelchair", "method", "over_capacity",
    ]  # fmt: skip
    assert {r["method"] for r in attendance} == {"scan", "manual"} and {r["senior"] for r in attendance} <= {"0", "1"}
    assert {r["status"] for r in read_csv(out / "timetable.csv")} == {"held", "cancelled"}
    report = tmp_path / "report"
    assert (
        main(
            ["--lang", "ru", "report", "--data-dir", data, "--month", "2026-11", "--column-keys", "--out", str(report)]
        )
        == 0
    )
    weekdays = {r["weekday"] for r in read_csv(report / "regular_sessions.csv")}
    assert weekdays == {"monday", "tuesday", "wednesday", "thursday", "friday"}
    assert (
        main(["--lang", "ru", "report", "--data-dir", data, "--month", "2026-11", "--out", str(tmp_path / "ru")]) == 0
    )
    days = {row[0] for row in _cells(tmp_path / "ru" / "regular_sessions.csv")}
    assert days == {said_in("ru", day) for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")}


def test_an_xlsx_for_people_says_yes_and_no_too(demo_store: Store, clock: Clock, tmp_path: Path) -> None:
    set_language("lv")
    (book,) = export_week(demo_store, "2026-W45", fmt="xlsx", out=tmp_path, now=clock()).paths
    set_language("en")
    sheet = load_workbook(book)[said_in("lv", "Attendance")]
    senior = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert senior and set(senior) <= {"jā", "nē"}

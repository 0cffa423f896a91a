"""The weekly bundle: every device's logs, read back as a spreadsheet would read them."""

from __future__ import annotations

import stat
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.periods import last_complete_week
from exports.weekly import BUNDLE, export_week
from sessions.codes import format_code
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre, read_csv

W47 = ("2026-11-16", "2026-11-22")


@pytest.fixture
def centre(store: Store, clock: Clock) -> Centre:
    return Centre(store, clock())


def test_the_bundle_holds_every_device_once_without_voids(centre: Centre, store: Store) -> None:
    result = export_week(store, "2026-W47")
    folder = store.data_dir / "exports" / "2026-W47"
    assert [p.name for p in result.paths] == [f"{name}.csv" for name in BUNDLE]
    assert all(p.parent == folder for p in result.paths)

    sessions = centre.standing("sessions", *W47)
    checkins = centre.standing("checkins", *W47)
    rows = read_csv(folder / "sessions.csv")
    assert sorted(r["Session id"] for r in rows) == sorted(s["id"] for s in sessions)
    assert len(rows) == 3  # the copied session counts once
    per_session = Counter(c["session_id"] for c in checkins)
    assert {r["Session id"]: int(r["Attendances"]) for r in rows} == dict(per_session)
    assert {r["Laptop"] for r in rows} == {centre.here, centre.other}

    attendance = read_csv(folder / "attendance.csv")
    assert len(attendance) == len(checkins) == result.attendances
    names = {r["Name"] for r in attendance}
    assert {"Иван Петров", "Jānis Bērziņš", "Anna Kalniņa", "Галина Иванова"} <= names
    galina_gym = [r for r in attendance if r["Session id"] == centre.gym["id"] and r["Name"] == "Галина Иванова"]
    assert galina_gym == []  # her check-in there was voided
    ivan = next(r for r in attendance if r["Name"] == "Иван Петров")
    assert ivan["Participant code"] == format_code(centre.ivan.code or "")
    assert (ivan["Senior"], ivan["Disability"], ivan["Wheelchair user"]) == ("yes", "yes", "yes")
    assert ivan["Date"] == "2026-11-16" and ivan["Checked in at"] == "10:03"


def test_trips_leave_voids_out_and_take_corrections_in_order(centre: Centre, store: Store) -> None:
    export_week(store, "2026-W47")
    folder = store.data_dir / "exports" / "2026-W47"
    trips = read_csv(folder / "trips.csv")
    assert [t["Trip id"] for t in trips] == [t["id"] for t in centre.standing("trips", *W47)]
    (row,) = trips
    # Two corrections: 1040→1050 this week, then 1050→1042 (and the destination) the week after.
    assert row["Odometer at end"] == "1042" and row["Km"] == str(1042 - 1000)
    assert row["Destination"] == "Rēzekne, Zeimuļs"
    boardings = centre.standing("boardings", *W47)
    assert row["Passengers"] == str(len(boardings))
    assert row["Wheelchair users"] == str(sum(1 for b in boardings if b["wheelchair"]))
    assert row["Escorts"] == str(sum(b["escorts"] for b in boardings))
    passengers = read_csv(folder / "passengers.csv")
    assert sorted(p["Name"] for p in passengers) == sorted(["Иван Петров", "Anna Kalniņa"])
    assert "Ķērsti Žagare" not in {p["Name"] for p in passengers}  # she rode only on the voided trip


def test_summary_separates_attendances_from_unique_persons(centre: Centre, store: Store) -> None:
    export_week(store, "2026-W47", column_keys=True)
    rows = read_csv(store.data_dir / "exports" / "2026-W47" / "summary.csv")
    value = {(r["measure"], r["breakdown"]): int(r["value"]) for r in rows}
    checkins = centre.standing("checkins", *W47)
    boardings = centre.standing("boardings", *W47)
    assert value["attendances", "all"] == len(checkins)
    assert value["unique_persons_sessions", "all"] == len({c["participant_id"] for c in checkins})
    assert value["attendances", "all"] > value["unique_persons_sessions", "all"]
    persons = {c["participant_id"] for c in checkins} | {b["participant_id"] for b in boardings}
    assert value["unique_persons", "all"] == len(persons)
    assert value["unique_passengers", "all"] == len({b["participant_id"] for b in boardings})


def test_pseudonymised_bundle_has_codes_but_no_names_or_health(centre: Centre, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "for-funder"
    result = export_week(store, "2026-W47", out=out, pseudonymise=True, delimiter=",")
    text = "".join(p.read_bytes().decode("utf-8-sig") for p in result.paths)
    for person in (centre.anna, centre.janis, centre.ivan, centre.galina):
        assert person.last_name not in text
    attendance = read_csv(out / "attendance.csv", delimiter=",")
    assert set(attendance[0]) == {
        "Session id",
        "Date",
        "Activity",
        "Checked in at",
        "Participant code",
        "Senior",
        "Method",
        "Let in over capacity",
    }
    assert format_code(centre.ivan.code or "") in {r["Participant code"] for r in attendance}
    assert "Wheelchair users" not in read_csv(out / "trips.csv", delimiter=",")[0]
    assert "Rode in a wheelchair" not in read_csv(out / "passengers.csv", delimiter=",")[0]


def test_files_are_owner_only(centre: Centre, store: Store) -> None:
    for path in export_week(store, "2026-W47").paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_week_writes_headers_and_says_so(store: Store) -> None:
    result = export_week(store, "2026-W10")
    assert result.empty
    for path in result.paths:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        assert len(path.read_text("utf-8-sig").splitlines()) >= 1
    assert read_csv(result.paths[0]) == []


def test_the_year_boundary_week_has_both_years(centre: Centre, store: Store) -> None:
    export_week(store, "2026-W53", column_keys=True)
    rows = read_csv(store.data_dir / "exports" / "2026-W53" / "sessions.csv")
    assert sorted(r["date"] for r in rows) == ["2026-12-31", "2027-01-01"]
    export_week(store, "2027-W01", column_keys=True)
    rows = read_csv(store.data_dir / "exports" / "2027-W01" / "sessions.csv")
    assert [r["session_id"] for r in rows] == [centre.first_monday["id"]]


def test_xlsx_holds_the_same_sheets(centre: Centre, store: Store) -> None:
    (path,) = export_week(store, "2026-W47", fmt="xlsx", column_keys=True).paths
    assert path.suffix == ".xlsx" and stat.S_IMODE(path.stat().st_mode) == 0o600
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == list(BUNDLE)
    attendance = list(book["attendance"].iter_rows(values_only=True))
    assert attendance[0][:5] == ("session_id", "date", "activity", "checked_in", "participant_code")
    assert len(attendance) - 1 == len(centre.standing("checkins", *W47))
    assert "Иван Петров" in {row[5] for row in attendance[1:]}


def test_last_complete_week_is_the_week_before() -> None:
    from datetime import date

    assert last_complete_week(date(2026, 11, 23)) == "2026-W47"
    assert last_complete_week(date(2027, 1, 4)) == "2026-W53"
    assert last_complete_week(date(2027, 1, 10)) == "2026-W53"

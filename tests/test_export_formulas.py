"""Text that a spreadsheet would run as a formula is written as text, whichever way it entered the centre."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.spreadsheet import Column, Sheet, csv_bytes, xlsx_bytes
from exports.weekly import export_week
from sessions.attendance import start_session
from sessions.boarding import board
from sessions.checkin import check_in
from sessions.clock import week_key
from sessions.import_columns import guess_mapping
from sessions.importing import import_participants, plan_import, read_table
from sessions.store import Store
from sessions.trips import open_trip
from tests.conftest import Clock
from tests.export_helpers import read_csv
from tests.pilot_helpers import open_trip_form, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.driver.boarding import BoardingScreen

PAYLOAD = "-2+3+cmd|' /C calc'!A0"
STARTS = ["=1+2", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _read_back(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_every_text_that_could_start_a_formula_gets_an_apostrophe_and_numbers_stay_numbers() -> None:
    sheet = Sheet("t", "T", [Column(f"c{i}", f"C{i}") for i in range(len(STARTS) + 4)])
    sheet.rows.append([*STARTS, -5, -2.5, "plain", "a-b"])
    (_headers, row) = _read_back(csv_bytes(sheet))
    assert row[: len(STARTS)] == ["'" + text for text in STARTS]
    assert row[len(STARTS) :] == ["-5", "-2.5", "plain", "a-b"]


def test_xlsx_keeps_such_text_as_text_without_an_apostrophe() -> None:
    sheet = Sheet("t", "T", [Column(f"c{i}", f"C{i}") for i in range(len(STARTS) + 2)])
    sheet.rows.append([*STARTS, PAYLOAD, -5])
    book = load_workbook(io.BytesIO(xlsx_bytes([sheet])))
    cells = next(book.worksheets[0].iter_rows(min_row=2))
    for cell, text in zip(cells, [*STARTS, PAYLOAD], strict=False):
        # A string as typed: not a formula, no apostrophe (XML reads a lone CR back as a line feed).
        assert cell.data_type == "s" and cell.value == text.replace("\r", "\n")
    assert cells[-1].data_type == "n" and cells[-1].value == -5


def _import(store: Store, tmp_path: Path, clock: Clock) -> str:
    path = tmp_path / "list.csv"
    path.write_text(f"Vārds;Uzvārds;Dzimšanas gads\n{PAYLOAD};Kalniņa;1950\n", encoding="utf-8")
    table = read_table(path)
    plan = plan_import(table, guess_mapping(table.headers), store.registry, clock().date())
    (person,) = import_participants(store.registry, plan, clock())
    assert person.first_name == PAYLOAD
    return person.code or ""


def test_an_imported_name_comes_out_escaped_in_attendance_and_passengers(
    demo_store: Store, tmp_path: Path, clock: Clock
) -> None:
    code = _import(demo_store, tmp_path, clock)
    registry = demo_store.registry
    activity, vehicle = registry.items("activities")[0], registry.items("vehicles")[0]
    session = start_session(demo_store, activity["id"], "Zāle", "Olga", clock())
    assert check_in(session, registry, code, clock()).outcome.name == "CHECKED_IN"
    trip = open_trip(
        demo_store,
        vehicle_id=vehicle["id"],
        driver="Edgars",
        purpose="excursion",
        destination="Rēzekne",
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )
    board(trip, registry, code, clock())
    folder = tmp_path / "out"
    export_week(demo_store, week_key(clock()), out=folder)
    for name in ("attendance.csv", "passengers.csv"):
        names = [r["Name"] for r in read_csv(folder / name)]
        assert f"'{PAYLOAD} Kalniņa" in names, name
        assert not any(n.startswith("-") for n in names)


async def test_a_destination_typed_by_the_driver_comes_out_escaped(
    demo_store: Store, tmp_path: Path, clock: Clock
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        await pilot.press(*PAYLOAD, "f5")  # the purpose is not chosen yet: the cursor goes there
        await settle(pilot, lambda: "Choose the purpose of the trip." in screen_text(app))
        await pilot.press("enter", "down", "enter")
        await settle(pilot, lambda: not form.query_one("#purpose").is_blank())  # type: ignore[attr-defined]
        await pilot.press("tab", "space", "f5")  # the safety check, next after the purpose
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        await settle(pilot, lambda: "Ready" in screen_text(app))
        assert app.screen.trip.record["destination"] == PAYLOAD  # type: ignore[attr-defined]
    folder = tmp_path / "out"
    export_week(demo_store, week_key(clock()), out=folder)
    trips = read_csv(folder / "trips.csv")
    assert [t["Destination"] for t in trips if t["Destination"].endswith("A0")] == [f"'{PAYLOAD}"]


@pytest.mark.parametrize("text", STARTS)
def test_the_rule_is_the_one_published_by_owasp(text: str) -> None:
    sheet = Sheet("t", "T", [Column("c", "C")], [[text]])
    assert _read_back(csv_bytes(sheet))[1] == ["'" + text]


def test_a_control_character_in_an_imported_name_is_not_kept_and_the_xlsx_export_still_writes(
    demo_store: Store, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Vārds;Uzvārds;Dzimšanas gads\nJā\x11nis;Kal\x1bniņš;1950\n", encoding="utf-8")
    table = read_table(path)
    plan = plan_import(table, guess_mapping(table.headers), demo_store.registry, clock().date())
    (person,) = import_participants(demo_store.registry, plan, clock())
    assert (person.first_name, person.last_name) == ("Jānis", "Kalniņš")
    session = start_session(demo_store, demo_store.registry.items("activities")[0]["id"], "Zāle", "Olga", clock())
    assert check_in(session, demo_store.registry, person.code or "", clock()).outcome.name == "CHECKED_IN"
    export_week(demo_store, week_key(clock()), out=tmp_path / "out", fmt="xlsx")
    assert list((tmp_path / "out").glob("*.xlsx"))


def test_a_control_character_kept_from_older_data_does_not_stop_the_xlsx_export() -> None:
    sheet = Sheet("t", "T", [Column("name", "Name"), Column("note", "Note")])
    sheet.rows.append(["Jā\x11nis", "=\x01x"])
    cells = next(load_workbook(io.BytesIO(xlsx_bytes([sheet]))).worksheets[0].iter_rows(min_row=2))
    assert [c.value for c in cells] == ["Jā\ufffdnis", "=\ufffdx"]
    assert all(c.data_type == "s" for c in cells)

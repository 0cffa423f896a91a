"""Texts longer than their field and lists larger than can be read are refused with a sentence naming the limit."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from textual import events

from sessions.import_columns import guess_mapping
from sessions.importing import ImportProblem, plan_import, read_table
from sessions.limits import FIELD_LENGTHS, LIST_BYTES, LIST_ROWS, XLSX_PART_BYTES
from sessions.registry import EntryError
from sessions.store import Store
from sessions.trips import open_trips
from sessions.vehicles import save_vehicle
from tests.conftest import Clock
from tests.pilot_helpers import open_trip_form, screen_text, settle
from tui.app import CentrelogApp
from tui.cli import main
from tui.screens.staff.participant_form import ParticipantForm
from tui.screens.staff.participants import ParticipantsScreen

HEADERS = ["Vārds", "Uzvārds", "Dzimšanas gads"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_a_3000_character_name_is_a_row_error_that_says_the_limit(store: Store, tmp_path: Path, clock: Clock) -> None:
    path = _csv(tmp_path / "list.csv", [HEADERS, ["Anna", "K" * 3000, "1950"], ["Jānis", "Ozols", "1951"]])
    table = read_table(path)
    plan = plan_import(table, guess_mapping(table.headers), store.registry, clock().date())
    assert plan.problems() == ["Row 2: the last name is 3,000 characters long; at most 80 are allowed."]
    assert [r.values["first_name"] for r in plan.ready()] == ["Jānis"]


def test_the_register_refuses_long_texts_wherever_they_are_typed(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    person = registry.participants()[0]
    long = "x" * (FIELD_LENGTHS["neighbourhood"] + 1)
    with pytest.raises(EntryError, match="neighbourhood is 81 characters long; at most 80"):
        registry.update_participant(person.id, clock(), neighbourhood=long)
    with pytest.raises(EntryError, match="name is 81 characters long"):
        registry.add_item("places", clock(), name=long)
    vehicle = registry.items("vehicles")[0]
    with pytest.raises(EntryError, match="number plate is 17 characters long; at most 16"):
        save_vehicle(registry, clock(), vehicle["id"], **{**vehicle, "plate": "P" * 17})
    assert registry.participant(person.id) == person


async def _paste(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_the_participant_form_says_the_limit(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantForm))
        await pilot.press(*"Zane", "enter")
        await _paste(pilot, "K" * 3000)
        await pilot.press("f5")
        await settle(pilot, lambda: "at most 80 are allowed" in screen_text(app))
        assert "The last name is 3,000 characters long" in screen_text(app)
        assert store.registry.participants() == []


async def test_the_trip_form_says_the_limit_of_the_destination(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        await _paste(pilot, "Rēzekne " * 40)  # the cursor starts in the destination
        await pilot.press("f5")
        await settle(pilot, lambda: "Choose the purpose of the trip." in screen_text(app))
        await pilot.press("enter", "down", "enter")
        await settle(pilot, lambda: not form.query_one("#purpose").is_blank())  # type: ignore[attr-defined]
        await pilot.press("tab", "space", "f5")  # the safety check, next after the purpose
        await settle(pilot, lambda: "The destination is 319 characters long; at most 120" in screen_text(app))
        assert app.screen is form and app.focused is form.query_one("#destination")
    assert open_trips(demo_store) == []


def _xlsx_with_one_cell(path: Path, text_size: int) -> Path:
    """A real workbook whose one data cell holds `text_size` letters (packed small: they repeat)."""
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append(["Anna", "PLACEHOLDER", 1950])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if b"PLACEHOLDER" in data:
                data = data.replace(b"PLACEHOLDER", b"a" * text_size)
            target.writestr(part.filename, data)
    return path


def test_an_xlsx_with_a_huge_cell_is_refused_before_it_is_unpacked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xlsx_with_one_cell(tmp_path / "list.xlsx", XLSX_PART_BYTES + 5_000_000)
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblem, match=r"unpacks to 25\.0 MB; at most 20\.0 MB can be read"):
            read_table(path)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # the cell was never built
    assert main(["import", str(path), "--dry-run", "--data-dir", str(tmp_path / "data")]) == 6
    assert "unpacks to" in capsys.readouterr().err


def test_a_long_cell_within_the_limits_is_read_and_refused_by_its_field(store: Store, tmp_path: Path) -> None:
    path = _xlsx_with_one_cell(tmp_path / "list.xlsx", 100_000)
    table = read_table(path)
    plan = plan_import(table, guess_mapping(table.headers), store.registry, Clock()().date())
    assert plan.ready() == []
    assert plan.problems() == ["Row 2: the last name is 100,000 characters long; at most 80 are allowed."]


def test_lists_too_large_are_refused_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"Vards;Uzvards\r\n" + b"Anna;Ozola\r\n" * (LIST_BYTES // 12 + 1))
    with pytest.raises(ImportProblem, match=r"at most 10\.0 MB"):
        read_table(big)
    people = [["Anna", f"Ozola{n}", "1950"] for n in range(LIST_ROWS)]
    with pytest.raises(ImportProblem, match="more than 20,000 rows"):
        read_table(_csv(tmp_path / "long.csv", [HEADERS, *people]))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [HEADERS, *people]:
        sheet.append(row)
    book.save(tmp_path / "long.xlsx")
    with pytest.raises(ImportProblem, match="more than 20,000 rows"):
        read_table(tmp_path / "long.xlsx")
    assert len(read_table(_csv(tmp_path / "fits.csv", [HEADERS, *people[1:]])).rows) == LIST_ROWS - 1


def test_a_cell_larger_than_csv_can_hold_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    path = _csv(tmp_path / "list.csv", [HEADERS, ["Anna", "Ozola", "1950"], ["Anna", '"' + "x" * 200_000, "1950"]])
    with pytest.raises(ImportProblem, match="Line 3 of the file cannot be read"):
        read_table(path)


def test_a_name_keeps_no_direction_marks_and_must_have_a_letter(store: Store, clock: Clock) -> None:
    registry = store.registry
    person = registry.add_participant(clock(), first_name="Ilze\u202e", last_name="\u2067Ozola\u2069")
    assert (person.first_name, person.last_name) == ("Ilze", "Ozola")
    before = len(registry.participants())
    accents_only = {"first_name": "Ilze", "last_name": "\u0301\u0308"}  # accents on nothing are dropped
    digits = {"first_name": "12", "last_name": "Ozola"}
    for fields, said in ((accents_only, "The last name is missing."), (digits, "The first name has no letter.")):
        with pytest.raises(EntryError) as refused:
            registry.add_participant(clock(), **fields)
        assert refused.value.message == said
    assert len(registry.participants()) == before


def test_invisible_characters_do_not_make_a_second_jānis(store: Store, clock: Clock) -> None:
    registry = store.registry
    for typed in ("Jā\u200bnis", "\ufeffJānis", "Jā\u00adnis", "\u0301Jānis", "J\u200dānis"):
        person = registry.add_participant(clock(), first_name=typed, last_name="Bērziņš")
        assert person.first_name == "Jānis", repr(typed)

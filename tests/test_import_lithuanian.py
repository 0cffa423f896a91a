"""A partner centre's list in Lithuanian: its headings, its words for gender, groups and yes, as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from sessions.import_columns import guess_mapping
from sessions.importing import describe_mapping, import_participants, plan_import, read_table
from sessions.store import Store
from tests.conftest import Clock

TODAY = date(2026, 11, 23)
HEADERS = [
    "Pavardė",
    "Vardas",
    "Gimimo metai",
    "Lytis",
    "Tikslinė grupė",
    "Neįgaliojo vežimėlis",
    "Seniūnija",
    "Kalba",
    "Telefonas",
    "Sutikimas",
]
ROWS = [
    ["Kazlauskienė", "Ona", "1946", "M", "pensininkė", "taip", "Zarasų sen.", "", "+370 61234567", "taip"],
    ["Petrauskas", "Jonas", "1950", "V", "senjoras, neįgalus", "ne", "Dusetų seniūnija", "lietuvių", "", ""],
    ["Žukauskaitė", "Rūta", "1958", "moteris", "", "ne", "Antazavės seniūnija", "rusų", "", "2025-03-01"],
]


def _plan(path: Path, store: Store):  # type: ignore[no-untyped-def]
    table = read_table(path)
    return plan_import(table, guess_mapping(table.headers), store.registry, TODAY)


def _people(plan) -> list[tuple[str, str, int, str, list[str], str, str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (
            v["first_name"],
            v["last_name"],
            v["birth_year"],
            v["gender"],
            v["groups"],
            v["neighbourhood"],
            v["language"],
            v["contact"],
            v["consent_date"],
        )
        for v in (r.values for r in plan.ready())
    ]


EXPECTED = [
    ("Ona", "Kazlauskienė", 1946, "F", ["senior", "wheelchair"], "Zarasų sen.", "lt", "+370 61234567", "2026-11-23"),
    ("Jonas", "Petrauskas", 1950, "M", ["senior", "disability"], "Dusetų seniūnija", "lt", "", None),
    ("Rūta", "Žukauskaitė", 1958, "F", [], "Antazavės seniūnija", "ru", "", "2025-03-01"),
]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1257"])
def test_a_lithuanian_csv_is_read_by_its_own_headings_and_words(store: Store, tmp_path: Path, encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([HEADERS, *ROWS])
    path = tmp_path / "dalyviai.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    plan = _plan(path, store)
    assert plan.bad == []
    assert _people(plan) == EXPECTED
    said = describe_mapping(plan.source.headers, plan.mapping)
    assert "target group: wheelchair ← “Neįgaliojo vežimėlis”" in said
    assert not any(line.startswith("no column") for line in said)


def test_a_lithuanian_xlsx_with_dates_and_numbers_in_cells(store: Store, tmp_path: Path, clock: Clock) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Vardas ir pavardė", "Gimimo data", "Lytis", "Neįgaliojo vežimėlis", "Sutikimas"])
    sheet.append(["Ona Kazlauskienė", datetime(1946, 5, 17), "M", "Taip", datetime(2025, 2, 3)])
    sheet.append(["Jonas Petrauskas", 1950.0, "V", "Ne", None])
    path = tmp_path / "dalyviai.xlsx"
    book.save(path)
    plan = _plan(path, store)
    assert [(v["first_name"], v["last_name"], v["birth_year"], v["gender"], v["groups"], v["language"]) for v in
            (r.values for r in plan.ready())] == [
        ("Ona", "Kazlauskienė", 1946, "F", ["wheelchair"], "lt"),
        ("Jonas", "Petrauskas", 1950, "M", [], "lt"),
    ]  # fmt: skip
    assert plan.ready()[0].values["consent_date"] == "2025-02-03"
    added = import_participants(store.registry, plan, clock())
    assert [(p.full_name, p.language) for p in added] == [("Ona Kazlauskienė", "lt"), ("Jonas Petrauskas", "lt")]


def test_m_is_still_a_man_in_a_list_headed_in_another_language(store: Store, tmp_path: Path) -> None:
    """Only a Lithuanian list reads M as moteris: elsewhere M is male, as it was."""
    path = tmp_path / "list.csv"
    path.write_text("First name;Last name;Gender\r\nJohn;Smith;M\r\n", encoding="utf-8")
    assert _plan(path, store).ready()[0].values["gender"] == "M"

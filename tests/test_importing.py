"""Bulk import: any delimiter and encoding, XLSX, plain-word errors, duplicates, one write, cards."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from sessions.import_columns import _HEADERS, FIELD_LABELS, FIELDS, guess_mapping
from sessions.importing import ImportProblem, import_participants, override_mapping, plan_import, read_table
from sessions.participants import PARTICIPANT_FIELDS
from sessions.storage.durable import load_json
from sessions.store import Store
from tests.card_decoding import decode, pdf_pages
from tests.conftest import Clock, own_registry
from tui.cli import main

HEADERS_LV = ["Uzvārds", "Vārds", "Dzimšanas gads", "Dzimums", "Grupa", "Apkaime", "Valoda", "Piekrišana"]
GOOD_LV = [
    ["Bērziņa", "Ērika", "1947", "s", "pensionāre", "Ķīmiķu ciems", "", "jā"],
    ["Ozoliņš", "Jānis", "1951", "v", "pensionārs, ratiņkrēsls", "Grīva", "latviešu", "01.03.2025"],
]
TODAY = date(2026, 11, 23)


def _csv(path: Path, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _plan(path: Path, store: Store, **overrides: str):  # type: ignore[no-untyped-def]
    table = read_table(path)
    mapping = override_mapping(table.headers, guess_mapping(table.headers), overrides)
    return plan_import(table, mapping, store.registry, TODAY)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "expected"),
    [(";", "utf-8-sig", "utf-8-sig"), (",", "utf-8", "utf-8"), ("\t", "utf-16", "utf-16"), (";", "cp1257", "cp1257")],
)
def test_delimiters_and_encodings_read_the_same_people(
    store: Store, tmp_path: Path, delimiter: str, encoding: str, expected: str
) -> None:
    path = _csv(tmp_path / "list.csv", [HEADERS_LV, *GOOD_LV], delimiter=delimiter, encoding=encoding)
    plan = _plan(path, store)
    assert plan.source.encoding == expected and plan.source.delimiter == delimiter
    assert plan.source.headers == HEADERS_LV  # no BOM glued to the first header
    assert [(r.values["first_name"], r.values["last_name"]) for r in plan.ready()] == [
        ("Ērika", "Bērziņa"),
        ("Jānis", "Ozoliņš"),
    ]
    first, second = (r.values for r in plan.ready())
    assert first["gender"] == "F" and first["groups"] == ["senior"] and first["consent_date"] == TODAY.isoformat()
    assert first["neighbourhood"] == "Ķīmiķu ciems"
    assert second["groups"] == ["senior", "wheelchair"] and second["consent_date"] == "2025-03-01"


def test_a_russian_list_in_cp1251_with_its_own_headers(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Фамилия", "Имя", "Год рождения", "Пол", "Группа", "Район", "Язык", "Согласие"],
        ["Петрова", "Нина", "1944", "ж", "пенсионер, инвалид", "Новое Строение", "", "да"],
        ["Щукин", "Ёжик", "1950", "м", "инвалидная коляска", "Гайок", "русский", ""],
    ]
    plan = _plan(_csv(tmp_path / "ru.csv", rows, encoding="cp1251"), store)
    assert plan.source.encoding == "cp1251"
    nina, ezhik = (r.values for r in plan.ready())
    assert (nina["last_name"], nina["gender"], nina["groups"], nina["language"]) == (
        "Петрова",
        "F",
        ["senior", "disability"],
        "ru",
    )
    assert (ezhik["first_name"], ezhik["groups"], ezhik["consent_date"]) == ("Ёжик", ["wheelchair"], None)


def test_bad_rows_are_explained_in_plain_words_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    rows = [
        HEADERS_LV,
        *GOOD_LV,
        ["Kalniņa", "Anna", "19x8", "s", "", "", "", ""],
        ["Liepa", "", "1950", "sieviete", "", "", "", ""],
        ["Zariņš", "Kārlis", "1940", "X", "citi", "", "vācu", "31.02.2025"],
    ]
    before = own_registry(store.data_dir).read_bytes() if own_registry(store.data_dir).exists() else None
    plan = _plan(_csv(tmp_path / "bad.csv", rows), store)
    problems = plan.problems()
    assert [r.number for r in plan.bad] == [4, 5, 6]
    assert any(p.startswith("Row 4:") and "19x8" in p and "four digits" in p for p in problems)
    assert "Row 5: The first name is missing." in problems
    row6 = [p for p in problems if p.startswith("Row 6:")]
    assert len(row6) == 4  # gender, group, language and consent each named
    assert any("“X”" in p for p in row6) and any("citi" in p for p in row6) and any("31.02.2025" in p for p in row6)
    after = own_registry(store.data_dir).read_bytes() if own_registry(store.data_dir).exists() else None
    assert before == after and store.registry.participants() == []


def test_likely_duplicates_in_the_file_and_in_the_register(demo_store: Store, tmp_path: Path) -> None:
    known = next(p for p in demo_store.registry.participants() if p.birth_year and not p.archived)
    rows = [
        HEADERS_LV,
        *GOOD_LV,
        ["BERZINA", "erika", "1947", "", "", "", "", ""],  # the same as row 2, typed differently
        [known.last_name, known.first_name, str(known.birth_year), "", "", "", "", ""],
        ["Bērziņa", "Ērika", "1950", "", "", "", "", ""],
    ]  # another year: another person
    plan = _plan(_csv(tmp_path / "dup.csv", rows), demo_store)
    assert [r.number for r in plan.duplicates] == [4, 5]
    assert "row 2" in (plan.rows[2].duplicate or "") and "already registered" in (plan.rows[3].duplicate or "")
    assert len(plan.ready()) == 3 and len(plan.ready(include_duplicates=True)) == 5


def test_an_xlsx_list_with_numbers_and_dates_in_cells(store: Store, tmp_path: Path, clock: Clock) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First name", "Last name", "Date of birth", "Gender", "Target group", "Consent"])
    sheet.append(["Valdis", "Āboliņš", datetime(1946, 5, 17), "M", "senior", datetime(2025, 2, 3)])
    sheet.append(["Nina", "Ivanova", 1952.0, "F", "disability", None])
    sheet.append([None, None, None, None, None, None])  # an empty row is no error
    sheet.append(["Olga", "Sidorova", "1880", "F", None, None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    plan = _plan(path, store)
    assert plan.source.kind == "xlsx"
    assert [(r.values["last_name"], r.values["birth_year"]) for r in plan.ready()] == [
        ("Āboliņš", 1946),
        ("Ivanova", 1952),
    ]
    assert plan.ready()[0].values["consent_date"] == "2025-02-03"
    assert [r.number for r in plan.bad] == [5]  # the spreadsheet's own row number
    added = import_participants(store.registry, plan, clock())
    assert [p.full_name for p in added] == ["Valdis Āboliņš", "Nina Ivanova"]
    assert all(p.code for p in added)


def test_the_mapping_can_be_chosen_by_hand(store: Store, tmp_path: Path) -> None:
    rows = [["Persona", "Dzimis", "Piezīmes"], ["Jānis Bērziņš", "1948", "x"]]
    path = _csv(tmp_path / "odd.csv", rows)
    with pytest.raises(ImportProblem, match="first and last names"):
        _plan(path, store)
    plan = _plan(path, store, full_name="Persona", birth_year="2")
    values = plan.ready()[0].values
    assert (values["first_name"], values["last_name"], values["birth_year"]) == ("Jānis", "Bērziņš", 1948)
    with pytest.raises(ImportProblem, match="no column"):
        _plan(path, store, full_name="Nobody")


def test_files_that_are_not_lists_are_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="no file"):
        read_table(tmp_path / "missing.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportProblem, match=r"\.xlsx"):
        read_table(tmp_path / "old.xls")
    (tmp_path / "empty.csv").write_bytes(b"\r\n\r\n")
    with pytest.raises(ImportProblem, match="empty"):
        read_table(tmp_path / "empty.csv")


def _big_list(path: Path) -> dict[int, str]:
    """300 people, with a few bad rows; returns row number → what is wrong with it."""
    rows = [HEADERS_LV]
    for i in range(300):
        rows.append(
            [
                f"Kalniņš-{i}",
                "Pēteris" if i % 2 else "Skaidrīte",
                str(1930 + i % 60),
                "v" if i % 2 else "s",
                "pensionārs",
                "Centrs",
                "",
                "jā",
            ]
        )
    bad = {14: "19x8", 52: "first name", 103: "“?”", 250: "row 7"}
    rows[13][2] = "19x8"
    rows[51][1] = ""
    rows[102][3] = "?"
    rows[249] = rows[6][:]  # a copy of row 7
    _csv(path, rows, encoding="cp1257")
    return bad


def test_a_300_row_list_with_a_few_bad_rows_imports_in_one_write(
    demo_store: Store, tmp_path: Path, clock: Clock
) -> None:
    bad = _big_list(tmp_path / "big.csv")
    plan = _plan(tmp_path / "big.csv", demo_store)
    problems = plan.problems()
    assert len(problems) == len(bad)
    for number, words in bad.items():
        assert any(p.startswith(f"Row {number}:") and words in p for p in problems), number
    before = len(demo_store.registry.participants())
    steps: list[tuple[int, int]] = []
    added = import_participants(demo_store.registry, plan, clock(), progress=lambda d, t: steps.append((d, t)))
    assert len(added) == 300 - len(bad) == steps[-1][0] == steps[-1][1]
    on_disk = load_json(own_registry(demo_store.data_dir)) or {}
    assert len(on_disk["participants"]) == before + len(added)
    assert len({p.code for p in added}) == len(added)


def test_the_import_command(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _big_list(tmp_path / "big.csv")
    data = ["--data-dir", str(tmp_path / "copy")]
    # A store of its own: the command takes the folder's lock to write.
    assert main(["import", str(tmp_path / "big.csv"), "--dry-run", *data]) == 5
    out = capsys.readouterr().out
    assert all(f"Row {n}:" in out for n in bad) and "Nothing was written" in out
    with Store(tmp_path / "copy") as copy:
        assert copy.registry.participants() == []
    cards = tmp_path / "new-cards.pdf"
    assert main(["import", str(tmp_path / "big.csv"), "--cards", str(cards), *data]) == 5  # rows were left out
    assert "296 participants added" in capsys.readouterr().out
    with Store(tmp_path / "copy", read_only=True) as copy:
        codes = {p.code for p in copy.registry.participants()}
    assert len(codes) == 296
    assert {c for page in pdf_pages(cards, dpi=150) for c in decode(page)} == codes
    # Importing the same list again finds everyone already registered.
    assert main(["import", str(tmp_path / "big.csv"), "--dry-run", *data]) == 5
    assert "Rows ready: 0," in capsys.readouterr().out
    assert main(["import", str(tmp_path / "missing.csv"), *data]) == 6


def test_an_import_is_written_all_or_nothing(demo_store: Store, tmp_path: Path, clock: Clock) -> None:
    registry = demo_store.registry
    before = (own_registry(demo_store.data_dir)).read_bytes()
    people = len(registry.participants())
    with pytest.raises(RuntimeError), registry.bulk():
        registry.add_participant(clock(), first_name="Ilze", last_name="Roze", code="1234567891")
        raise RuntimeError("the laptop fell")
    assert (own_registry(demo_store.data_dir)).read_bytes() == before
    assert len(registry.participants()) == people and registry.card("1234567891") is None
    path = _csv(tmp_path / "two.csv", [HEADERS_LV, *GOOD_LV])
    added = import_participants(registry, _plan(path, demo_store), clock())
    assert [p.id for p in registry.find("ozolins janis")] == [added[1].id]  # indexes rebuilt after the write
    assert registry.card(added[0].code or "").participant_id == added[0].id  # type: ignore[union-attr]


def test_the_columns_an_import_fills_are_the_participant_fields_and_a_full_name() -> None:
    assert sorted(FIELDS) == sorted((*PARTICIPANT_FIELDS, "full_name"))
    assert FIELDS[:3] == ("last_name", "first_name", "full_name")  # the preview shows the names first
    assert set(FIELD_LABELS) == set(_HEADERS) == set(FIELDS)  # each with its label and its header names

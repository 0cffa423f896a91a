"""Bulk import of participants from a CSV or XLSX list: read, map, check, then one durable write."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sessions.codes import new_code
from sessions.i18n import _
from sessions.import_columns import (
    FIELDS,
    cell_text,
    field_label,
    group_columns,
    header_key,
    in_lithuanian,
    name_order_is_last_first,
    read_birth_year,
    read_consent,
    read_gender,
    read_groups,
    read_language,
    split_full_name,
    ticked,
)
from sessions.limits import FIELD_LENGTHS, LIST_BYTES, LIST_COLUMNS, LIST_ROWS, clipped, too_long
from sessions.list_bounds import file_size_problem, too_many_rows, xlsx_parts_problem
from sessions.names import search_key
from sessions.participants import GROUPS, EntryError, Participant, clean_participant
from sessions.registry import Registry

__all__ = [
    "ImportPlan",
    "ImportProblem",
    "ImportRow",
    "SourceTable",
    "describe_mapping",
    "describe_source",
    "import_participants",
    "override_mapping",
    "plan_import",
    "read_table",
]

_DELIMITERS = ";,\t|"
_SAMPLE_LINES = 30
_SAMPLE_CHARS = 4096  # of each sample line: enough to see the delimiter of any real list


class ImportProblem(Exception):
    """The file as a whole cannot be imported; the message says why in plain words."""


@dataclass(frozen=True)
class SourceTable:
    """A spreadsheet's first sheet: the header row and the rows under it, with their numbers."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    kind: str
    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class ImportRow:
    """One row of the list: the fields read from it, and what stops it from being imported."""

    number: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    duplicate: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.errors else "duplicate" if self.duplicate else "ok"


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until import_participants()."""

    source: SourceTable
    mapping: dict[str, int]
    rows: list[ImportRow]

    def ready(self, include_duplicates: bool = False) -> list[ImportRow]:
        """The rows that would be written."""
        return [r for r in self.rows if not r.errors and (include_duplicates or not r.duplicate)]

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def duplicates(self) -> list[ImportRow]:
        return [r for r in self.rows if r.duplicate and not r.errors]

    def problems(self) -> list[str]:
        """A sentence for every row left out, in the order of the file."""
        return [line for r in self.rows for line in ([*r.errors] + ([r.duplicate] if r.duplicate else []))]


# reading the file ------------------------------------------------------------


def read_table(path: Path) -> SourceTable:
    """Read a CSV (any delimiter, UTF-8, UTF-16, cp1257 or cp1251) or an XLSX file, within the limits."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if problem := file_size_problem(size):
                raise ImportProblem(problem)
            raw = handle.read(min(size, LIST_BYTES) + 1)
            if len(raw) > size:  # a pipe, or a file that grows meanwhile: the rest, up to the limit
                raw += handle.read(LIST_BYTES + 1 - len(raw))
    except FileNotFoundError:
        raise ImportProblem(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise ImportProblem(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as error:
        raise ImportProblem(_("{path} cannot be read: {reason}.").format(path=path, reason=error.strerror)) from None
    if problem := file_size_problem(len(raw)):
        raise ImportProblem(problem)
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(raw)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(_("This is an old Excel file (.xls): save it as .xlsx or CSV and import that."))
    text, encoding = decode(raw)
    return _read_csv(text, encoding)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ImportProblem(_("The file says it is {encoding} but is not.").format(encoding=encoding)) from None
    if b"\x00" in raw[:4096]:
        raise ImportProblem(_("This is not a CSV or XLSX file."))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cyrillic = raw.decode("cp1251", errors="replace")
    words = re.findall(r"[^\W\d_]+", cyrillic)
    pure = sum(1 for w in words if all("\u0400" <= c <= "\u04ff" for c in w))
    mixed = sum(1 for w in words if any("\u0400" <= c <= "\u04ff" for c in w) and re.search(r"[A-Za-z]", w))
    if pure > mixed:
        return cyrillic, "cp1251"
    return raw.decode("cp1257", errors="replace"), "cp1257"


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines into the same number (≥ 2) of columns."""
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","

    def score(candidate: str) -> tuple[int, int, bool]:
        rows = [r for r in csv.reader(lines, delimiter=candidate) if any(c.strip() for c in r)]
        width = len(rows[0]) if rows else 0
        return (width > 1) * sum(1 for r in rows if len(r) == width), width, candidate == sniffed

    return max(_DELIMITERS, key=score)


def _read_csv(text: str, encoding: str) -> SourceTable:
    lines = text.splitlines()
    first = 0
    delimiter = None
    if lines and (match := re.fullmatch(r"\s*sep=(.)\s*", lines[0])):
        delimiter, first = match[1], 1
    delimiter = delimiter or _delimiter([line[:_SAMPLE_CHARS] for line in lines[first : first + _SAMPLE_LINES]])
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    numbered: list[tuple[int, list[Any]]] = []
    try:
        for n, row in enumerate(reader):
            if n >= LIST_ROWS:
                raise ImportProblem(too_many_rows())
            numbered.append((n + first + 1, row[:LIST_COLUMNS]))
    except csv.Error as error:
        message = _("Line {line} of the file cannot be read: {reason}.")
        raise ImportProblem(message.format(line=reader.line_num + first, reason=error)) from None
    return _with_headers(numbered, "csv", encoding, delimiter)


def _read_xlsx(raw: bytes) -> SourceTable:
    import openpyxl

    if problem := xlsx_parts_problem(raw):
        raise ImportProblem(problem)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign zip
        raise ImportProblem(_("The spreadsheet cannot be opened: {reason}.").format(reason=error)) from None
    try:
        return _with_headers(_xlsx_rows(book.worksheets[0]), "xlsx")
    finally:
        book.close()


def _xlsx_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    """The rows of a sheet, at most LIST_ROWS of LIST_COLUMNS cells; a longer list is refused, not cut."""
    if (sheet.max_row or 0) > LIST_ROWS:
        raise ImportProblem(too_many_rows())
    numbered = []
    rows = sheet.iter_rows(max_row=LIST_ROWS + 1, max_col=LIST_COLUMNS, values_only=True)
    for n, row in enumerate(rows, start=1):
        if n > LIST_ROWS:
            if any(value is not None for value in row):
                raise ImportProblem(too_many_rows())
            break
        numbered.append((n, list(row)))
    return numbered


def _with_headers(
    numbered: list[tuple[int, list[Any]]], kind: str, encoding: str | None = None, delimiter: str | None = None
) -> SourceTable:
    filled = [(n, row) for n, row in numbered if any(cell_text(c) for c in row)]
    if not filled:
        raise ImportProblem(_("The file is empty."))
    headers = [clipped(cell_text(c), FIELD_LENGTHS["name"]) for c in filled[0][1]]
    return SourceTable(headers, filled[1:], kind, encoding, delimiter)


# mapping ---------------------------------------------------------------------


def override_mapping(headers: list[str], mapping: dict[str, int], overrides: dict[str, str]) -> dict[str, int]:
    """Change the guessed mapping: field → a header, a column number (1, 2 …) or "" for none."""
    changed = dict(mapping)
    for name, column in overrides.items():
        if name not in FIELDS:
            raise ImportProblem(
                _("“{name}” is not a field; the fields are: {fields}.").format(name=name, fields=", ".join(FIELDS))
            )
        changed.pop(name, None)
        if not column.strip():
            continue
        keys = [header_key(h) for h in headers]
        if column.strip().isdigit() and 1 <= int(column) <= len(headers):
            changed[name] = int(column) - 1
        elif header_key(column) in keys:
            changed[name] = keys.index(header_key(column))
        else:
            raise ImportProblem(_("There is no column “{column}” in the file.").format(column=column))
    return changed


def describe_mapping(headers: list[str], mapping: dict[str, int]) -> list[str]:
    """Which column fills each field, and each yes-or-no column of a target group, then the fields no column
    fills."""
    lines = [
        _("{field} ← “{column}”").format(field=field_label(name), column=headers[mapping[name]])
        for name in FIELDS
        if name in mapping
    ]
    lines += [
        _("{field} ← “{column}”").format(field=f"{field_label('groups')}: {_(group)}", column=headers[index])
        for index, group in group_columns(headers, mapping).items()
    ]
    missing = [field_label(n) for n in FIELDS if n not in mapping and n != "full_name"]
    if missing:
        lines.append(_("no column for {fields}").format(fields=", ".join(missing)))
    return lines


def describe_source(table: SourceTable) -> str:
    """What kind of file was read, and how, in one sentence."""
    rows = len(table.rows)
    if table.kind == "xlsx":
        return _("Excel sheet, {n} rows under the headers.").format(n=rows)
    delimiter = {"\t": _("Tab"), ";": ";", ",": ",", "|": "|"}.get(table.delimiter or ",", table.delimiter)
    return _("CSV in {encoding}, columns split by “{delimiter}”, {n} rows under the headers.").format(
        encoding=table.encoding, delimiter=delimiter, n=rows
    )


# checking the rows -----------------------------------------------------------


def plan_import(table: SourceTable, mapping: dict[str, int], registry: Registry, today: date) -> ImportPlan:
    """Read every row through the mapping, explain each bad row, flag likely duplicates."""
    has_names = {"first_name", "last_name"} <= set(mapping) or "full_name" in mapping
    if not has_names:
        raise ImportProblem(
            _(
                "No columns of first and last names were found. Name them in the first row "
                "(Vārds, Uzvārds / Имя, Фамилия / First name, Last name / Vardas, Pavardė) or choose them by hand."
            )
        )
    last_first = "full_name" in mapping and name_order_is_last_first(table.headers[mapping["full_name"]])
    reading = _Reading(last_first, in_lithuanian(table.headers, mapping), group_columns(table.headers, mapping))
    known = {_person_key(p.first_name, p.last_name, p.birth_year): p for p in registry.participants()}
    seen: dict[tuple[str, str, int | None], int] = {}
    rows = []
    for number, cells in table.rows:
        row = _read_row(number, cells, mapping, reading, today)
        if not row.errors:
            key = _person_key(row.values["first_name"], row.values["last_name"], row.values.get("birth_year"))
            row.duplicate = _duplicate_sentence(row, key, known, seen)
            seen.setdefault(key, number)
        rows.append(row)
    return ImportPlan(table, mapping, rows)


def _person_key(first: str, last: str, year: int | None) -> tuple[str, str, int | None]:
    return " ".join(search_key(first).split()), " ".join(search_key(last).split()), year


def _duplicate_sentence(
    row: ImportRow, key: tuple[str, str, int | None], known: dict[Any, Participant], seen: dict[Any, int]
) -> str | None:
    name = f"{row.values['first_name']} {row.values['last_name']}"
    if key in known:
        person = known[key]
        return _(
            "Row {row}: {name}, born {year}, is already registered{archived}; left out as a likely duplicate."
        ).format(row=row.number, name=name, year=key[2] or "?", archived=_(" (archived)") if person.archived else "")
    if key in seen:
        return _(
            "Row {row}: {name}, born {year}, is the same person as row {first}; left out as a likely duplicate."
        ).format(row=row.number, name=name, year=key[2] or "?", first=seen[key])
    return None


def _cell(cells: list[Any], mapping: dict[str, int], name: str) -> Any:
    index = mapping.get(name)
    return cells[index] if index is not None and index < len(cells) else None


@dataclass(frozen=True)
class _Reading:
    """How a list's cells are read: the last name first in a full name, Lithuanian words, yes-or-no group columns."""

    last_first: bool
    lithuanian: bool
    group_columns: dict[int, str]


def _read_row(number: int, cells: list[Any], mapping: dict[str, int], reading: _Reading, today: date) -> ImportRow:
    """One row as participant fields, each checked by the registry's own rules."""
    values: dict[str, Any] = {}
    if "full_name" in mapping and not ({"first_name", "last_name"} <= set(mapping)):
        full_name = cell_text(_cell(cells, mapping, "full_name"))
        values["first_name"], values["last_name"] = split_full_name(full_name, reading.last_first)
    else:
        values["first_name"] = cell_text(_cell(cells, mapping, "first_name"))
        values["last_name"] = cell_text(_cell(cells, mapping, "last_name"))
    values["birth_year"] = read_birth_year(_cell(cells, mapping, "birth_year"))
    values["gender"] = read_gender(_cell(cells, mapping, "gender"), reading.lithuanian)
    ticked_groups = [g for i, g in reading.group_columns.items() if i < len(cells) and ticked(cells[i])]
    groups = read_groups(_cell(cells, mapping, "groups"))
    values["groups"] = [g for g in GROUPS if g in groups or g in ticked_groups] + [g for g in groups if g not in GROUPS]
    values["neighbourhood"] = cell_text(_cell(cells, mapping, "neighbourhood"))
    values["contact"] = cell_text(_cell(cells, mapping, "contact"))
    row = ImportRow(number, values)
    for name in ("first_name", "last_name", "birth_year", "gender", "groups", "neighbourhood", "contact"):
        if name in FIELD_LENGTHS and (problem := too_long(name, values[name], row=number)):
            row.errors.append(problem)
            continue
        try:
            values.update(clean_participant({name: values[name]}))
        except EntryError as error:
            row.errors.append(_row_error(number, name, values[name], error.message))
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in values["first_name"] + values["last_name"])
    raw_language = _cell(cells, mapping, "language")
    language = read_language(raw_language, cyrillic, "lt" if reading.lithuanian else "lv")
    if language is None:
        row.errors.append(_row_error(number, "language", raw_language, _("The language is lv, ru, en or lt.")))
    values["language"] = language or "lv"
    raw_consent = _cell(cells, mapping, "consent_date")
    try:
        values["consent_date"] = read_consent(raw_consent, today)
    except ValueError:
        values["consent_date"] = None
        message = _("The consent is a date such as 01.03.2025, or yes.")
        row.errors.append(_row_error(number, "consent_date", raw_consent, message))
    return row


def _row_error(number: int, name: str, value: Any, message: str) -> str:
    shown = value if isinstance(value, str) else ", ".join(value) if isinstance(value, list) else cell_text(value)
    shown = clipped(str(shown))
    if not str(shown).strip():
        return _("Row {row}: {message}").format(row=number, message=message)
    return _("Row {row}: the {field} “{value}” is not right. {message}").format(
        row=number, field=field_label(name), value=shown, message=message
    )


# writing ---------------------------------------------------------------------


def import_participants(
    registry: Registry,
    plan: ImportPlan,
    now: datetime,
    *,
    include_duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Participant]:
    """Register every ready row in one durable write (all or none); return the new people."""
    rows = plan.ready(include_duplicates)
    taken = registry.codes_given()  # revoked codes stay taken too
    added: list[Participant] = []
    with registry.bulk():
        for done, row in enumerate(rows, start=1):
            code = new_code(taken)
            taken.add(code)
            added.append(registry.add_participant(now, code=code, **row.values))
            if progress is not None:
                progress(done, len(rows))
    return [registry.participant(p.id) or p for p in added]

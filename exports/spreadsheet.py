"""Tables written so that a spreadsheet opens them right: CSV with BOM and `;`, or one XLSX."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessions.i18n import _
from sessions.storage.durable import atomic_write_bytes

__all__ = ["FORMATS", "Column", "Sheet", "write_sheets"]

FORMATS = ("csv", "xlsx")
DELIMITERS = (";", ",")
# A text cell starting with one of these can be read as a formula by spreadsheet programs (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column: a stable English key, a label shown in the chosen language, what it holds.

    Its cells hold stable values (`scan`, `held`, True); a file made for people says them in its
    reader's words (`words`: each value's text, marked with N_; a flag as yes or no), a file
    written with column keys keeps them as they are (a flag as 1 or 0).
    """

    key: str
    label: str
    personal: bool = False  # a name: left out when pseudonymised
    health: bool = False  # disability or wheelchair use: left out when pseudonymised
    words: Mapping[str, str] | None = None

    def said(self, value: Any, column_keys: bool) -> Any:
        """A cell as the file writes it: in the reader's words, or with column keys the stable value."""
        if column_keys:
            return value
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if self.words and isinstance(value, str) and value in self.words:
            return _(self.words[value])
        return value


@dataclass
class Sheet:
    """One table: a CSV file or a worksheet."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)

    def pseudonymised(self) -> Sheet:
        """The same table without names and health-related columns."""
        keep = [i for i, c in enumerate(self.columns) if not (c.personal or c.health)]
        return Sheet(
            self.name, self.title, [self.columns[i] for i in keep], [[row[i] for i in keep] for row in self.rows]
        )

    def headers(self, column_keys: bool) -> list[str]:
        return [c.key if column_keys else _(c.label) for c in self.columns]


#: What XML 1.0, and so XLSX, cannot hold: the control characters but tab, line feed and carriage return.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return value


def _csv_cell(value: Any) -> Any:
    """A text that could start a formula gets a leading apostrophe; numbers stay numbers."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _xlsx_cell(worksheet: Any, value: Any) -> Any:
    """A text that could start a formula is stored as text (no visible apostrophe), never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    value = _plain(value)
    if isinstance(value, str):
        # A control character kept from before texts were cleaned on entry would make the whole file fail.
        value = _XLSX_ILLEGAL.sub("\ufffd", value)
    if not (isinstance(value, str) and value.startswith(FORMULA_START)):
        return value
    cell = WriteOnlyCell(worksheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True  # the spreadsheet keeps it as text when someone edits the cell
    return cell


def csv_bytes(sheet: Sheet, delimiter: str = ";", column_keys: bool = False) -> bytes:
    """The sheet as UTF-8 CSV with a BOM, so that spreadsheets read the letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(sheet.headers(column_keys))
    columns = sheet.columns
    writer.writerows(
        [_csv_cell(c.said(v, column_keys)) for c, v in zip(columns, row, strict=True)] for row in sheet.rows
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[Sheet], column_keys: bool = False) -> bytes:
    """All sheets as worksheets of one workbook."""
    from openpyxl import Workbook  # imported here: only XLSX exports pay for it

    book = Workbook(write_only=True)
    for sheet in sheets:
        title = sheet.name if column_keys else _(sheet.title)
        worksheet = book.create_sheet(title=title[:31])
        worksheet.append(sheet.headers(column_keys))
        for row in sheet.rows:
            said = [c.said(v, column_keys) for c, v in zip(sheet.columns, row, strict=True)]
            worksheet.append([_xlsx_cell(worksheet, v) for v in said])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_sheets(
    folder: Path,
    sheets: list[Sheet],
    *,
    fmt: str = "csv",
    delimiter: str = ";",
    column_keys: bool = False,
    book_name: str = "export",
) -> list[Path]:
    """Write the sheets into `folder` (owner-only files); the paths written, in order."""
    if fmt not in FORMATS:
        raise ValueError(_("The format is csv or xlsx."))
    if delimiter not in DELIMITERS:
        raise ValueError(_("The delimiter is ; or ,."))
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(exist_ok=True, mode=0o700)
    if fmt == "xlsx":
        path = folder / f"{book_name}.xlsx"
        atomic_write_bytes(path, xlsx_bytes(sheets, column_keys))
        return [path]
    paths = []
    for sheet in sheets:
        path = folder / f"{sheet.name}.csv"
        atomic_write_bytes(path, csv_bytes(sheet, delimiter, column_keys))
        paths.append(path)
    return paths

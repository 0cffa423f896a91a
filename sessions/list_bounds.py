"""A list file checked against the limits before it is parsed, so that reading it keeps memory bounded."""

from __future__ import annotations

import io
import zipfile

from sessions.i18n import _, current_language
from sessions.limits import LIST_BYTES, LIST_ROWS, XLSX_PART_BYTES, XLSX_TOTAL_BYTES, grouped

__all__ = ["file_size_problem", "too_many_rows", "xlsx_parts_problem"]

_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def megabytes(size: int) -> str:
    """A size in MB with one decimal, written as the language writes decimals."""
    text = f"{size / 1_000_000:.1f}"
    return text if current_language() == "en" else text.replace(".", ",")


def file_size_problem(size: int) -> str | None:
    """Why a file of `size` bytes is not read as a list, or None."""
    if size <= LIST_BYTES:
        return None
    return _("The file is {size} MB; a list to import is at most {limit} MB. Split it into smaller lists.").format(
        size=megabytes(size), limit=megabytes(LIST_BYTES)
    )


def xlsx_parts_problem(raw: bytes) -> str | None:
    """Why an XLSX file is not parsed (a part that unpacks too large, an unusual packing), or None.

    zipfile never unpacks a part beyond the size its directory states, so the stated sizes bound the memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        return _("The spreadsheet cannot be opened: {reason}.").format(reason=error)
    for part in parts:
        if part.compress_type not in _COMPRESSIONS:
            return _("The spreadsheet cannot be opened: {reason}.").format(reason=part.filename)
        if part.file_size > XLSX_PART_BYTES:
            return _(
                "The spreadsheet's part {part} unpacks to {size} MB; at most {limit} MB can be read. "
                "Very long cells or pictures make it so large: save the list without them, or as CSV."
            ).format(part=part.filename, size=megabytes(part.file_size), limit=megabytes(XLSX_PART_BYTES))
    total = sum(part.file_size for part in parts)
    if total > XLSX_TOTAL_BYTES:
        return _("The spreadsheet unpacks to {size} MB; at most {limit} MB can be read. Save the list as CSV.").format(
            size=megabytes(total), limit=megabytes(XLSX_TOTAL_BYTES)
        )
    return None


def too_many_rows() -> str:
    """The sentence for a list longer than can be imported at once."""
    return _("The list has more than {limit} rows; import it in parts.").format(limit=grouped(LIST_ROWS))

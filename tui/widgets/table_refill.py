"""Filling a DataTable again, its columns as wide as the cells it holds now."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.widgets import DataTable

__all__ = ["refill"]

#: A row: its cells, and its key (None: the row's number is enough).
Row = tuple[Sequence[str], str | None]


def refill(table: DataTable[str], headers: Sequence[str], rows: Sequence[Row]) -> None:
    """Empty `table` and fill it with `rows`, each column as wide as its widest cell or header.

    The widths are set here rather than measured by the table: it measures new rows
    only in its idle step, after the screen was drawn with the old widths, and a
    screen shown again (a form closed over it) is not drawn again for it, so a
    longer cell would stay cut short.
    """
    table.clear(columns=True)
    for index, header in enumerate(headers):
        width = max([cell_len(header), *(cell_len(cells[index]) for cells, _key in rows)])
        table.add_column(header, width=width)
    for cells, key in rows:
        table.add_row(*cells, key=key)

"""Filling a DataTable again, its columns as wide as the cells it holds now, within the screen's width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

__all__ = ["cut", "refill"]

#: A row: its cells, and its key (None: the row's number is enough).
Row = tuple[Sequence[str], str | None]

#: Columns left for the vertical scrollbar, shown once the rows outgrow the table.
SCROLLBAR = 2


def refill(table: DataTable[str], headers: Sequence[str], rows: Sequence[Row], *, give_way: Sequence[int] = ()) -> None:
    """Empty `table` and fill it with `rows`, each column as wide as its widest cell or header.

    The widths are set here rather than measured by the table: it measures new rows
    only in its idle step, after the screen was drawn with the old widths, and a
    screen shown again (a form closed over it) is not drawn again for it, so a
    longer cell would stay cut short.

    `give_way`: the columns (by index) that narrow, the widest first, when the table
    would be wider than the screen; never narrower than their header, their cells
    cut with "…". The other columns and every header stay whole.
    """
    widths = [
        max([cell_len(header), *(cell_len(cells[i]) for cells, _key in rows)]) for i, header in enumerate(headers)
    ]
    room = table.app.size.width - SCROLLBAR - 2 * table.cell_padding * len(headers)
    _narrow(widths, [cell_len(h) for h in headers], give_way, room)
    table.clear(columns=True)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width)
    for cells, key in rows:
        table.add_row(*(cut(cell, width) for cell, width in zip(cells, widths, strict=True)), key=key)


def _narrow(widths: list[int], floors: list[int], give_way: Sequence[int], room: int) -> None:
    """Take a column at a time from the widest of `give_way` until the widths fit in `room`."""
    while sum(widths) > room:
        narrowable = [i for i in give_way if widths[i] > floors[i]]
        if not narrowable:
            return
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] -= 1


def cut(text: str, width: int) -> str:
    """`text` as it fits in `width` cells: cut with "…" when longer."""
    if cell_len(text) <= width:
        return text
    shown = Text(text)
    shown.truncate(width, overflow="ellipsis")
    return shown.plain

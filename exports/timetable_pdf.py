"""The week's timetable for the notice board: one A4 landscape page, a column a day, large type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from exports.fonts import font_path
from exports.timetable_week import Day, Line, Week
from sessions.i18n import _, format_date
from sessions.storage.durable import atomic_write_bytes
from sessions.store import Store

__all__ = ["default_timetable_path", "timetable_pdf", "write_timetable_pdf"]

PAGE_MM = (297.0, 210.0)
MARGIN_MM = 10.0
GAP_MM = 2.5  # between day columns
PAD_MM = 1.5  # inside a column, left and right
_PT_MM = 25.4 / 72
#: Type sizes in points at full scale; a week too full for the page is drawn smaller, never on two pages.
SIZES = {"centre": 24.0, "week": 18.0, "day": 17.0, "date": 14.0, "holiday": 13.0, "time": 15.0, "activity": 15.0}
SIZES |= {"place": 12.5, "note": 12.0, "empty": 12.0, "printed": 9.0}
SCALES = tuple(s / 100 for s in range(140, 39, -5))


@dataclass(frozen=True)
class _Text:
    """A piece of a column: its text, its kind (which sets size and weight), struck or not."""

    text: str
    kind: str
    style: str = ""


def default_timetable_path(store: Store, key: str, language: str) -> Path:
    """Where the week's timetable goes by default: <data folder>/exports/timetable/timetable-2026-W49-lv.pdf."""
    return store.data_dir / "exports" / "timetable" / f"timetable-{key}-{language}.pdf"


def _line_mm(size: float) -> float:
    return size * _PT_MM * 1.22


class _Page:
    """The FPDF document, its fonts and a scale for every size."""

    def __init__(self) -> None:
        from fpdf import FPDF  # imported here: only the timetable pays for it

        self.pdf: Any = FPDF(orientation="landscape", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.pdf.c_margin = 0  # the columns keep their own padding: a word measured is a word that fits
        self.pdf.add_font("Sans", "", str(font_path("Regular")))
        self.pdf.add_font("Sans", "B", str(font_path("Bold")))
        self.scale = 1.0

    def size(self, kind: str) -> float:
        return SIZES[kind] * self.scale

    def use(self, piece: _Text) -> None:
        """The piece's face and colour: a note ("I") is grey in the regular face, whose italic has no Cyrillic."""
        self.pdf.set_font("Sans", "" if piece.style == "I" else piece.style, self.size(piece.kind))
        self.pdf.set_text_color(90 if piece.style == "I" else 0)

    def fitted(self, piece: _Text, width: float) -> str:
        """The piece's text with a line break after a hyphen of a word too wide for the column (a double name)."""
        self.use(piece)
        words = []
        for word in piece.text.split(" "):
            if "-" in word[1:-1] and self.pdf.get_string_width(word) > width:
                word = re.sub(r"(?<=.-)(?=.)", "\n", word)
            words.append(word)
        return " ".join(words)

    def lines(self, piece: _Text, width: float) -> list[str]:
        text = self.fitted(piece, width)
        found: list[str] = self.pdf.multi_cell(
            width, _line_mm(self.size(piece.kind)), text, align="L", dry_run=True, output="LINES"
        )
        return found

    def height(self, pieces: list[_Text], width: float) -> float:
        return sum(len(self.lines(p, width)) * _line_mm(self.size(p.kind)) for p in pieces if p.text)

    def write(self, pieces: list[_Text], x: float, width: float) -> None:
        for piece in pieces:
            if not piece.text:
                continue
            text = self.fitted(piece, width)
            self.pdf.set_x(x)
            self.pdf.multi_cell(width, _line_mm(self.size(piece.kind)), text, align="L", new_x="LEFT", new_y="NEXT")

    def words_fit(self, pieces: list[_Text], width: float) -> bool:
        """Whether every word fits the width: a word broken across lines is hard to read from afar."""
        for piece in pieces:
            words = self.fitted(piece, width).split()
            if any(self.pdf.get_string_width(word) > width for word in words):
                return False
        return True


def _heading(day: Day) -> list[_Text]:
    return [_Text(day.name, "day", "B"), _Text(day.date, "date"), *(_Text(h, "holiday", "B") for h in day.holidays)]


def _session(line: Line) -> list[_Text]:
    struck = "S" if line.struck else ""
    return [
        _Text(line.time, "time", "B" + struck),
        _Text(line.activity, "activity", "B" + struck),
        _Text(line.place, "place", struck),
        _Text(line.instructor, "place", struck),
        _Text(line.note, "note", "I"),
    ]


def _blocks(day: Day) -> list[list[_Text]]:
    return [_session(line) for line in day.lines] or [[_Text(_("no sessions"), "empty", "I")]]


def _column_height(page: _Page, day: Day, width: float) -> float:
    """The height the column takes as _draw_column draws it."""
    inner = width - 2 * PAD_MM
    return page.height(_heading(day), inner) + 3 + sum(page.height(b, inner) + 2.5 for b in _blocks(day))


def _title(page: _Page, week: Week) -> list[_Text]:
    return [_Text(week.centre, "centre", "B"), _Text(week.title, "week", "B")]


def _fits(page: _Page, week: Week, width: float) -> bool:
    usable = PAGE_MM[1] - 2 * MARGIN_MM - page.height(_title(page, week), PAGE_MM[0] - 2 * MARGIN_MM) - 10
    inner = width - 2 * PAD_MM
    return all(
        _column_height(page, day, width) <= usable
        and page.words_fit(_heading(day), inner)
        and all(page.words_fit(block, inner) for block in _blocks(day))
        for day in week.days
    )


def _draw_column(page: _Page, day: Day, x: float, top: float, width: float, bottom: float) -> None:
    pdf, inner = page.pdf, width - 2 * PAD_MM
    header = page.height(_heading(day), inner) + 2
    pdf.set_fill_color(215 if day.holidays else 235)
    pdf.rect(x, top, width, header, style="F")
    pdf.set_y(top + 1)
    page.write(_heading(day), x + PAD_MM, inner)
    pdf.set_draw_color(120)
    pdf.rect(x, top, width, bottom - top)
    y = top + header + 1
    if not day.lines:
        pdf.set_y(y + 1)
        page.write([_Text(_("no sessions"), "empty", "I")], x + PAD_MM, inner)
    for index, line in enumerate(day.lines):
        if index:
            pdf.line(x + PAD_MM, y, x + width - PAD_MM, y)
        pdf.set_y(y + 1)
        page.write(_session(line), x + PAD_MM, inner)
        y = pdf.get_y() + 1.5


def timetable_pdf(week: Week, printed: datetime) -> bytes:
    """The week on one A4 landscape page: the centre and the week above, a column a day."""
    page = _Page()
    pdf = page.pdf
    pdf.set_title(week.title)
    pdf.add_page()
    count = max(len(week.days), 1)
    width = (PAGE_MM[0] - 2 * MARGIN_MM - GAP_MM * (count - 1)) / count
    page.scale = next((s for s in SCALES if _scaled_fits(page, s, week, width)), SCALES[-1])
    pdf.set_y(MARGIN_MM)
    page.write(_title(page, week), MARGIN_MM, PAGE_MM[0] - 2 * MARGIN_MM)
    top = pdf.get_y() + 3
    bottom = PAGE_MM[1] - MARGIN_MM - 5
    for index, day in enumerate(week.days):
        _draw_column(page, day, MARGIN_MM + index * (width + GAP_MM), top, width, bottom)
    pdf.set_y(bottom + 0.5)
    page.scale = 1.0
    page.write([_Text(_("Printed {date}").format(date=format_date(printed)), "printed")], MARGIN_MM, 100)
    return bytes(pdf.output())


def _scaled_fits(page: _Page, scale: float, week: Week, width: float) -> bool:
    page.scale = scale
    return _fits(page, week, width)


def write_timetable_pdf(week: Week, out: Path, printed: datetime) -> Path:
    """Write the week's timetable to `out` (owner-only, atomically) and return the path."""
    data = timetable_pdf(week, printed)
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(out, data)
    return out

"""The period report's chart on paper: the bars of exports/chart.py as rectangles, with whole-number lines behind."""

from __future__ import annotations

from typing import Any

from exports.chart import Chart, label_step, labelled, scale

__all__ = ["BAR_ROOM_MM", "draw_chart"]

#: The least room a bar takes on paper: a half-year of weeks is drawn by week, a longer period by month.
BAR_ROOM_MM = 6.0
TICKS_MM = 9.0  # the numbers up the side
TITLE_PT, LABEL_PT, VALUE_PT = 11.0, 7.5, 6.5
_PT_MM = 25.4 / 72


def _ticks(pdf: Any, ticks: list[int], x: float, bottom: float, height: float, width: float) -> None:
    """A thin line across the chart at each tick, its number to the left."""
    pdf.set_font("Sans", "", LABEL_PT)
    pdf.set_draw_color(200)
    pdf.set_line_width(0.2)
    for tick in ticks:
        y = bottom - tick / ticks[-1] * height
        pdf.line(x, y, x + width, y)
        pdf.text(x - 1.5 - pdf.get_string_width(str(tick)), y + LABEL_PT * _PT_MM / 3, str(tick))
    pdf.set_draw_color(0)


def _bars(pdf: Any, chart: Chart, top: int, x: float, bottom: float, height: float, room: float) -> None:
    """Each bar a filled rectangle; its value above it where every value fits its bar's room."""
    width = room * 0.7
    pdf.set_fill_color(52, 101, 164)
    pdf.set_font("Sans", "", VALUE_PT)
    values_fit = all(pdf.get_string_width(str(bar.value)) <= room - 0.5 for bar in chart.bars)
    for index, bar in enumerate(chart.bars):
        left = x + index * room + (room - width) / 2
        tall = bar.value / top * height
        if tall:
            pdf.rect(left, bottom - tall, width, tall, style="F")
        if values_fit and bar.value:
            text = str(bar.value)
            pdf.text(left + (width - pdf.get_string_width(text)) / 2, bottom - tall - 0.8, text)
    pdf.set_fill_color(255)


def _labels(pdf: Any, chart: Chart, x: float, y: float, room: float) -> None:
    """The labels under the bars (as many as fit without touching), the year under them where it changes."""
    pdf.set_font("Sans", "", LABEL_PT)
    widest = max((pdf.get_string_width(bar.label) for bar in chart.bars), default=0)
    shown = labelled(chart, label_step(chart, room, widest))
    line = LABEL_PT * _PT_MM * 1.3
    for index, (bar, show) in enumerate(zip(chart.bars, shown, strict=True)):
        centre = x + index * room + room / 2
        if show:
            pdf.text(centre - pdf.get_string_width(bar.label) / 2, y + line, bar.label)
        if bar.year:
            pdf.set_font("Sans", "B", LABEL_PT)
            pdf.text(centre - pdf.get_string_width(bar.year) / 2, y + 2 * line, bar.year)
            pdf.set_font("Sans", "", LABEL_PT)


def draw_chart(pdf: Any, chart: Chart, x: float, y: float, width: float, height: float) -> float:
    """Draw `chart` in the box at (`x`, `y`), `width` × `height` mm: its title, the bars, the labels under them.

    Returns where the chart ends, down the page.
    """
    pdf.set_font("Sans", "B", TITLE_PT)
    pdf.set_xy(x, y)
    pdf.cell(width, TITLE_PT * _PT_MM * 1.4, chart.title, new_x="LMARGIN", new_y="NEXT")
    label_room = 2 * LABEL_PT * _PT_MM * 1.3 + 2
    top_of_bars = pdf.get_y() + 3
    bottom = y + height - label_room
    ticks = scale(chart.most, 5)
    left, inner = x + TICKS_MM, width - TICKS_MM
    _ticks(pdf, ticks, left, bottom, bottom - top_of_bars, inner)
    room = inner / max(len(chart.bars), 1)
    _bars(pdf, chart, ticks[-1], left, bottom, bottom - top_of_bars, room)
    pdf.set_line_width(0.3)
    pdf.line(left, bottom, left + inner, bottom)
    _labels(pdf, chart, left, bottom, room)
    return y + height

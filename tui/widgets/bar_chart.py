"""A bar chart in text: one bar per week, month or year, a gap between bars, whole numbers up the side.

The bars come from exports/chart.py, as the report's PDF draws them; here each bar is a column of
block characters, eighths of a line tall, so a small week still shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from exports.chart import Chart, attendance_chart, label_step, labelled, scale
from exports.periods import Period

__all__ = ["BarChart", "Layout"]

#: A bar's top, in eighths of a line.
EIGHTHS = " ▁▂▃▄▅▆▇█"
#: Lines that are not bars: the title above; the axis, the labels and the years below.
FRAME_LINES = 4


@dataclass(frozen=True)
class Layout:
    """Where everything goes: the ticks up the side, how wide each bar is and how far apart bars are."""

    chart: Chart
    ticks: list[int]
    slot: int  # a bar and the gap after it
    bar: int
    lines: int  # lines of bars

    @property
    def side(self) -> int:
        """The ticks' width and the axis."""
        return cell_len(str(self.ticks[-1])) + 1

    @property
    def width(self) -> int:
        return self.side + len(self.chart.bars) * self.slot


def layout(chart: Chart, width: int, height: int) -> Layout | None:
    """The chart laid out within `width` columns and `height` lines; None when its bars do not fit."""
    lines = height - FRAME_LINES
    ticks = scale(chart.most, max(lines // 2, 1))
    room = width - cell_len(str(ticks[-1])) - 1
    count = max(len(chart.bars), 1)
    if lines < 2 or room < 2 * count:
        return None
    slot = min(room // count, 8)
    bar = slot - 1 if slot <= 3 else slot - 2
    return Layout(chart, ticks, slot, bar, lines)


def _tick_lines(shape: Layout) -> dict[int, int]:
    """The line each tick is written on (0 the top line of bars, `lines` the axis)."""
    top = shape.ticks[-1]
    return {shape.lines - round(tick * shape.lines / top): tick for tick in shape.ticks}


def _bar_line(shape: Layout, line: int) -> str:
    """One line of every bar: full, a partial top in eighths, or empty."""
    top, from_bottom = shape.ticks[-1], shape.lines - 1 - line
    cells = []
    for bar in shape.chart.bars:
        eighths = round(bar.value * shape.lines * 8 / top)
        if bar.value and not eighths:
            eighths = 1  # a week with anyone at all is never drawn as none
        filled = min(max(eighths - from_bottom * 8, 0), 8)
        cells.append(EIGHTHS[filled] * shape.bar + " " * (shape.slot - shape.bar))
    return "".join(cells)


def _under(shape: Layout, texts: list[str]) -> str:
    """A line of texts under the bars, each centred on its bar where it fits, else from its start; a text that
    would touch the one before it or run off the edge is left out."""
    line = ""
    for index, text in enumerate(texts):
        if not text:
            continue
        start = index * shape.slot + max((shape.bar - cell_len(text)) // 2, 0)
        if start < cell_len(line) + (1 if line.strip() else 0) or start + cell_len(text) > shape.width - shape.side:
            continue
        line = line.ljust(start) + text
    return " " * shape.side + line


def text_lines(shape: Layout) -> list[tuple[str, str, str]]:
    """Every line of the chart as (ticks and axis, bars, title or labels): the widget styles each part."""
    ticks, width = _tick_lines(shape), shape.side - 1
    rows = [("", "", shape.chart.title)]
    for line in range(shape.lines):
        tick = ticks.get(line)
        side = f"{tick:>{width}}┤" if tick is not None else " " * width + "│"
        rows.append((side, _bar_line(shape, line), ""))
    rows.append((f"{0:>{width}}└" + "─" * (shape.width - shape.side), "", ""))
    room = max(cell_len(bar.label) for bar in shape.chart.bars) if shape.chart.bars else 1
    step = label_step(shape.chart, shape.slot, room)
    shown = labelled(shape.chart, step)
    labels = [bar.label if show else "" for bar, show in zip(shape.chart.bars, shown, strict=True)]
    rows.append(("", "", _under(shape, labels)))
    rows.append(("", "", _under(shape, [bar.year for bar in shape.chart.bars])))
    return rows


class BarChart(Widget):
    """The attendances chart of a period report: per week where the weeks fit, else per month, else per year."""

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        width: auto;
    }
    BarChart > .bar-chart--bar {
        color: $primary;
    }
    BarChart > .bar-chart--axis {
        color: $text-muted;
    }
    BarChart > .bar-chart--title {
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--axis", "bar-chart--title"}

    chart: Chart | None = None

    def show(self, days: Mapping[str, int], period: Period, room: int, height: int) -> bool:
        """Chart `days` (attendances by day) over `period` in at most `room` columns and `height` lines, as wide as
        its bars need; False, and nothing shown, when not even a bar a year fits."""
        inner = room - self.styles.gutter.width
        chart = attendance_chart(days, period, lambda c: layout(c, inner, height) is not None)
        shape = layout(chart, inner, height)
        self.chart = chart if shape else None
        self.display = shape is not None
        if shape is not None:
            widest = min(max(shape.width, cell_len(chart.title)), inner)
            self.styles.width = widest + self.styles.gutter.width
            self.refresh(layout=True)
        return shape is not None

    def render(self) -> RenderResult:
        size = self.content_size
        shape = layout(self.chart, size.width, size.height) if self.chart else None
        # The room the title took beyond the bars stays empty: the bars keep the width they were shown in.
        if shape is None:
            return ""
        styles = {
            part: self.get_component_rich_style(f"bar-chart--{part}", partial=True) for part in ("bar", "axis", "title")
        }
        text = Text(no_wrap=True, overflow="crop")
        for index, (side, bars, words) in enumerate(text_lines(shape)):
            if index:
                text.append("\n")
            text.append(side, styles["axis"])
            text.append(bars, styles["bar"])
            text.append(words, styles["title"] if index == 0 else Style())
        return text

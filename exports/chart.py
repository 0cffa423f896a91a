"""The period report's chart: attendances per week, month or year, the same bars on the Reports screen and in the PDF.

Drawn from the figures already counted (`Indicators.days`): nothing here reads a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from exports.periods import Period
from sessions.clock import week_key
from sessions.i18n import N_, _, format_month

__all__ = ["Bar", "Chart", "attendance_chart", "label_step", "labelled", "scale"]

WEEK, MONTH, YEAR = "week", "month", "year"
TITLES = {
    WEEK: N_("Attendances per week"),
    MONTH: N_("Attendances per month"),
    YEAR: N_("Attendances per year"),
}


@dataclass(frozen=True)
class Bar:
    """One week's, month's or year's attendances, and what is written under it."""

    key: str  # 2026-W47, 2026-11 or 2026, as in file names
    label: str  # under the bar: the week's number, the month shortened, the year
    year: str  # under the label, on the first bar and where the year changes; else ""
    value: int
    #: The bar's place in the calendar (the week's number, the month's, the year): labels fall on round ones.
    ordinal: int


@dataclass(frozen=True)
class Chart:
    """The bars of a period, one per week, month or year, and the chart's title."""

    unit: str
    bars: tuple[Bar, ...]

    @property
    def title(self) -> str:
        return _(TITLES[self.unit])

    @property
    def most(self) -> int:
        return max((bar.value for bar in self.bars), default=0)


def _months(period: Period) -> list[date]:
    first, months = date(period.start.year, period.start.month, 1), []
    while first <= period.end:
        months.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return months


def _by_week(days: Mapping[str, int], period: Period) -> list[Bar]:
    values = dict.fromkeys(period.weeks, 0)
    for day, count in days.items():
        values[week_key(date.fromisoformat(day))] += count
    bars, year = [], ""
    for key, value in values.items():
        shown = key[:4] if key[:4] != year else ""
        year = key[:4]
        bars.append(Bar(key, str(int(key[-2:])), shown, value, int(key[-2:])))
    return bars


def _by_month(days: Mapping[str, int], period: Period) -> list[Bar]:
    values: Counter[str] = Counter()
    for day, count in days.items():
        values[day[:7]] += count
    bars = []
    for index, first in enumerate(_months(period)):
        key, shown = first.isoformat()[:7], str(first.year) if index == 0 or first.month == 1 else ""
        bars.append(Bar(key, format_month(first), shown, values[key], first.month - 1))
    return bars


def _by_year(days: Mapping[str, int], period: Period) -> list[Bar]:
    values = {str(year): 0 for year in range(period.start.year, period.end.year + 1)}
    for day, count in days.items():
        values[day[:4]] += count
    return [Bar(year, year, "", value, int(year)) for year, value in values.items()]


def attendance_chart(days: Mapping[str, int], period: Period, fits: Callable[[Chart], bool]) -> Chart:
    """Attendances per week when the bars `fit`, else per month when they do, else per year.

    `days` are attendances by the day (ISO date) their session started; those outside the period are left out.
    """
    within = {day: count for day, count in days.items() if period.holds(day)}
    for unit, bars in ((WEEK, _by_week), (MONTH, _by_month)):
        chart = Chart(unit, tuple(bars(within, period)))
        if fits(chart):
            return chart
    return Chart(YEAR, tuple(_by_year(within, period)))


def _steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, 100 …"""
    power = 1
    while True:
        yield from (power, 2 * power, 5 * power)
        power *= 10


def scale(most: int, lines: int) -> list[int]:
    """Whole-number ticks from 0 to `most` or just above: at most `lines` steps, each 1, 2 or 5 times a power of ten."""
    most = max(most, 1)
    step = next(step for step in _steps() if -(-most // step) <= max(lines, 1))
    return list(range(0, -(-most // step) * step + 1, step))


#: Every how many bars a label may go: weeks by fours (about a month), months by quarters, years by decades.
LABEL_STEPS = {WEEK: (1, 2, 4, 13, 26, 52), MONTH: (1, 2, 3, 6, 12), YEAR: (1, 2, 5, 10, 20, 50)}


def label_step(chart: Chart, room: float, width: float) -> int:
    """Every how many bars a label goes when bars are `room` apart and the widest label is `width`: labels never
    touch. Labels go on round places in the calendar (`Bar.ordinal`): weeks 4, 8 …, January, April …"""
    return next((step for step in LABEL_STEPS[chart.unit] if step * room >= width + 1), LABEL_STEPS[chart.unit][-1])


def labelled(chart: Chart, step: int) -> list[bool]:
    """Which bars carry their label, `step` as label_step gave it."""
    return [bar.ordinal % step == 0 for bar in chart.bars]

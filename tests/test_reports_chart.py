"""The Reports screen's chart at 80x24, read off the screen: a bar per week (else month, else year) with a gap
between bars, whole numbers up the side, labels under their own bars and never run together."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from textual.widgets import DataTable, Input

from exports.periods import between, parse_quarter
from exports.report import period_report
from sessions.clock import week_key
from sessions.i18n import set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.reports import ReportsScreen
from tui.widgets.bar_chart import EIGHTHS


@dataclass
class Drawn:
    """A chart as the screen shows it."""

    title: str
    ticks: dict[int, int]  # line (0: the top line of bars) → the whole number written there
    heights: list[int]  # each bar's height in eighths of a line
    labels: dict[int, str]  # bar index → the label under it
    years: dict[int, str]  # bar index → the year under it
    gaps_empty: bool  # every column between bars is blank on every line


def read_chart(text: str, bars: int) -> Drawn:
    """The chart of `bars` bars off the screen's text: the axis line (└───) and what is above and below it."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "└─" in line)
    axis = lines[at].index("└")
    run = len(lines[at]) - axis - 1 - len(lines[at][axis + 1 :].lstrip("─"))
    slot = run // bars
    assert run == bars * slot, "the axis runs exactly under the bars"
    bar = slot - 1 if slot <= 3 else slot - 2
    top = next(i for i in range(at - 1, 0, -1) if lines[i][axis] not in "┤│") + 1
    rows = [line[axis + 1 : axis + 1 + run].ljust(run) for line in lines[top:at]]
    ticks = {}
    for index, line in enumerate(lines[top:at]):
        if line[axis] == "┤":
            ticks[index] = int(line[:axis].split()[-1])
    ticks[at - top] = int(lines[at][:axis].split()[-1])
    heights = [sum(EIGHTHS.index(row[i * slot]) for row in rows) for i in range(bars)]
    solid = all(len(set(row[i * slot : i * slot + bar])) == 1 for row in rows for i in range(bars))
    gaps = all(row[i * slot + bar : (i + 1) * slot].strip() == "" for row in rows for i in range(bars)) and solid

    def under(line: str) -> dict[int, str]:
        found = {}
        for match in re.finditer(r"\S+", line[axis + 1 :]):
            index = match.start() // slot
            assert match.start() + len(match[0]) <= run + 1, "a label runs off the chart"
            found[index] = match[0]
        return found

    title = lines[top - 1][axis - 6 :].strip()
    return Drawn(title, ticks, heights, under(lines[at + 1]), under(lines[at + 2]), gaps)


async def counted(app: CentrelogApp, period: str) -> str:
    """The screen's text once F5 has counted `period`."""
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        app.screen.query_one("#period", Input).value = period
        await pilot.press("f5")
        table = app.screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0 and not any(w.is_running for w in app.workers))
        await pilot.pause()
        return screen_text(app)


def assert_whole_even_ticks(drawn: Drawn, most: int) -> None:
    values = [drawn.ticks[line] for line in sorted(drawn.ticks, reverse=True)]
    step = values[1] - values[0]
    assert values[0] == 0 and step >= 1 and values == list(range(0, values[-1] + 1, step))
    assert values[-1] >= most > values[-1] - step  # the top tick is the first step at or above the tallest bar
    lines = sorted(drawn.ticks)
    assert all(b - a >= 2 for a, b in itertools.pairwise(lines)), "ticks on lines of their own"


async def test_a_quarter_is_a_bar_a_week_with_whole_numbers_and_labels_apart(demo_store: Store, clock: Clock) -> None:
    text = await counted(CentrelogApp(demo_store, clock=clock), "2026-Q4")
    quarter = parse_quarter("2026-Q4")
    figures, _files = period_report(demo_store, quarter, now=clock())
    weeks = [w.attendances for w in figures.weeks]
    assert len(weeks) == 14  # 2026-W40 (from 1 Oct) to 2026-W53 (to 31 Dec)
    drawn = read_chart(text, len(weeks))
    assert drawn.title == "Attendances per week"
    assert drawn.gaps_empty  # bars never merge into a block
    assert_whole_even_ticks(drawn, max(weeks))
    assert "." not in "".join(line.split("┤")[0][-5:] for line in text.splitlines() if "┤" in line)
    # Each week its own bar, as tall as its attendances: the order of heights is the order of the figures.
    assert [bool(h) for h in drawn.heights] == [bool(n) for n in weeks]
    pairs = sorted(zip(weeks, drawn.heights, strict=True))
    assert all(h1 <= h2 for (_n1, h1), (_n2, h2) in itertools.pairwise(pairs))
    # Labels: the week's number under its own bar, every other week, none run together.
    keys = quarter.weeks
    assert drawn.labels and all(label == str(int(keys[i][-2:])) for i, label in drawn.labels.items())
    assert len(drawn.labels) >= 6
    assert drawn.years == {0: "2026"}
    assert "f7 Print" in text  # the report's PDF was written with it: F7 prints it


async def test_a_year_is_a_bar_a_month_labelled_in_the_language(demo_store: Store, clock: Clock) -> None:
    set_language("lv")
    text = await counted(CentrelogApp(demo_store, clock=clock), "2026")
    figures, _files = period_report(demo_store, between(date(2026, 1, 1), date(2026, 12, 31)))
    by_month = [sum(n for day, n in figures.days.items() if int(day[5:7]) == month) for month in range(1, 13)]
    drawn = read_chart(text, 12)
    assert drawn.gaps_empty
    assert_whole_even_ticks(drawn, max(by_month))
    assert [bool(h) for h in drawn.heights] == [bool(n) for n in by_month]
    months = ["janv.", "febr.", "marts", "apr.", "maijs", "jūn.", "jūl.", "aug.", "sept.", "okt.", "nov.", "dec."]
    assert drawn.labels and all(months[i] == label for i, label in drawn.labels.items())
    assert drawn.years == {0: "2026"}


async def test_ten_years_are_a_bar_a_year(demo_store: Store, clock: Clock) -> None:
    text = await counted(CentrelogApp(demo_store, clock=clock), "2017-01-01..2026-12-31")
    drawn = read_chart(text, 10)
    figures, _files = period_report(demo_store, between(date(2017, 1, 1), date(2026, 12, 31)), now=clock())
    assert drawn.title == "Attendances per year"
    assert drawn.gaps_empty and [bool(h) for h in drawn.heights] == [False] * 9 + [True]
    assert all(label == str(2017 + i) for i, label in drawn.labels.items()) and len(drawn.labels) >= 2
    assert_whole_even_ticks(drawn, sum(figures.days.values()))


async def test_the_week_and_the_period_are_said_as_people_say_them(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        assert "week 47, 16–22 Nov  ·  1 Oct 2026 – 31 Dec 2026" in screen_text(app)
        app.screen.query_one("#week", Input).value = week_key(clock().replace(year=2026, month=12, day=30))
        await settle(pilot, lambda: "week 53, 28 Dec – 3 Jan  ·" in screen_text(app))
        app.screen.query_one("#week", Input).value = "2026-W47"
        await pilot.press("f2")
        await settle(pilot, lambda: "week 47, 16–22 Nov 2026: " in screen_text(app))

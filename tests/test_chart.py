"""The report's chart (exports/chart.py) as rules: whole-number ticks, every attendance in one bar, labels apart."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from exports.chart import MONTH, WEEK, YEAR, attendance_chart, label_step, labelled, scale
from exports.periods import between, parse_quarter
from sessions.clock import week_key
from sessions.i18n import set_language

QUARTER = parse_quarter("2026-Q4")
DAYS = {"2026-09-30": 5, "2026-10-01": 3, "2026-10-05": 4, "2026-11-30": 2, "2026-12-31": 7, "2027-01-01": 9}


@given(st.integers(0, 10**7), st.integers(1, 12))
def test_ticks_are_whole_numbers_evenly_from_zero_to_just_above_the_most(most: int, lines: int) -> None:
    ticks = scale(most, lines)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks == list(range(0, ticks[-1] + 1, step))
    assert len(ticks) - 1 <= lines and ticks[-1] >= most and ticks[-1] - step < max(most, 1)
    assert str(step).rstrip("0") in ("1", "2", "5")


def test_a_quarter_by_week_counts_each_day_in_its_week_and_none_outside() -> None:
    chart = attendance_chart(DAYS, QUARTER, lambda c: True)
    assert chart.unit == WEEK and [bar.key for bar in chart.bars] == QUARTER.weeks
    values = {bar.key: bar.value for bar in chart.bars}
    assert values["2026-W40"] == 3  # 30 September is before the quarter: left out
    assert values["2026-W41"] == 4 and values["2026-W49"] == 2 and values["2026-W53"] == 7
    assert sum(values.values()) == 3 + 4 + 2 + 7
    assert [bar.label for bar in chart.bars][:3] == ["40", "41", "42"] and chart.bars[0].year == "2026"


def test_too_many_weeks_are_months_and_too_many_months_are_years() -> None:
    set_language("lv")
    year = between(date(2026, 1, 1), date(2026, 12, 31))
    by_month = attendance_chart(DAYS, year, lambda c: len(c.bars) <= 12)
    assert by_month.unit == MONTH and [bar.label for bar in by_month.bars][9:] == ["okt.", "nov.", "dec."]
    assert [bar.value for bar in by_month.bars][8:] == [5, 7, 2, 7]
    assert by_month.bars[0].year == "2026" and not any(bar.year for bar in by_month.bars[1:])
    decade = between(date(2017, 1, 1), date(2027, 12, 31))
    by_year = attendance_chart(DAYS, decade, lambda c: len(c.bars) <= 12)
    assert by_year.unit == YEAR and [bar.label for bar in by_year.bars] == [str(y) for y in range(2017, 2028)]
    assert [bar.value for bar in by_year.bars][-2:] == [21, 9]


@given(st.integers(1, 8), st.integers(1, 6), st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 800))
def test_labels_never_touch_and_stand_under_bars_of_their_own(room: int, width: int, start: date, days: int) -> None:
    period = between(start, start + timedelta(days=days))
    for fits in (lambda c: True, lambda c: c.unit != WEEK, lambda c: False):
        chart = attendance_chart({}, period, fits)
        step = label_step(chart, room, width)
        places = [i * room for i, shown in enumerate(labelled(chart, step)) if shown]
        assert all(b - a >= width + 1 for a, b in itertools.pairwise(places))


def test_a_week_53_and_the_week_1_after_it_are_two_bars_of_two_years() -> None:
    winter = between(date(2026, 12, 21), date(2027, 1, 17))
    chart = attendance_chart({"2027-01-02": 1, "2027-01-04": 2}, winter, lambda c: True)
    assert [(bar.key, bar.label, bar.year, bar.value) for bar in chart.bars] == [
        ("2026-W52", "52", "2026", 0),
        ("2026-W53", "53", "", 1),
        ("2027-W01", "1", "2027", 2),
        ("2027-W02", "2", "", 0),
    ]
    assert week_key(date(2027, 1, 2)) == "2026-W53"

"""The period report's PDF, read back: the centre, the period, the projects, the chart's bars, the figures' rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.centres import TOTAL_NOTE
from exports.periods import parse_quarter, parse_week
from exports.report import period_report, write_report
from sessions.i18n import set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre, at, trip, write_log
from tests.test_report_centres import CENTRES, WEEK, _expected, _make_centre
from tui.cli import EXIT_OK, main

#: The bars' colour (exports/chart_pdf.py), as red, green and blue from 0 to 255.
BAR_COLOUR = (52, 101, 164)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def bars_drawn(path: Path) -> int:
    """Filled rectangles drawn in the bars' colour on the first page."""
    stream = PdfReader(path).pages[0].get_contents()
    assert stream is not None
    count, colour = 0, ()
    for line in stream.get_data().decode("latin-1").splitlines():
        if line.endswith(" rg"):
            colour = tuple(round(float(part) * 255) for part in line.split()[:3])
        elif line.endswith(" re f"):
            count += colour == BAR_COLOUR
    return count


def test_the_quarters_pdf_holds_the_centre_the_period_the_projects_the_chart_and_the_figures(
    demo_store: Store, clock: Clock
) -> None:
    quarter = parse_quarter("2026-Q4")
    result = write_report(demo_store, quarter, now=clock())
    pdf = result.paths[-1]
    assert pdf == demo_store.data_dir / "exports" / "report-2026-Q4" / "report-2026-Q4.pdf"
    text = text_of(pdf)
    figures, _files = period_report(demo_store, quarter, now=clock())
    assert text.startswith("Period report\nDaugavpils dienas centrs\n1 Oct 2026 – 31 Dec 2026\n")
    assert "Funder projects: LLI-425 — Together in Daugavpils; LLI-550 — Exercise for seniors" in text
    assert "Counted 23 Nov 2026 09:30" in text
    lines = text.splitlines()
    for label, key in (("Sessions held", "sessions"), ("Attendances (check-ins)", "attendances")):
        assert f"{label} {figures.value(key)}" in lines
    assert f"Unique persons (sessions and trips) {figures.value('unique_persons')}" in lines
    assert f"    seniors {figures.value('unique_persons', 'senior')}" in lines
    assert f"Kilometres driven {figures.value('km')}" in lines
    # The projects: planned against held, and what each did, each project on a line of its own.
    planned = " ".join(str(figures.value(k, "LLI-550")) for k in ("planned", "planned_held", "cancelled"))
    assert re.search(rf"^Exercise for seniors {planned} ", text, re.M)
    done = " ".join(str(figures.value(k, "LLI-425")) for k in ("project_sessions", "project_attendances"))
    assert re.search(rf"^Together in Daugavpils {done} ", text, re.M)
    # The chart: a bar a week with anyone, drawn from the figures; the weeks as people say them.
    assert "Attendances per week" in text
    assert bars_drawn(pdf) == sum(1 for week in figures.weeks if week.attendances)
    week = next(w for w in figures.weeks if w.week == "2026-W47")
    assert f"week 47, 16–22 Nov {week.sessions} {week.attendances} {week.unique_persons}" in text
    assert "week 44, 26 Oct – 1 Nov" in text and "2026-W" not in text
    assert "Daugavpils dienas centrs · 1 Oct 2026 – 31 Dec 2026 · page 1 of 3" in text


@pytest.mark.parametrize(
    ("language", "period", "week", "measure"),
    [
        ("lv", "01.10.2026. – 31.12.2026.", "47. nedēļa, 16.–22. nov.", "Apmeklējumi (atzīmes)"),
        ("ru", "01.10.2026 – 31.12.2026", "47-я неделя, 16–22 нояб.", "Посещения (отметки)"),
    ],
)
def test_the_pdf_is_in_the_language_chosen(
    demo_store: Store, clock: Clock, language: str, period: str, week: str, measure: str
) -> None:
    set_language(language)
    text = text_of(write_report(demo_store, parse_quarter("2026-Q4"), now=clock()).paths[-1])
    assert period in text.splitlines()[:4] and week in text and measure in text


def test_a_week_is_the_period_said_as_people_say_it_and_a_centre_without_a_timetable_has_no_projects(
    store: Store, clock: Clock
) -> None:
    Centre(store, clock())
    text = text_of(write_report(store, parse_week("2026-W47")).paths[-1])
    assert text.splitlines()[2] == "week 47, 16–22 Nov 2026"
    assert "Funder projects" not in text and "by project" not in text


def test_several_centres_each_have_a_column_and_the_total_is_explained(two: tuple[Path, Path]) -> None:
    own, other = two
    assert main(["report", "--data-dir", str(own), "--week", WEEK, "--centre", str(other)]) == EXIT_OK
    text = text_of(own / "exports" / f"report-{WEEK}" / f"report-{WEEK}.pdf")
    first, second = CENTRES
    a, b = _expected(first), _expected(second)
    assert f"{first}, {second}" in text.splitlines()[1]
    assert f"Measure {first} {second} Total" in text.replace("\n", " ")
    total = a["attendances"] + b["attendances"]
    assert f"Attendances (check-ins) {a['attendances']} {b['attendances']} {total}" in text.splitlines()
    assert " ".join(TOTAL_NOTE.split()[:6]) in text.replace("\n", " ")


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    own, other = tmp_path / "daugavpils", tmp_path / "rezekne"
    _make_centre(own, "Daugavpils dienas centrs")
    _make_centre(other, "Rēzeknes partneris")
    return own, other


def test_no_chart_without_attendances_and_a_sentence_only_when_nothing_happened(store: Store) -> None:
    empty = text_of(write_report(store, parse_week("2026-W47")).paths[-1])
    assert "No sessions or trips in this period." in empty and "Attendances per week" not in empty
    write_log(store, "2026-W47", store.device, {"trips": [trip(store.device, at("2026-11-17", 9), (1000, 1042))]})
    pdf = write_report(store, parse_week("2026-W47")).paths[-1]
    text = text_of(pdf)
    assert "No sessions or trips" not in text and "Attendances per week" not in text and bars_drawn(pdf) == 0
    assert "Minibus trips 1" in text.splitlines() and "Kilometres driven 42" in text.splitlines()

"""The period report as one PDF for the funder's file: the centre, the period, its projects, the chart, the figures.

Drawn from the figures already counted (the same `Indicators` the spreadsheets are written from): nothing
here reads the logs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from exports.centres import TOTAL_NOTE, CentreFigures
from exports.chart import WEEK, Chart, attendance_chart
from exports.chart_pdf import BAR_ROOM_MM, draw_chart
from exports.fonts import font_path
from exports.indicators import MEASURES, NO_PROJECT, Indicators, breakdown_label
from exports.periods import Period, period_words
from exports.projects import PLAN_FIELDS, plan_rows
from sessions.i18n import N_, _, format_datetime, format_week
from sessions.storage.durable import atomic_write_bytes

__all__ = ["ReportPaper", "report_pdf", "report_pdf_name", "write_report_pdf"]

PAGE_WIDTH_MM, MARGIN_MM = 210.0, 15.0
WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
CHART_HEIGHT_MM = 70.0
#: Measures counted per funder project: their total in the indicators table, each project in the projects table.
PER_PROJECT = ("planned", "planned_held", "cancelled", "not_held", "to_come", "holidays", "unplanned")
#: The projects' two tables, planned against held and what was done: the measure of each column, its header.
PROJECT_TABLES = (
    (
        N_("Planned against held, by project"),
        (
            ("planned", N_("Planned")),
            ("planned_held", N_("Held")),
            ("cancelled", N_("Cancelled")),
            ("not_held", N_("Not held")),
            ("to_come", N_("Still to come")),
            ("unplanned", N_("Without a plan")),
        ),
    ),
    (
        N_("Sessions and trips, by project"),
        (
            ("project_sessions", N_("Sessions")),
            ("project_attendances", N_("Attendances")),
            ("project_persons", N_("Unique persons")),
            ("project_trips", N_("Trips")),
            ("project_boardings", N_("Boardings")),
            ("project_km", N_("Km")),
        ),
    ),
)
#: The regular sessions table: the columns of the spreadsheet's that fit a page, and their widths in mm.
PLAN_WIDTHS = {"weekday": 20, "start": 11, "activity": 30, "project": 20, "planned": 14, "held": 12}
PLAN_WIDTHS |= {"attendance": 20, "average": 20, "places": 15, "fill": 18}


@dataclass(frozen=True)
class ReportPaper:
    """What the report's PDF shows: whose figures, of which period, counted when."""

    centre: str
    period: Period
    indicators: Indicators
    #: Of several centres, each one's figures (`indicators` is then their total).
    centres: tuple[CentreFigures, ...]
    #: Each funder project's title by its name ("" when it has none).
    titles: dict[str, str]
    counted: datetime


def report_pdf_name(period: Period) -> str:
    """The PDF's file name, beside the spreadsheets: report-2026-Q4.pdf (the ISO form, as file names keep it)."""
    return f"report-{period.name}.pdf"


def _document(footer: str) -> Any:
    from fpdf import FPDF  # imported here: the app starts without it

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Sans", "", 8)
            self.set_text_color(90)
            page = _("page {page} of {pages}").format(page=self.page_no(), pages="{nb}")
            self.cell(0, 5, f"{footer} · {page}", align="C")
            self.set_text_color(0)

    pdf = Document(format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=18)
    for style, name in (("", "Regular"), ("B", "Bold")):
        pdf.add_font("Sans", style, str(font_path(name)))
    return pdf


def _line(pdf: Any, text: str, size: float, style: str = "", height: float | None = None) -> None:
    pdf.set_font("Sans", style, size)
    pdf.multi_cell(0, height or size * 0.5, text, new_x="LMARGIN", new_y="NEXT")


def _projects(paper: ReportPaper) -> list[str]:
    """The funder projects the period's figures are counted for, by name, as the spreadsheets list them."""
    return [part for key, part, _value in paper.indicators.rows if key == "project_sessions" and part != "all"]


def _heading(pdf: Any, paper: ReportPaper) -> None:
    _line(pdf, _("Period report"), 18, "B", 9)
    _line(pdf, paper.centre, 14, "B", 7)
    _line(pdf, period_words(paper.period), 12, "", 7)
    named = [name for name in _projects(paper) if name != NO_PROJECT]
    if named:
        said = "; ".join(f"{name} — {paper.titles[name]}" if paper.titles.get(name) else name for name in named)
        _line(pdf, _("Funder projects: {projects}").format(projects=said), 11, "", 6)
    pdf.set_text_color(90)
    _line(pdf, _("Counted {moment}").format(moment=format_datetime(paper.counted)), 9, "", 5)
    pdf.set_text_color(0)
    pdf.ln(2)


def _section(pdf: Any, title: str) -> None:
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.ln(3)
    _line(pdf, title, 12, "B", 7)
    pdf.ln(1)


def _table(
    pdf: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    bold: Collection[int] = (),
) -> None:
    """A table, its numbers to the right and its headings repeated on each page; rows `bold` in bold."""
    from fpdf.fonts import FontFace

    pdf.set_font("Sans", "", 8.5)
    align = tuple("RIGHT" if all(_number(row[i]) for row in rows) else "LEFT" for i in range(len(headers)))
    strong = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=tuple(widths), width=sum(widths), align="LEFT", text_align=align, line_height=4,
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)), borders_layout="HORIZONTAL_LINES",
        repeat_headings=1, padding=(0.6, 1.2),
    ) as table:  # fmt: skip
        table.row(headers)
        for index, row in enumerate(rows):
            table.row(row, style=strong if index in bold else None)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _number(text: str) -> bool:
    return not text or text.replace(".", "", 1).isdigit()


def _indicator_rows(paper: ReportPaper) -> list[tuple[str, str]]:
    """Each measure (a project's breakdown goes to the projects table), as (label, key:breakdown)."""
    rows = []
    for key, part, _value in paper.indicators.rows:
        if key.startswith("project_") or (key in PER_PROJECT and part != "all"):
            continue
        label = _(MEASURES[key]) if part == "all" else "    " + breakdown_label(part, False)
        rows.append((label, f"{key}\0{part}"))
    return rows


def _indicators(pdf: Any, paper: ReportPaper) -> None:
    _section(pdf, _("Indicators"))
    labelled = _indicator_rows(paper)
    columns = [c.indicators for c in paper.centres] + [paper.indicators]
    headers = [_("Measure"), *(c.name for c in paper.centres), _("Total") if paper.centres else _("Value")]
    rows = [[label, *(str(figures.value(*ref.split("\0"))) for figures in columns)] for label, ref in labelled]
    numbers = min(30.0, (WIDTH_MM - 90) / len(columns))
    totals = {i for i, (label, _ref) in enumerate(labelled) if not label.startswith(" ")}
    _table(pdf, headers, rows, [WIDTH_MM - numbers * len(columns), *[numbers] * len(columns)], bold=totals)
    if paper.centres:
        pdf.ln(2)
        _line(pdf, _(TOTAL_NOTE), 8.5, "", 4.5)


def _projects_tables(pdf: Any, paper: ReportPaper) -> None:
    names = _projects(paper)
    if not [name for name in names if name != NO_PROJECT] and not paper.indicators.value("planned"):
        return  # no timetable and no project: nothing planned to count against
    figures = paper.indicators
    for title, columns in PROJECT_TABLES:
        _section(pdf, _(title))
        rows = []
        for name in [*names, "all"]:
            label = _("Total") if name == "all" else breakdown_label(name, False)
            if paper.titles.get(name):
                label += "\n" + paper.titles[name]
            rows.append([label, *(str(figures.value(key, name)) for key, _header in columns)])
        headers = [_("Project"), *(_(header) for _key, header in columns)]
        _table(pdf, headers, rows, [60.0, *[20.0] * len(columns)], bold={len(rows) - 1})


def _regular_sessions(pdf: Any, paper: ReportPaper) -> None:
    rows = plan_rows(paper.indicators)
    if paper.centres or not rows:
        return  # of several centres, each centre's are in the spreadsheet
    _section(pdf, _("Regular sessions"))
    fields = [f for f in PLAN_FIELDS if f.column.key in PLAN_WIDTHS]
    cells = [[_cell(f.column.said(f.value(row), False)) for f in fields] for row in rows]
    _table(pdf, [_(f.column.label) for f in fields], cells, [PLAN_WIDTHS[f.column.key] for f in fields])


def _weeks(pdf: Any, paper: ReportPaper, chart: Chart) -> None:
    if chart.unit != WEEK:
        return  # a long period is by month or year in the chart; its weeks are in the spreadsheet
    _section(pdf, _("Weeks"))
    headers = [_("Week"), _("Sessions"), _("Attendances"), _("Unique persons"), _("Trips"), _("Boardings")]
    rows = [
        [format_week(w.week), *(str(n) for n in (w.sessions, w.attendances, w.unique_persons, w.trips, w.boardings))]
        for w in paper.indicators.weeks
    ]
    _table(pdf, headers, rows, [60.0, *[24.0] * 5])


def report_pdf(paper: ReportPaper) -> bytes:
    """The report on A4 pages: heading, chart, indicators, funder projects, regular sessions, weeks."""
    period = paper.period
    pdf = _document(f"{paper.centre} · {period_words(period)}")
    pdf.set_title(_("Report {start}–{end}").format(start=period.start.isoformat(), end=period.end.isoformat()))
    pdf.set_creator("centrelog")
    pdf.add_page()
    _heading(pdf, paper)
    chart = attendance_chart(paper.indicators.days, period, lambda c: len(c.bars) * BAR_ROOM_MM <= WIDTH_MM - 10)
    figures = paper.indicators
    if figures.value("attendances"):
        pdf.set_y(draw_chart(pdf, chart, MARGIN_MM, pdf.get_y() + 2, WIDTH_MM, CHART_HEIGHT_MM) + 4)
    elif not figures.value("sessions") and not figures.value("trips"):
        _line(pdf, _("No sessions or trips in this period."), 11, "", 7)
    _indicators(pdf, paper)
    _projects_tables(pdf, paper)
    _regular_sessions(pdf, paper)
    _weeks(pdf, paper, chart)
    return bytes(pdf.output())


def write_report_pdf(paper: ReportPaper, folder: Path) -> Path:
    """Write the report's PDF into `folder` (owner-only, atomically) and return its path."""
    path = folder / report_pdf_name(paper.period)
    atomic_write_bytes(path, report_pdf(paper))
    return path

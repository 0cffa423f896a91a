"""Reports for staff: last week's bundle in two keys, a period's indicators with a chart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, ProgressBar, Static

from exports.centres import TOTAL_NOTE
from exports.indicators import MEASURES, Indicators, breakdown_label
from exports.periods import (
    Period,
    between,
    last_complete_week,
    parse_date,
    parse_month,
    parse_quarter,
    parse_week,
    period_words,
)
from exports.report import ReportResult
from exports.report_job import ReportFailed, report_in_child
from exports.summaries import summarising_words
from exports.weekly import ExportResult, export_week
from sessions.centres import other_centres, set_other_centres
from sessions.i18n import N_, _, format_week
from sessions.storage.durable import DamagedFile
from sessions.store import Store
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.printing import offer_print
from tui.saving import notice, save
from tui.screens.staff.other_centres import OtherCentresDialog
from tui.widgets.bar_chart import BarChart
from tui.widgets.footer import Footer

__all__ = ["ReportsScreen", "parse_period"]


def parse_period(text: str, today: date) -> Period:
    """What staff type for a period: 2026-Q3, 2026-10, 2026-W47, 2026-10-01..2026-12-31 or a year."""
    cleaned = text.strip()
    if ".." in cleaned:
        first, _sep, last = cleaned.partition("..")
        return between(parse_date(first), parse_date(last))
    if cleaned.isdigit() and len(cleaned) == 4:
        return between(date(int(cleaned), 1, 1), date(int(cleaned), 12, 31))
    for parse in (parse_quarter, parse_month, parse_week):
        try:
            return parse(cleaned)
        except ValueError:
            continue
    raise ValueError(
        _("“{text}” is not a period: type 2026-Q3, 2026-10, 2026-W47, 2026 or 2026-10-01..2026-12-31.").format(
            text=text
        )
    )


def this_quarter(today: date) -> str:
    """The quarter the last complete week ends in, as 2026-Q4."""
    sunday = today - timedelta(days=today.weekday() + 1)
    return f"{sunday.year}-Q{(sunday.month - 1) // 3 + 1}"


#: The widest breakdown shown in the figures' first column (the measures' own names are at most this wide).
LABEL_WIDTH = 30


def short(name: str, width: int = 14) -> str:
    """A centre's name as a column header: cut with … beyond `width`."""
    return name if len(name) <= width else name[: width - 1] + "…"


def row_label(measure: str, breakdown: str) -> str:
    """Each measure's total by its name, then its breakdown indented beneath it; a long breakdown (a reason
    for cancelling, a project's name) is cut so that the figures stay in view at 80 columns."""
    if breakdown == "all":
        return _(MEASURES[measure])
    return "  " + short(breakdown_label(breakdown, False), LABEL_WIDTH)


def figures_width(headers: list[str], rows: list[list[str]]) -> int:
    """The figures table's width: each column its widest cell and a space each side, and the scrollbar."""
    widest = [max(cell_len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    return sum(width + 2 for width in widest) + 2


class ReportsScreen(Screen[None]):
    """F2 exports the week as CSV, F3 as XLSX; F5 counts the period's indicators; F6 adds other centres."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "reports.tcss"
    AUTO_FOCUS = "#week"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "export('csv')", N_("Export CSV")),
        # Beside "Export CSV" the format alone says it, and leaves room for F7 in Latvian and Russian.
        Binding("f3", "export('xlsx')", N_("XLSX")),
        Binding("f5", "report", N_("Report")),
        Binding("f6", "other_centres", N_("Other centres")),
        Binding("f7", "print_report", N_("Print")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The files and figures funders ask for. Type the week, then F2 writes its records as CSV, F3 as XLSX. Type a"
        " period (2026-Q3, 2026-10, 2026-W47, 2026, or 2026-10-01..2026-12-31) and F5 counts its figures, with a"
        " chart. F6 counts other centres' folders too. F7 prints the period's report when it was written as a PDF."
        " Tab moves between the fields."
    )

    #: The last report's PDF, which F7 prints (a report written only as spreadsheets has none).
    report_pdf: Path | None = None
    #: Its period, said in the print dialog and the print job's title.
    report_period: Period | None = None
    #: The figures the chart is drawn from (again when the terminal is resized), and the table's width beside it.
    charted: tuple[Indicators, Period] | None = None
    table_width = 0
    #: While a count summarises closed weeks first (said instead of "Counting …"), and what it says after.
    summarising = False
    counting = ""

    def compose(self) -> ComposeResult:
        today = self.app.clock().date()
        yield Header()
        with Horizontal(classes="row"):
            yield Label(_("Week"), classes="label")
            yield Input(last_complete_week(today), id="week")
            yield Label(_("Period"), classes="label")
            yield Input(this_quarter(today), id="period")
        yield Static("", id="said")
        yield Static("", id="centres")
        yield ProgressBar(id="progress", show_eta=False)
        yield Static(_("F2 exports the week, F5 counts the period."), id="status")
        yield Static(id="stale", classes="hint")
        with Horizontal(id="results"):
            yield DataTable(id="figures", cursor_type="row", zebra_stripes=True)
            yield BarChart(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        # Kept for the counting thread: once staff have left the screen, `self.app` is not known there.
        self.owner = self.app
        self.query_one("#progress").display = False
        self.query_one("#chart").display = False
        self.others = other_centres(self.app.store)
        self.show_others()
        self.query_one("#stale").display = False
        #: A count was started on this screen (its figures may be overtaken by files that arrive).
        self.counted = False

    # the week's bundle -----------------------------------------------------

    @on(Input.Changed, "#week")
    @on(Input.Changed, "#period")
    def say_typed(self) -> None:
        """Under the fields, the week and the period typed as people say them (2026-W47: week 47, 16–22 Nov)."""
        said = []
        try:
            said.append(format_week(parse_week(self.query_one("#week", Input).value).start))
        except ValueError:
            pass
        try:
            said.append(period_words(parse_period(self.query_one("#period", Input).value, self.app.clock().date())))
        except ValueError:
            pass
        self.query_one("#said", Static).update("  ·  ".join(said))

    @on(Input.Submitted, "#week")
    def week_entered(self) -> None:
        self.action_export("csv")

    def action_export(self, fmt: str) -> None:
        text = self.query_one("#week", Input).value.strip()
        try:
            week = parse_week(text)
        except ValueError as error:
            self.say(str(error), error=True)
            return
        self.begin(_("Exporting {week}…").format(week=period_words(week)))
        self.in_thread(partial(self.export_in_thread, self.app.store, week.name, fmt, self.app.clock()))

    def export_in_thread(self, store: Store, week: str, fmt: str, now: datetime | None = None) -> None:
        try:
            result = export_week(store, week, fmt=fmt, progress=self.progress_from_thread, now=now)
        except (OSError, DamagedFile) as error:
            message = _("Nothing was exported: {reason}").format(reason=error)
            self.from_thread(self.say, message, True, told=message)
            return
        self.from_thread(self.exported, result, told=self.export_message(result))

    def exported(self, result: ExportResult) -> None:
        self.finish()
        self.say(self.export_message(result))

    def export_message(self, result: ExportResult) -> str:
        if result.empty:
            head = _("No sessions or trips in {week}: files with headers only.").format(
                week=period_words(result.period)
            )
        else:
            head = _("{week}: {sessions} sessions, {attendances} attendances, {trips} trips.").format(
                week=period_words(result.period),
                sessions=result.sessions,
                attendances=result.attendances,
                trips=result.trips,
            )
        return "\n".join([head, *self.shown_paths(result.paths)])

    # the period report -----------------------------------------------------

    @on(Input.Submitted, "#period")
    def period_entered(self) -> None:
        self.action_report()

    def action_report(self) -> None:
        try:
            period = parse_period(self.query_one("#period", Input).value, self.app.clock().date())
        except ValueError as error:
            self.say(str(error), error=True)
            return
        self.counted = True
        self.query_one("#stale").display = False
        self.counting = _("Counting {period}…").format(period=period_words(period))
        self.begin(self.counting)
        count = partial(self.report_in_thread, self.app.store.data_dir, period, tuple(self.others), self.app.clock())
        self.in_thread(count)

    def report_in_thread(
        self, data_dir: Path, period: Period, others: tuple[Path, ...] = (), now: datetime | None = None
    ) -> None:
        try:
            # In a child process: ten years of logs would swell the app's own memory.
            result = report_in_child(
                data_dir,
                period,
                progress=self.progress_from_thread,
                others=others,
                now=now,
                summarising=self.summarising_from_thread,
            )
        except (OSError, DamagedFile, ReportFailed) as error:
            message = _("The report was not written: {reason}").format(reason=error)
            self.from_thread(self.say, message, True, told=message)
            return
        self.from_thread(self.reported, result, told=self.report_message(result))

    def reported(self, result: ReportResult) -> None:
        self.finish()
        self.report_pdf = next((path for path in result.paths if path.suffix.lower() == ".pdf"), None)
        self.report_period = result.period
        self.refresh_bindings()
        self.say(self.report_message(result))
        if result.centres:
            self.show_centres(result)
        else:
            self.show_figures(result.indicators, result.period)

    def report_message(self, result: ReportResult) -> str:
        period = result.period
        head = _("{period}: {n} files read.").format(period=period_words(period), n=result.files_read)
        if result.empty:
            head += " " + _("No sessions or trips in this period.")
        note = [_(TOTAL_NOTE)] if result.centres else []
        return "\n".join([head, *note, *self.shown_paths(result.paths)])

    def show_centres(self, result: ReportResult) -> None:
        """A column per centre, then the total; the chart makes room for them."""
        table = self.query_one("#figures", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Measure"), *(short(c.name) for c in result.centres), _("Total"))
        for key, part, value in result.indicators.rows:
            table.add_row(
                row_label(key, part), *(str(c.indicators.value(key, part)) for c in result.centres), str(value)
            )
        self.charted = None
        self.query_one("#chart").display = False

    def show_figures(self, figures: Indicators, period: Period) -> None:
        """The figures in the table, and beside it the chart in the room the table leaves."""
        table = self.query_one("#figures", DataTable)
        table.clear(columns=True)
        headers = [_("Measure"), _("Value")]
        rows = [[row_label(key, part), str(value)] for key, part, value in figures.rows]
        table.add_columns(*headers)
        table.add_rows(rows)
        self.table_width = figures_width(headers, rows)
        self.charted = (figures, period)
        self.draw_chart()

    def draw_chart(self) -> None:
        """Attendances per week where the weeks fit beside the table, else per month, else per year."""
        if self.charted is None:
            return
        figures, period = self.charted
        area = self.query_one("#results").size
        chart = self.query_one("#chart", BarChart)
        chart.show(figures.days, period, area.width - self.table_width, area.height)
        chart.display = chart.display and any(figures.days.values())  # no bars of nobody

    def on_resize(self) -> None:
        self.draw_chart()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F7 is offered once a report was written with a PDF to print."""
        if action == "print_report":
            return self.report_pdf is not None
        return True

    def action_print_report(self) -> None:
        if self.report_pdf is None or self.report_period is None:
            return
        period = self.report_period
        title = _("Report {start}–{end}").format(start=period.start.isoformat(), end=period.end.isoformat())
        what = _("Print the report of {period}").format(period=period_words(period))
        offer_print(self, self.report_pdf, what, title)

    # other centres ---------------------------------------------------------

    def action_other_centres(self) -> None:
        self.app.push_screen(OtherCentresDialog(self.others), self.keep_others)

    async def keep_others(self, folders: list[Path] | None) -> None:
        if folders is None or folders == self.others:
            return
        if await save(self.app, notice(self), set_other_centres, self.app.store, folders, self.app.clock()):
            self.others = folders
            self.show_others()

    def show_others(self) -> None:
        line = self.query_one("#centres", Static)
        if not self.others:
            line.update(_("Only this centre is counted (F6 adds other centres)."))
            return
        names = ", ".join(folder.name or str(folder) for folder in self.others)
        line.update(_("Also counted: {folders} (F6 changes)").format(folders=names))

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came after the figures were counted: say they may be out of date."""
        if event.logs and self.counted:
            stale = self.query_one("#stale", Static)
            stale.update(
                _("Records from another laptop have arrived since: the figures may be out of date. F5 counts again.")
            )
            stale.display = True

    # progress and messages ---------------------------------------------------

    def progress_from_thread(self, done: int, total: int) -> None:
        # A step per hundredth: a thousand round trips to the screen would slow the work down.
        if done in (1, total) or done * 100 // total != (done - 1) * 100 // total:
            self.from_thread(self.show_progress, done, total)

    def show_progress(self, done: int, total: int) -> None:
        if self.summarising:  # the summaries are made: the count itself goes on
            self.summarising = False
            self.say(self.counting)
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def summarising_from_thread(self, done: int, total: int) -> None:
        if done in (0, total) or done * 100 // total != (done - 1) * 100 // total:
            self.from_thread(self.show_summarising, done, total)

    def show_summarising(self, done: int, total: int) -> None:
        """Closed weeks are summarised before the count: say so, and how far it got."""
        self.summarising = True
        self.say(summarising_words(done, total))
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def in_thread(self, work: Callable[[], None]) -> None:
        """Run `work` on a thread of the app's, not the screen's: staff leaving the screen does not stop it."""
        self.owner.run_worker(work, thread=True, exclusive=True, group="reports")

    def from_thread(self, callback: Callable[..., object], *args: object, told: str | None = None) -> None:
        """Run `callback` on the app's thread; if staff have left the screen meanwhile, tell them `told`."""
        self.owner.call_from_thread(self._if_shown, callback, args, told)

    def _if_shown(self, callback: Callable[..., object], args: tuple[object, ...], told: str | None) -> None:
        # Off the stack, not merely detached: a popped screen stays attached while it is taken down.
        if self not in self.owner.screen_stack:
            if told:
                self.owner.notify(told, timeout=20)
            return
        try:
            callback(*args)
        except NoMatches:
            pass  # never expected on a stacked screen; a late message must not take the app down

    def begin(self, message: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.say(message)

    def finish(self) -> None:
        self.query_one("#progress").display = False

    def shown_paths(self, paths: list[Path]) -> list[str]:
        """The folder once, then the file names: long paths would not fit 80 columns."""
        folder = paths[0].parent if paths else ""
        return [_("Folder: {folder}").format(folder=folder), "  " + ", ".join(path.name for path in paths)]

    def say(self, message: str, error: bool = False) -> None:
        if error:
            self.finish()
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "error")

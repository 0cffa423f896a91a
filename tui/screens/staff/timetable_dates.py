"""The timetable date by date, this week and the next ones: cancel a date, move it, add a one-off; holidays shown."""

from __future__ import annotations

from datetime import date, timedelta

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from sessions.i18n import N_, _, format_time
from sessions.timetable import (
    Occurrence,
    cancel_date,
    holiday_country,
    holidays_between,
    move_date,
    occurrences,
    set_holiday_country,
)
from sessions.timetable import withdraw_change as withdraw
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import notice, save
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.staff.date_forms import Line, ShortForm
from tui.screens.staff.plan_form import PlanForm, shown_date
from tui.screens.staff.timetable import STAFF_SCAN_HINT
from tui.weekdays import day_and_date
from tui.widgets.footer import Footer
from tui.widgets.table_refill import refill

__all__ = ["WEEKS_SHOWN", "TimetableDatesScreen"]

#: This week and the next ones.
WEEKS_SHOWN = 6

#: A row: a session of the timetable on its date, or a public holiday with no session planned (its day, name).
Row = Occurrence | tuple[date, str]


class TimetableDatesScreen(Screen[None]):
    """Each planned session of the weeks shown, with what changed on its date; public holidays in their place."""

    app = getters.app(CentrelogApp)

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = STAFF_SCAN_HINT

    CSS_PATH = "timetable.tcss"
    BINDINGS = [
        Binding("f2", "one_off", N_("One-off")),
        Binding("f3", "cancel", N_("Cancel date")),
        Binding("f4", "move", N_("Move")),
        # Not in the footer (full at 80 columns in Latvian): F1 lists it, and the help text says it.
        Binding("f6", "holidays", N_("Holidays"), show=False),
        Binding("f7", "print", N_("Print")),
        Binding("f8", "withdraw", N_("Withdraw")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "This week and the next five, date by date, as the timetable plans them, public holidays included. F3"
        " cancels the highlighted date (saying why), F4 moves it to another day or time, F2 adds a session on one"
        " date only. F8 withdraws the change of the highlighted date: it is as the timetable has it again. A session"
        " on a public holiday does not take place. F6 says whose public holidays the timetable keeps: Latvia's (LV)"
        " or, at a partner centre, Lithuania's (LT). F7 saves the highlighted date's week as an A4 PDF for the notice"
        " board and offers to print it."
    )
    #: What each row of the table is, in its order.
    rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dates-title", classes="title")
        yield DataTable(id="dates", cursor_type="row", zebra_stripes=True)
        yield Static(id="date-detail", classes="hint")
        yield Static(id="said", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#dates", DataTable)
        self.fill()
        table.focus()

    def say(self, text: str, problem: bool) -> None:
        """How a print went (tui/printing.py), on the line above the keys."""
        said = self.query_one("#said", Static)
        said.set_class(problem, "error")
        said.update(Content(text))
        said.display = True

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the timetable: show it as it is now."""
        if event.registry:
            self.fill()

    @property
    def first_day(self) -> date:
        today = self.app.clock().date()
        return today - timedelta(days=today.weekday())

    def fill(self) -> None:
        """The weeks' sessions and holidays by date and time; the cursor stays on its row number."""
        registry = self.app.store.registry
        first = self.first_day
        last = first + timedelta(weeks=WEEKS_SHOWN, days=-1)
        self.query_one("#dates-title", Static).update(
            _("From {first} to {last}: F3 cancels a date, F4 moves it").format(
                first=shown_date(first), last=shown_date(last)
            )
        )
        planned = occurrences(registry, first, last)
        busy = {o.day for o in planned}
        free = [(day, name) for day, name in holidays_between(first, last, holiday_country(registry)).items()]
        rows: list[Row] = [*planned, *((day, name) for day, name in free if day not in busy)]
        self.rows = sorted(rows, key=_row_order)
        table = self.query_one("#dates", DataTable)
        row = table.cursor_row
        headers = (_("Date"), _("Time"), _("Activity"), _("Place"), _("Changed"))
        refill(table, headers, [(_cells(entry), None) for entry in self.rows])
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))
        self.say_row()

    @on(DataTable.RowHighlighted, "#dates")
    def say_row(self) -> None:
        """The highlighted date's session in full: instructor, and the reason of a change."""
        entry = self.current_row()
        detail = self.query_one("#date-detail", Static)
        if entry is None:
            detail.update(_("Nothing is planned in these weeks: F2 adds a one-off."))
        elif isinstance(entry, tuple):
            detail.update(Content(_("Public holiday: {name}").format(name=entry[1])))
        else:
            detail.update(Content(_detail(entry)))

    def current_row(self) -> Row | None:
        table = self.query_one("#dates", DataTable)
        return self.rows[table.cursor_row] if self.rows and table.cursor_row < len(self.rows) else None

    def planned(self) -> Occurrence | None:
        """The highlighted session of a regular plan; else None, said."""
        entry = self.current_row()
        if isinstance(entry, Occurrence) and entry.plan_id is not None:
            return entry
        if isinstance(entry, Occurrence):
            self.notify(_("A one-off session is withdrawn with F8."), severity="warning")
        return None

    def refill(self, saved: bool | None) -> None:
        if saved:
            self.fill()

    def action_one_off(self) -> None:
        entry = self.current_row()
        day = entry[0] if isinstance(entry, tuple) else entry.day if entry else self.app.clock().date()
        self.app.push_screen(PlanForm("one_off", day=day), self.refill)

    def action_cancel(self) -> None:
        """F3: cancel the highlighted date, saying why."""
        occurrence = self.planned()
        if occurrence is None:
            return
        registry, plan_id, day = self.app.store.registry, occurrence.plan_id, occurrence.planned_day

        def cancel(reason: str) -> None:
            cancel_date(registry, str(plan_id), day, reason, self.app.clock())

        title = _("Cancel {activity} on {day}").format(activity=occurrence.activity, day=day_and_date(day))
        line = Line("reason", _("Reason"), occurrence.reason or "", _("why it is cancelled"))
        self.app.push_screen(ShortForm(title, [line], cancel), self.refill)

    def action_move(self) -> None:
        """F4: move the highlighted date to another day or time."""
        occurrence = self.planned()
        if occurrence is None:
            return
        registry, plan_id, day = self.app.store.registry, occurrence.plan_id, occurrence.planned_day

        def move(new_day: str, start: str, end: str, reason: str) -> None:
            move_date(
                registry, str(plan_id), day, self.app.clock(), new_day=new_day, start=start, end=end, reason=reason
            )

        title = _("Move {activity} of {day}").format(activity=occurrence.activity, day=day_and_date(day))
        lines = [
            Line("new_day", _("Date"), shown_date(occurrence.day)),
            Line("start", _("Starts at"), format_time(occurrence.start)),
            Line("end", _("Ends at"), format_time(occurrence.end)),
            Line("reason", _("Reason"), (occurrence.change == "moved" and occurrence.reason) or "", _("optional")),
        ]
        self.app.push_screen(ShortForm(title, lines, move), self.refill)

    def action_holidays(self) -> None:
        """F6: the country whose public holidays the timetable keeps (LV or LT), for every laptop of the centre."""
        registry = self.app.store.registry

        def keep(holiday_country: str) -> None:
            set_holiday_country(registry, holiday_country, self.app.clock())

        title = _("Whose public holidays the timetable keeps")
        line = Line("holiday_country", _("Country"), holiday_country(registry), _("LV Latvia, LT Lithuania"))
        self.app.push_screen(ShortForm(title, [line], keep), self.refill)

    async def action_print(self) -> None:
        """F7: the timetable of the highlighted date's week as a PDF for the notice board, then the print dialog."""
        from tui.timetable_print import print_week

        entry = self.current_row()
        day = entry[0] if isinstance(entry, tuple) else entry.day if entry else self.app.clock().date()
        await print_week(self, day)

    def action_withdraw(self) -> None:
        """F8: the highlighted date as the timetable has it again (a one-off session withdrawn), asked first."""
        entry = self.current_row()
        if not isinstance(entry, Occurrence) or entry.change_id is None:
            self.notify(_("Nothing was changed on this date."), severity="warning")
            return
        change_id = entry.change_id
        if entry.change == "added":
            question = _("Withdraw the one-off {activity} on {day}?")
        else:
            question = _("Withdraw the change: {activity} on {day} as the timetable has it?")
        question = question.format(activity=entry.activity, day=day_and_date(entry.planned_day))

        async def answered(yes: bool | None) -> None:
            app = self.app
            if yes and await save(app, notice(self), withdraw, app.store.registry, change_id, app.clock()):
                self.fill()

        def then(yes: bool | None) -> None:
            self.run_worker(answered(yes))

        self.app.push_screen(ConfirmDialog(question), then)


def _row_order(entry: Row) -> tuple[date, str]:
    if isinstance(entry, tuple):
        return entry[0], ""
    return entry.day, entry.start.strftime("%H:%M")


def _cells(entry: Row) -> tuple[str, ...]:
    if isinstance(entry, tuple):
        return day_and_date(entry[0]), "", entry[1], "", _("public holiday")
    times = f"{format_time(entry.start)}–{format_time(entry.end)}"
    return day_and_date(entry.day), times, entry.activity, entry.place, _changed(entry)


def _changed(o: Occurrence) -> str:
    """What became of the date, in a word or two (the detail line says it in full)."""
    if o.holiday:
        return _("public holiday")
    if o.cancelled:
        return _("cancelled")
    if o.change == "moved":
        return _("moved from {day}").format(day=day_and_date(o.planned_day)) if o.day != o.planned_day else _("moved")
    if o.change == "added":
        return _("one-off")
    return ""


def _detail(o: Occurrence) -> str:
    """The highlighted session in a sentence: who leads it, and why its date changed."""
    said = f"{o.activity} · {o.place} · {o.instructor}"
    if o.holiday:
        return said + " · " + _("public holiday: {name}").format(name=o.holiday)
    if o.cancelled:
        return said + " · " + _("cancelled: {reason}").format(reason=o.reason or "")
    if o.change == "moved" and o.moved_from is not None:
        was = f"{day_and_date(o.planned_day)} {format_time(o.moved_from[0])}"
        said += " · " + _("moved from {day}").format(day=was)
    return said + (" · " + o.reason if o.reason else "")

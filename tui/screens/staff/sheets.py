"""Attendance sheets for staff: a week's sessions from every laptop; Enter prints the highlighted one's sheet."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, timedelta

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from exports.periods import parse_week
from exports.readers import load_logs
from exports.sheet import default_sheet_path, sheet_title, write_attendance_sheet
from sessions.clock import by_moment, from_iso, week_key
from sessions.i18n import N_, _, format_datetime, format_week, ngettext
from sessions.kinds import SessionRecord
from sessions.storage.disk import write_problem
from sessions.storage.durable import DamagedFile
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.damaged import damaged_sentence
from tui.printing import offer_print
from tui.widgets.footer import Footer

__all__ = ["SessionSheetsScreen"]


class SessionSheetsScreen(Screen[None]):
    """The sessions of a week (F5/F6 the week before and after); Enter writes and prints one's sheet."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "sheets.tcss"
    BINDINGS = [
        Binding("enter", "print_sheet", N_("Print sheet"), show=True),
        Binding("f5", "move(-1)", N_("Earlier")),
        Binding("f6", "move(1)", N_("Later")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The sessions of a week, from every laptop, with how many were checked in. ↑↓ choose a session; Enter saves"
        " its attendance sheet (who came, when, and a column to sign) as a PDF and asks where to print it. F5 and F6"
        " go to the week before and after."
    )
    SCAN_HINT = N_(
        "A card was scanned, but this is the list of attendance sheets: no one was checked in. To check people in, go"
        " to the home screen (Esc) and press 1."
    )

    def __init__(self) -> None:
        super().__init__()
        self.monday: date | None = None
        self.sessions: dict[str, SessionRecord] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="week", classes="title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        today = self.app.clock().date()
        self.monday = today - timedelta(days=today.weekday())
        table = self.query_one("#sessions", DataTable)
        table.add_columns(_("Start"), _("Activity"), _("Place"), _("Instructor"), _("Checked in"))
        self.fill()
        table.focus()

    def fill(self, keep: str | None = None) -> None:
        """The week's sessions, oldest first, each with how many are checked in (voided ones left out)."""
        assert self.monday is not None
        week = week_key(self.monday)
        self.query_one("#week", Static).update(_("Sessions in {week}").format(week=format_week(self.monday, year=True)))
        table = self.query_one("#sessions", DataTable)
        table.clear()
        try:
            logs = load_logs(self.app.store, parse_week(week))
        except DamagedFile as error:
            self.sessions = {}
            self.say(_("No sessions are listed: {reason}").format(reason=damaged_sentence(error)), True)
            return
        counts = Counter(c["session_id"] for c in logs.checkins)
        ordered = sorted(logs.sessions.values(), key=by_moment("start"))
        self.sessions = {s["id"]: s for s in ordered}
        for session in ordered:
            table.add_row(
                format_datetime(from_iso(session["start"]), year=False),
                session.get("activity") or "",
                session.get("place") or "",
                session.get("instructor") or "",
                str(counts[session["id"]]),
                key=session["id"],
            )
        if keep in self.sessions:
            table.move_cursor(row=table.get_row_index(keep))
        if not ordered:
            self.say(_("No sessions this week. F5 goes to the week before."))
            return
        count = len(ordered)
        self.say(
            ngettext("{n} session. Enter prints its sheet.", "{n} sessions. Enter prints a sheet.", count).format(
                n=count
            )
        )

    def say(self, text: str, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(problem, "error")
        status.update(text)

    def action_move(self, weeks: int) -> None:
        assert self.monday is not None
        self.monday += timedelta(weeks=weeks)
        self.fill()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came: list again, the highlighted session kept."""
        if event.logs:
            self.fill(keep=self.highlighted())

    def highlighted(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected, "#sessions")
    def row_chosen(self) -> None:
        self.action_print_sheet()

    @work(exclusive=True, group="sheet")
    async def action_print_sheet(self) -> None:
        """Write the highlighted session's sheet (beside the app's writes, not in their line), then offer to print."""
        session = self.sessions.get(self.highlighted() or "")
        if session is None:
            return
        app = self.app
        out = default_sheet_path(app.store, session)
        self.say(_("Writing the attendance sheet…"))
        try:
            sheet = await asyncio.to_thread(write_attendance_sheet, app.store, session, out, app.clock())
        except (OSError, DamagedFile) as error:
            reason = damaged_sentence(error) if isinstance(error, DamagedFile) else write_problem(error)
            self.say(_("The attendance sheet could not be written: {reason}").format(reason=reason), True)
            return
        title = sheet_title(session)
        offer_print(self, sheet.path, title, title)

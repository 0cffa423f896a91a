"""The home screen: three roles, and what is still open on this laptop."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from sessions.attendance import open_sessions
from sessions.i18n import _

__all__ = ["HomeScreen"]


class HomeScreen(Screen[None]):
    """Who is at the keyboard: instructor, driver or staff."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("1", "instructor", _("Instructor")),
        Binding("2", "driver", _("Driver")),
        Binding("3", "staff", _("Staff")),
        Binding("q", "app.quit", _("Quit")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="roles"):
            yield Static(_("Who is at the keyboard?"), classes="title")
            yield Button(_("1  Instructor — start a session, check people in"), id="instructor")
            yield Button(_("2  Driver — minibus trips"), id="driver")
            yield Button(_("3  Staff — participants, cards, reports"), id="staff")
            yield Static(id="open-work", classes="hint")
            yield Static(id="notes", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#instructor", Button).focus()
        notes = self.app.start_notes  # type: ignore[attr-defined]
        self.query_one("#notes", Static).update("\n".join(notes))

    def on_screen_resume(self) -> None:
        self.refresh_open_work()

    def refresh_open_work(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        lines = [
            _("{activity} is open since {time}: press 1 to go on checking in.").format(
                activity=s.record["activity"], time=s.started.strftime("%H:%M")
            )
            for s in open_sessions(store)
        ]
        self.query_one("#open-work", Static).update("\n".join(lines))

    @on(Button.Pressed, "#instructor")
    def action_instructor(self) -> None:
        from tui.screens.start_session import StartSessionScreen
        from tui.screens.checkin import CheckInScreen

        store = self.app.store  # type: ignore[attr-defined]
        running = open_sessions(store)
        if running:
            self.app.push_screen(CheckInScreen(running[0]))
        else:
            self.app.push_screen(StartSessionScreen())

    @on(Button.Pressed, "#driver")
    def action_driver(self) -> None:
        self.notify(_("Minibus trips are not in this version yet."), severity="warning")

    @on(Button.Pressed, "#staff")
    def action_staff(self) -> None:
        from tui.screens.staff import StaffScreen

        self.app.push_screen(StaffScreen())

"""The home screen: three roles, and what is still open on this laptop."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from sessions.attendance import open_sessions
from sessions.i18n import N_, _, format_time, next_language
from sessions.registry import Registry
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.widgets.footer import Footer

__all__ = ["HomeScreen"]


class HomeScreen(Screen[None]):
    """Who is at the keyboard: instructor, driver or staff."""

    #: What a card scanned here is told (tui/scans_anywhere.py).
    SCAN_HINT = N_("A card was scanned, but no session is open. Start one first: press 1 (for a minibus trip, 2).")

    app = getters.app(CentrelogApp)

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("1", "instructor", N_("Instructor")),
        Binding("2", "driver", N_("Driver")),
        Binding("3", "staff", N_("Staff")),
        Binding("f9", "language", N_("Language")),
        Binding("f5", "damaged", N_("Damaged files"), show=False),
        Binding("q", "app.quit", N_("Quit")),
    ]
    HELP_TEXT = N_(
        "Choose who is at the keyboard: 1 the instructor (sessions and check-ins), 2 the driver (minibus trips), 3"
        " staff (participants, cards, reports; the staff PIN is asked). F9 changes the language. A damaged file named"
        " in red below is restored with F5. F1 on any screen says what it is for and lists its keys. A card scanned"
        " here goes to the session or trip open on this laptop, if there is one."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="roles"):
            yield Static(_("Who is at the keyboard?"), classes="title")
            yield Button(_("1  Instructor — start a session, check people in"), id="instructor")
            yield Button(_("2  Driver — minibus trips"), id="driver")
            yield Button(_("3  Staff — participants, cards, reports"), id="staff")
            yield Static(id="open-work", classes="hint")
            yield Static(id="notes", classes="hint")
            yield Static(id="waiting", classes="error")
            damage = Static(id="damage", classes="error")
            damage.display = False
            yield damage
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#instructor", Button).focus()
        self.refresh_notes()

    def refresh_notes(self) -> None:
        """What the start did: the demo folder, sessions closed, and what a full disk left waiting."""
        from tui.left_open import closed_notes, waiting_note

        left_open = self.app.left_open
        notes = [*self.app.start_notes, *closed_notes(left_open)]
        self.query_one("#notes", Static).update("\n".join(note() if callable(note) else note for note in notes))
        note = waiting_note(left_open)
        waiting = self.query_one("#waiting", Static)
        waiting.update(note)
        waiting.display = bool(note)

    async def on_screen_resume(self) -> None:
        from tui.left_open import retry_left_open

        if await retry_left_open(self.app):
            self.refresh_notes()
        self.refresh_open_work()
        self.refresh_damage()

    def refresh_damage(self) -> None:
        """Name the damaged files set aside, and the backup that holds each."""
        from sessions.storage.damage import pending_damaged

        lines: list[str] = []
        waiting = pending_damaged(self.app.store.data_dir)
        if waiting:  # most mornings none: the restore's modules are not needed
            from tui.screens.staff.restore import damage_lines

            lines = damage_lines(self.app.store, waiting)
        damage = self.query_one("#damage", Static)
        damage.update("\n".join(lines))
        damage.display = bool(lines)

    def action_damaged(self) -> None:
        """F5: the staff PIN (the registry's, else the one in the backups), then the restore."""
        from sessions.backup_pin import new_pin_refused, pin_to_restore
        from tui.screens.staff.pin import PinDialog
        from tui.screens.staff.restore import RestoreDamagedDialog

        def allowed(ok: bool | None) -> None:
            if ok:
                self.app.store.registry.acting_role = "staff"
                self.app.push_screen(RestoreDamagedDialog(), lambda _none: self.refresh_damage())

        store = self.app.store
        stored = pin_to_restore(store)
        if stored is not None:
            self.app.push_screen(PinDialog(against=stored), allowed)
        elif new_pin_refused(store):  # no PIN anywhere, and none may be chosen before the restore
            allowed(True)
        else:
            self.app.push_screen(PinDialog(), allowed)

    def refresh_open_work(self) -> None:
        from tui.left_open import goes_on_line

        store = self.app.store
        left_open = self.app.left_open
        went_on = left_open.resumed if left_open else ()
        lines = [
            goes_on_line(s)
            if s.id in went_on
            else _("{activity} is open since {time}: press 1 to go on checking in.").format(
                activity=s.record["activity"], time=format_time(s.started)
            )
            for s in open_sessions(store)
        ]
        from sessions.trips import open_trips

        lines += [
            _("The trip to {destination} is open since {time}: press 2 to close it.").format(
                destination=t.record["destination"], time=format_time(t.departure)
            )
            for t in open_trips(store)
        ]
        from sessions.elsewhere import open_elsewhere
        from tui.elsewhere import elsewhere_line

        today = self.app.clock().date()
        lines += [elsewhere_line(work, today) for work in open_elsewhere(store, today)]
        self.query_one("#open-work", Static).update("\n".join(lines))

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came: what is open there may have changed."""
        if event.logs:
            self.refresh_open_work()

    async def action_language(self) -> None:
        """F9: the next of Latvian, Russian and English, at once."""
        from tui.language import use_language

        await use_language(self.app, next_language())

    @on(Button.Pressed, "#instructor")
    def action_instructor(self) -> None:
        """1: the session open here goes on; else today's timetable, or the start form where there is none."""
        from tui.screens.instructor.checkin import CheckInScreen
        from tui.screens.instructor.start_session import StartSessionScreen

        store = self.app.store
        store.registry.acting_role = "instructor"
        running = open_sessions(store)
        if running:
            self.app.push_screen(CheckInScreen(running[0]))
        elif has_timetable(store.registry):
            from tui.screens.instructor.today import TodayScreen

            self.app.push_screen(TodayScreen())
        else:
            self.app.push_screen(StartSessionScreen())

    @on(Button.Pressed, "#driver")
    def action_driver(self) -> None:
        from tui.screens.driver.menu import DriverScreen

        self.app.store.registry.acting_role = "driver"
        self.app.push_screen(DriverScreen())

    @on(Button.Pressed, "#staff")
    def action_staff(self) -> None:
        from tui.screens.staff.pin import PinDialog

        self.app.push_screen(PinDialog(), self.staff_allowed)

    def staff_allowed(self, allowed: bool | None) -> None:
        """The PIN was right (or has just been chosen): open the staff screens."""
        from tui.screens.staff.menu import StaffScreen

        if allowed:
            self.app.store.registry.acting_role = "staff"
            self.app.push_screen(StaffScreen())


def has_timetable(registry: Registry) -> bool:
    """Whether the centre keeps a timetable: a regular session, or a session added on a date."""
    from sessions.timetable import plans

    changes = registry.records("timetable_changes")
    return bool(plans(registry)) or any(c.get("kind") == "added" and not c.get("archived_at") for c in changes)

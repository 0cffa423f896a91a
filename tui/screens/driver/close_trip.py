"""Close a trip: the end odometer and the return time; and what the trip came to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sessions.i18n import N_, _, format_time
from sessions.readings import read_time, show_time
from sessions.registry import EntryError
from sessions.storage.disk import write_problem
from sessions.trips import OpenTrip, TripSummary, close_trip
from tui.saving import save
from tui.screens.dialogs.common import FiguresDialog, SaveOnceForm

__all__ = ["CloseTripScreen", "TripSummaryDialog"]


class CloseTripScreen(SaveOnceForm[TripSummary | None]):
    """Type the end reading and press Enter; a bad value gets a sentence and the trip stays open."""

    CSS_PATH = "close_trip.tcss"
    BINDINGS = [
        Binding("f5", "save", N_("Close the trip")),
        Binding("escape", "cancel", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Close the trip when the minibus is back: type the odometer reading and press Enter. The return time is now;"
        " change it if you came back earlier. A value that does not fit is said in red, and the trip stays open. Esc"
        " goes back to boarding."
    )

    def __init__(self, trip: OpenTrip) -> None:
        super().__init__()
        self.trip = trip

    def compose(self) -> ComposeResult:
        record = self.trip.record
        now = self.app.clock()
        with Vertical():
            yield Static(
                _("Close the trip to {destination}: left {time} at {km} km.").format(
                    destination=record["destination"],
                    time=format_time(self.trip.departure),
                    km=record["odometer_start"],
                ),
                classes="title",
            )
            with Horizontal():
                yield Label(_("End odometer (km)"))
                yield Input(id="odometer_end")
            with Horizontal():
                yield Label(_("Back at"))
                yield Input(show_time(now, now), id="return")
            with Horizontal():
                yield Label(_("Note (optional)"))
                yield Input(id="note")
            yield Static(id="problem", classes="error")
            yield Button(_("Close the trip (Enter)"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#odometer_end", Input).focus()

    def on_input_submitted(self) -> None:
        self.run_worker(self.action_save())

    async def _save(self) -> None:
        app = self.app
        now = app.clock()
        problem = self.query_one("#problem", Static)

        def refused(error: EntryError) -> None:
            problem.update(error.message + " " + _("The trip is still open."))
            if error.field in ("odometer_end", "return", "note"):
                self.query_one(f"#{error.field}", Input).focus()

        try:
            returned = read_time(self.query_one("#return", Input).value, now, "return")
        except EntryError as error:
            refused(error)
            return
        written = await save(
            app,
            problem.update,
            close_trip,
            app.store,
            self.trip,
            returned=returned,
            odometer_end=self.query_one("#odometer_end", Input).value,
            now=now,
            note=self.query_one("#note", Input).value.strip() or None,
            refused=refused,
            failed=_still_open,
        )
        if written is None:
            return
        summary = written.value
        self.dismiss(summary)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TripSummaryDialog(FiguresDialog[TripSummary]):
    """The trip's figures; Enter or Escape goes back to the driver's screen."""

    CSS_PATH = "close_trip.tcss"
    HELP_TEXT = N_(
        "What the trip came to: kilometres, passengers, wheelchairs, the lift, escorts and guests. Enter or Esc goes"
        " back to the driver's screen."
    )

    def lines(self) -> list[str]:
        s = self.summary
        load = s.load
        return [
            _("The trip to {destination} is closed.").format(destination=s.destination),
            _("{vehicle}, from {start} to {end}: {km} km.").format(
                vehicle=s.vehicle, start=format_time(s.departure), end=format_time(s.returned), km=s.km
            ),
            "",
            _("Passengers: {n}").format(n=load.passengers),
            _("  in a wheelchair: {n}").format(n=load.wheelchair),
            _("  used the lift: {n}").format(n=load.lift),
            _("Escorts: {n}").format(n=load.escorts),
            _("Guests without a card: {n}").format(n=load.guests),
            _("Removed: {n}").format(n=s.removed),
        ]

    def back_label(self) -> str:
        return _("Back to the driver's screen")


def _still_open(error: OSError) -> str:
    return _("NOT saved: {reason}. The trip is still open.").format(reason=write_problem(error))

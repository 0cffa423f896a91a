"""The driver's screen: trips still open on this laptop, a new trip, the recent ones."""

from __future__ import annotations

from datetime import timedelta

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _, format_datetime, format_time, ngettext
from sessions.storage.durable import DamagedFile
from sessions.trip_log import TripRow, trips_between
from sessions.trips import OpenTrip, open_trips
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.damaged import damaged_sentence
from tui.widgets.footer import Footer

__all__ = ["DriverScreen", "trip_line"]

RECENT_SHOWN = 5
RECENT_DAYS = 14


def trip_line(row: TripRow) -> str:
    """A closed trip in one line: when, where, how far, whom."""
    km = "?" if row.km is None else str(row.km)
    people = ngettext("{n} passenger", "{n} passengers", row.passengers).format(n=row.passengers)
    chairs = _(" ({n} in a wheelchair)").format(n=row.wheelchair) if row.wheelchair else ""
    return _("{when} → {destination} · {km} km · {people}{chairs}").format(
        when=format_datetime(row.departure, year=False),
        destination=row.record["destination"],
        km=km,
        people=people,
        chairs=chairs,
    )


class DriverScreen(Screen[None]):
    """Enter continues the highlighted open trip, or opens a new one."""

    #: What a card scanned here is told (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but no trip is open. "
        "Open one first (Enter on “Open a new trip”), then scan the passengers."
    )

    app = getters.app(CentrelogApp)

    CSS_PATH = "driver.tcss"
    BINDINGS = [
        Binding("f2", "new", N_("New trip")),
        Binding("f9", "list", N_("Trip list")),
        Binding("escape", "app.pop_screen", N_("Home")),
    ]
    HELP_TEXT = N_(
        "The driver's start. Trips still open on this laptop come first: choose one with ↑↓ and press Enter to go on"
        " boarding, or choose “Open a new trip” (F2). F9 lists the trips of a week or a day. The last trips are shown"
        " below."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="driver-home"):
            yield Static(_("Driver: minibus trips — choose with ↑↓ and Enter"), classes="title")
            yield OptionList(id="trips")
            yield Static(_("Recent trips"), classes="title")
            yield Static(id="recent", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trips", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_trips()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came: its trips may be among the recent ones."""
        if event.logs:
            options = self.query_one("#trips", OptionList)
            keep = options.highlighted
            self.refresh_trips()
            if keep is not None and keep < options.option_count:
                options.highlighted = keep

    def refresh_trips(self) -> None:
        self.open: dict[str, OpenTrip] = {t.id: t for t in open_trips(self.app.store)}
        options = self.query_one("#trips", OptionList)
        options.clear_options()
        for trip in self.open.values():
            options.add_option(
                Option(
                    _("Open since {time}: {vehicle} → {destination}, {n} aboard").format(
                        time=format_time(trip.departure),
                        vehicle=trip.record["vehicle"],
                        destination=trip.record["destination"],
                        n=trip.count,
                    ),
                    id=trip.id,
                )
            )
        options.add_option(Option(_("+ Open a new trip (F2)"), id="new"))
        options.highlighted = 0
        today = self.app.clock().date()
        try:
            closed = [r for r in trips_between(self.app.store, today - timedelta(days=RECENT_DAYS), today) if r.closed]
        except DamagedFile as error:  # a file synced in from another laptop: the list would be short
            self.query_one("#recent", Static).update(
                _("The recent trips are not shown: {reason}").format(reason=damaged_sentence(error))
            )
            return
        lines = [trip_line(row) for row in reversed(closed[-RECENT_SHOWN:])]
        self.query_one("#recent", Static).update("\n".join(lines) or _("No trips in the last two weeks."))

    @on(OptionList.OptionSelected, "#trips")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        trip = self.open.get(str(event.option.id))
        if trip is None:
            self.action_new()
            return
        from tui.screens.driver.boarding import BoardingScreen

        self.app.push_screen(BoardingScreen(trip))

    def action_new(self) -> None:
        from tui.screens.driver.open_trip import OpenTripScreen

        if not self.app.store.registry.items("vehicles"):
            self.notify(_("No vehicle is registered yet. Staff add it first."), severity="warning")
            return
        self.app.push_screen(OpenTripScreen())

    def action_list(self) -> None:
        from tui.screens.driver.trip_list import TripListScreen

        self.app.push_screen(TripListScreen(staff=False))

"""Open a trip: vehicle, driver, purpose and destination, departure, start odometer, safety check, project."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Header, Input, Label, Select, Static

from sessions.i18n import N_, _
from sessions.kinds import VehicleRecord
from sessions.readings import read_time, show_time
from sessions.registry import EntryError
from sessions.storage.disk import write_problem
from sessions.storage.durable import DamagedFile
from sessions.trip_log import safety_check_done
from sessions.trips import ensure_purposes, open_trip
from tui.arrivals import DataArrived
from tui.saving import notice, save
from tui.screens.scan_screen import FormBeforeScanning
from tui.widgets.footer import Footer
from tui.widgets.tick_box import TickBox

__all__ = ["OpenTripScreen"]


class OpenTripScreen(FormBeforeScanning):
    """Everything comes pre-filled from the last trip; Enter moves on, F5 opens the trip.

    The lines come in the order Tab takes them, what changes from trip to trip first:
    the destination (where the cursor starts), the purpose, the daily safety check (only
    for the vehicle's first trip of the day), then what is usually right as it stands:
    the odometer (the vehicle's last reading), the departure (now), the driver and the
    vehicle (both from the last trip), and the funder project the trip counts for (the
    last trip's; a trip may count for none). The project line shows only once staff keep
    a list of projects.
    """

    #: What a card scanned here is told (tui/scans_anywhere.py).
    SCAN_HINT = N_("A card was scanned, but the trip is not open yet. Open it first (F5), then scan the passengers.")

    CSS_PATH = "open_trip.tcss"
    BINDINGS = [
        Binding("f5", "open", N_("Open the trip")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Open a trip before the passengers board. Every line comes filled in from the last trip: check each one and"
        " change what differs (Tab or Enter moves to the next line, Space ticks the safety check). The project is"
        " the one the last trip counted for (none is allowed). F5 opens the trip and the boarding screen."
    )
    #: True while a write runs, so that a second Enter does not write twice.
    saving = False

    def compose(self) -> ComposeResult:
        registry = self.app.store.registry
        self.vehicles: list[VehicleRecord] = registry.items("vehicles")
        drivers = [s["name"] for s in registry.items("staff") if "driver" in s.get("roles", [])]
        recent: list[str] = list(registry.setting("recent_destinations", []))
        now = self.app.clock()
        yield Header()
        with Vertical(id="form"):
            yield Static(_("A new trip: check each line, then F5"), classes="title")
            with Horizontal(classes="field"):
                yield Label(_("Destination"))
                yield Input(
                    id="destination",
                    compact=True,
                    placeholder=_("where to"),
                    suggester=SuggestFromList(recent, case_sensitive=False),
                )
            yield Static(_("Recent: {places}").format(places=", ".join(recent[:4])) if recent else "", classes="hint")
            with Horizontal(classes="field"):
                yield Label(_("Purpose"))
                yield Select([], id="purpose", prompt=_("Choose the purpose"), compact=True)
            yield TickBox(
                _("The daily safety check is done: lift, belts, lights, tyres"), id="safety_check", compact=True
            )
            yield Static(id="safety_done", classes="hint")
            with Horizontal(classes="field"):
                yield Label(_("Odometer (km)"))
                yield Input(id="odometer_start", compact=True)
            with Horizontal(classes="field"):
                yield Label(_("Departure"))
                yield Input(show_time(now, now), id="departure", compact=True)
            with Horizontal(classes="field"):
                yield Label(_("Driver"))
                yield Input(
                    registry.setting("last_driver") or (drivers[0] if drivers else ""),
                    id="driver",
                    compact=True,
                    suggester=SuggestFromList(drivers, case_sensitive=False),
                )
            with Horizontal(classes="field"):
                yield Label(_("Vehicle"))
                yield Select(
                    [(f"{v['name']} · {v.get('plate', '')}", v["id"]) for v in self.vehicles],
                    id="vehicle",
                    prompt=_("Choose the vehicle"),
                    compact=True,
                )
            with Horizontal(classes="field", id="project_line"):
                yield Label(_("Project"))
                yield Select(
                    [(p["name"], p["id"]) for p in registry.items("projects")],
                    id="project_id",
                    prompt=_("No project"),
                    compact=True,
                )
            yield Static(id="problem", classes="error")
            yield Button(_("Open the trip (F5)"), variant="primary", id="open", compact=True)
        yield Footer()

    async def on_mount(self) -> None:
        vehicles = self.query_one("#vehicle", Select)
        last = self.app.store.registry.setting("last_vehicle")
        ids = [v["id"] for v in self.vehicles]
        if ids:
            vehicles.value = last if last in ids else ids[0]
        self.fill_project()
        self.show_safety_check()
        app = self.app
        # A failed write: the usual purposes are offered now, and seeded again next time.
        written = await save(app, notice(self), ensure_purposes, app.store.registry, app.clock())
        purposes = written.value if written is not None else app.store.registry.items("purposes")
        select = self.query_one("#purpose", Select)
        names = [p["name"] for p in purposes]
        select.set_options([(name, name) for name in names])
        last_purpose = self.app.store.registry.setting("last_purpose")
        if last_purpose in names:
            select.value = last_purpose
        self.query_one("#destination", Input).focus()

    @on(Select.Changed, "#vehicle")
    def vehicle_chosen(self, event: Select.Changed) -> None:
        """Offer the chosen vehicle's last odometer reading, and say whether its safety check is done today."""
        vehicle = next((v for v in self.vehicles if v["id"] == event.value), None)
        if vehicle is not None:
            self.query_one("#odometer_start", Input).value = str(vehicle.get("odometer") or "")
        self.show_safety_check()

    def fill_project(self) -> None:
        """The project the last trip counted for, if it is still on the list; the line shows once there are any."""
        registry = self.app.store.registry
        projects = {p["id"] for p in registry.items("projects")}
        self.query_one("#project_line").display = bool(projects)
        last = registry.setting("last_project")
        if last in projects:
            self.query_one("#project_id", Select).value = last

    def show_safety_check(self) -> None:
        """Ask for the daily safety check, or say when it was done today for the chosen vehicle."""
        now = self.app.clock()
        try:
            done = safety_check_done(self.app.store, self._value("vehicle"), now.date())
        except DamagedFile:  # a week that does not read: the check is asked again, which does no harm
            done = None
        box, said = self.query_one("#safety_check", TickBox), self.query_one("#safety_done", Static)
        box.display, said.display = done is None, done is not None
        if done is not None:
            said.update(
                _("Safety check done today at {time} ({driver}).").format(
                    time=show_time(done.at.astimezone(now.tzinfo), now), driver=done.driver
                )
            )

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's trips came: the vehicle's safety check may be done there."""
        if event.logs:
            self.show_safety_check()

    def on_input_submitted(self) -> None:
        self.focus_next()

    def on_button_pressed(self) -> None:
        self.run_worker(self.action_open())

    def _value(self, field: str) -> str:
        select = self.query_one(f"#{field}", Select)
        return "" if select.is_blank() else str(select.value)

    async def action_open(self) -> None:
        if self.saving:  # a second Enter while the first write runs
            return
        self.saving = True
        try:
            await self._open()
        finally:
            self.saving = False

    async def _open(self) -> None:
        app = self.app
        now = app.clock()
        problem = self.query_one("#problem", Static)
        text = {
            f: self.query_one(f"#{f}", Input).value for f in ("driver", "destination", "departure", "odometer_start")
        }

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            if error.field == "safety_check":  # a departure on a day whose check is not done yet
                self.query_one("#safety_check").display, self.query_one("#safety_done").display = True, False
            self.query_one(f"#{error.field}").focus()

        try:
            departure = read_time(text["departure"], now, "departure")
        except EntryError as error:
            refused(error)
            return
        written = await save(
            app,
            problem.update,
            open_trip,
            app.store,
            vehicle_id=self._value("vehicle"),
            driver=text["driver"],
            purpose=self._value("purpose"),
            destination=text["destination"],
            departure=departure,
            odometer_start=text["odometer_start"],
            safety_check=self.query_one("#safety_check", TickBox).value,
            project_id=self._value("project_id") or None,
            now=now,
            refused=refused,
            failed=_nothing_opened,
        )
        if written is None:
            return
        trip = written.value
        from tui.screens.driver.boarding import BoardingScreen

        self.give_way_to(BoardingScreen(trip, ready=False))


def _nothing_opened(error: OSError) -> str:
    return _("The trip could not be saved: {reason}. Nothing was opened.").format(reason=write_problem(error))

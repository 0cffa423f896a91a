"""Staff keep the minibus list (seats, wheelchair places, lift, odometer) and the trip purposes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, DataTable, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _, pgettext
from sessions.registry import EntryError
from sessions.trips import ensure_purposes
from sessions.vehicles import save_vehicle
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import notice, save
from tui.screens.staff.off_the_list import marked, off_or_back_on
from tui.widgets.footer import Footer

__all__ = ["VehicleForm", "VehiclesScreen"]


class VehiclesScreen(Screen[None]):
    """Vehicles above (F2 adds, Enter edits), purposes below (type one and Enter); F8 takes off the list or back on."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "add", N_("Add vehicle")),
        Binding("f8", "remove", N_("Off / back on list")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The minibuses above, the purposes of trips below; Tab moves between them. F2 adds a vehicle, Enter changes"
        " the highlighted one; type a new purpose and press Enter to add it. F8 takes the highlighted vehicle or"
        " purpose off the list or puts it back; past trips keep it."
    )
    CSS_PATH = "vehicles.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Vehicles: F2 adds, Enter edits"), classes="title")
        yield DataTable(id="fleet", cursor_type="row")
        yield Static(_("Trip purposes"), classes="title")
        yield OptionList(id="purposes")
        yield Input(placeholder=_("A new purpose, then Enter"), id="new-purpose", compact=True)
        yield Footer()

    async def on_mount(self) -> None:
        table = self.query_one("#fleet", DataTable)
        app = self.app
        # A failed write: the usual purposes are offered again next time.
        await save(app, notice(self), ensure_purposes, app.store.registry, app.clock())
        self.fill()
        table.focus()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the vehicles or purposes: show them as they are now."""
        if event.registry:
            self.fill()

    def fill(self) -> None:
        table = self.query_one("#fleet", DataTable)
        # Columns anew each time: a name that was long ("… · off the list") leaves no width behind.
        table.clear(columns=True)
        name = pgettext("list item", "Name")  # a vehicle's name, not a person's
        table.add_columns(name, _("Plate"), _("Seats"), _("Wheelchair places"), _("Lift"), _("Odometer"))
        # Entries taken off a list come last, marked, so that F8 can put one back.
        for v in self.app.store.registry.items("vehicles", include_archived=True):
            table.add_row(
                marked(v),
                v.get("plate", ""),
                str(v.get("seats", "")),
                str(v.get("wheelchair_places", "")),
                _("yes") if v.get("lift") else _("no"),
                str(v.get("odometer", "")),
                key=v["id"],
            )
        purposes = self.query_one("#purposes", OptionList)
        purposes.clear_options()
        purposes.add_options(
            [Option(marked(p), id=p["id"]) for p in self.app.store.registry.items("purposes", include_archived=True)]
        )

    def _vehicle_id(self) -> str | None:
        table = self.query_one("#fleet", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_add(self) -> None:
        self.app.push_screen(VehicleForm(None), lambda saved: self.fill() if saved else None)

    @on(DataTable.RowSelected, "#fleet")
    def edit(self) -> None:
        vehicle_id = self._vehicle_id()
        if vehicle_id:
            vehicle = self.app.store.registry.item("vehicles", vehicle_id)
            self.app.push_screen(VehicleForm(vehicle), lambda saved: self.fill() if saved else None)

    @on(Input.Submitted, "#new-purpose")
    async def add_purpose(self, event: Input.Submitted) -> None:
        app = self.app
        add = app.store.registry.add_item
        if await save(app, notice(self), add, "purposes", app.clock(), name=event.value) is None:
            return
        event.input.value = ""
        self.fill()

    def action_remove(self) -> None:
        purposes = self.query_one("#purposes", OptionList)
        if self.focused is purposes:
            if purposes.highlighted is None:
                return  # no purpose chosen: never a vehicle instead
            kind, item_id = "purposes", purposes.get_option_at_index(purposes.highlighted).id
        else:
            kind, item_id = "vehicles", self._vehicle_id()
        if item_id:
            off_or_back_on(self, kind, item_id, lambda: self.refilled(kind, item_id))

    def refilled(self, kind: str, item_id: str) -> None:
        """The lists again, the cursor still on the entry (now at its new place): F8 again undoes it."""
        self.fill()
        if kind == "purposes":
            purposes = self.query_one("#purposes", OptionList)
            purposes.highlighted = purposes.get_option_index(item_id)
        else:
            table = self.query_one("#fleet", DataTable)
            table.move_cursor(row=table.get_row_index(item_id))


class VehicleForm(ModalScreen[bool]):
    """A vehicle's fields; F5 saves, Escape cancels."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "vehicles.tcss"
    BINDINGS = [Binding("f5", "save", N_("Save")), Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "A vehicle's details: name, plate, seats, wheelchair places, whether it has a lift (Space ticks it) and its"
        " odometer. F5 saves; Esc leaves it as it was."
    )
    FIELDS = ("name", "plate", "seats", "wheelchair_places", "odometer")

    def __init__(self, vehicle: Mapping[str, Any] | None) -> None:
        super().__init__()
        self.vehicle = vehicle

    def compose(self) -> ComposeResult:
        labels = {
            "name": pgettext("list item", "Name"),
            "plate": _("Plate"),
            "seats": _("Seats"),
            "wheelchair_places": _("Wheelchair places"),
            "odometer": _("Odometer (km)"),
        }
        vehicle = self.vehicle or {}
        with Vertical():
            yield Static(_("A vehicle"), classes="title")
            for field in self.FIELDS:
                with Horizontal():
                    yield Label(labels[field])
                    yield Input(str(vehicle.get(field, "")), id=field, compact=True)
            yield Checkbox(_("Has a wheelchair lift"), bool(vehicle.get("lift")), id="lift", compact=True)
            yield Static(id="problem", classes="error")
            yield Button(_("Save (F5)"), variant="primary", id="save", compact=True)

    def on_input_submitted(self) -> None:
        self.focus_next()

    def on_button_pressed(self) -> None:
        self.run_worker(self.action_save())

    async def action_save(self) -> None:
        typed: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value for f in self.FIELDS}
        typed["lift"] = self.query_one("#lift", Checkbox).value
        app = self.app
        problem = self.query_one("#problem", Static)

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            self.query_one(f"#{error.field}").focus()

        vehicle_id = (self.vehicle or {}).get("id")
        written = await save(
            app, problem.update, save_vehicle, app.store.registry, app.clock(), vehicle_id, refused=refused, **typed
        )
        if written is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

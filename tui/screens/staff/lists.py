"""Staff-edited lists: activities (with capacity), places, staff members, funder projects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, DataTable, Header, Input, Label, Static, TabbedContent, TabPane

from sessions.i18n import N_, _, pgettext
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import Written, save
from tui.screens.staff.off_the_list import off_or_back_on
from tui.widgets.footer import Footer

__all__ = ["ListsScreen"]

#: The lists, with the extra field each one has.
KINDS = ("activities", "places", "staff", "projects")


def _title(kind: str) -> str:
    return {
        "activities": _("Activities"),
        "places": _("Places"),
        "staff": _("Staff members"),
        "projects": _("Projects"),
    }[kind]


def _extra_header(kind: str) -> str:
    return {"activities": _("Places in a session"), "places": "", "staff": _("Roles"), "projects": _("Title")}[kind]


def _extra(kind: str, item: Mapping[str, Any]) -> str:
    """The list's second column: an activity's places, a staff member's roles, a project's title."""
    if kind == "activities":
        return str(item.get("capacity", ""))
    if kind == "projects":
        return str(item.get("title") or "")
    return _roles_text(item.get("roles") or [])


def _roles_text(roles: object) -> str:
    names = {"instructor": _("instructor"), "driver": _("driver")}
    return ", ".join(names.get(str(r), str(r)) for r in roles) if isinstance(roles, list) else ""


class ListsScreen(Screen[None]):
    """A tab per list; F6 goes to the next, F2 adds, Enter edits, F8 takes an entry off the list or back on."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "add", N_("Add")),
        Binding("f6", "next_list", N_("Next list")),
        Binding("f8", "archive", N_("Off / back on list")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The lists the other screens choose from: activities (with their places per session), places, staff"
        " members, and the funder projects sessions and trips belong to (such as LLI-550). F6 goes to the next"
        " list. F2 adds, Enter changes the highlighted entry, and F8 takes it off the list or puts it back; past"
        " records keep it."
    )
    CSS_PATH = "lists.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            for kind in KINDS:
                with TabPane(_title(kind), id=f"tab-{kind}"):
                    yield DataTable(id=kind, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        for kind in KINDS:
            table = self.query_one(f"#{kind}", DataTable)
            table.add_columns(pgettext("list item", "Name"), _extra_header(kind), "")
            self.fill(kind)
        self.query_one("#activities", DataTable).focus()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the lists: show them as they are now."""
        if event.registry:
            for kind in KINDS:
                self.fill(kind)

    def fill(self, kind: str) -> None:
        table = self.query_one(f"#{kind}", DataTable)
        table.clear()
        # Entries taken off the list come last, marked, so that F8 can put one back.
        for item in self.app.store.registry.items(kind, include_archived=True):
            status = _("off the list") if item.get("archived_at") else ""
            table.add_row(item["name"], _extra(kind, item), status, key=item["id"])

    @property
    def kind(self) -> str:
        active = self.query_one("#tabs", TabbedContent).active
        return active.removeprefix("tab-")

    @on(TabbedContent.TabActivated)
    def focus_table(self) -> None:
        self.query_one(f"#{self.kind}", DataTable).focus()

    def _current(self) -> str | None:
        table = self.query_one(f"#{self.kind}", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_add(self) -> None:
        kind = self.kind
        self.app.push_screen(ItemForm(kind, None), lambda _saved: self.fill(kind))

    @on(DataTable.RowSelected)
    def edit(self) -> None:
        kind, current = self.kind, self._current()
        if current:
            self.app.push_screen(
                ItemForm(kind, self.app.store.registry.item(kind, current)), lambda _saved: self.fill(kind)
            )

    def action_next_list(self) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.active = f"tab-{KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]}"

    def action_archive(self) -> None:
        kind, current = self.kind, self._current()
        if current:
            off_or_back_on(self, kind, current, lambda: self.refilled(kind, current))

    def refilled(self, kind: str, item_id: str) -> None:
        """The list again, the cursor still on the entry (now at its new place)."""
        self.fill(kind)
        table = self.query_one(f"#{kind}", DataTable)
        table.move_cursor(row=table.get_row_index(item_id))


class ItemForm(ModalScreen[bool]):
    """Add or change one entry of a list."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "lists.tcss"
    BINDINGS = [Binding("f5", "save", N_("Save")), Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "One entry of a list: its name, and for an activity its places, for a staff member the roles (Space ticks"
        " one), for a project its title. F5 saves; Esc leaves it as it was."
    )

    def __init__(self, kind: str, item: Mapping[str, Any] | None) -> None:
        super().__init__()
        self.kind = kind
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item or {}
        with Vertical():
            yield Static(_title(self.kind), classes="title")
            with Horizontal():
                yield Label(pgettext("list item", "Name"))
                yield Input(item.get("name", ""), id="name")
            if self.kind == "activities":
                with Horizontal():
                    yield Label(_("Places in a session"))
                    yield Input(str(item.get("capacity", 12)), id="capacity")
            if self.kind == "projects":
                with Horizontal():
                    yield Label(_("Title"))
                    yield Input(str(item.get("title") or ""), id="title")
            if self.kind == "staff":
                roles = item.get("roles", [])
                with Horizontal():
                    yield Checkbox(_("instructor"), "instructor" in roles, id="instructor")
                    yield Checkbox(_("driver"), "driver" in roles, id="driver")
            yield Static(id="problem", classes="error")
            yield Button(_("Save (F5)"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self) -> None:
        self.run_worker(self.action_save())

    def on_button_pressed(self) -> None:
        self.run_worker(self.action_save())

    async def action_save(self) -> None:
        fields: dict[str, Any] = {"name": self.query_one("#name", Input).value}
        if self.kind == "activities":
            fields["capacity"] = self.query_one("#capacity", Input).value
        if self.kind == "projects":
            fields["title"] = self.query_one("#title", Input).value.strip() or None
        if self.kind == "staff":
            fields["roles"] = [r for r in ("instructor", "driver") if self.query_one(f"#{r}", Checkbox).value]
        app = self.app
        registry, problem = app.store.registry, self.query_one("#problem", Static)
        written: Written[object] | None
        if self.item is None:
            written = await save(app, problem.update, registry.add_item, self.kind, app.clock(), **fields)
        else:
            item_id = self.item["id"]
            written = await save(app, problem.update, registry.update_item, self.kind, item_id, app.clock(), **fields)
        if written is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

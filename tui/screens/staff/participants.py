"""The register for staff: find, add, edit, archive participants; see their card codes."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from sessions.codes import format_code
from sessions.i18n import N_, _
from sessions.registry import Participant
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import notice, save
from tui.widgets.footer import Footer

__all__ = ["ParticipantsScreen"]


class ParticipantsScreen(Screen[None]):
    """Everyone registered, with the card code to type when a card is missing."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "add", N_("Add")),
        Binding("enter", "edit", N_("Edit"), show=True),
        Binding("f6", "card", N_("Card")),
        Binding("f8", "archive", N_("Archive / restore")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Everyone registered, with their card code. Type part of a name to filter; ↑↓ choose a person. Enter changes"
        " their details, F2 adds someone new, F6 shows their card (to print it, or to replace a lost one), F8"
        " archives them or brings them back."
    )
    CSS_PATH = "participants.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Type part of a name to filter"), id="filter")
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Static(id="person")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#people", DataTable)
        # Four columns fit 80; the highlighted person's groups (health data) show below, for one person at a time.
        table.add_columns(_("Name"), _("Born"), _("Card code"), _("Status"))
        self.fill()
        table.focus()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the registry: list again, the highlighted person kept."""
        if event.registry:
            self.fill(keep=self._current())

    def fill(self, keep: str | None = None) -> None:
        text = self.query_one("#filter", Input).value
        people: list[Participant] = (
            self.app.store.registry.find(text, limit=10_000, include_archived=True)
            if text.strip()
            else self.app.store.registry.participants()
        )
        table = self.query_one("#people", DataTable)
        table.clear()
        for person in people:
            table.add_row(
                f"{person.last_name} {person.first_name}",
                str(person.birth_year or ""),
                format_code(person.code) if person.code else "",
                _("archived") if person.archived else _("active"),
                key=person.id,
            )
        if keep:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except Exception:
                pass
        self.show_person()

    @on(DataTable.RowHighlighted, "#people")
    def show_person(self) -> None:
        """The highlighted person's groups, neighbourhood and language, below the list."""
        current = self._current()
        person = self.app.store.registry.participant(current) if current else None
        if person is None:
            self.query_one("#person", Static).update("")
            return
        groups = ", ".join(_group_label(g) for g in person.groups) or "—"
        self.query_one("#person", Static).update(
            _("Groups: {groups} · neighbourhood: {place} · language: {language}").format(
                groups=groups, place=person.neighbourhood or "—", language=person.language or "—"
            )
        )

    @on(Input.Changed, "#filter")
    def filtered(self) -> None:
        self.fill()

    @on(Input.Submitted, "#filter")
    def to_table(self) -> None:
        self.query_one("#people", DataTable).focus()

    def _current(self) -> str | None:
        table = self.query_one("#people", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value)

    def action_add(self) -> None:
        from tui.screens.staff.participant_form import ParticipantForm

        self.app.push_screen(ParticipantForm(None), self.saved)

    @on(DataTable.RowSelected, "#people")
    def action_edit(self) -> None:
        from tui.screens.staff.participant_form import ParticipantForm

        current = self._current()
        if current:
            self.app.push_screen(ParticipantForm(self.app.store.registry.participant(current)), self.saved)

    def action_card(self) -> None:
        from tui.screens.staff.participant_card import ParticipantCardScreen

        current = self._current()
        if current:
            self.app.push_screen(ParticipantCardScreen(current), lambda _result: self.fill(keep=current))

    def saved(self, participant_id: str | None) -> None:
        if participant_id:
            self.fill(keep=participant_id)

    async def action_archive(self) -> None:
        current = self._current()
        if not current:
            return
        person = self.app.store.registry.participant(current)
        if person is None:  # erased on the privacy screen since this list was drawn
            return
        app = self.app
        archive = app.store.registry.archive_participant
        if await save(app, notice(self), archive, current, app.clock(), not person.archived) is None:
            return
        self.fill(keep=current)


def _group_label(group: str) -> str:
    return {"senior": _("senior"), "disability": _("disability"), "wheelchair": _("wheelchair")}.get(group, group)

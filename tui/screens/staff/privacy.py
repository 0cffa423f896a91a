"""Data protection for staff: a person's data on request, erasure, and the retention period."""

from __future__ import annotations

from functools import partial

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from exports.erasure import erase_everywhere, erasure_report, retain_everywhere
from sessions.i18n import N_, _
from sessions.privacy import RETENTION_SETTING, export_subject_access
from sessions.registry import Participant
from sessions.storage.durable import DamagedFile
from tui.app import CentrelogApp
from tui.damaged import damaged_sentence
from tui.saving import not_saved, save
from tui.widgets.footer import Footer

__all__ = ["PrivacyScreen"]


class PrivacyScreen(Screen[None]):
    """Pick a person: F2 writes all data held on them, F8 erases them; F6 applies retention."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "access", N_("Their data")),
        Binding("f8", "erase", N_("Erase…")),
        Binding("f6", "retention", N_("Apply retention")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Data protection. Type part of a name to filter, and choose the person with ↑↓. F2 writes everything held on"
        " them to a file; F8 erases them, after a question. Type the retention period in years and F6 anonymises"
        " everyone not seen for that long."
    )
    CSS_PATH = "privacy.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Type part of a name to filter"), id="filter")
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        with Horizontal():
            yield Label(_("Anonymise after years without a visit (empty: never):"))
            yield Input(str(self.app.store.registry.setting(RETENTION_SETTING) or ""), id="years", restrict=r"\d{0,2}")
        yield Static(id="said")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#people", DataTable).add_columns(_("Name"), _("Born"), _("Status"))
        self.fill()
        self.query_one("#people", DataTable).focus()

    @on(Input.Changed, "#filter")
    def fill(self) -> None:
        text = self.query_one("#filter", Input).value
        registry = self.app.store.registry
        people = registry.find(text, limit=10_000, include_archived=True) if text.strip() else registry.participants()
        table = self.query_one("#people", DataTable)
        table.clear()
        for person in people:
            status = _("archived") if person.archived else _("active")
            table.add_row(person.full_name, str(person.birth_year or ""), status, key=person.id)

    def said(self, text: str) -> None:
        self.query_one("#said", Static).update(text)

    def _current(self) -> Participant | None:
        table = self.query_one("#people", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.app.store.registry.participant(str(key.value))

    async def action_access(self) -> None:
        person = self._current()
        if person is None:
            return
        app = self.app
        try:
            written = await save(app, self.said, export_subject_access, app.store, person.id, app.clock())
        except DamagedFile as error:  # an export without that file's records would not be all that is held
            self.said(_("Nothing was exported: {reason}").format(reason=damaged_sentence(error)))
            return
        if written is None:
            return
        path = written.value
        self.said(_("Everything held on {name} is in {path}.").format(name=person.full_name, path=path))

    def action_erase(self) -> None:
        from tui.screens.dialogs.common import ConfirmDialog

        person = self._current()
        if person is None:
            return
        question = _(
            "Erase {name}? The name and personal fields go for good; "
            "attendance stays, anonymous. Their card stops working."
        ).format(name=person.full_name)
        self.app.push_screen(ConfirmDialog(question), partial(self.erase_if_confirmed, person))

    def erase_if_confirmed(self, person: Participant, yes: bool | None) -> None:
        self.run_worker(self.erase(person, yes))

    async def erase(self, person: Participant, yes: bool | None) -> None:
        if not yes:
            return
        app = self.app
        written = await save(app, self.said, erase_everywhere, app.store, person.id, app.clock())
        if written is None:
            return
        erasure = written.value
        self.fill()
        done = _("Erased. Their history stays under {anon}.").format(anon=erasure.anonymous)
        self.said("\n".join([done, *erasure_report(erasure, self.app.store.data_dir)]))

    async def action_retention(self) -> None:
        text = self.query_one("#years", Input).value.strip()
        years = int(text) if text else None
        if years == 0:
            self.said(_("The retention period is at least one year."))
            return
        app = self.app
        try:
            await app.write(self.app.store.registry.set_settings, {RETENTION_SETTING: years}, app.clock())
            erased = await app.write(retain_everywhere, self.app.store, app.clock(), years)
        except OSError as error:
            self.said(not_saved(error))
            return
        except DamagedFile as error:  # who was seen when cannot be told without that file
            self.said(_("Nobody was anonymised: {reason}").format(reason=damaged_sentence(error)))
            return
        self.fill()
        done = _("Retention {years}: {n} people anonymised.").format(years=years or _("never"), n=len(erased))
        self.said("\n".join([done, *(line for e in erased for line in erasure_report(e, self.app.store.data_dir))]))

"""Data protection for staff: a person's data on request, erasure, and the retention period."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from exports.access import PdfFailed, centre_name, write_access_json_file, write_access_pdf_in_child
from exports.erasure import erase_everywhere, erasure_report, retain_everywhere
from sessions.i18n import LANGUAGE_NAMES, N_, _
from sessions.privacy import RETENTION_SETTING
from sessions.registry import Participant
from sessions.storage.durable import DamagedFile
from tui.app import CentrelogApp
from tui.damaged import damaged_sentence
from tui.open_folder import can_open, open_folder_sentence, where_written
from tui.saving import not_saved, save
from tui.widgets.footer import Footer

__all__ = ["PrivacyScreen"]


class PrivacyScreen(Screen[None]):
    """Pick a person: F2 writes all data held on them (a PDF to read, the JSON beside it), F8 erases them."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "access", N_("Their data")),
        Binding("f8", "erase", N_("Erase…")),
        Binding("f6", "retention", N_("Apply retention")),
        Binding("f7", "open_folder", N_("Open folder")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Data protection. Type part of a name to filter, and choose the person with ↑↓. F2 writes everything held on"
        " them: a PDF to print or send them, in their language, and the same data as a JSON file for computers;"
        " F7 then opens the folder, where the computer has a desktop. F8 erases them, after a question. Type the"
        " retention period in years and F6 anonymises everyone not seen for that long."
    )
    CSS_PATH = "privacy.tcss"

    #: The folder of the last access export, for F7.
    exported_to: Path | None = None

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
        """F2: the JSON gathered on the writer thread, then the PDF in a process of its own, beside it."""
        person = self._current()
        if person is None:
            return
        app = self.app
        try:
            written = await save(app, self.said, write_access_json_file, app.store, person.id, app.clock())
        except DamagedFile as error:  # an export without that file's records would not be all that is held
            self.said(_("Nothing was exported: {reason}").format(reason=damaged_sentence(error)))
            return
        if written is None:
            return
        json_path, language = written.value
        self.exported_to = json_path.parent
        self.refresh_bindings()
        self.said(_("Writing the copy for {name} to read …").format(name=person.full_name))
        try:
            pdf = await asyncio.to_thread(write_access_pdf_in_child, json_path, language, centre_name(app.store))
        except (OSError, PdfFailed) as error:
            self.said(
                _("The copy to read could not be written ({reason}); the data is in {json}.").format(
                    reason=error, json=json_path
                )
            )
            return
        said = _("Everything held on {name}, to read ({language}): {pdf}\nThe same for computers: {json}").format(
            name=person.full_name, language=LANGUAGE_NAMES.get(language, language), pdf=pdf, json=json_path.name
        )
        self.said(f"{said}\n{where_written(json_path.parent)}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_folder":
            return can_open(self.exported_to)
        return True

    def action_open_folder(self) -> None:
        self.said(open_folder_sentence(self.exported_to))

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

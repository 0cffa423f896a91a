"""One participant's card for staff: the QR on screen, the codes ever issued, a lost card reissued."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from exports.cards import cards_dir, write_card_files
from sessions.card_sheets import mark_printed
from sessions.clock import from_iso
from sessions.codes import format_code
from sessions.i18n import N_, _, format_date
from sessions.registry import Participant
from sessions.storage.disk import write_problem
from tui.app import CentrelogApp
from tui.printing import offer_print, shown_path
from tui.saving import save
from tui.screens.dialogs.common import ConfirmDialog
from tui.widgets.footer import Footer
from tui.widgets.qr_code import QrCode

__all__ = ["ParticipantCardScreen"]


class ParticipantCardScreen(Screen[None]):
    """The card of one person: scan it off the screen, print it, or replace a lost one."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "participant_card.tcss"
    BINDINGS = [
        Binding("f3", "reissue", N_("Reissue card")),
        Binding("f4", "print", N_("Print card")),
        Binding("escape", "back", N_("Back")),
    ]
    HELP_TEXT = N_(
        "One person's card: its QR code and digits, and every card they were given. F4 prints the card: it is saved"
        " as a PDF and a picture first, then you choose the printer and the copies. F3 gives a new card when one is"
        " lost: the old card then answers “replaced”. Esc goes back."
    )

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id

    @property
    def person(self) -> Participant:
        person = self.app.store.registry.participant(self.participant_id)
        assert person is not None
        return person

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield QrCode(self.person.code or "", id="qr")
            with Vertical(id="about"):
                yield Static(id="name", classes="title")
                yield Static(id="code")
                yield Static(id="history")
                yield Static(id="result")
        yield Footer()

    def on_mount(self) -> None:
        self.show_card()

    def show_card(self) -> None:
        """Fill the QR, the digits and the history from the registry."""
        person = self.person
        self.query_one(QrCode).code = person.code or ""
        name = person.full_name + (_(" (archived: the card answers red)") if person.archived else "")
        self.query_one("#name", Static).update(name)
        self.query_one("#code", Static).update(format_code(person.code) if person.code else _("No card"))
        lines = [_("Cards issued:")]
        for card in reversed(self.app.store.registry.cards_of(person.id)):
            issued = format_date(from_iso(card.issued))
            if card.revoked:
                revoked = format_date(from_iso(card.revoked_at)) if card.revoked_at else ""
                lines.append(
                    _("{code}  {issued}, replaced {revoked}").format(
                        code=format_code(card.code),
                        issued=issued,
                        revoked=revoked,
                    )
                )
            else:
                lines.append(_("{code}  {issued}, in use").format(code=format_code(card.code), issued=issued))
        self.query_one("#history", Static).update("\n".join(lines))

    def action_back(self) -> None:
        self.dismiss(None)

    def say(self, text: str, problem: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.set_class(problem, "error")
        result.update(text)

    def action_reissue(self) -> None:
        question = _(
            "Give {name} a new card? The card {code} will stop working at once (a scan of it answers “replaced”)."
        ).format(name=self.person.full_name, code=format_code(self.person.code or ""))
        self.app.push_screen(ConfirmDialog(question), self.reissue_confirmed)

    def reissue_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.reissue()

    def _said_wrong(self, text: str) -> None:
        self.say(text, True)

    @work(exclusive=True, group="card")
    async def reissue(self) -> None:
        app = self.app
        old = self.person.code or ""
        written = await save(
            app,
            self._said_wrong,
            app.store.registry.issue_card,
            self.participant_id,
            app.clock(),
            failed=_old_card_works,
        )
        if written is None:
            return
        code = written.value
        self.show_card()
        done = _("New card {code}. The old card {old} now answers “replaced”.").format(
            code=format_code(code), old=format_code(old)
        )
        await self.write_files(done)

    @work(exclusive=True, group="card")
    async def action_print(self) -> None:
        """Write the card's files, then ask where to print it; once printed, the card is no longer new."""
        sheet = await self.write_files("")
        person = self.person
        if sheet is None or not person.code:
            return
        offer_print(
            self,
            sheet,
            _("Print the card of {name}").format(name=person.full_name),
            _("Card of {name}").format(name=person.full_name),
            printed=partial(self.card_printed, person.code),
        )

    async def card_printed(self, code: str) -> None:
        app = self.app
        await save(app, self._said_wrong, mark_printed, app.store.registry, [code], app.clock())

    async def write_files(self, before: str) -> Path | None:
        """Write the card as PNG and PDF under exports/cards and say where; the PDF's path, None if not written."""
        app = self.app
        folder = cards_dir(app.store.data_dir)
        try:
            picture, sheet = await app.write(write_card_files, folder, self.app.store.registry, self.person)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            self.say(f"{before}\n" + _("The card file could not be written: {reason}.").format(reason=reason), True)
            return None
        self.say(
            _("{before}\nPrint: {sheet}\nPicture: {picture}")
            .format(before=before, sheet=shown_path(sheet), picture=shown_path(picture))
            .strip()
        )
        return sheet


def _old_card_works(error: OSError) -> str:
    return _("Not saved, the old card still works: {reason}.").format(reason=write_problem(error))

"""Small typed dialogs shared by the screens."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sessions.i18n import N_, _
from tui.app import CentrelogApp

__all__ = ["ConfirmDialog", "FiguresDialog", "SaveOnceForm"]

ResultType = TypeVar("ResultType")
SummaryType = TypeVar("SummaryType")


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: Y means yes, Escape or N means no; Enter answers the focused button, at first No.

    A scanner's burst never answers it (the app takes the burst as a scan), and Enter on Yes straight
    after a burst is not taken either: a destructive answer needs a deliberate key.
    """

    app = getters.app(CentrelogApp)

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), show=False),
        Binding("n", "answer(False)", N_("No"), show=False),
        Binding("escape", "answer(False)", N_("No")),
    ]
    HELP_TEXT = N_(
        "A question to answer. Y answers yes, N or Esc answers no; Enter answers with the highlighted button, which"
        " is No at first (Tab moves between them). A card scanned now never answers it."
    )

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                yield Button(_("Yes"), variant="primary", id="yes")
                yield Button(_("No"), id="no")
            yield Static(_("Y: yes · N or Esc: no"), id="confirm-keys", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        yes = event.button.id == "yes"
        if yes and self.app.burst_just_before():
            self.query_one("#confirm-keys", Static).update(_("A card was just scanned: press Y to answer yes."))
            return
        self.dismiss(yes)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class FiguresDialog(ModalScreen[None], Generic[SummaryType]):
    """What a summary came to, line by line; Enter or Escape goes back (styles stay with each subclass)."""

    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self, summary: SummaryType) -> None:
        super().__init__()
        self.summary = summary

    def lines(self) -> list[str]:
        """The lines to show."""
        raise NotImplementedError

    def back_label(self) -> str:
        """The words on the button that goes back."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("\n".join(self.lines()))
            yield Button(self.back_label(), variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class SaveOnceForm(ModalScreen[ResultType]):
    """A form whose button (or F5) saves through `_save`, one write at a time."""

    app = getters.app(CentrelogApp)

    #: True while a write runs, so that a second Enter does not write twice.
    saving = False

    def on_button_pressed(self) -> None:
        self.run_worker(self.action_save())

    async def action_save(self) -> None:
        """Save, unless a save is already running."""
        if self.saving:  # a second Enter while the first write runs
            return
        self.saving = True
        try:
            await self._save()
        finally:
            self.saving = False

    async def _save(self) -> None:
        raise NotImplementedError

"""Ask for a small head count (escorts, guests); the screen that asked checks it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sessions.i18n import N_, _

__all__ = ["CountDialog"]


class CountDialog(ModalScreen[str | None]):
    """One question and a number: Enter answers, Escape leaves it as it was."""

    CSS_PATH = "count_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_("Type the number and press Enter; Esc leaves it as it was.")

    def __init__(self, question: str, current: int) -> None:
        super().__init__()
        self.question = question
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield Input(str(self.current), id="count-value", select_on_focus=True)
            yield Static(_("Enter saves, Esc cancels."), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

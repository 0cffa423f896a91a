"""Short forms of the timetable: a date cancelled with its reason, a date moved, a regular session's last day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sessions.i18n import N_, _
from sessions.registry import EntryError
from tui.saving import save
from tui.screens.dialogs.common import SaveOnceForm

__all__ = ["Line", "ShortForm"]


class Line(NamedTuple):
    """One line of a short form: the field's id (as the domain names it), its label, what it starts with."""

    field: str
    label: str
    value: str = ""
    placeholder: str = ""


class ShortForm(SaveOnceForm[bool]):
    """A few lines and F5: `work(**values)` writes them (run on the app's writer); Esc leaves all as it was."""

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but this form takes no cards: nothing in it changed. To check people in, go back to"
        " the home screen (Esc) and press 1."
    )

    CSS_PATH = "timetable.tcss"
    BINDINGS = [Binding("f5", "save", N_("Save")), Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "A change of the timetable: fill in the lines (a date as 23.11.2026, a time as 10:00; a line left empty"
        " stays as planned). Tab or Enter moves on, F5 saves, Esc leaves everything as it was. Nothing is deleted:"
        " a change can be withdrawn later on the dates screen (F8)."
    )

    def __init__(self, title: str, lines: list[Line], work: Callable[..., Any]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines
        self.work = work

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            for line in self.lines:
                with Horizontal(classes="field"):
                    yield Label(line.label)
                    yield Input(line.value, id=line.field, placeholder=line.placeholder, compact=True)
            yield Static(id="problem", classes="error")
            yield Button(_("Save (F5)"), variant="primary", id="save", compact=True)

    def on_input_submitted(self) -> None:
        self.focus_next()

    async def _save(self) -> None:
        problem = self.query_one("#problem", Static)
        fields = {line.field for line in self.lines}

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            if error.field in fields:
                self.query_one(f"#{error.field}", Input).focus()

        values = {line.field: self.query_one(f"#{line.field}", Input).value for line in self.lines}
        if await save(self.app, problem.update, _apply, self.work, values, refused=refused) is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def _apply(work: Callable[..., Any], values: dict[str, str]) -> Any:
    """`work` with the form's values as its keyword arguments (on the writer thread)."""
    return work(**values)

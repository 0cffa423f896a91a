"""A list to choose from in a form where Enter sends the form: Enter opens the list only while nothing is chosen."""

from __future__ import annotations

from typing import TypeVar

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Select

__all__ = ["Choice"]

T = TypeVar("T")


class Choice(Select[T]):
    """A `Select` that leaves a person's Enter to the form once something is chosen.

    ↓, ↑ and Space open the list as in any Select. Enter opens it while the field
    is still blank (the person is plainly asking for the list); with a value
    chosen, Enter goes on to the screen's own Enter (start, open, save).
    """

    BINDINGS = [Binding("enter", "enter", show=False)]

    def action_enter(self) -> None:
        """Open the list while nothing is chosen; otherwise let the screen have the Enter."""
        if not self.is_blank():
            raise SkipAction()
        self.action_show_overlay()

"""A tick box that reads ✓ when ticked and is empty when not (Textual's Checkbox shows an X either way)."""

from __future__ import annotations

from textual.widgets import Checkbox

__all__ = ["TickBox"]

#: What the box holds, ticked and not.
TICKED, EMPTY = "✓", " "


class TickBox(Checkbox):
    """A Checkbox whose box holds ✓ or nothing, so that its state does not hang on a colour.

    Only the public `BUTTON_INNER` (the character inside the box) changes with the value;
    Space, Enter and a click toggle it and `Checkbox.Changed` is posted as usual.
    """

    BUTTON_INNER = EMPTY

    def watch_value(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else EMPTY
        super().watch_value()

"""The footer, with key descriptions translated when shown, not when defined."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from sessions.i18n import N_, _, current_language

__all__ = ["Footer", "shown_words"]

#: Keys Textual's own widgets put in the footer, described in its English: said in the centre's words.
TEXTUAL_WORDS = {
    "Dismiss menu": N_("Close list"),  # an open dropdown (Select)
}


def shown_words(description: str) -> str:
    """A key's description as the footer shows it: in the current language, Textual's own words too."""
    return _(TEXTUAL_WORDS.get(description, description)) if description else ""


class Footer(TextualFooter):
    """Textual's footer; BINDINGS hold English marked with N_() and show in the current language.

    When the keys would not fit on one line (Russian and Latvian words are
    long), the footer draws them compact: one space less around each key.
    When even that is too wide, Esc is shown without its word ("Back").
    """

    #: What the keys shown were drawn from; a change of focus that leaves it alone redraws nothing.
    _drawn: Any = None

    def __init__(self, *children: Widget, **options: Any) -> None:
        super().__init__(*children, **options)
        # Draw the keys with the screen, not in a second layout once focus has settled.
        self.set_reactive(TextualFooter._bindings_ready, True)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Textual rebuilds the footer (a layout of the whole screen) whenever focus moves;
        # on a scan screen that layout would hold up the first answers.
        if self._drawn is not None and self._drawn == _keys_shown(screen, self.app.size.width):
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._drawn = _keys_shown(self.screen, self.app.size.width)
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        for key in keys:
            key.description = shown_words(key.description)
            if key.tooltip:
                key.tooltip = _(str(key.tooltip))
        width = self.app.size.width
        compact = _width(keys, compact=False) > width
        if compact and _width(keys, compact=True) > width:
            for key in keys:  # Esc goes back everywhere: the key alone says it (F1 names it in full)
                if key.key == "escape":
                    key.description = ""
        self.set_reactive(TextualFooter.compact, compact)
        self.set_class(compact, "-compact")
        for key in keys:
            key.set_reactive(FooterKey.compact, compact)
            key.set_class(compact, "-compact")
        yield from widgets


def _width(keys: list[FooterKey], *, compact: bool) -> int:
    """How many columns the keys take, drawn compact (a space after each key) or not (a space around)."""
    if compact:
        return sum(cell_len(k.key_display) + (cell_len(k.description) + 2 if k.description else 1) for k in keys)
    return sum(cell_len(k.key_display) + (cell_len(k.description) + 3 if k.description else 0) for k in keys)


def _keys_shown(screen: Screen[Any], width: int) -> tuple[Any, ...]:
    """Everything the footer's keys are drawn from: the bindings shown, the language, the width."""
    keys = tuple(
        (key, active.binding.action, active.binding.description, active.enabled, active.tooltip)
        for key, active in screen.active_bindings.items()
        if active.binding.show
    )
    return keys, current_language(), width

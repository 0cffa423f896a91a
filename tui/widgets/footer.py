"""The footer, with key descriptions translated when shown, not when defined."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from sessions.i18n import _

__all__ = ["Footer"]


class Footer(TextualFooter):
    """Textual's footer; BINDINGS hold English marked with N_() and show in the current language.

    When the keys would not fit on one line (Russian and Latvian words are
    long), the footer draws them compact: one space less around each key.
    """

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        for key in keys:
            key.description = _(key.description) if key.description else ""
            if key.tooltip:
                key.tooltip = _(str(key.tooltip))
        wide = sum(len(k.key_display) + len(k.description) + 3 for k in keys)
        compact = wide > self.app.size.width
        self.set_reactive(TextualFooter.compact, compact)
        self.set_class(compact, "-compact")
        for key in keys:
            key.set_reactive(FooterKey.compact, compact)
            key.set_class(compact, "-compact")
        yield from widgets

"""The footer, with key descriptions translated when shown, not when defined."""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from sessions.i18n import N_, _

__all__ = ["Footer", "ShownKey", "shown_words"]

#: Keys Textual's own widgets put in the footer, described in its English: said in the centre's words.
TEXTUAL_WORDS = {
    "Dismiss menu": N_("Close list"),  # an open dropdown (Select)
}


def shown_words(description: str) -> str:
    """A key's description as the footer shows it: in the current language, Textual's own words too."""
    return _(TEXTUAL_WORDS.get(description, description)) if description else ""


class ShownKey(NamedTuple):
    """A key as the footer shows it, and where."""

    key: str  # as the app names it ("f2", "escape"): what a click on it presses
    display: str  # as shown ("f2", "esc", "?")
    description: str  # as shown: in the current language; "" for Esc in a full footer
    enabled: bool  # a disabled key is drawn dim, and a click on it rings the bell
    tooltip: str  # in the current language
    x: int  # the column it begins at
    width: int  # the columns it takes (its spaces too, not the one after it in a compact footer)


#: A binding shown: its key, the key as shown, its description and tooltip (untranslated), enabled or not.
Bound = tuple[str, str, str, str, bool]


class Footer(Widget, can_focus=False):
    """The screen's active keys on one line, drawn by one widget (Textual's footer has a widget per key).

    It looks and behaves as Textual's footer: a key in the footer-key style and its
    description after it; it follows the screen's bindings (focus moving, a key
    enabled) through the screen's `bindings_updated_signal`; a click on a key presses it.
    BINDINGS hold English marked with N_(); the footer shows it in the current language.
    When the keys would not fit on one line (Russian and Latvian words are long),
    the footer draws them compact: one space less around each key. When even that
    is too wide, Esc is shown without its word ("Back"). When the keys shown did
    not change, nothing is redrawn.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--hover"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        width: 1fr;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    #: The bindings shown, as last read from the screen (None: not read yet).
    _bound: tuple[Bound, ...] | None = None
    #: The key under the mouse, by its place in the footer.
    _hovered: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Redraw when the screen's keys changed (focus moved, a key was enabled): a repaint, no layout."""
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return  # as Textual's footer: the keys stay while the terminal is not focused
        bound = _bindings(screen)
        if bound != self._bound:
            self._bound = bound
            self._hovered = None
            self.refresh()

    def keys_shown(self) -> list[ShownKey]:
        """The keys as drawn now, in order: translated, compact or not, Esc's word dropped if need be."""
        return self._layout()[0]

    @property
    def compact(self) -> bool:
        """True when the keys are drawn compact (they would not fit with a space around each)."""
        return self._layout()[1]

    def _layout(self) -> tuple[list[ShownKey], bool]:
        if self._bound is None:  # drawn with the screen, not once focus has settled
            self._bound = _bindings(self.screen)
        return _laid_out(self._bound, self.size.width or self.app.size.width)

    def render(self) -> Text:
        keys, compact = self._layout()
        key_style = self.get_component_rich_style("footer-key--key")
        words_style = self.get_component_rich_style("footer-key--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(keys):
            line.append(" " * (key.x - line.cell_len))
            shown_key, shown_words_ = key_style, words_style
            if index == self._hovered:
                hover = self.get_component_rich_style("footer-key--hover")
                shown_key = hover + self.get_component_rich_style("footer-key--key", partial=True)
                shown_words_ = hover + self.get_component_rich_style("footer-key--description", partial=True)
            if not key.enabled:
                shown_key, shown_words_ = Style(dim=True) + shown_key, Style(dim=True) + shown_words_
            if not key.description:
                line.append(key.display, shown_key)
            elif compact:
                line.append(key.display, shown_key)
                line.append(f" {key.description}", shown_words_)
            else:
                line.append(f" {key.display} ", shown_key)
                line.append(f"{key.description} ", shown_words_)
        return line

    def _key_at(self, x: int) -> int | None:
        """The place in the footer of the key drawn at column `x`, if any."""
        return next((i for i, key in enumerate(self.keys_shown()) if key.x <= x < key.x + key.width), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it, as on Textual's footer (a disabled key rings the bell)."""
        index = self._key_at(event.x)
        if index is None:
            return
        key = self.keys_shown()[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The key under the mouse is lit, and its tooltip shown, as on Textual's footer."""
        index = self._key_at(event.x)
        if index != self._hovered:
            self._hovered = index
            hovered = self.keys_shown()[index] if index is not None else None
            self.tooltip = (hovered.tooltip or None) if hovered else None  # F1's "Help"
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()


def _bindings(screen: Screen[Any]) -> tuple[Bound, ...]:
    """The bindings the footer shows, as Textual's footer picks them: the first key of each action."""
    shown: dict[str, Bound] = {}
    for _key, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in shown:
            display = screen.app.get_key_display(binding)
            shown[binding.action] = (binding.key, display, binding.description, tooltip, enabled)
    return tuple(shown.values())


def _laid_out(bound: tuple[Bound, ...], width: int) -> tuple[list[ShownKey], bool]:
    """Where each key goes on a line `width` wide, and whether the line is compact.

    Not compact, each key takes a space either side of it and one after its description; compact,
    one space between key and description and one after each key. When even compact is too wide,
    Esc loses its word (F1 names it in full).
    """
    words = [shown_words(description) for _key, _display, description, _tip, _on in bound]
    compact = _width(bound, words, compact=False) > width
    if compact and _width(bound, words, compact=True) > width:
        words = [("" if b[0] == "escape" else w) for b, w in zip(bound, words, strict=True)]
    keys, x = [], 0
    for (key, display, _description, tooltip, enabled), description in zip(bound, words, strict=True):
        taken = _key_width(display, description, compact=compact)
        keys.append(ShownKey(key, display, description, enabled, _(tooltip) if tooltip else "", x, taken))
        x += taken + (1 if compact else 0)
    return keys, compact


def _key_width(display: str, description: str, *, compact: bool) -> int:
    """The columns a key takes, not counting the space after it in a compact footer."""
    if not description:
        return cell_len(display)
    return cell_len(display) + cell_len(description) + (1 if compact else 3)


def _width(bound: tuple[Bound, ...], words: list[str], *, compact: bool) -> int:
    """How many columns the keys take, drawn compact (a space after each key) or not (a space around)."""
    return sum(_key_width(b[1], w, compact=compact) + (1 if compact else 0) for b, w in zip(bound, words, strict=True))

"""F1 on any screen or dialog: what the screen is for, its keys, and on a scan screen what each answer means.

A screen brings its own help: `HELP_TEXT`, a paragraph marked with N_(), any
paragraphs it shares with screens of its kind in `HELP_EXTRA`, and on a scan
screen `ANSWERS`, what each answer it gives means. Everything is
translated when the help is shown, in the language of that moment. A screen
without a paragraph still gets its keys listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from sessions.checkin import Colour, Outcome
from sessions.i18n import N_, _
from tui.widgets.footer import shown_words

__all__ = ["CARD_ANSWERS", "Answered", "HelpDialog", "KeyHelp", "KeyName", "keys_of", "toggle_help"]


@dataclass(frozen=True)
class Answered:
    """One answer a scan screen gives: its outcome (and so its colour), its gist and what to do, marked with N_()."""

    outcome: Outcome
    gist: str
    meaning: str

    @property
    def colour(self) -> Colour:
        """The colour the answer is shown in."""
        return self.outcome.colour


#: What a card itself can be answered with, on the check-in and the boarding screen alike.
CARD_ANSWERS = (
    Answered(
        Outcome.UNKNOWN_CARD,
        N_("Unknown card"),
        N_(
            "No participant has this card. Type part of the person's name instead, choose with ↓ and press Enter;"
            " staff look at the card later."
        ),
    ),
    Answered(
        Outcome.REVOKED_CARD,
        N_("Card replaced"),
        N_("An old card: the person was given a new one. Find them by name today and ask them to bring the new card."),
    ),
    Answered(
        Outcome.ARCHIVED,
        N_("Archived in the register"),
        N_("The person is no longer active in the register. Staff can bring them back (3 → Participants, F8)."),
    ),
    Answered(
        Outcome.NOT_A_CARD,
        N_("Not a card, or the code does not add up"),
        N_("What came in is not a card code, or a digit is wrong. Scan again, or type part of the name, pick with ↓."),
    ),
    Answered(
        Outcome.NOT_SAVED,
        N_("NOT saved"),
        N_("The laptop could not write to its disk: nothing was recorded. Try again; if it says so again, call staff."),
    ),
)

#: What each colour of an answer means, wherever a card is scanned.
_COLOURS = {
    Colour.GREEN: N_("Green: done and saved. The count at the top goes up."),
    Colour.YELLOW: N_("Yellow: already done earlier; nothing new is recorded. Let the person through."),
    Colour.RED: N_("Red, with a bell: not let in. The sentence says why and what to do; the attempt is logged."),
}
#: The marks the answer itself shows before its sentence (tui/widgets/answer.py).
_MARKS = {Colour.GREEN: "✔", Colour.YELLOW: "●", Colour.RED: "✖"}


@dataclass(frozen=True)
class KeyHelp:
    """A key a screen answers to: as the footer shows it, and what it does (English, marked with N_())."""

    key: str
    description: str
    enabled: bool


def keys_of(screen: Screen[Any]) -> list[KeyHelp]:
    """Every key `screen` answers to, shown in the footer or not: its own first, then the app's.

    The keys the centre's own classes declare on the screen and the app (on a
    dialog, only the app's priority keys reach it: F1, Ctrl+Q), then any other
    key the footer shows. Not the keys every Textual screen or text field has
    (Tab, copy, the cursor's): their words are Textual's, not the centre's.
    """
    app = screen.app
    active = screen.active_bindings
    found: dict[str, KeyHelp] = {}

    def add(binding: Binding) -> None:
        now = active.get(binding.key)
        if now is not None and now.binding.show:
            binding = now.binding  # the key does now what the footer says (Esc on an open list closes it)
        description = binding.tooltip or binding.description
        if description and binding.key not in found:
            enabled = now.enabled if now is not None and now.binding == binding else True
            found[binding.key] = KeyHelp(app.get_key_display(binding), description, enabled)

    declared = list(_declared_by_centre(screen))
    for binding in declared:
        # One key, two actions (F8 locks, F8 unlocks): the one the screen offers now.
        twin = any(other.key == binding.key and other.action != binding.action for other in declared)
        if not (twin and screen.check_action(binding.action, ()) is False):
            add(binding)
    for binding in _declared_by_centre(app):
        if binding.priority or not screen.is_modal:
            add(binding)
    for now in active.values():
        if now.binding.show:
            add(now.binding)
    return list(found.values())


def _declared_by_centre(node: object) -> Iterator[Binding]:
    """The bindings the centre's own classes (not Textual's) declare on `node`, the most derived first."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("textual."):
            yield from Binding.make_bindings(vars(cls).get("BINDINGS", ()))


class KeyName(Static):
    """A key's name as the footer shows it (f2, esc): Textual's, the same in every language."""


class HelpDialog(ModalScreen[None]):
    """The help of the screen below: Escape or F1 closes it; ↑↓ PgUp PgDn scroll."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape", "close", N_("Close"))]
    AUTO_FOCUS = "#help-body"

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.about = screen
        self.keys = keys_of(screen)

    def compose(self) -> ComposeResult:
        about = getattr(self.about, "HELP_TEXT", "")
        answers: Sequence[Answered] = getattr(self.about, "ANSWERS", ())
        with VerticalScroll(id="help-body") as body:
            body.border_title = _("Help — F1 or Esc closes it, ↑↓ PgUp PgDn scroll")
            if about:
                yield Static(_(about), id="help-about", markup=False)
            for extra in getattr(self.about, "HELP_EXTRA", ()):  # a paragraph a kind of screen shares (the camera's)
                yield Static(_(extra), classes="help-extra", markup=False)
            yield Static(_("Keys"), classes="help-title")
            for key in self.keys:
                with Horizontal(classes="help-key" if key.enabled else "help-key -disabled"):
                    yield KeyName(key.key, markup=False)
                    yield Static(shown_words(key.description), classes="help-what", markup=False)
            if answers:
                yield Static(_("What a scan answers"), classes="help-title")
                yield from _legend(answers)

    def action_close(self) -> None:
        self.dismiss(None)


def _legend(answers: Sequence[Answered]) -> Iterator[Widget]:
    """Each colour, then each answer in its colour: its gist, what it means, what to do."""
    for colour, meaning in _COLOURS.items():
        yield _swatch_row(colour, _(meaning))
    for answer in answers:
        yield _swatch_row(answer.colour, Text.assemble((_(answer.gist), "bold"), ": ", _(answer.meaning)))


def _swatch_row(colour: Colour, text: str | Text) -> Widget:
    return Horizontal(
        Static(_MARKS[colour], classes=f"help-swatch {colour}"),
        Static(text, classes="help-what", markup=False),
        classes="help-answer",
    )


def toggle_help(app: App[Any]) -> None:
    """F1: open the help of the screen on top; on the help itself, close it."""
    if isinstance(app.screen, HelpDialog):
        app.screen.dismiss(None)
    else:
        app.push_screen(HelpDialog(app.screen))

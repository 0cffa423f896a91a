"""The staff menu: the register, cards, reports, settings."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import _

__all__ = ["StaffScreen", "STAFF_ENTRIES"]


def _participants() -> object:
    from tui.screens.participants import ParticipantsScreen

    return ParticipantsScreen()


def _lists() -> object:
    from tui.screens.lists import ListsScreen

    return ListsScreen()


#: What staff can open, as (id, label, screen factory). Later features add to it.
STAFF_ENTRIES: list[tuple[str, Callable[[], str], Callable[[], object]]] = [
    ("participants", lambda: _("Participants and card codes"), _participants),
    ("lists", lambda: _("Activities, places and staff"), _lists),
]


class StaffScreen(Screen[None]):
    """A list of what staff can do; Enter opens it."""

    BINDINGS = [Binding("escape", "app.pop_screen", _("Home"))]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(_("Staff: choose with ↑↓ and Enter"), classes="title")
            yield OptionList(*[Option(label(), id=entry_id) for entry_id, label, _f in STAFF_ENTRIES])
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        for entry_id, _label, factory in STAFF_ENTRIES:
            if entry_id == event.option.id:
                self.app.push_screen(factory())  # type: ignore[arg-type]

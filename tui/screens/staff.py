"""The staff menu: the register, cards, reports, settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _
from tui.widgets.footer import Footer

__all__ = ["STAFF_ENTRIES", "StaffScreen"]


def _participants() -> Screen[Any]:
    from tui.screens.participants import ParticipantsScreen

    return ParticipantsScreen()


def _lists() -> Screen[Any]:
    from tui.screens.lists import ListsScreen

    return ListsScreen()


def _change_pin() -> Screen[Any]:
    from tui.screens.pin import PinDialog

    return PinDialog(choose_new=True)


def _reports() -> Screen[Any]:
    from tui.screens.reports import ReportsScreen

    return ReportsScreen()


def _language() -> Screen[Any]:
    from tui.screens.language import LanguageScreen

    return LanguageScreen()


def _import_participants() -> Screen[Any]:
    from tui.screens.import_participants import ImportParticipantsScreen

    return ImportParticipantsScreen()


def _trips() -> Screen[Any]:
    from tui.screens.trip_list import TripListScreen

    return TripListScreen(staff=True)


def _vehicles() -> Screen[Any]:
    from tui.screens.vehicles import VehiclesScreen

    return VehiclesScreen()


def _audit() -> Screen[Any]:
    from tui.screens.audit import AuditScreen

    return AuditScreen()


def _privacy() -> Screen[Any]:
    from tui.screens.privacy import PrivacyScreen

    return PrivacyScreen()


#: What staff can open, as (id, label, screen factory). Later features add to it.
STAFF_ENTRIES: list[tuple[str, Callable[[], str], Callable[[], Screen[Any]]]] = [
    ("participants", lambda: _("Participants and card codes"), _participants),
    ("import", lambda: _("Import participants from a spreadsheet"), _import_participants),
    ("lists", lambda: _("Activities, places and staff"), _lists),
    ("reports", lambda: _("Reports: weekly export, period figures"), _reports),
    ("trips", lambda: _("Minibus trips: list and corrections"), _trips),
    ("vehicles", lambda: _("Minibus: vehicles and trip purposes"), _vehicles),
    ("pin", lambda: _("Change the staff PIN"), _change_pin),
    ("audit", lambda: _("Audit trail: who changed what"), _audit),
    ("privacy", lambda: _("Data protection: a person's data, erasure, retention"), _privacy),
    ("language", lambda: _("Language"), _language),
]


class StaffScreen(Screen[None]):
    """A list of what staff can do; Enter opens it."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Home"))]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(_("Staff: choose with ↑↓ and Enter"), classes="title")
            yield OptionList(*[Option(label(), id=entry_id) for entry_id, label, _f in STAFF_ENTRIES])
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        for entry_id, _label, factory in STAFF_ENTRIES:
            if entry_id == event.option.id:
                self.app.push_screen(factory())

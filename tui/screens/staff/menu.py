"""The staff menu: the register, cards, reports, settings."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _
from tui.widgets.footer import Footer

__all__ = ["STAFF_ENTRIES", "LazyScreen", "StaffEntry", "StaffScreen"]


@dataclass(frozen=True, eq=False)
class LazyScreen:
    """A screen named as "module:Class", imported only when staff open it: the app starts without it."""

    path: str
    arguments: Mapping[str, Any] = field(default_factory=dict)

    def screen_class(self) -> type[Screen[Any]]:
        """The screen's class, imported now."""
        module_name, _sep, class_name = self.path.partition(":")
        found = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(found, type) and issubclass(found, Screen)):
            raise TypeError(f"{self.path} is not a screen")
        return found

    def __call__(self) -> Screen[Any]:
        return self.screen_class()(**self.arguments)


class StaffEntry(NamedTuple):
    """One line of the staff menu: its id, its label (said in the current language) and the screen it opens."""

    id: str
    label: Callable[[], str]
    screen: Callable[[], Screen[Any]]


#: What staff can open, in the menu's order. Later features add to it.
STAFF_ENTRIES: list[StaffEntry] = [
    StaffEntry(
        "participants",
        lambda: _("Participants and card codes"),
        LazyScreen("tui.screens.staff.participants:ParticipantsScreen"),
    ),
    StaffEntry(
        "card_sheet",
        lambda: _("Print cards: new ones, a group, chosen people"),
        LazyScreen("tui.screens.staff.card_sheet:CardSheetScreen"),
    ),
    StaffEntry(
        "import",
        lambda: _("Import participants from a spreadsheet"),
        LazyScreen("tui.screens.staff.import_participants:ImportParticipantsScreen"),
    ),
    StaffEntry(
        "lists",
        lambda: _("Activities, places, staff and projects"),
        LazyScreen("tui.screens.staff.lists:ListsScreen"),
    ),
    StaffEntry(
        "timetable",
        lambda: _("Timetable: regular sessions, dates, regulars"),
        LazyScreen("tui.screens.staff.timetable:TimetableScreen"),
    ),
    StaffEntry(
        "not_seen",
        lambda: _("Not seen lately: regulars who stopped coming"),
        LazyScreen("tui.screens.staff.not_seen:NotSeenScreen"),
    ),
    StaffEntry(
        "reports",
        lambda: _("Reports: weekly export, period figures"),
        LazyScreen("tui.screens.staff.reports:ReportsScreen"),
    ),
    StaffEntry(
        "sheets",
        lambda: _("Attendance sheets: print a session's list"),
        LazyScreen("tui.screens.staff.sheets:SessionSheetsScreen"),
    ),
    StaffEntry(
        "trips",
        lambda: _("Minibus trips: list and corrections"),
        LazyScreen("tui.screens.driver.trip_list:TripListScreen", {"staff": True}),
    ),
    StaffEntry(
        "vehicles",
        lambda: _("Minibus: vehicles and trip purposes"),
        LazyScreen("tui.screens.staff.vehicles:VehiclesScreen"),
    ),
    StaffEntry(
        "pin", lambda: _("Change the staff PIN"), LazyScreen("tui.screens.staff.pin:PinDialog", {"choose_new": True})
    ),
    StaffEntry("audit", lambda: _("Audit trail: who changed what"), LazyScreen("tui.screens.staff.audit:AuditScreen")),
    StaffEntry(
        "privacy",
        lambda: _("Data protection: a person's data, erasure, retention"),
        LazyScreen("tui.screens.staff.privacy:PrivacyScreen"),
    ),
    StaffEntry(
        "laptops",
        lambda: _("Laptops: syncing, last seen, pairing guide"),
        LazyScreen("tui.screens.staff.laptops:LaptopsScreen"),
    ),
    StaffEntry(
        "backups",
        lambda: _("Backups: save to a USB stick, restore"),
        LazyScreen("tui.screens.staff.backups:BackupsScreen"),
    ),
    StaffEntry("language", lambda: _("Language"), LazyScreen("tui.screens.staff.language:LanguageScreen")),
]


class StaffScreen(Screen[None]):
    """A list of what staff can do; Enter opens it."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Home"))]
    HELP_TEXT = N_("What staff can do. Choose with ↑↓ and press Enter; Esc goes back to the home screen.")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(_("Staff: choose with ↑↓ and Enter"), classes="title")
            yield OptionList(*[Option(entry.label(), id=entry.id) for entry in STAFF_ENTRIES])
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        for entry in STAFF_ENTRIES:
            if entry.id == event.option.id:
                self.app.push_screen(entry.screen())

"""F1 on every screen and dialog: what the screen is for, its keys, on a scan screen what each answer means."""

from __future__ import annotations

import gettext
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, Static

import tui.screens
from sessions.checkin import Colour, Outcome
from sessions.i18n import _, mo_path, register_translations, set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import footer_keys, open_trip_form, person_types, settle
from tests.test_i18n_walk import Walk, _walk_everything
from tui.app import CentrelogApp
from tui.screens.dialogs.help import HelpDialog, KeyName
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.scan_screen import ScanScreen
from tui.widgets.answer import Answer


def _state(screen: Screen[Any]) -> list[tuple[Any, ...]]:
    """What a person could see change on `screen`: the focus, what fields hold, what lists highlight, the answer."""
    state: list[tuple[Any, ...]] = [("focused", screen.focused)]
    for widget in screen.query("*"):
        if isinstance(widget, Input):
            state.append((widget, widget.value, widget.cursor_position))
        elif isinstance(widget, OptionList):
            state.append((widget, widget.highlighted, widget.option_count))
        elif isinstance(widget, DataTable):
            state.append((widget, widget.cursor_coordinate, widget.row_count))
        elif isinstance(widget, (Select, Checkbox)):
            state.append((widget, widget.value))
        elif isinstance(widget, Answer):
            state.append((widget, widget.sentence, tuple(sorted(widget.classes))))
    return state


def _text(widget: Widget) -> str:
    return str(widget.content) if isinstance(widget, Static) else ""


def _help_keys(dialog: HelpDialog) -> set[tuple[str, str]]:
    """The keys the help lists: (the key as the footer shows it, what it does)."""
    rows = set()
    for key in dialog.query(KeyName):
        what = key.parent.query_one(".help-what", Static) if key.parent else None
        rows.add((_text(key), _text(what) if what else ""))
    return rows


def _keys_expected(screen: Screen[Any]) -> set[tuple[str, str]]:
    """The keys the footer shows, and every key the screen's own classes bind, shown or not."""
    app = screen.app
    expected = set()
    shown = footer_keys(screen)
    for key in shown:
        if key.key == "f1":
            expected.add((key.display, _("Help")))  # "?" in the footer, named in the help
        elif key.description:  # Esc alone in a full footer: the help names it with its word
            expected.add((key.display, key.description))
    footer = {key.key for key in shown}
    for cls in type(screen).__mro__:
        if cls.__module__.startswith("tui."):
            for binding in vars(cls).get("BINDINGS", []):
                if binding.key in footer:
                    continue  # the key does what the footer says (Esc closes an open list)
                if screen.check_action(binding.action, ()) is not False:  # F8 Lock and F8 Unlock: one at a time
                    expected.add((app.get_key_display(binding), _(binding.description)))
    expected.add(("f1", _("Help")))  # F1 and Ctrl+Q work on dialogs too
    expected.add(("^q", _("Quit")))
    return expected


def _legend_colours(dialog: HelpDialog) -> set[str]:
    return {colour for swatch in dialog.query(".help-swatch") for colour in swatch.classes if colour in set(Colour)}


class HelpWalk(Walk):
    """The walk of tests/test_i18n_walk.py; wherever it looks, F1 is pressed, the help read, and Escape pressed."""

    def __init__(self, pilot: Pilot) -> None:
        super().__init__(pilot, set(), "en")
        self.helped: list[str] = []

    async def look(self, where: str) -> None:
        await super().look(where)
        app = self.pilot.app
        screen = app.screen
        if isinstance(screen, HelpDialog):
            return  # the walk pressed F1 itself: it is in the footer
        # Work still running (a report counting) would change the screen while the help is open.
        await settle(self.pilot, lambda: not any(worker.is_running for worker in app.workers))
        before = _state(screen)
        expected = _keys_expected(screen)
        await self.pilot.press("f1")
        await settle(self.pilot, lambda: isinstance(app.screen, HelpDialog))
        dialog = app.screen
        assert isinstance(dialog, HelpDialog) and dialog.about is screen, where
        assert expected <= _help_keys(dialog), f"{where}: keys missing from the help: {expected - _help_keys(dialog)}"
        about = getattr(screen, "HELP_TEXT", "")
        assert about, f"{where}: {type(screen).__name__} has no HELP_TEXT"
        assert _text(dialog.query_one("#help-about")) == _(about), where
        if isinstance(screen, ScanScreen):
            assert _legend_colours(dialog) == {"green", "yellow", "red"}, where
            said = {_text(what) for what in dialog.query(".help-answer .help-what")}
            for answer in screen.ANSWERS:  # type: ignore[attr-defined]
                assert any(text.startswith(_(answer.gist)) for text in said), f"{where}: {answer.gist}"
        else:
            assert not dialog.query(".help-swatch"), where
        await self.pilot.press("escape")
        await settle(self.pilot, lambda: app.screen is screen)
        assert _state(screen) == before, f"{where}: the help changed what the screen shows"
        self.helped.append(f"{where} ({type(screen).__name__})")


async def _what_the_walk_does_not_reach(walk: Walk, pilot: Pilot, store: Store) -> None:
    """The dialogs that need a closed trip, a damaged file or a spreadsheet, opened as their screens open them."""
    from sessions.door_lock import lock_door
    from sessions.trip_log import trips_between
    from sessions.trips import close_trip, open_trips
    from tui.screens.dialogs.door_lock import LockDialog, UnlockDialog
    from tui.screens.driver.close_trip import TripSummaryDialog
    from tui.screens.staff.correct_trip import CorrectTripForm
    from tui.screens.staff.import_columns import ColumnsDialog
    from tui.screens.staff.restore import RestoreDamagedDialog

    app = pilot.app
    now = app.clock()  # type: ignore[attr-defined]
    summary = close_trip(store, open_trips(store)[0], returned=now, odometer_end=84_020, now=now)
    row = next(row for row in trips_between(store, now.date(), now.date()) if row.closed)
    dialogs: list[Screen[Any]] = [
        TripSummaryDialog(summary),
        CorrectTripForm(row),
        RestoreDamagedDialog(),
        ColumnsDialog(["Vārds", "Uzvārds"], {"first_name": 0}),
        LockDialog(),
        UnlockDialog(lock_door(store.registry, "4321")),
    ]
    for dialog in dialogs:
        app.push_screen(dialog)
        await settle(pilot, lambda: app.screen is dialog)  # noqa: B023
        await walk.look(type(dialog).__name__)
        app.pop_screen()
        await settle(pilot, lambda: app.screen is not dialog)  # noqa: B023


async def test_f1_on_every_screen_and_dialog_names_its_keys_and_escape_changes_nothing(
    demo_store: Store, clock: Clock, quiet_places: Path
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = HelpWalk(pilot)
        await _walk_everything(walk, pilot, demo_store)
        await _what_the_walk_does_not_reach(walk, pilot, demo_store)
    helped = {entry.rpartition("(")[2].rstrip(")") for entry in walk.helped}
    every = {cls.__name__ for cls in _screen_classes() if cls is not HelpDialog}
    assert every - helped == set()


def _screen_classes() -> Iterator[type[Screen[Any]]]:
    """Every screen and dialog class the app defines (bases that others extend left out)."""
    for module in pkgutil.walk_packages(tui.screens.__path__, "tui.screens."):
        importlib.import_module(module.name)
    found: list[type[Screen[Any]]] = []
    todo: list[type[Any]] = [Screen]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.screens.") and cls not in found:
            found.append(cls)
    for cls in found:
        if not any(issubclass(other, cls) and other is not cls for other in found):
            yield cls


def test_every_screen_brings_its_own_help_text() -> None:
    classes = [cls for cls in _screen_classes() if cls is not HelpDialog]
    assert len(classes) >= 30
    missing = [cls.__name__ for cls in classes if not vars(cls).get("HELP_TEXT")]
    assert missing == [], "give each a HELP_TEXT = N_(...): what F1 says the screen is for and how to use it"


def test_each_scan_screen_explains_every_answer_it_can_give() -> None:
    trips_only = {Outcome.BOARDED, Outcome.ALREADY_ABOARD, Outcome.NO_WHEELCHAIR_PLACE}
    sessions_only = {Outcome.CHECKED_IN, Outcome.ALREADY_IN}
    assert {a.outcome for a in CheckInScreen.ANSWERS} == set(Outcome) - trips_only
    assert {a.outcome for a in BoardingScreen.ANSWERS} == set(Outcome) - sessions_only
    for answers in (CheckInScreen.ANSWERS, BoardingScreen.ANSWERS):
        for answer in answers:
            if answer.outcome.over_capacity:  # "Session full" and the like: F3 lets the person in anyway
                assert "F3" in answer.meaning


async def test_f1_in_a_text_field_leaves_what_was_typed_and_the_focus(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        field = form.query_one("#destination", Input)
        assert app.focused is field
        await person_types(pilot, *"Rīga")
        await pilot.press("left")
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
        await pilot.press("f1")  # F1 again closes it
        await settle(pilot, lambda: app.screen is form)
        assert (field.value, field.cursor_position, app.focused) == ("Rīga", 3, field)

        for key, shown in (("escape", "DriverScreen"), ("escape", "HomeScreen"), ("1", "TodayScreen")):
            await pilot.press(key)
            await settle(pilot, lambda: type(app.screen).__name__ == shown)  # noqa: B023
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        scan = app.screen.query_one("#scan", Input)
        await person_types(pilot, *"Ber")
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        assert (scan.value, app.focused) == ("Ber", scan)


async def test_f1_on_a_dialog_opens_its_help_and_goes_back_to_the_dialog(demo_store: Store, clock: Clock) -> None:
    from tests.trip_helpers import open_demo_trip
    from tui.screens.dialogs.count import CountDialog

    app = CentrelogApp(demo_store, clock=clock)
    now = clock()
    trip = open_demo_trip(demo_store, now, destination="Rēzekne")
    async with app.run_test(size=(80, 24)) as pilot:
        boarding = BoardingScreen(trip)
        app.push_screen(boarding)
        await settle(pilot, lambda: app.screen is boarding)
        await pilot.press("f7")
        await settle(pilot, lambda: isinstance(app.screen, CountDialog))
        dialog = app.screen
        await person_types(pilot, "3")
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
        assert app.screen.about is dialog  # type: ignore[attr-defined]
        assert _text(app.screen.query_one("#help-about")) == _(CountDialog.HELP_TEXT)
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is dialog)
        assert dialog.query_one(Input).value == "3"
        assert trip.record.get("guests") in (None, 0)  # Escape closed the help, not the question


class _Marked(gettext.NullTranslations):
    """A catalogue that marks every message with its language, as a translation would change it."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.mark = f"⟨{language}⟩"

    def gettext(self, message: str) -> str:
        return self.mark + message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.mark + (msgid1 if n == 1 else msgid2)


@pytest.fixture
def marked_catalogues() -> Iterator[None]:
    """Latvian and Russian marked, for one test; the real catalogues back afterwards."""
    for language in ("lv", "ru"):
        register_translations(language, _Marked(language))
    yield
    for language in ("lv", "ru"):
        with mo_path(language).open("rb") as handle:
            register_translations(language, gettext.GNUTranslations(handle))


async def _home_help_in(pilot: Pilot, language: str) -> None:
    """F1 on the home screen: everything the help says is in `language`; Escape."""
    app = pilot.app
    home = app.screen
    await pilot.press("f1")
    await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
    dialog = app.screen
    assert isinstance(dialog, HelpDialog)
    mark = f"⟨{language}⟩"
    assert _text(dialog.query_one("#help-about")) == mark + HomeScreen.HELP_TEXT
    assert str(dialog.query_one("#help-body").border_title).startswith(mark)
    keys = _help_keys(dialog)
    assert keys and all(what.startswith(mark) for _key, what in keys)
    assert ("f9", mark + "Language") in keys
    await pilot.press("escape")
    await settle(pilot, lambda: app.screen is home)


async def test_the_help_is_said_in_the_language_of_the_moment(
    marked_catalogues: None, demo_store: Store, clock: Clock
) -> None:
    set_language("lv")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _home_help_in(pilot, "lv")
        await pilot.press("f9")  # Russian, at once
        await settle(pilot, lambda: str(app.screen.query_one(".title", Static).content).startswith("⟨ru⟩"))
        await _home_help_in(pilot, "ru")

"""Switching the language on the fly: F9 on the home screen, and the staff settings entry."""

from __future__ import annotations

import argparse
from pathlib import Path

from sessions.i18n import _, current_language, set_language
from sessions.storage.durable import load_json
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.cli import open_store
from tui.screens.home import HomeScreen
from tui.screens.staff.language import LanguageScreen
from tui.screens.staff.menu import StaffScreen


def _in(language: str, message: str) -> str:
    before = current_language()
    set_language(language)
    try:
        return _(message)
    finally:
        set_language(before)


def _saved_language(store: Store) -> object:
    settings = (load_json(store.local_dir / "state.json") or {}).get("settings", {})  # this laptop's own
    return next((doc["value"] for doc in settings.values() if doc["key"] == "language"), None)


async def test_f9_cycles_the_languages_at_once_and_remembers(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Who is at the keyboard?" in screen_text(app)
        for language in ("lt", "lv", "ru", "en"):  # the one after English, round the list
            await pilot.press("f9")
            await settle(
                pilot,
                lambda language=language: (
                    current_language() == language and _in(language, "Who is at the keyboard?") in screen_text(app)
                ),
            )
            text = screen_text(app)
            assert _in(language, "Language") in text  # the footer too
            assert isinstance(app.screen, HomeScreen)
            assert _saved_language(demo_store) == language


async def test_staff_choose_a_language_and_every_open_screen_follows(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        staff = StaffScreen()
        app.push_screen(staff)
        await settle(pilot, lambda: app.screen is staff)
        app.push_screen(LanguageScreen())
        await settle(pilot, lambda: isinstance(app.screen, LanguageScreen))
        await pilot.press("home", "down", "enter")  # Русский
        await settle(pilot, lambda: current_language() == "ru")
        await settle(pilot, lambda: _in("ru", "Language of the screens and exported files") in screen_text(app))
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is staff)
        assert _in("ru", "Participants and card codes") in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert _in("ru", "Who is at the keyboard?") in screen_text(app)
    assert _saved_language(demo_store) == "ru"


def test_the_saved_language_applies_when_the_data_folder_opens(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "data") as store:
        store.registry.set_settings({"language": "ru"})
    args = argparse.Namespace(demo=False, data_dir=str(tmp_path / "data"), lang=None)
    with open_store(args):
        assert current_language() == "ru"
    args.lang = "en"
    with open_store(args):
        assert current_language() == "en"

"""Words Textual's own widgets would show in English reach the screen in the language chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from sessions.i18n import _
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import footer_keys, notified, screen_text, settle
from tests.test_i18n_walk import pseudo  # noqa: F401  (the pseudo-locale fixture)
from tui.app import CentrelogApp
from tui.screens.instructor.start_session import StartSessionScreen


@pytest.mark.usefixtures("pseudo")
async def test_an_open_list_says_in_the_footer_how_to_close_it(
    demo_store: Store, clock: Clock, quiet_places: Path
) -> None:
    """Textual's Select says "esc Dismiss menu" in its footer; here Esc says "Close list", translated."""
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await settle(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
        places = app.screen.query_one("#place", Select)
        places.focus()
        await pilot.press("down")
        await settle(pilot, lambda: places.expanded and any(k.key == "escape" for k in footer_keys(app.screen)))
        escape = next(k for k in footer_keys(app.screen) if k.key == "escape")
        assert escape.description == _("Close list") != "Close list"
        assert "Dismiss" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, lambda: not places.expanded)
        assert isinstance(app.screen, StartSessionScreen)  # the list closed, the form stayed


@pytest.mark.usefixtures("pseudo")
async def test_ctrl_c_says_how_to_quit_in_the_language_chosen(
    demo_store: Store, clock: Clock, quiet_places: Path
) -> None:
    """Textual answers Ctrl+C with "Do you want to quit? Press ctrl+q to quit the app", in English."""
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await settle(pilot, lambda: notified(app, _("Ctrl+Q quits centrelog.")))
        assert "quit the app" not in screen_text(app)
        assert app.is_running

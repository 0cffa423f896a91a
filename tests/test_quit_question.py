"""Ctrl+Q (one stray byte from a scanner) never ends the app from a scan screen without a question."""

from __future__ import annotations

from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import open_trip_form, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen

QUESTION = "Quit centrelog?"


async def _to_checkin(pilot, app: CentrelogApp) -> CheckInScreen:  # type: ignore[no-untyped-def]
    await pilot.press("1", "enter")
    await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    screen = app.screen
    assert isinstance(screen, CheckInScreen)
    await settle(pilot, lambda: "Ready" in screen_text(app))
    return screen


async def test_ctrl_q_on_the_checkin_screen_asks_and_no_keeps_scanning(demo_store: Store, clock: Clock) -> None:
    people = demo_store.registry.participants(include_archived=False)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        for no in ("escape", "enter", "n"):  # Enter answers the focused button, which is No
            await pilot.press("ctrl+q")
            await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert QUESTION in screen_text(app) and app.return_code is None
            assert app.focused is app.screen.query_one("#no")
            await pilot.press("ctrl+q")  # asked again while asking: still one question
            assert len([s for s in app.screen_stack if isinstance(s, ConfirmDialog)]) == 1
            await pilot.press(no)
            await settle(pilot, lambda: app.screen is screen)
            assert app.return_code is None and app.focused is screen.query_one("#scan")
        await pilot.press(*(people[0].code or ""), "enter")
        await settle(pilot, lambda: screen.session.count == 1)


async def test_yes_quits(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_checkin(pilot, app)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(pilot, lambda: app.return_code is not None)


async def test_ctrl_q_on_the_boarding_screen_asks_too(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        await pilot.press(*"Rēzekne", "f5")
        await settle(pilot, lambda: "Choose the purpose of the trip." in screen_text(app))
        await pilot.press("enter", "down", "enter")
        await settle(pilot, lambda: not form.query_one("#purpose").is_blank())  # type: ignore[attr-defined]
        await pilot.press("tab", "space", "f5")  # the safety check, next after the purpose
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert QUESTION in screen_text(app) and app.return_code is None


async def test_ctrl_q_on_the_home_screen_quits_at_once(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: app.return_code is not None)

"""The footer: one line of keys, compact when they would not fit, Esc's word dropped last; a click presses a key."""

from __future__ import annotations

from textual.pilot import Pilot

from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import footer_keys, screen_lines, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.door_lock import LockDialog
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.start_session import StartSessionScreen
from tui.widgets.footer import Footer


def _bottom_line(pilot: Pilot) -> str:
    return "".join(segment.text for segment in screen_lines(pilot.app.screen)[-1])


async def _check_in(pilot: Pilot) -> CheckInScreen:
    await pilot.press("1", "enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


async def test_the_keys_go_compact_when_they_do_not_fit_and_esc_loses_its_word_last(
    demo_store: Store, clock: Clock
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _check_in(pilot)
        footer = screen.query_one(Footer)
        shown = [(key.display, key.description) for key in footer.keys_shown()]
        assert ("esc", "Home") in shown and ("f10", "End session") in shown and not footer.compact
        assert _bottom_line(pilot).startswith(" f2 Undo last  f4 Remove…  f10 End session  esc Home ")

        await pilot.resize_terminal(75, 24)  # the keys take 79 columns with a space around each
        await settle(pilot, lambda: footer.size.width == 75)
        assert footer.compact and [(k.display, k.description) for k in footer.keys_shown()] == shown
        assert _bottom_line(pilot).startswith("f2 Undo last f4 Remove… f10 End session esc Home f8 Lock ")

        await pilot.resize_terminal(70, 24)  # 72 even compact: Esc alone says it
        await settle(pilot, lambda: footer.size.width == 70)
        keys = footer.keys_shown()
        assert [k.description for k in keys if k.key == "escape"] == [""]
        assert [(k.display, k.description) for k in keys if k.key != "escape"] == [s for s in shown if s[0] != "esc"]
        assert "End session esc f8 Lock f9 Camera f1 ?" in _bottom_line(pilot)


async def test_a_click_on_a_footer_key_presses_it(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _check_in(pilot)
        footer = screen.query_one(Footer)
        lock = next(key for key in footer.keys_shown() if key.key == "f8")
        assert _bottom_line(pilot)[lock.x : lock.x + lock.width] == " f8 Lock "
        await pilot.resize_terminal(90, 24)
        await settle(pilot, lambda: footer.size.width == 90)
        await pilot.click(Footer, offset=(85, 0))  # past the last key: nothing there
        await pilot.pause()
        assert app.screen is screen

        await pilot.click(Footer, offset=(lock.x + lock.width - 1, 0))  # the last column of "f8 Lock"
        await settle(pilot, lambda: isinstance(app.screen, LockDialog))


async def test_a_click_on_a_key_follows_the_keys_the_screen_shows_now(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await settle(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
        keys = {key.key: key for key in footer_keys(app.screen)}
        unplanned = keys["f2"]
        await pilot.click(Footer, offset=(unplanned.x, 0))  # its first column
        await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
        await settle(pilot, lambda: [key.key for key in footer_keys(app.screen)][:2] == ["escape", "f5"])
        back = footer_keys(app.screen)[0]
        await pilot.click(Footer, offset=(back.x + 1, 0))  # Esc: the form goes home
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))

"""Snapshots of the main screens at 80×24, on a fixed clock, with no cursor blink."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen


def test_home_screen(snap_compare: Any, demo_store: Store, clock: Clock) -> None:
    assert snap_compare(CentrelogApp(demo_store, clock=clock), terminal_size=(80, 24))


def test_checkin_screen_after_three_scans(snap_compare: Any, demo_store: Store, clock: Clock) -> None:
    people = demo_store.registry.participants(include_archived=False)

    async def scan_three(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        app.screen.query_one("#scan").cursor_blink = False
        await pilot.press(*people[0].code, "enter", *people[1].code, "enter", *people[0].code, "enter")
        await settle(pilot, lambda: len(app.screen.session.scans) == 3)
        # The lists below follow the answers a moment later: the picture waits for them.
        await settle(pilot, lambda: len(str(app.screen.query_one("#scans").content).splitlines()) == 3)

    assert snap_compare(CentrelogApp(demo_store, clock=clock), terminal_size=(80, 24), run_before=scan_three)


def test_today_screen(snap_compare: Any, demo_store: Store, clock: Clock) -> None:
    """What 1 opens in a centre with a timetable: Monday's sessions, the next one highlighted."""

    async def press_1(pilot: Pilot) -> None:
        from tui.screens.instructor.today import TodayScreen

        await pilot.press("1")
        await settle(pilot, lambda: isinstance(pilot.app.screen, TodayScreen))

    assert snap_compare(CentrelogApp(demo_store, clock=clock), terminal_size=(80, 24), run_before=press_1)

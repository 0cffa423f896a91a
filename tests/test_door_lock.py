"""A scan screen locked for the queue: only scanning and finding a name work until the code or the PIN."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sessions.attendance import open_sessions
from sessions.door_lock import lock_door, unlock_door
from sessions.names import search_key
from sessions.pin import FREE_TRIES, set_pin
from sessions.registry import EntryError
from sessions.store import Store
from sessions.trips import open_trips
from tests.conftest import Clock
from tests.pilot_helpers import footer_keys, notified, person_types, scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.door_lock import LockDialog, UnlockDialog
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.scan_screen import ScanScreen


def test_without_a_staff_pin_the_lock_needs_a_code_of_its_own(store: Store) -> None:
    with pytest.raises(EntryError, match="No staff PIN"):
        lock_door(store.registry, "")
    with pytest.raises(EntryError, match="4 to 12 digits"):
        lock_door(store.registry, "12")
    set_pin(store.registry, "2468")
    assert lock_door(store.registry, "").code_hash is None


def test_the_code_unlocks_and_the_pin_too_and_wrong_tries_bring_the_pins_wait(store: Store, clock: Clock) -> None:
    set_pin(store.registry, "2468")
    door = lock_door(store.registry, "1357")
    assert unlock_door(door, store.registry, store.data_dir, "1357", clock()).ok
    assert unlock_door(door, store.registry, store.data_dir, "2468", clock()).ok
    for _ in range(FREE_TRIES):
        assert not unlock_door(door, store.registry, store.data_dir, "0000", clock()).ok
    waiting = unlock_door(door, store.registry, store.data_dir, "1357", clock())
    assert not waiting.ok and not waiting.counted  # the right code waits too: four digits cannot be tried through
    clock.tick(minutes=20)
    assert unlock_door(door, store.registry, store.data_dir, "1357", clock()).ok


def test_a_lock_without_a_code_opens_only_to_the_pin(store: Store, clock: Clock) -> None:
    set_pin(store.registry, "2468")
    door = lock_door(store.registry, "")
    assert not unlock_door(door, store.registry, store.data_dir, "", clock()).ok
    assert not unlock_door(door, store.registry, store.data_dir, "1357", clock()).ok
    assert unlock_door(door, store.registry, store.data_dir, "2468", clock()).ok


def _footer_keys(screen: ScanScreen) -> list[str]:
    return [key.key for key in footer_keys(screen)]


async def _lock(pilot: Pilot, screen: ScanScreen, code: str) -> None:
    await pilot.press("f8")
    await settle(pilot, lambda: isinstance(pilot.app.screen, LockDialog))
    await person_types(pilot, *code, "enter")
    await settle(pilot, lambda: pilot.app.screen is screen and screen.door is not None)


async def _unlock(pilot: Pilot, screen: ScanScreen, code: str) -> None:
    await pilot.press("f8")
    await settle(pilot, lambda: isinstance(pilot.app.screen, UnlockDialog))
    await person_types(pilot, *code, "enter")


async def test_a_locked_check_in_screen_scans_and_finds_names_and_nothing_else(demo_store: Store, clock: Clock) -> None:
    people = demo_store.registry.participants(include_archived=False)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await _lock(pilot, screen, "4321")
        assert "LOCKED" in screen_text(app)
        await settle(pilot, lambda: _footer_keys(screen) == ["f8", "f1"])  # only the unlock, and help

        scanner_burst(app, [people[0].code or "", people[1].code or ""])
        await settle(pilot, lambda: screen.session.count == 2)
        await person_types(pilot, *"zzz")  # a name that finds nobody: Escape takes it back, even locked
        await pilot.press("escape")
        await settle(pilot, lambda: screen.query_one("#scan").value == "" and not screen.matches)
        await person_types(pilot, *search_key(people[2].last_name))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: screen.session.count == 3)

        for key in ("f2", "f4", "f10", "escape", "ctrl+q"):  # undo, remove, end, leave, quit
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and app.return_code is None, key
        await settle(pilot, lambda: notified(app, "locked for the queue"))
        assert screen.session.count == 3 and not screen.session.closed

        await _unlock(pilot, screen, "1111")
        await settle(pilot, lambda: "Wrong code" in screen_text(app))
        await person_types(pilot, *"4321", "enter")
        await settle(pilot, lambda: app.screen is screen and screen.door is None)
        assert "f10" in _footer_keys(screen) and "LOCKED" not in screen_text(app)
        await pilot.press("f2")  # undo works again
        await settle(pilot, lambda: screen.session.count == 2)
    assert open_sessions(demo_store)[0].count == 2


async def test_the_staff_pin_unlocks_a_boarding_screen_locked_without_a_code(demo_store: Store, clock: Clock) -> None:
    from tests.trip_helpers import open_demo_trip

    set_pin(demo_store.registry, "2468")
    trip = open_demo_trip(demo_store, clock())
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = BoardingScreen(trip)
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await _lock(pilot, screen, "")
        scanner_burst(app, [demo_store.registry.participants()[0].code or ""])
        await settle(pilot, lambda: screen.trip.count == 1)
        for key in ("f10", "f2", "f4", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        await _unlock(pilot, screen, "2468")
        await settle(pilot, lambda: app.screen is screen and screen.door is None)
        await pilot.press("f10")
        await settle(pilot, lambda: app.screen is not screen)  # closing the trip is offered again
    assert [t.count for t in open_trips(demo_store)] == [1]

"""A full disk: the write fails, the previous state stays, the screen says so, and it recovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.clock import week_key
from sessions.storage.journal import journal_path, read_log
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.disk_helpers import disk_full
from tests.pilot_helpers import notified, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen
from tui.widgets.answer import Answer


def _week_bytes(log: Path) -> tuple[bytes | None, bytes | None]:
    """The week's file and its journal, byte for byte (None for a file not there)."""
    return tuple(path.read_bytes() if path.exists() else None for path in (log, journal_path(log)))  # type: ignore[return-value]


def test_a_registry_write_on_a_full_disk_changes_nothing(demo_store: Store, clock: Clock) -> None:
    path = own_registry(demo_store.data_dir)
    before = path.read_bytes()
    people = len(demo_store.registry.participants())
    with disk_full(), pytest.raises(OSError):
        demo_store.registry.add_participant(clock(), first_name="Jānis", last_name="Kalns")
    assert path.read_bytes() == before
    assert len(demo_store.registry.participants()) == people
    assert not list(demo_store.data_dir.glob(".*.tmp"))
    demo_store.registry.add_participant(clock(), first_name="Jānis", last_name="Kalns")
    assert len(demo_store.registry.participants()) == people + 1


async def test_a_scan_on_a_full_disk_shows_not_saved_and_the_app_recovers(demo_store: Store, clock: Clock) -> None:
    people = demo_store.registry.participants(include_archived=False)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press(*people[0].code, "enter")
        await settle(pilot, lambda: screen.session.count == 1)
        log = demo_store.log_path(week_key(clock()))
        # A scan is written to the week's journal; the .json only when the journal is folded in.
        before = _week_bytes(log)
        assert before[1], "the first scan went to the journal"
        answer = screen.query_one(Answer)
        with disk_full():
            await pilot.press(*people[1].code, "enter")
            await settle(pilot, lambda: "red" in answer.classes)
            assert "NOT saved: the disk is full." in screen_text(app)  # said in the screen's words, not the OS's
            assert _week_bytes(log) == before
            assert screen.session.count == 1
        await pilot.press(*people[1].code, "enter")
        await settle(pilot, lambda: "green" in answer.classes)
        assert screen.session.count == 2
        assert _week_bytes(log) != before  # what is compared above is what a scan writes
    on_disk = read_log(log) or {}
    assert {c["participant_id"] for c in on_disk["checkins"].values()} == {people[0].id, people[1].id}


async def test_the_trip_form_opens_on_a_full_disk_and_says_its_purposes_were_not_saved(
    store: Store, clock: Clock
) -> None:
    from tui.screens.driver.open_trip import OpenTripScreen

    store.registry.add_item("vehicles", clock(), name="Renault Trafic", plate="HN-4521", seats=8, odometer=1000)
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        with disk_full():  # the first trip form seeds the usual purposes: that write fails
            app.push_screen(OpenTripScreen())
            await settle(pilot, lambda: notified(app, "Not saved"))
        assert app.is_running and isinstance(app.screen, OpenTripScreen)
        assert store.registry.items("purposes") == []


async def test_a_list_entry_on_a_full_disk_says_not_saved_and_the_form_stays(store: Store, clock: Clock) -> None:
    from tui.screens.staff.lists import ItemForm, ListsScreen

    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ListsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, ItemForm))
        await pilot.press(*"Pool")
        with disk_full(limit=64):  # an empty register is smaller than the usual limit
            await pilot.press("f5")
            await settle(pilot, lambda: "Not saved: the disk is full." in screen_text(app))
        assert isinstance(app.screen, ItemForm)
        assert store.registry.items("activities") == []
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
    assert [a["name"] for a in store.registry.items("activities")] == ["Pool"]


async def test_an_erasure_on_a_full_disk_says_not_saved_as_a_form_does(store: Store, clock: Clock) -> None:
    from tui.screens.staff.privacy import PrivacyScreen

    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PrivacyScreen())
        await settle(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.press("f8")
        await settle(pilot, lambda: "Erase Anna Ozola?" in screen_text(app))
        with disk_full():
            await pilot.press("y")
            await settle(pilot, lambda: "saved: the disk is full." in screen_text(app))
            assert "Not saved: the disk is full." in screen_text(app)  # the words of every form, not the scan's NOT
    assert store.registry.participant(anna.id).last_name == "Ozola"

"""The instructor's Today screen: launch to the first scan in two keys, and what became of each planned session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from sessions.attendance import end_session, open_sessions, start_session
from sessions.checkin import check_in
from sessions.clock import from_iso, week_key
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.timetable import add_plan, cancel_date, holiday_name, start_planned, today
from tests.conftest import RIGA, Clock
from tests.pilot_helpers import scanner_burst, screen_text, settle
from tests.sync_helpers import deliver, deliver_logs
from tui.app import CentrelogApp
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.start_session import StartSessionScreen
from tui.screens.instructor.today import TodayScreen

HALL = "d-hall"


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=RIGA)


async def _today(pilot, app: CentrelogApp) -> TodayScreen:  # type: ignore[no-untyped-def]
    await pilot.press("1")
    await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


def _week_on_disk(store: Store, clock: Clock) -> dict:
    [log] = (store.data_dir / "logs").glob(f"{week_key(clock())}.{store.device}.json")
    return read_log(log) or {}


async def test_launch_to_the_first_scan_in_two_keys_on_the_demo(demo_store: Store, clock: Clock) -> None:
    planned = next(line for line in today(demo_store, clock()) if line.when)  # the next session: gym at 10:00
    people = demo_store.registry.participants(include_archived=False)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and "Ready" in screen_text(app))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        scanner_burst(app, [people[0].code or ""])
        await settle(pilot, lambda: screen.session.count == 1)
    o = planned.occurrence
    [session] = _week_on_disk(demo_store, clock)["sessions"].values()
    assert (session["activity_id"], session["place"], session["instructor"]) == (o.activity_id, o.place, o.instructor)
    assert (session["plan_id"], session["planned_day"]) == (o.plan_id, "2026-11-23")
    assert o.project_id is not None and session["project_id"] == o.project_id
    assert from_iso(session["planned_end"]) == o.end and session["capacity"] == o.capacity


@pytest.fixture
def hall(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    """Monday's timetable kept on the hall laptop: gym held at 8:00, Cigun next at 10:00, the pool cancelled at
    12:00, outdoor exercise at 14:00 started early on the hall laptop (to check a group in before they leave)."""
    with Store(tmp_path / "hall", device=HALL) as store:
        registry = store.registry
        for place in ("Sporta zāle", "Stropu parks"):
            registry.add_item("places", clock(), name=place)
        registry.add_item("staff", clock(), name="Olga Vasiļjeva", roles=["instructor"])
        plans = {}
        for name, start, end, place in (
            ("Gym", "08:00", "09:00", "Sporta zāle"),
            ("Cigun", "10:00", "11:00", "Sporta zāle"),
            ("Pool", "12:00", "13:00", "Sporta zāle"),
            ("Outdoor", "14:00", "15:00", "Stropu parks"),
        ):
            activity = registry.add_item("activities", clock(), name=name, capacity=12)
            plans[name] = add_plan(
                registry,
                clock(),
                activity_id=activity["id"],
                weekday=1,
                start=start,
                end=end,
                place=place,
                instructor="Olga Vasiļjeva",
                valid_from="2026-11-02",
            )
        cancel_date(registry, plans["Pool"]["id"], "2026-11-23", "the pool is closed for repairs", clock())
        anna = registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
        lines = {line.occurrence.activity: line for line in today(store, _at(8))}
        gym = start_planned(store, lines["Gym"].occurrence, _at(8))
        check_in(gym, registry, anna.code or "", _at(8, 5))
        end_session(store, gym, _at(9))
        start_planned(store, lines["Outdoor"].occurrence, _at(9, 20))
        (store.data_dir / "devices").mkdir(exist_ok=True)
        (store.data_dir / "devices" / f"{HALL}.json").write_text(json.dumps({"name": "hall"}), encoding="utf-8")
        yield store


@pytest.fixture
def office(tmp_path: Path, hall: Store, clock: Clock) -> Iterator[Store]:
    """The office laptop, with the hall's registry and week files as the sync engine brought them."""
    with Store(tmp_path / "office", device="office") as store:
        deliver_logs(hall.data_dir, store.data_dir, HALL)
        deliver(hall.registry_path, store.registry_dir)
        (store.data_dir / "devices").mkdir(exist_ok=True)
        deliver(hall.data_dir / "devices" / f"{HALL}.json", store.data_dir / "devices")
        store.refresh(clock())
        yield store


async def test_each_planned_session_says_what_became_of_it(office: Store, clock: Clock) -> None:
    app = CentrelogApp(office, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _today(pilot, app)
        await settle(pilot, lambda: "Outdoor" in screen_text(app))
        text = screen_text(app)
        rows = [line.strip() for line in text.splitlines()]
        assert any(row.startswith("▊ 08:00–09:00  Gym · Sporta zāle · Olga Vasiļjeva") for row in rows)
        assert "✓ held: 1 came" in text
        assert "▶ next" in text  # Cigun at 10:00, highlighted
        assert "✖ cancelled: the pool is closed for repairs" in text
        assert "● open on “hall”" in text
        assert screen.highlighted() is not None and screen.highlighted().occurrence.activity == "Cigun"  # type: ignore[union-attr]
        assert "Enter starts it: 12 places." in text

        await pilot.press("end", "enter")  # open on the hall laptop: no second session
        await settle(pilot, lambda: "Outdoor is open on “hall”: check people in there." in screen_text(app))
        assert isinstance(app.screen, TodayScreen) and open_sessions(office) == []

        await pilot.press("home", "enter")  # held already: nothing is started either
        await settle(pilot, lambda: "Gym was held today." in screen_text(app))
        assert isinstance(app.screen, TodayScreen) and open_sessions(office) == []
    assert not list((office.data_dir / "logs").glob("*.office.json"))


async def test_a_cancelled_session_starts_only_after_a_yes(office: Store, clock: Clock) -> None:
    app = CentrelogApp(office, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _today(pilot, app)
        await pilot.press("down", "enter")  # Cigun → the pool, cancelled
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = app.screen.question  # type: ignore[attr-defined]
        assert (
            question
            == "Pool at 12:00 does not take place today (the pool is closed for repairs). Start it all the same?"
        )
        await pilot.press("enter")  # No is highlighted first
        await settle(pilot, lambda: app.screen is screen)
        assert open_sessions(office) == []
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    [session] = open_sessions(office)
    assert session.record["activity"] == "Pool" and session.record["planned_day"] == "2026-11-23"


async def test_a_session_on_a_public_holiday_is_marked_and_asks_first(store: Store, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 18, 9, 30, tzinfo=RIGA)  # a Wednesday: Proclamation Day in Latvia
    registry = store.registry
    registry.add_item("places", clock(), name="Sporta zāle")
    registry.add_item("staff", clock(), name="Olga Vasiļjeva", roles=["instructor"])
    gym = registry.add_item("activities", clock(), name="Gym", capacity=12)
    add_plan(
        registry,
        clock(),
        activity_id=gym["id"],
        weekday=3,
        start="10:00",
        end="11:00",
        place="Sporta zāle",
        instructor="Olga Vasiļjeva",
        valid_from="2026-11-02",
    )
    name = holiday_name(date(2026, 11, 18))
    assert name
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await _today(pilot, app)
        await settle(pilot, lambda: f"public holiday: {name}" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
    assert open_sessions(store) == []


async def test_f2_starts_a_session_the_timetable_does_not_plan(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _today(pilot, app)
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    [session] = open_sessions(demo_store)
    assert session.record.get("plan_id") is None


async def test_without_a_timetable_1_opens_the_start_form_and_an_open_session_goes_on(
    store: Store, clock: Clock
) -> None:
    registry = store.registry
    gym = registry.add_item("activities", clock(), name="Gym", capacity=12)
    registry.add_item("places", clock(), name="Sporta zāle")
    registry.add_item("staff", clock(), name="Olga Vasiļjeva", roles=["instructor"])
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        add_plan(
            registry,
            clock(),
            activity_id=gym["id"],
            weekday=1,
            start="10:00",
            end="11:00",
            place="Sporta zāle",
            instructor="Olga Vasiļjeva",
            valid_from="2026-11-02",
        )
        session = start_session(store, gym["id"], "Sporta zāle", "Olga Vasiļjeva", clock())
        await pilot.press("1")  # a session open here goes on, timetable or not
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        assert app.screen.session.id == session.id  # type: ignore[attr-defined]


async def test_a_card_scanned_on_today_starts_nothing_and_says_what_to_do(demo_store: Store, clock: Clock) -> None:
    from tests.pilot_helpers import notified

    card = demo_store.registry.participants(include_archived=False)[0].code or ""
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _today(pilot, app)
        highlighted = screen.query_one("#plans").highlighted  # type: ignore[attr-defined]
        scanner_burst(app, [card])
        await settle(pilot, lambda: notified(app, "Start the session first: Enter on its line"))
        assert app.screen is screen and screen.query_one("#plans").highlighted == highlighted  # type: ignore[attr-defined]
    assert open_sessions(demo_store) == []

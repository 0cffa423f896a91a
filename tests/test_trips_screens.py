"""The driver's whole trip, driven by keyboard through the real app at 80×24."""

from __future__ import annotations

from pathlib import Path

from sessions.clock import week_key
from sessions.names import search_key
from sessions.registry import Participant
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.trips import open_trip, open_trips
from tests.conftest import Clock
from tests.pilot_helpers import scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.driver.close_trip import CloseTripScreen, TripSummaryDialog
from tui.screens.driver.menu import DriverScreen
from tui.screens.driver.open_trip import OpenTripScreen
from tui.screens.driver.trip_list import TripListScreen
from tui.screens.home import HomeScreen
from tui.screens.staff.correct_trip import CorrectTripForm
from tui.screens.staff.menu import STAFF_ENTRIES, StaffScreen
from tui.widgets.answer import Answer


def _riders(store: Store) -> tuple[list[Participant], list[Participant]]:
    people = store.registry.participants(include_archived=False)
    return [p for p in people if p.uses_wheelchair], [p for p in people if not p.uses_wheelchair]


def _week_file(store: Store, clock: Clock) -> dict:
    return read_log(store.log_path(week_key(clock()))) or {}


def _vehicle(store: Store) -> dict:
    return store.registry.items("vehicles")[0]


def _open_in_store(store: Store, clock: Clock) -> None:
    vehicle = _vehicle(store)
    open_trip(
        store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Aglonas bazilika",
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )


async def _to_boarding(pilot, app: CentrelogApp) -> BoardingScreen:
    await pilot.press("2")
    await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
    assert isinstance(app.screen, BoardingScreen)
    return app.screen


async def test_a_whole_trip_by_keyboard_at_80x24(demo_store: Store, clock: Clock) -> None:
    chairs, walkers = _riders(demo_store)
    start_km = int(_vehicle(demo_store)["odometer"])
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        await pilot.press("enter")  # "+ Open a new trip", the only entry
        await settle(pilot, lambda: isinstance(app.screen, OpenTripScreen))
        form = app.screen
        await pilot.press(*"Latgales zoodārzs", "f5")  # purpose not chosen, safety check not confirmed
        await settle(pilot, lambda: "Choose the purpose of the trip." in screen_text(app))
        assert open_trips(demo_store) == []
        assert app.focused is form.query_one("#purpose")  # the cursor goes where the problem is
        await pilot.press("enter", "down", "enter")  # open the list, take one
        await settle(pilot, lambda: not form.query_one("#purpose").is_blank())
        await pilot.press("tab", "space", "f5")  # to the safety check (next after the purpose), tick it, open
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        screen = app.screen
        assert isinstance(screen, BoardingScreen) and app.focused is screen.query_one("#scan")
        assert screen.trip.record["odometer_start"] == start_km
        # "Ready" once the form has gone and the screen is laid out.
        await settle(pilot, lambda: "Ready: scan the first passenger's card." in screen_text(app))

        riders = [walkers[0], chairs[0], walkers[1], chairs[1], walkers[2]]
        for n, person in enumerate(riders, start=1):
            await pilot.press(*person.code, "enter")
            await settle(pilot, lambda n=n: screen.trip.count == n)
            assert "green" in screen.query_one(Answer).classes
        text = screen_text(app)
        assert chairs[0].short_name in text and chairs[0].last_name not in text  # first name and initial only
        assert [b["wheelchair"] for b in screen.trip.active()] == [False, True, False, True, False]

        await pilot.press("f2")  # the last one boarded into a wheelchair: both places are taken
        await settle(pilot, lambda: "yellow" in screen.query_one(Answer).classes)
        assert screen.trip.active()[-1]["wheelchair"] is False
        await pilot.press("up", "f5")  # chairs[1] did not use the lift after all
        await settle(pilot, lambda: screen.trip.active()[3]["lift"] is False)
        await pilot.press("f5")
        await settle(pilot, lambda: screen.trip.active()[3]["lift"] is True)
        await pilot.press("f6", "1", "enter")  # one escort for chairs[1]
        await settle(pilot, lambda: screen.trip.active()[3]["escorts"] == 1)

        await pilot.press("f10")
        await settle(pilot, lambda: isinstance(app.screen, CloseTripScreen))
        await pilot.press(*str(start_km - 3), "enter")
        await settle(pilot, lambda: "below" in screen_text(app))
        assert not screen.trip.closed
        await pilot.press("ctrl+u", *str(start_km + 37), "enter")
        await settle(pilot, lambda: isinstance(app.screen, TripSummaryDialog))
        assert "37 km" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        assert "37 km" in screen_text(app) and "5 passengers" in screen_text(app)

    data = _week_file(demo_store, clock)
    trip = next(t for t in data["trips"].values() if t["id"] == screen.trip.id)
    assert trip["odometer_end"] - trip["odometer_start"] == 37 and trip["closed_at"] is not None
    assert trip["destination"] == "Latgales zoodārzs" and trip["safety_check"] is True
    boardings = [b for b in data["boardings"].values() if b["trip_id"] == trip["id"]]
    assert [b["participant_id"] for b in boardings] == [p.id for p in riders]
    assert sum(1 for b in boardings if b["wheelchair"]) == 2 and sum(b["escorts"] for b in boardings) == 1
    assert open_trips(demo_store) == [] and _vehicle(demo_store)["odometer"] == start_km + 37


async def test_bad_end_readings_get_a_sentence_and_keep_the_trip_open(demo_store: Store, clock: Clock) -> None:
    _open_in_store(demo_store, clock)
    start = int(_vehicle(demo_store)["odometer"])
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_boarding(pilot, app)
        await pilot.press("f10")
        await settle(pilot, lambda: isinstance(app.screen, CloseTripScreen))
        before = _week_file(demo_store, clock)
        cases = [
            (str(start - 1), "below"),
            (str(start), "same as the start"),
            (str(start + 1001), "not plausible"),
            ("8421O", "digits only"),
            ("", "missing"),
        ]
        for typed, says in cases:
            await pilot.press("ctrl+u", *typed, "enter")
            await settle(pilot, lambda says=says: says in screen_text(app))
            assert "still open" in screen_text(app)
        assert isinstance(app.screen, CloseTripScreen) and not screen.trip.closed
        assert _week_file(demo_store, clock) == before
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
    assert [t.id for t in open_trips(demo_store)] == [screen.trip.id]
    assert int(_vehicle(demo_store)["odometer"]) == start


async def test_a_scanner_burst_boards_everyone_in_order(demo_store: Store, clock: Clock) -> None:
    vehicle = _vehicle(demo_store)
    demo_store.registry.update_item("vehicles", vehicle["id"], clock(), seats=60, wheelchair_places=20)
    _open_in_store(demo_store, clock)
    people = demo_store.registry.participants(include_archived=False)[:30]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_boarding(pilot, app)
        scanner_burst(app, [p.code for p in people[:15]], "enter")
        scanner_burst(app, [p.code for p in people[15:25]], "tab")
        scanner_burst(app, [p.code for p in people[25:]], "ctrl+j")
        await settle(pilot, lambda: len(screen.trip.scans) >= 30)
        assert [s["outcome"] for s in screen.trip.scans] == ["boarded"] * 30
        assert [b["participant_id"] for b in screen.trip.boardings] == [p.id for p in people]
        assert screen.query_one("#scan").value == ""
    data = _week_file(demo_store, clock)
    on_disk = [b for b in data["boardings"].values() if b["trip_id"] == screen.trip.id]
    assert [b["participant_id"] for b in on_disk] == [p.id for p in people]


async def test_a_restart_with_a_trip_open(tmp_path: Path, clock: Clock) -> None:
    from sessions.demo import seed_demo

    with Store(tmp_path) as store:
        seed_demo(store, clock())
        chairs, walkers = _riders(store)
        _open_in_store(store, clock)
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _to_boarding(pilot, app)
            await pilot.press(*chairs[0].code, "enter", *walkers[0].code, "enter")
            await settle(pilot, lambda: screen.trip.count == 2)
    clock.tick(minutes=20)
    with Store(tmp_path) as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert "Aglonas bazilika is open" in screen_text(app)
            screen = await _to_boarding(pilot, app)
            assert screen.trip.count == 2 and "2 aboard" in screen_text(app)
            assert screen.trip.active()[0]["wheelchair"] is True
            await pilot.press(*walkers[0].code, "enter")
            await settle(pilot, lambda: len(screen.trip.scans) == 3)
            assert "yellow" in screen.query_one(Answer).classes and "already aboard" in screen_text(app)


async def test_over_capacity_needs_f3(demo_store: Store, clock: Clock) -> None:
    vehicle = _vehicle(demo_store)
    demo_store.registry.update_item("vehicles", vehicle["id"], clock(), seats=2, wheelchair_places=1)
    _open_in_store(demo_store, clock)
    _chairs, walkers = _riders(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_boarding(pilot, app)
        for person in walkers[:3]:
            await pilot.press(*person.code, "enter")
        await settle(pilot, lambda: len(screen.trip.scans) == 3)
        assert screen.trip.count == 2 and "red" in screen.query_one(Answer).classes
        assert "full" in screen_text(app) and "F3" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot, lambda: screen.trip.count == 3)
        assert (
            screen.trip.active()[-1]["override"] is True and screen.trip.active()[-1]["participant_id"] == walkers[2].id
        )
        await pilot.press("f7", "2", "enter")  # two guests: over again, F3 again
        await settle(pilot, lambda: "F3 does it anyway" in screen_text(app))
        assert screen.trip.record["guests"] == 0
        await pilot.press("f3")
        await settle(pilot, lambda: screen.trip.record["guests"] == 2)


async def test_staff_correct_a_closed_trip(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.press(*"1357", "enter", *"1357", "enter")  # the first time, the PIN is chosen
        await settle(pilot, lambda: isinstance(app.screen, StaffScreen))
        index = [entry_id for entry_id, _label, _factory in STAFF_ENTRIES].index("trips")
        await pilot.press(*["down"] * index, "enter")
        await settle(pilot, lambda: isinstance(app.screen, TripListScreen))
        listing = app.screen
        assert isinstance(listing, TripListScreen)
        await pilot.press("f5")  # last week: the demo's trips end yesterday
        await settle(pilot, lambda: bool(listing.rows))
        row = next(iter(listing.rows.values()))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, CorrectTripForm))
        end = int(row.record["odometer_end"])
        await pilot.press("ctrl+u", *str(end + 4), "f5")  # who and why are missing: the cursor goes to "who"
        await settle(pilot, lambda: "who makes" in screen_text(app))
        await pilot.press(*"Inga Lāce", "tab", *"odometer misread", "f5")
        await settle(pilot, lambda: isinstance(app.screen, TripListScreen))
        assert listing.rows[row.record["id"]].km == row.km + 4
    corrections = list(_week_file(demo_store, clock)["corrections"].values())
    assert len(corrections) == 1
    assert corrections[0]["target_id"] == row.record["id"] and corrections[0]["by"] == "Inga Lāce"
    assert corrections[0]["changes"] == {"odometer_end": {"before": end, "after": end + 4}}


async def test_a_forgotten_card_boards_by_name(demo_store: Store, clock: Clock) -> None:
    _open_in_store(demo_store, clock)
    chairs, _walkers = _riders(demo_store)
    target = chairs[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_boarding(pilot, app)
        await pilot.press(*search_key(target.last_name), "space", *search_key(target.first_name))
        await settle(pilot, lambda: bool(screen.matches))
        assert target.last_name not in screen_text(app)  # the matches show first name and initial
        await pilot.press("down", "enter")
        await settle(pilot, lambda: screen.trip.count == 1)
        boarding = screen.trip.active()[0]
        assert (boarding["participant_id"], boarding["method"], boarding["wheelchair"]) == (target.id, "manual", True)

"""Files from another laptop arrive while the app runs: the lists show them without a restart."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions.attendance import start_session
from sessions.clock import week_key
from sessions.demo import seed_demo
from sessions.elsewhere import laptop_name, open_elsewhere
from sessions.store import Store
from sessions.trips import open_trip
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tests.sync_helpers import CONFLICT, checkin_record, conflict_copy, deliver, deliver_logs
from tui.app import CentrelogApp
from tui.screens.driver.menu import DriverScreen
from tui.screens.driver.trip_list import TripListScreen
from tui.screens.home import HomeScreen
from tui.screens.instructor.start_session import StartSessionScreen

HALL = "d-7f3a"


@pytest.fixture
def hall(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store(tmp_path / "hall", device=HALL) as opened:
        seed_demo(opened, clock())
        (opened.data_dir / "devices").mkdir(exist_ok=True)
        (opened.data_dir / "devices" / f"{HALL}.json").write_text(json.dumps({"name": "hall"}), encoding="utf-8")
        yield opened


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "office", device="office") as opened:
        yield opened


def _sync(hall: Store, office: Store) -> None:
    """The hall's week files, its registry file and its name, as the sync engine delivers them."""
    deliver_logs(hall.data_dir, office.data_dir, HALL)
    deliver(hall.registry_path, office.registry_dir)
    (office.data_dir / "devices").mkdir(exist_ok=True)
    deliver(hall.data_dir / "devices" / f"{HALL}.json", office.data_dir / "devices")


def _open_a_trip(store: Store, clock: Clock, destination: str) -> None:
    vehicle = store.registry.items("vehicles")[0]
    open_trip(
        store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination=destination,
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )


async def test_a_trip_that_arrives_shows_in_the_open_list(hall: Store, office: Store, clock: Clock) -> None:
    app = CentrelogApp(office, clock=clock, look_every=0.05)
    # Wide enough for every column whole: at 80 or 100 columns the destination is cut with "…" to fit.
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        await pilot.press("f9")
        await settle(pilot, lambda: isinstance(app.screen, TripListScreen))
        assert "Aglonas bazilika" not in screen_text(app)

        _open_a_trip(hall, clock, "Aglonas bazilika")  # on the hall laptop, meanwhile
        _sync(hall, office)
        await settle(pilot, lambda: "Aglonas bazilika" in screen_text(app))
        assert "open on hall" in screen_text(app)

        await pilot.press("escape", "escape")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        await settle(pilot, lambda: "The trip to Aglonas bazilika is open on “hall” since" in screen_text(app))


async def test_a_session_open_on_another_laptop_is_said(hall: Store, office: Store, clock: Clock) -> None:
    app = CentrelogApp(office, clock=clock, look_every=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        gym = next(a for a in hall.registry.items("activities"))
        start_session(hall, gym["id"], "Sporta zāle", "Olga", clock())
        _sync(hall, office)  # the registry with it: the activity is known here too
        await settle(pilot, lambda: f"{gym['name']} is open on “hall” since" in screen_text(app))

        await pilot.press("1", "f2")  # the timetable came with the registry: F2 for the start form
        await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
        start = app.screen
        assert isinstance(start, StartSessionScreen)
        start.query_one("#activities").highlighted = [a["id"] for a in start.activities].index(gym["id"])
        await settle(pilot, lambda: f"{gym['name']} is already open on “hall” since" in screen_text(app))


async def test_an_own_conflict_copy_that_arrives_is_folded_in(office: Store, clock: Clock) -> None:
    from sessions.checkin import check_in_person

    gym = office.registry.add_item("activities", clock(), name="Gym", capacity=9)
    person = office.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    session = start_session(office, gym["id"], "Hall", "Olga", clock())
    check_in_person(session, office.registry, person.id, clock())
    office.write_journals_into_files()
    own = office.log_path(week_key(clock()))
    app = CentrelogApp(office, clock=clock, look_every=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        lost = checkin_record("office", session.id, person.id, clock.tick(minutes=1))
        staged = office.data_dir / "staged"
        staged.mkdir()
        copy = conflict_copy(own, staged, {"checkins": [lost]})
        deliver(copy, office.logs_dir)
        arrived = office.logs_dir / copy.name
        assert CONFLICT in arrived.name
        await settle(pilot, lambda: not arrived.exists())
        assert lost["id"] in {c["id"] for c in office.read_log(own)["checkins"].values()}


def test_a_laptops_name_falls_back_to_its_id(hall: Store, office: Store, clock: Clock) -> None:
    assert laptop_name(office, HALL) == HALL  # its devices/ file has not come yet
    _open_a_trip(hall, clock, "Daugavpils")
    _sync(hall, office)
    assert laptop_name(office, HALL) == "hall"
    (work,) = open_elsewhere(office, clock().date())
    assert (work.kind, work.laptop, work.record["destination"]) == ("trip", "hall", "Daugavpils")
    assert open_elsewhere(hall, clock().date()) == []  # its own trip is no other laptop's


async def test_a_card_code_given_on_two_laptops_is_reissued_and_said(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sessions.registry
    from sessions.codes import format_code, new_code
    from tests.pilot_helpers import notified

    same = new_code(set())
    with monkeypatch.context() as both_draw_the_same:  # two laptops, offline, drew one code
        both_draw_the_same.setattr(sessions.registry, "new_code", lambda taken: same)
        with Store(tmp_path / "hall", device=HALL) as hall:
            hall.registry.add_participant(clock(), first_name="Jānis", last_name="Bērziņš")
        (tmp_path / "office").mkdir()  # one centre: the office laptop started once the first sync was done
        shutil.copy2(tmp_path / "hall" / "centre.json", tmp_path / "office" / "centre.json")
        office = Store(tmp_path / "office", device="office")
        anna = office.registry.add_participant(clock.tick(minutes=1), first_name="Anna", last_name="Kalniņa")
    with office:
        app = CentrelogApp(office, clock=clock, look_every=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            deliver(tmp_path / "hall" / "registry" / f"{HALL}.json", office.registry_dir)
            await settle(pilot, lambda: notified(app, "The new code for Anna Kalniņa:"))
            code = office.registry.participant(anna.id).code
            assert code != same and notified(app, format_code(code))


async def test_figures_counted_before_a_file_arrived_are_said_to_be_out_of_date(
    hall: Store, office: Store, clock: Clock
) -> None:
    from textual.widgets import DataTable

    from tui.screens.staff.reports import ReportsScreen

    app = CentrelogApp(office, clock=clock, look_every=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        await pilot.press("f5")
        table = app.screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0)
        assert "may be out of date" not in screen_text(app)
        _sync(hall, office)
        await settle(pilot, lambda: "the figures may be out of date" in screen_text(app))
        await pilot.press("f5")  # counted again: said no more
        await settle(pilot, lambda: "the figures may be out of date" not in screen_text(app))

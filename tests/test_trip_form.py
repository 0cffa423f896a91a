"""The driver's trip form at 80×24: what changes per trip first, focus always seen, the safety check once a day."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Label

from sessions.demo import seed_demo
from sessions.store import Store
from sessions.trips import open_trip, open_trips
from tests.conftest import Clock
from tests.pilot_helpers import open_trip_form, person_types, screen_text, settle
from tests.sync_helpers import deliver, deliver_logs
from tui.app import CentrelogApp
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.driver.menu import DriverScreen
from tui.screens.driver.open_trip import OpenTripScreen
from tui.widgets.tick_box import TickBox

#: What Tab reaches from the destination, in order, while the day's safety check is still to be done.
TAB_ORDER = ["purpose", "safety_check", "odometer_start", "departure", "driver", "vehicle", "project_id", "open"]


def _focused(app: CentrelogApp) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_tab_goes_first_to_what_changes_per_trip(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trip_form(pilot)
        assert _focused(app) == "destination"
        reached = []
        for _field in TAB_ORDER:
            await person_types(pilot, "tab")
            reached.append(_focused(app))
        assert reached == TAB_ORDER
        assert "f5 Open the trip" in screen_text(app).splitlines()[-1]


async def test_the_line_with_the_cursor_always_stands_out(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        lines = {line.query_one("Input, Select").id: line for line in form.query(".field")}

        def stands_out(field: str) -> bool:
            """The label of `field`'s line is drawn unlike every other line's label, which all look alike."""
            look = {name: line.query_one(Label).styles.background for name, line in lines.items()}
            others = {colour for name, colour in look.items() if name != field}
            return len(others) == 1 and look[field] not in others

        await settle(pilot, lambda: stands_out("destination"))
        for field in TAB_ORDER[:-1]:
            await person_types(pilot, "tab")
            if field in lines:
                await settle(pilot, lambda field=field: stands_out(field))


async def test_the_tick_box_reads_a_tick_or_nothing(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        box = form.query_one("#safety_check", TickBox)
        assert "▐ ▌ The daily safety check is done" in screen_text(app)
        await person_types(pilot, "tab", "tab", "space")
        await settle(pilot, lambda: box.value)
        assert "▐✓▌ The daily safety check is done" in screen_text(app)
        await person_types(pilot, "space")
        await settle(pilot, lambda: not box.value)
        assert "▐ ▌ The daily safety check is done" in screen_text(app) and "X" not in screen_text(app)


async def test_the_safety_check_is_asked_for_the_first_trip_of_the_day_and_not_the_second(
    demo_store: Store, clock: Clock
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        assert form.query_one("#safety_check").display and not form.query_one("#safety_done").display
        await person_types(pilot, *"Aglona", "tab", "enter", "down", "enter", "tab", "space")
        await settle(pilot, lambda: form.query_one("#safety_check", TickBox).value)
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        clock.tick(hours=2)
        await pilot.press("escape")  # the trip stays open; the minibus goes out again with a second one
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, OpenTripScreen))
        second = app.screen
        assert "Safety check done today at 09:30 (Aleksandrs Jakovļevs)." in screen_text(app)
        assert not second.query_one("#safety_check").display
        await person_types(pilot, *"Poliklīnika", "tab")  # the purpose is kept from the first trip
        await person_types(pilot, "tab")
        assert _focused(app) == "odometer_start"  # the check is not in the way
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
    trips = sorted(open_trips(demo_store), key=lambda t: t.record["created"])
    assert [t.record["destination"] for t in trips] == ["Aglona", "Poliklīnika"]
    assert all(t.record["safety_check"] for t in trips)


HALL = "d-7f3a"


@pytest.fixture
def hall(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store(tmp_path / "hall", device=HALL) as opened:
        seed_demo(opened, clock())
        (opened.data_dir / "devices").mkdir(exist_ok=True)
        (opened.data_dir / "devices" / f"{HALL}.json").write_text(json.dumps({"name": "hall"}), encoding="utf-8")
        yield opened


async def test_a_check_done_on_another_laptop_is_said_when_its_trip_arrives(
    hall: Store, tmp_path: Path, clock: Clock
) -> None:
    (tmp_path / "bus" / "registry").mkdir(parents=True)
    deliver(hall.registry_path, tmp_path / "bus" / "registry")
    with Store(tmp_path / "bus", device="bus") as bus:
        app = CentrelogApp(bus, clock=clock, look_every=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_trip_form(pilot)
            assert form.query_one("#safety_check").display
            vehicle = hall.registry.items("vehicles")[0]
            open_trip(
                hall,
                vehicle_id=vehicle["id"],
                driver="Edgars Putniņš",
                purpose="excursion",
                destination="Aglonas bazilika",
                departure=clock(),
                odometer_start=vehicle["odometer"],
                safety_check=True,
                now=clock(),
            )
            (bus.data_dir / "logs").mkdir(exist_ok=True)
            deliver_logs(hall.data_dir, bus.data_dir, HALL)
            await settle(pilot, lambda: "Safety check done today at 09:30 (Edgars Putniņš)." in screen_text(app))
            assert not form.query_one("#safety_check").display


async def test_f5_on_an_empty_form_asks_for_the_destination_first(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trip_form(pilot)
        await person_types(pilot, "tab")
        await pilot.press("f5")
        await settle(pilot, lambda: "Type where the trip goes." in screen_text(app))
        assert _focused(app) == "destination" and open_trips(demo_store) == []


async def test_a_trip_typed_in_for_another_day_asks_that_days_check(demo_store: Store, clock: Clock) -> None:
    vehicle = demo_store.registry.items("vehicles")[0]
    open_trip(
        demo_store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Aglonas bazilika",
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, OpenTripScreen))
        form = app.screen
        assert not form.query_one("#safety_check").display  # done today
        await person_types(pilot, *"Poliklīnika", "tab", "tab", "tab")
        assert _focused(app) == "departure"
        await person_types(pilot, "ctrl+u", *"22.11 15:00")  # yesterday's trip, typed in late
        await pilot.press("f5")
        await settle(pilot, lambda: "Confirm the daily safety check" in screen_text(app))
        assert form.query_one("#safety_check").display and _focused(app) == "safety_check"
        await person_types(pilot, "space")
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))

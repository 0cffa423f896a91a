"""Staff keep the vehicles and the trip purposes; a bad value gets a sentence and changes nothing."""

from __future__ import annotations

import pytest

from sessions.i18n import set_language
from sessions.registry import EntryError
from sessions.storage.durable import load_json
from sessions.store import Store
from sessions.vehicles import save_vehicle
from tests.conftest import Clock, own_registry
from tests.disk_helpers import disk_full
from tests.pilot_helpers import notified, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.vehicles import VehicleForm, VehiclesScreen

GOOD = {
    "name": "Ford Transit",
    "plate": "hn-77",
    "seats": "12",
    "wheelchair_places": "1",
    "lift": True,
    "odometer": "1 200",
}


def test_a_vehicle_is_checked_before_it_is_kept(store: Store, clock: Clock) -> None:
    for field, bad in [
        ("name", " "),
        ("seats", "0"),
        ("seats", "many"),
        ("wheelchair_places", "11"),
        ("odometer", "12k"),
    ]:
        with pytest.raises(EntryError) as refused:
            save_vehicle(store.registry, clock(), None, **{**GOOD, field: bad})
        assert refused.value.field == field
    assert store.registry.items("vehicles") == []
    saved = save_vehicle(store.registry, clock(), None, **GOOD)
    assert (saved["plate"], saved["seats"], saved["wheelchair_places"], saved["odometer"]) == ("HN-77", 12, 1, 1200)
    save_vehicle(store.registry, clock(), saved["id"], **{**GOOD, "seats": "9"})
    assert store.registry.item("vehicles", saved["id"])["seats"] == 9


async def test_staff_add_a_vehicle_and_a_purpose(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VehiclesScreen())
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen) and "service transport" in screen_text(app))
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, VehicleForm))
        await pilot.press(*"Ford Transit", "enter", *"HN-77", "enter", *"twelve", "enter", "1", "enter", *"1200", "f5")
        await settle(pilot, lambda: "Seats: a whole number" in screen_text(app))
        await pilot.press("ctrl+u", *"12", "f5")
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen))
        await pilot.press("tab", "tab", *"theatre", "enter")
        await settle(pilot, lambda: "theatre" in screen_text(app))
    assert [v["name"] for v in demo_store.registry.items("vehicles")] == ["Ford Transit", "Renault Trafic"]
    assert "theatre" in [p["name"] for p in demo_store.registry.items("purposes")]


async def test_a_vehicle_is_named_as_a_thing_not_as_a_person_in_latvian(demo_store: Store, clock: Clock) -> None:
    set_language("lv")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VehiclesScreen())
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen) and "Renault" in screen_text(app))
        assert "Nosaukums" in screen_text(app) and "Vārds, uzvārds" not in screen_text(app)


async def test_a_vehicle_taken_off_the_list_asks_first_and_can_be_put_back(demo_store: Store, clock: Clock) -> None:
    [vehicle] = demo_store.registry.items("vehicles")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VehiclesScreen())
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen) and "Renault" in screen_text(app))
        await pilot.press("f8")
        await settle(pilot, lambda: "Take “Renault Trafic” off the list?" in screen_text(app))
        await pilot.press("escape")  # no: nothing changes
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen))
        assert demo_store.registry.items("vehicles") == [vehicle]
        await pilot.press("f8", "y")
        await settle(pilot, lambda: "Renault Trafic · off the list" in screen_text(app))
        assert demo_store.registry.items("vehicles") == []
        await pilot.press("f8")
        await settle(pilot, lambda: "Put “Renault Trafic” back on the list?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "off the list" not in screen_text(app))
        assert "Odometer" in screen_text(app)  # the long name left no width behind: the table fits 80 columns
    assert [v["id"] for v in demo_store.registry.items("vehicles")] == [vehicle["id"]]
    assert load_json(own_registry(demo_store.data_dir))["vehicles"].popitem()[1]["archived_at"] is None


async def test_taking_a_vehicle_off_on_a_full_disk_is_said_and_changes_nothing(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    before = (own_registry(demo_store.data_dir)).read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VehiclesScreen())
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen) and "Renault" in screen_text(app))
        await pilot.press("f8")
        await settle(pilot, lambda: "off the list?" in screen_text(app))
        with disk_full():
            await pilot.press("y")
            await settle(pilot, lambda: notified(app, "Not saved"))
        assert app.is_running and isinstance(app.screen, VehiclesScreen)
        assert "off the list" not in screen_text(app)
    assert (own_registry(demo_store.data_dir)).read_bytes() == before
    assert len(demo_store.registry.items("vehicles")) == 1


async def test_f8_again_on_a_purpose_puts_that_purpose_back_never_a_vehicle(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VehiclesScreen())
        await settle(pilot, lambda: isinstance(app.screen, VehiclesScreen) and "service transport" in screen_text(app))
        purposes = app.screen.query_one("#purposes")
        await pilot.press("tab")  # to the purposes
        await settle(pilot, lambda: app.focused is purposes)
        await pilot.press("f8")  # nothing highlighted yet: nothing is asked
        await pilot.press("down", "f8")
        first = demo_store.registry.items("purposes")[0]["name"]
        await settle(pilot, lambda: f"Take “{first}” off the list?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: f"{first} · off the list" in screen_text(app))
        await pilot.press("f8")
        await settle(pilot, lambda: f"Put “{first}” back on the list?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "off the list" not in screen_text(app))
    assert len(demo_store.registry.items("vehicles")) == 1
    assert first in [p["name"] for p in demo_store.registry.items("purposes")]

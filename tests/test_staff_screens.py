"""Staff keep the register and the lists by keyboard; what they save is on disk."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from textual.widgets import Input

from sessions.storage.durable import load_json
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import notified, person_types, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.lists import ListsScreen
from tui.screens.staff.participant_form import ParticipantForm
from tui.screens.staff.participants import ParticipantsScreen


def _registry_on_disk(store: Store) -> dict:
    return load_json(own_registry(store.data_dir)) or {}


async def _open_register(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.push_screen(ParticipantsScreen())
    await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))


async def _open_staff_entry(pilot, entry_index: int) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.staff.menu import StaffScreen

    app = pilot.app
    app.push_screen(StaffScreen())
    await settle(pilot, lambda: isinstance(app.screen, StaffScreen))
    await pilot.press(*["down"] * entry_index, "enter")


async def test_add_a_participant_with_a_bad_year_then_fix_it(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_register(pilot)
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantForm))
        await pilot.press(*"Zane", "enter", *"Kenina", "enter", *"19x8", "f5")
        await settle(pilot, lambda: "four digits" in screen_text(app))
        assert store.registry.participants() == []  # nothing saved
        await pilot.press(*["backspace"] * 4, *"1948", "f5")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        assert "Kenina Zane" in screen_text(app)
    people = list(_registry_on_disk(store)["participants"].values())
    assert [(p["first_name"], p["birth_year"]) for p in people] == [("Zane", 1948)]


async def test_the_consent_date_shows_as_people_write_it_and_is_kept_on_save(demo_store: Store, clock: Clock) -> None:
    person = demo_store.registry.participants()[0]
    assert person.consent_date  # stored as ISO
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_register(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantForm))
        day = date.fromisoformat(person.consent_date)
        assert app.screen.query_one("#consent_date", Input).value == f"{day.day:02d}.{day.month:02d}.{day.year}"
        await pilot.press("f5")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
    doc = next(p for p in _registry_on_disk(demo_store)["participants"].values() if p["id"] == person.id)
    assert doc["consent_date"] == person.consent_date


async def test_archive_from_the_list(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    first = demo_store.registry.participants()[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_register(pilot)
        await pilot.press("f8")
        await settle(pilot, lambda: demo_store.registry.participant(first.id).archived)
    doc = next(p for p in _registry_on_disk(demo_store)["participants"].values() if p["id"] == first.id)
    assert doc["archived_at"] is not None


async def test_add_an_activity_with_its_capacity(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ListsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        await pilot.press("f2")
        await pilot.press(*"Pool", "tab", *["backspace"] * 3, *"lots", "f5")
        await settle(pilot, lambda: "whole number" in screen_text(app))
        await pilot.press(*["backspace"] * 4, *"8", "f5")
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
    activities = list(_registry_on_disk(store)["activities"].values())
    assert [(a["name"], a["capacity"]) for a in activities] == [("Pool", 8)]


async def test_a_funder_project_is_one_more_list(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ListsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        for _step in range(3):  # activities → places → staff → projects
            await pilot.press("f6")
        await settle(pilot, lambda: app.screen.kind == "projects")
        await pilot.press("f2")
        await person_types(pilot, *"LLI-550", "tab", *"Active seniors across the border", "f5")
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen) and "LLI-550" in screen_text(app))
        assert "Active seniors across the border" in screen_text(app)
    projects = list(_registry_on_disk(store)["projects"].values())
    assert [(p["name"], p["title"]) for p in projects] == [("LLI-550", "Active seniors across the border")]


async def test_taking_an_entry_off_a_list_asks_first(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    places = [p["name"] for p in demo_store.registry.items("places")]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ListsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        await pilot.press("f6")  # activities → places
        await settle(pilot, lambda: app.screen.kind == "places")
        await pilot.press("f8")
        await settle(pilot, lambda: places[0] in screen_text(app) and "?" in screen_text(app))
        await pilot.press("escape")  # no: nothing changes
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        assert [p["name"] for p in demo_store.registry.items("places")] == places
        await pilot.press("f8", "y")  # yes
        await settle(pilot, lambda: len(demo_store.registry.items("places")) == len(places) - 1)
    stored = list(_registry_on_disk(demo_store)["places"].values())
    assert [p["name"] for p in stored if p["archived_at"]] == [places[0]]


async def test_an_entry_taken_off_a_list_is_put_back_unless_its_name_is_taken(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    places = [p["name"] for p in registry.items("places")]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ListsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ListsScreen))
        await pilot.press("f6")  # activities → places
        await settle(pilot, lambda: app.screen.kind == "places")
        await pilot.press("f8", "y")
        await settle(pilot, lambda: "off the list" in screen_text(app))
        assert [p["name"] for p in registry.items("places")] == places[1:]
        # The cursor stays on the entry, now last and marked: F8 again offers to put it back.
        await pilot.press("f8")
        await settle(pilot, lambda: f"Put “{places[0]}” back on the list?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "off the list" not in screen_text(app))
        assert [p["name"] for p in registry.items("places")] == places

        await pilot.press("f8", "y")  # off again, and a new entry of the same name is added meanwhile
        await settle(pilot, lambda: "off the list" in screen_text(app))
        await app.write(registry.add_item, "places", clock(), name=places[0])
        await pilot.press("f8", "y")
        await settle(pilot, lambda: notified(app, "already on the list"))
    assert sorted(p["name"] for p in registry.items("places")) == sorted(places)
    stored = _registry_on_disk(demo_store)["places"].values()
    assert sum(1 for p in stored if p["name"] == places[0] and p["archived_at"]) == 1


async def test_the_register_fits_80_columns_and_shows_groups_for_the_highlighted_person_only(
    demo_store: Store, clock: Clock
) -> None:
    people = demo_store.registry.participants()
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_register(pilot)
        table = app.screen.query_one("#people")
        assert table.virtual_size.width <= 80  # no column runs off the screen
        for n, person in enumerate(people[:4]):
            groups = ", ".join(person.groups) or "—"  # in English the labels are the group keys
            await settle(pilot, lambda groups=groups: f"Groups: {groups} ·" in screen_text(app))
            assert screen_text(app).count("Groups:") == 1  # health data of one person at a time
            if n < 3:
                await pilot.press("down")


async def test_a_consent_date_written_some_other_way_opens_as_it_is(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "data") as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola", consent_date="1.10.2026")
    path = own_registry(tmp_path / "data")
    doc = json.loads(path.read_text("utf-8"))
    doc["participants"][next(iter(doc["participants"]))]["consent_date"] = "jā"  # an old or hand-edited file
    path.write_text(json.dumps(doc), "utf-8")
    with Store(tmp_path / "data") as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_register(pilot)
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ParticipantForm))
            assert app.screen.query_one("#consent_date", Input).value == "jā"
            await pilot.press("f5")  # saving says what is wrong with it
            await settle(pilot, lambda: "consent date is a date" in screen_text(app))
        assert store.registry.participant(person.id).consent_date == "jā"  # nothing changed by looking

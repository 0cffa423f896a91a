"""The instructor's start form: each activity brings its own place and instructor; Enter starts it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Select

from sessions.attendance import end_session, open_sessions, start_session
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import person_types, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.start_session import StartSessionScreen
from tui.screens.instructor.today import TodayScreen


@pytest.fixture
def centre(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    """Cigun and a pool session run before, Gym never; two places and two instructors to choose from."""
    with Store(tmp_path / "data") as store:
        registry = store.registry
        ids = {
            name: registry.add_item("activities", clock(), name=name, capacity=12)["id"]
            for name in ("Cigun", "Gym", "Pool")
        }
        for place in ("Peldbaseins", "Sporta zāle"):
            registry.add_item("places", clock(), name=place)
        for name in ("Kārlis Miezis", "Olga Vasiļjeva"):
            registry.add_item("staff", clock(), name=name, roles=["instructor"])
        end_session(
            store, start_session(store, ids["Cigun"], "Sporta zāle", "Olga Vasiļjeva", clock()), clock.tick(hours=1)
        )
        end_session(
            store, start_session(store, ids["Pool"], "Peldbaseins", "Kārlis Miezis", clock()), clock.tick(hours=1)
        )
        yield store


async def _start_form(pilot, app: CentrelogApp) -> StartSessionScreen:  # type: ignore[no-untyped-def]
    """1 on the home screen; in a centre with a timetable (the demo) F2 there: the start form."""
    await pilot.press("1")
    if app.store.registry.records("timetable"):
        await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f2")
    await settle(pilot, lambda: isinstance(app.screen, StartSessionScreen))
    form = app.screen
    assert isinstance(form, StartSessionScreen)
    return form


def _shown(form: StartSessionScreen) -> tuple[str, object, object]:
    """The highlighted activity, the place and the instructor the form shows."""
    highlighted = form.query_one("#activities").highlighted  # type: ignore[attr-defined]
    place, instructor = form.query_one("#place", Select).value, form.query_one("#instructor", Select).value
    return form.activities[highlighted]["name"], place, instructor


async def test_each_activity_brings_its_own_place_and_instructor(centre: Store, clock: Clock) -> None:
    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _start_form(pilot, app)
        await settle(pilot, lambda: _shown(form) == ("Pool", "Peldbaseins", "Kārlis Miezis"))  # the last session
        await person_types(pilot, "up", "up")
        await settle(pilot, lambda: _shown(form)[0] == "Cigun")
        assert _shown(form) == ("Cigun", "Sporta zāle", "Olga Vasiļjeva")  # not the pool's
        await person_types(pilot, "down")  # never run, two of each to choose from: nothing is guessed
        await settle(pilot, lambda: _shown(form)[0] == "Gym")
        assert _shown(form) == ("Gym", Select.NULL, Select.NULL)
        await person_types(pilot, "down")
        await settle(pilot, lambda: _shown(form) == ("Pool", "Peldbaseins", "Kārlis Miezis"))


async def test_cigun_after_a_pool_session_is_at_its_own_place_in_the_demo(demo_store: Store, clock: Clock) -> None:
    pool = next(a for a in demo_store.registry.items("activities") if a["name"] == "Pool")
    end_session(demo_store, start_session(demo_store, pool["id"], "Peldbaseins", "Kārlis Miezis", clock()), clock())
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _start_form(pilot, app)
        await settle(pilot, lambda: _shown(form)[:2] == ("Pool", "Peldbaseins"))
        await person_types(pilot, "home")  # Cigun heads the list
        await settle(pilot, lambda: _shown(form)[0] == "Cigun")
        assert _shown(form)[1] == "Sporta zāle"


async def test_a_field_changed_by_hand_stays_while_the_activities_are_gone_through(centre: Store, clock: Clock) -> None:
    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _start_form(pilot, app)
        await settle(pilot, lambda: _shown(form) == ("Pool", "Peldbaseins", "Kārlis Miezis"))
        await person_types(pilot, "tab", "down", "down", "enter")  # the place's list, one down, taken
        await settle(pilot, lambda: _shown(form)[1] == "Sporta zāle")
        await person_types(pilot, "shift+tab", "up", "up")
        await settle(pilot, lambda: _shown(form)[0] == "Cigun")
        assert _shown(form) == ("Cigun", "Sporta zāle", "Olga Vasiļjeva")
        await person_types(pilot, "down")
        await settle(pilot, lambda: _shown(form)[0] == "Gym")
        assert _shown(form) == ("Gym", "Sporta zāle", Select.NULL)  # the place chosen by hand stays


async def test_enter_starts_a_complete_form_from_any_field(centre: Store, clock: Clock) -> None:
    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _start_form(pilot, app)
        await settle(pilot, lambda: _shown(form) == ("Pool", "Peldbaseins", "Kārlis Miezis"))
        await person_types(pilot, "tab", "tab")
        assert app.focused is form.query_one("#instructor")
        await person_types(pilot, "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    (session,) = open_sessions(centre)
    assert (session.record["activity"], session.record["place"], session.record["instructor"]) == (
        "Pool",
        "Peldbaseins",
        "Kārlis Miezis",
    )


async def test_enter_names_what_is_missing_and_the_cursor_goes_there(centre: Store, clock: Clock) -> None:
    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _start_form(pilot, app)
        await person_types(pilot, "up")
        await settle(pilot, lambda: _shown(form) == ("Gym", Select.NULL, Select.NULL))
        await person_types(pilot, "enter")
        await settle(pilot, lambda: "Choose the place and the instructor." in screen_text(app))
        assert app.focused is form.query_one("#place") and open_sessions(centre) == []
        await person_types(pilot, "enter", "down", "enter")  # Enter on a blank field opens its list
        await settle(pilot, lambda: _shown(form)[1] == "Peldbaseins")
        await person_types(pilot, "enter")
        await settle(pilot, lambda: "Choose the instructor." in screen_text(app))
        assert app.focused is form.query_one("#instructor") and open_sessions(centre) == []
        await person_types(pilot, "enter", "down", "down", "enter", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    (session,) = open_sessions(centre)
    assert (session.record["activity"], session.record["place"], session.record["instructor"]) == (
        "Gym",
        "Peldbaseins",
        "Olga Vasiļjeva",
    )

"""The instructor's whole session, driven by keyboard through the real app."""

from __future__ import annotations

from pathlib import Path

from sessions.attendance import open_sessions
from sessions.clock import week_key
from sessions.names import search_key
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.widgets.answer import Answer


def _active(store: Store) -> list:
    return [p for p in store.registry.participants(include_archived=False)]


def _week_file(store: Store, clock: Clock) -> dict:
    return read_log(store.log_path(week_key(clock()))) or {}


async def test_a_whole_session_by_keyboard_at_80x24(demo_store: Store, clock: Clock) -> None:
    people = _active(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1")
        await pilot.press("enter")  # the highlighted activity, place and instructor pre-filled
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert app.focused is screen.query_one("#scan")
        # "Ready" once the start screen has gone and the screen is laid out.
        await settle(pilot, lambda: "Ready: scan the first card." in screen_text(app))

        await pilot.press(*people[0].code, "enter")
        await settle(pilot, lambda: len(screen.session.scans) == 1)
        answer = screen.query_one(Answer)
        assert "green" in answer.classes
        assert people[0].short_name in str(answer.render())
        assert people[0].last_name not in screen_text(app)  # only first name and initial

        await pilot.press(*people[0].code, "enter")
        await settle(pilot, lambda: len(screen.session.scans) == 2)
        assert "yellow" in answer.classes

        await pilot.press(*"hello", "enter")  # a name nobody has: said, kept in the input, nothing logged
        await settle(pilot, lambda: "Nobody matches “hello”." in str(answer.render()))
        assert screen.query_one("#scan").value == "hello" and len(screen.session.scans) == 2
        await pilot.press("escape")  # the name is cleared; the session stays open
        await settle(pilot, lambda: screen.query_one("#scan").value == "")
        await pilot.press(*"12ab34", "enter")  # digits among letters are a scan, and not a card
        await settle(pilot, lambda: len(screen.session.scans) == 3)
        assert "red" in answer.classes and screen.session.count == 1

        # A forgotten card: type part of the name, pick with ↓, Enter.
        target = people[5]
        await pilot.press(*search_key(target.last_name), "space", *search_key(target.first_name))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: len(screen.session.scans) == 4)
        assert screen.session.active()[-1]["participant_id"] == target.id
        assert screen.session.active()[-1]["method"] == "manual"

        await pilot.press("f2")  # undo the manual one
        await settle(pilot, lambda: screen.session.count == 1)

        await pilot.press("f4")  # remove the first one, chosen from a list, then asked: Y
        await pilot.press("enter")
        await settle(pilot, lambda: "It stays in the log" in screen_text(app))
        assert app.focused is app.screen.query_one("#no")
        await pilot.press("y")
        await settle(pilot, lambda: screen.session.count == 0)

        await pilot.press(*people[1].code, "enter")
        await settle(pilot, lambda: screen.session.count == 1)
        capacity = screen.session.capacity
        assert f"1 / {capacity}" in screen_text(app)

        await pilot.press("f10", "y")  # end, confirm
        await settle(pilot, lambda: screen.session.closed)
        assert "has ended" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))

    data = _week_file(demo_store, clock)
    session = next(s for s in data["sessions"].values() if s["id"] == screen.session.id)
    assert session["end"] is not None
    ours = [c for c in data["checkins"].values() if c["session_id"] == session["id"]]
    assert len(ours) == 3 and sum(1 for c in ours if not c["voided_at"]) == 1
    assert open_sessions(demo_store) == []


async def test_fifty_cards_at_scanner_speed_all_land_in_order(demo_store: Store, clock: Clock) -> None:
    for activity in demo_store.registry.items("activities"):  # room in the session 1, Enter starts
        demo_store.registry.update_item("activities", activity["id"], clock(), capacity=100)
    for n in range(20):  # the demo has 39 active people; fifty cards need more
        demo_store.registry.add_participant(clock(), first_name=f"Test{n}", last_name="Burst")
    people = _active(demo_store)[:50]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        scanner_burst(app, [p.code for p in people[:25]], "enter")
        scanner_burst(app, [p.code for p in people[25:40]], "tab")
        scanner_burst(app, [p.code for p in people[40:]], "ctrl+j")
        await settle(pilot, lambda: len(screen.session.scans) >= 50)
        assert [s["outcome"] for s in screen.session.scans] == ["checked_in"] * 50
        assert [c["participant_id"] for c in screen.session.checkins] == [p.id for p in people]
        assert screen.query_one("#scan").value == ""
        # The lists catch up once the scanner stops: the newest person heads "checked in".
        shown = screen.query_one("#in")
        await settle(pilot, lambda: people[-1].short_name in str(shown.content).splitlines()[0])
    data = _week_file(demo_store, clock)
    on_disk = [c for c in data["checkins"].values() if c["session_id"] == screen.session.id]
    assert [c["participant_id"] for c in on_disk] == [p.id for p in people]


async def test_full_session_override_by_f3(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_item("activities", clock(), name="Pool", capacity=1)
        store.registry.add_item("places", clock(), name="Peldbaseins")
        store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
        a = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        b = store.registry.add_participant(clock(), first_name="Иван", last_name="Петров")
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1", "enter")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            await pilot.press(*a.code, "enter", *b.code, "enter")
            await settle(pilot, lambda: len(screen.session.scans) == 2)
            assert "full" in screen_text(app) and screen.session.count == 1
            await pilot.press("f3")
            await settle(pilot, lambda: screen.session.count == 2)
            assert screen.session.checkins[-1]["override"] is True


async def test_no_place_or_instructor_yet_is_said_and_nothing_starts(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_item("activities", clock(), name="Gym", capacity=12)
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1")
            await settle(pilot, lambda: "A list is still empty" in screen_text(app))
            await pilot.press("enter")
            await settle(pilot, lambda: "Choose the place" in screen_text(app))
            assert not isinstance(app.screen, CheckInScreen)
        assert open_sessions(store) == []
        assert not list(store.logs_dir.glob("*.json"))


async def test_ready_never_covers_what_was_said_before_the_first_card(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: "Ready: scan the first card." in screen_text(app))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press("f2")
        await settle(pilot, lambda: "Nothing to undo." in screen_text(app))
        screen.show_ready()  # what the fallback timer does a second after the start
        await pilot.pause()
        assert "Nothing to undo." in screen_text(app) and "Ready" not in screen_text(app)

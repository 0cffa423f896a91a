"""A card scanned on a screen that is not the scan input: answered where it can be, never taken as keys."""

from __future__ import annotations

from textual.widgets import Input

from sessions.attendance import open_sessions
from sessions.registry import Participant
from sessions.store import Store
from sessions.trips import open_trips
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import notices, open_trip_form, person_types, scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.dialogs.remove_dialog import RemoveDialog
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.staff.pin import PinDialog


def _people(store: Store) -> list[Participant]:
    return store.registry.participants(include_archived=False)


async def _to_checkin(pilot, app: CentrelogApp) -> CheckInScreen:  # type: ignore[no-untyped-def]
    await pilot.press("1", "enter")
    await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    screen = app.screen
    assert isinstance(screen, CheckInScreen)
    await settle(pilot, lambda: "Ready" in screen_text(app))
    return screen


async def test_a_card_on_the_home_screen_opens_nothing_and_says_what_to_do(demo_store: Store, clock: Clock) -> None:
    registry_before = own_registry(demo_store.data_dir).read_bytes()
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        # 1, 2 and 3 open the roles when a person presses them; inside a card they are only digits.
        scanner_burst(app, ["1231231231"])
        await settle(pilot, lambda: len(notices(app)) == 1)
        assert app.screen is home and app.screen_stack == [app.screen_stack[0], home]
        assert "Start one first: press 1" in notices(app)[0]
        assert app.return_code is None
    assert open_sessions(demo_store) == [] and open_trips(demo_store) == []
    assert own_registry(demo_store.data_dir).read_bytes() == registry_before


async def test_a_card_under_the_end_session_question_is_checked_in_and_the_session_stays_open(
    demo_store: Store, clock: Clock
) -> None:
    people = _people(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        await pilot.press("f10")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = app.screen
        assert app.focused is question.query_one("#no")  # Enter alone never ends it
        scanner_burst(app, [people[0].code or ""])
        await settle(pilot, lambda: screen.session.count == 1 and len(notices(app)) == 1)
        assert app.screen is question and not screen.session.closed
        assert people[0].short_name in notices(app)[0] and "checked in" in notices(app)[0]
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
        assert people[0].short_name in screen_text(app)  # the answer is on the check-in screen too
    assert [s.id for s in open_sessions(demo_store)] == [screen.session.id]


async def test_a_card_in_the_remove_dialog_removes_nobody_and_is_checked_in(demo_store: Store, clock: Clock) -> None:
    people = _people(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        scanner_burst(app, [people[0].code or ""])
        await settle(pilot, lambda: screen.session.count == 1)
        await pilot.press("f4")
        await settle(pilot, lambda: isinstance(app.screen, RemoveDialog))
        dialog = app.screen
        scanner_burst(app, [people[1].code or ""])
        await settle(pilot, lambda: screen.session.count == 2 and len(notices(app)) == 1)
        assert app.screen is dialog
        assert [c["participant_id"] for c in screen.session.active()] == [people[0].id, people[1].id]
        await pilot.press("enter")  # a person chooses: asked first, and No is where the focus is
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        scanner_burst(app, [people[2].code or ""])
        await settle(pilot, lambda: screen.session.count == 3)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # No
        await settle(pilot, lambda: app.screen is dialog)
    assert len(open_sessions(demo_store)[0].active()) == 3


async def test_enter_on_yes_straight_after_a_card_is_not_taken(demo_store: Store, clock: Clock) -> None:
    people = _people(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        await pilot.press("f10", "tab")  # a person moves to Yes
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await settle(pilot, lambda: app.focused is app.screen.query_one("#yes"))
        scanner_burst(app, [people[0].code or ""])
        await settle(pilot, lambda: screen.session.count == 1)
        await pilot.press("enter")  # the scanner's own key, or a hand too quick after it
        await settle(pilot, lambda: "press Y to answer yes" in screen_text(app))
        assert not screen.session.closed
        await pilot.press("y")  # a deliberate key
        await settle(pilot, lambda: screen.session.closed)


async def test_a_card_on_the_home_screen_goes_to_the_session_left_open(demo_store: Store, clock: Clock) -> None:
    people = _people(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        scanner_burst(app, [people[3].code or ""])
        await settle(pilot, lambda: len(notices(app)) == 1)
        assert isinstance(app.screen, HomeScreen)
        assert people[3].short_name in notices(app)[0]
        await pilot.press("1")  # back to the session: the card is in it
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    session = open_sessions(demo_store)[0]
    assert session.id == screen.session.id
    assert [c["participant_id"] for c in session.active()] == [people[3].id]


async def test_a_card_in_the_trip_form_fills_no_field_and_opens_no_trip(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        fields = {f.id: f.value for f in form.query(Input)}
        scanner_burst(app, ["8127684268"])
        await settle(pilot, lambda: len(notices(app)) == 1)
        assert app.screen is form and {f.id: f.value for f in form.query(Input)} == fields
        assert "Open it first (F5)" in notices(app)[0]
        await person_types(pilot, *"Rēzekne")  # a person's typing still lands in the field
        assert "Rēzekne" in {f.value for f in form.query(Input)}
    assert open_trips(demo_store) == []


async def test_a_card_in_the_pin_prompt_is_no_pin_and_a_typed_pin_still_works(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot, lambda: isinstance(app.screen, PinDialog))
        dialog = app.screen
        scanner_burst(app, ["1357135713"])
        await settle(pilot, lambda: len(notices(app)) == 1)
        assert app.screen is dialog and all(field.value == "" for field in dialog.query(Input))
        assert "go to the home screen (Esc)" in notices(app)[0]  # not the home screen's own "press 1"
        await person_types(pilot, *"1357", "enter", *"1357", "enter")  # the demo has no PIN yet: chosen now
        await settle(pilot, lambda: app.screen is not dialog)


async def test_a_stray_ctrl_q_then_a_card_keeps_the_app_running(demo_store: Store, clock: Clock) -> None:
    people = _people(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_checkin(pilot, app)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        scanner_burst(app, [people[0].code or ""])
        await settle(pilot, lambda: screen.session.count == 1)
        assert app.return_code is None and isinstance(app.screen, ConfirmDialog)

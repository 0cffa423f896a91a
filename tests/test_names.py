"""Short names: first name and initial, never a doubled full stop on screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sessions.names import one_full_stop, short_name
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen
from tui.widgets.answer import Answer

#: Letters, dots and spaces weighted towards what makes "..": names typed as initials.
_NAMES = st.text(alphabet=st.sampled_from("LŠa. \u030c-"), max_size=8) | st.text(max_size=12)


def test_a_last_name_typed_as_an_initial_gives_one_full_stop() -> None:
    assert short_name("Līga", "L.") == "Līga L."
    assert short_name("Līga", ".Liepiņa") == "Līga L."
    assert short_name("Līga", ".") == "Līga"
    assert short_name("J..", "Bērziņš") == "J. B."


def test_demo_names_end_sentences_with_one_full_stop() -> None:
    for first, last in (("Līga", "Liepiņa"), ("Ēriks", "Šmits")):
        said = one_full_stop(f"Removed: {short_name(first, last)}.")
        assert said == f"Removed: {first} {last[0]}."
    assert one_full_stop("Wait... then go.") == "Wait... then go."


@given(_NAMES, _NAMES)
def test_no_short_name_has_a_doubled_full_stop(first: str, last: str) -> None:
    name = short_name(first, last)
    assert ".." not in name
    assert ".." not in one_full_stop(f"Removed: {name}.")


async def test_removing_a_check_in_names_the_person_with_one_full_stop(demo_store: Store, clock: Clock) -> None:
    liga = next(p for p in demo_store.registry.participants() if p.first_name == "Līga")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press(*liga.code, "enter")
        await settle(pilot, lambda: screen.session.count == 1)
        await pilot.press("f4", "enter", "y")
        await settle(pilot, lambda: screen.session.count == 0 and "Removed" in screen.query_one(Answer).sentence)
        assert screen.query_one(Answer).sentence == "Removed: Līga L."

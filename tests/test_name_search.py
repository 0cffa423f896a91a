"""The name search at the door shows first name and initial, and tells alike names apart without age or health."""

from __future__ import annotations

from textual.widgets import OptionList

from sessions.names import told_apart
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen


def test_alike_names_get_the_last_digits_of_their_codes_until_they_differ() -> None:
    # The two codes end in the same five digits: five are not enough, six are.
    first, second = "1230456781", "9870356781"
    assert first[-5:] == second[-5:]
    labels = told_apart([("Ilze O.", first), ("Anna B.", "5555555555"), ("Ilze O.", second)])
    assert labels == [f"Ilze O. · …{first[-6:]}", "Anna B.", f"Ilze O. · …{second[-6:]}"]
    assert told_apart([("Ilze O.", first), ("Ilze O.", None)]) == [f"Ilze O. · …{first[-4:]}", "Ilze O. · no card"]


async def test_the_instructor_sees_no_year_of_birth_and_can_tell_two_ilzes_apart(
    demo_store: Store, clock: Clock
) -> None:
    registry = demo_store.registry
    ozola = registry.add_participant(clock(), first_name="Ilze", last_name="Ozola", birth_year=1965)
    ozoliņa = next(p for p in registry.participants() if p.full_name == "Ilze Ozoliņa")  # one of the demo's
    assert ozoliņa.birth_year
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await settle(pilot, lambda: "Ready" in screen_text(app))
        await pilot.press(*"ilze ozol")
        await settle(pilot, lambda: bool(screen.matches))
        assert {p.id for p in screen.matches} == {ozola.id, ozoliņa.id}
        options = screen.query_one("#matches", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        shown = screen_text(app)
        for text in ("1965", str(ozoliņa.birth_year), "Ozola", "Ozoliņa"):
            assert text not in shown and not any(text in label for label in labels)
        assert len(set(labels)) == 2
        by_person = dict(zip([p.id for p in screen.matches], labels, strict=True))
        assert by_person[ozola.id].endswith(f"…{ozola.code[-4:]}")  # type: ignore[index]
        assert by_person[ozoliņa.id].endswith(f"…{ozoliņa.code[-4:]}")  # type: ignore[index]


async def test_remove_whom_tells_two_alike_names_apart(demo_store: Store, clock: Clock) -> None:
    from tui.screens.dialogs.remove_dialog import RemoveDialog

    registry = demo_store.registry
    ozola = registry.add_participant(clock(), first_name="Ilze", last_name="Ozola", birth_year=1965)
    ozoliņa = next(p for p in registry.participants() if p.full_name == "Ilze Ozoliņa")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and "Ready" in screen_text(app))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        for person in (ozola, ozoliņa):
            await pilot.press(*(person.code or ""), "enter")
            await settle(pilot, lambda person=person: len(screen.session.active()) == 1 + (person is ozoliņa))
        await pilot.press("f4")
        await settle(pilot, lambda: isinstance(app.screen, RemoveDialog))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(labels) == 2 and len(set(labels)) == 2, labels
        assert labels[0].endswith(f"…{ozoliņa.code[-4:]}") and labels[1].endswith(f"…{ozola.code[-4:]}")  # type: ignore[index]
        assert not any("1965" in label or "Ozol" in label for label in labels)

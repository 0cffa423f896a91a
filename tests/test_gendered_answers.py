"""A check-in answer agrees with the person's gender in Russian, and needs none when it is not known."""

from __future__ import annotations

from textual.pilot import Pilot

from sessions.i18n import set_language
from sessions.names import one_full_stop
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen
from tui.widgets.answer import Answer

#: What the answer says of a woman (F), a man (M) and someone whose gender is not recorded ("").
CHECKED_IN = {"F": "{name} — отмечена.", "M": "{name} — отмечен.", "": "Отмечено: {name}."}
ALREADY_IN = {"F": "{name} уже отмечена в 09:", "M": "{name} уже отмечен в 09:", "": "{name}: уже есть отметка в 09:"}
UNDONE = {
    "F": "Отменено: {name} больше не отмечена.",
    "M": "Отменено: {name} больше не отмечен.",
    "": "Отметка отменена: {name}.",
}


def _three(store: Store, clock: Clock) -> dict[str, tuple[str, str]]:
    """A woman, a man and someone whose gender is not recorded: their codes and short names."""
    people = {
        "F": store.registry.add_participant(clock(), first_name="Анна", last_name="Орлова", gender="F"),
        "M": store.registry.add_participant(clock(), first_name="Пётр", last_name="Орлов", gender="M"),
        "": store.registry.add_participant(clock(), first_name="Саша", last_name="Лис"),
    }
    return {gender: (person.code, person.short_name) for gender, person in people.items()}


async def _answered(pilot: Pilot, answer: Answer, text: str) -> None:
    said = one_full_stop(text)  # "Саша Л." ends the sentence too
    await settle(pilot, lambda: said in str(answer.render()))


async def test_checked_in_already_in_and_undone_are_said_by_gender_in_russian(demo_store: Store, clock: Clock) -> None:
    people = _three(demo_store, clock)
    set_language("ru")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        answer = screen.query_one(Answer)
        for gender, (code, name) in people.items():
            await pilot.press(*code, "enter")
            await _answered(pilot, answer, CHECKED_IN[gender].format(name=name))
            await pilot.press(*code, "enter")
            await _answered(pilot, answer, ALREADY_IN[gender].format(name=name))
            await pilot.press("f2")
            await _answered(pilot, answer, UNDONE[gender].format(name=name))
        assert "(а)" not in screen_text(app)

"""A Choice is drawn by fewer widgets than Textual's Select, and looks the same to a person in every state."""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets import Select

from tests.pilot_helpers import screen_lines
from tui.widgets.choice import Choice

PLACES = [
    ("Sporta zāle", "gym"),
    ("Peldbaseins, the town's pool beyond the park, by the river's second bridge", "pool"),
]


class Form(App[None]):
    """Two lists of places, as on the start form: one framed, one compact."""

    def __init__(self, kind: type[Select[Any]], value: str | None) -> None:
        super().__init__()
        self.kind, self.value = kind, value

    def compose(self) -> ComposeResult:
        chosen = {"value": self.value} if self.value else {}
        yield self.kind(PLACES, prompt="Choose a place", id="place", **chosen)
        yield self.kind(PLACES, prompt="Choose a place", id="other", compact=True)


async def _seen(kind: type[Select[Any]], value: str | None, keys: list[str]) -> list[list[tuple[str, object]]]:
    """Each cell of the screen after `keys`: its character, and its colours and weight as a person sees them."""
    app = Form(kind, value)
    async with app.run_test(size=(60, 14)) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        return [
            [_cell(char, segment.style) for segment in line for char in segment.text]
            for line in screen_lines(app.screen)
        ]


def _cell(char: str, style: Style | None) -> tuple[str, object]:
    if style is None:
        return char, None
    if not char.strip():  # a space shows only its background
        return char, style.bgcolor
    return char, (style.color, style.bgcolor, bool(style.bold), bool(style.dim))


@pytest.mark.parametrize("value", [None, "gym", "pool"])  # blank (the prompt), a name, a name folded on two lines
@pytest.mark.parametrize("keys", [[], ["tab"], ["down"], ["down", "down", "enter"], ["tab", "space"]])
async def test_a_choice_looks_as_textuals_select(value: str | None, keys: list[str]) -> None:
    assert await _seen(Choice, value, keys) == await _seen(Select, value, keys)


async def test_a_choice_draws_what_is_chosen_with_one_widget() -> None:
    app = Form(Choice, "gym")
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        place = app.query_one("#place", Choice)
        assert len(list(place.walk_children())) == 2  # what is chosen, and the list (Select has four more)

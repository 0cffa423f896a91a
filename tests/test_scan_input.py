"""The scan input on its own: characters that wait keep their order; an answer is painted at once."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from tests.pilot_helpers import settle
from tui.paint import paint_now
from tui.widgets.scan_input import ScanInput


class ScanOnly(App[None]):
    """Just the input, recording what it hands over."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[str] = []
        self.changes: list[str] = []
        self.picks: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield ScanInput(id="scan")

    def on_scan_input_scanned(self, event: ScanInput.Scanned) -> None:
        self.scans.append(event.value)

    def on_input_changed(self, event: ScanInput.Changed) -> None:
        self.changes.append(event.value)

    def on_scan_input_pick(self, event: ScanInput.Pick) -> None:
        self.picks.append((event.scan_input.value, event.step))


async def test_a_paste_after_waiting_characters_keeps_the_order() -> None:
    app = ScanOnly()
    async with app.run_test(size=(80, 24)) as pilot:
        for char in "12":
            app.post_message(events.Key(char, char))
        app.post_message(events.Paste("34\r56\r7"))
        for char in "89":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("tab", "\t"))
        for char in "ab":
            app.post_message(events.Key(char, char))
        app.post_message(events.Paste("cd"))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot, lambda: len(app.scans) == 4)
        assert app.scans == ["1234", "56", "789", "abcd"]
        assert app.query_one(ScanInput).value == ""


async def test_typing_shows_at_every_key_and_a_pick_follows_the_whole_text() -> None:
    app = ScanOnly()
    async with app.run_test(size=(80, 24)) as pilot:
        scan = app.query_one(ScanInput)
        await pilot.press("a")
        assert scan.value == "a"
        await pilot.press("n")
        assert scan.value == "an"
        for char in "na":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("down", None))
        await settle(pilot, lambda: bool(app.picks))
        assert app.changes == ["a", "an", "anna"]
        assert app.picks == [("anna", 1)]


async def test_paint_now_paints_a_changed_widget_and_leaves_a_layout_to_the_frame() -> None:
    app = ScanOnly()
    async with app.run_test(size=(80, 24)) as pilot:
        scan = app.query_one(ScanInput)
        await pilot.pause()
        scan.refresh()
        assert paint_now(app.screen, scan)
        scan.refresh(layout=True)
        assert not paint_now(app.screen, scan)
        # Once a frame has done the layout, a change is painted at once again.
        await settle(pilot, lambda: paint_now(app.screen, scan.refresh()))

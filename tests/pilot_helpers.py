"""Helpers for driving the real app with Pilot; the one test module (with test_internals) to touch Textual privates."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets._footer import FooterKey  # Textual exports no FooterKey (see ARCHITECTURE.md)

__all__ = ["FooterKey", "notified", "scanner_burst", "screen_lines", "screen_text", "settle"]


def scanner_burst(app: App, cards: list[str], suffix: str = "enter") -> None:
    """Post every key of every card at once, as a USB scanner's burst arrives.

    Nothing waits between keys or between cards: the app's queue gets the
    whole burst before it handles the first key.
    """
    for card in cards:
        for char in card:
            app.post_message(events.Key(char, char))
        app.post_message(events.Key(suffix, {"enter": "\r", "tab": "\t", "ctrl+j": "\n"}[suffix]))


async def settle(pilot: Pilot, done: Callable[[], bool], rounds: int = 3000) -> None:
    """Let the app work until `done()` holds; fail the test if it never does.

    The first rounds only let the app's queues run; later ones also give a
    busy machine a few milliseconds (a write on the writer thread, a slow
    disk), so the wait ends as soon as the state is reached and gives up
    after about ten seconds.
    """
    for round_ in range(rounds):
        if done():
            await pilot.pause()
            return
        await pilot.pause(None if round_ < 1000 else 0.005)
    raise AssertionError("the app never reached the state the test waits for")


def screen_lines(screen: Screen) -> list[list[Segment]]:
    """The screen as the terminal would show it: each line's segments (text and style)."""
    return [list(strip) for strip in screen._compositor.render_strips()]


def screen_text(app: App) -> str:
    """Everything the screen shows, as plain text lines."""
    return "\n".join("".join(segment.text for segment in line) for line in screen_lines(app.screen))


def notified(app: App, text: str) -> bool:
    """Whether a notification now shown holds `text` (Textual has no public list of them)."""
    return any(text in str(notification.message) for notification in app._notifications)


async def open_trip_form(pilot: Pilot) -> Screen:
    """From the home screen: 2 (driver), Enter on "Open a new trip"; the trip form, once shown."""
    from tui.screens.driver.menu import DriverScreen
    from tui.screens.driver.open_trip import OpenTripScreen

    app = pilot.app
    await pilot.press("2")
    await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, OpenTripScreen))
    return app.screen

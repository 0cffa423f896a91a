"""Helpers for driving the real app with Pilot; the one test module (with test_internals) to touch Textual privates."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from rich.segment import Segment
from textual import events
from textual.app import App
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.screen import Screen

from tui.widgets.footer import Footer, ShownKey

__all__ = [
    "footer_keys",
    "newest_notice",
    "notices",
    "notified",
    "person_types",
    "scanner_burst",
    "screen_lines",
    "screen_text",
    "settle",
]


def footer_keys(screen: Screen[object]) -> list[ShownKey]:
    """The keys the screen's footer shows, as it shows them."""
    return [key for footer in screen.query(Footer) if footer.display for key in footer.keys_shown()]


def scanner_burst(app: App, cards: list[str], suffix: str = "enter") -> None:
    """Post every key of every card at once, as a USB scanner's burst arrives.

    Nothing waits between keys or between cards: the app's queue gets the
    whole burst before it handles the first key.
    """
    for card in cards:
        for char in card:
            app.post_message(events.Key(char, char))
        app.post_message(events.Key(suffix, {"enter": "\r", "tab": "\t", "ctrl+j": "\n"}[suffix]))


#: Textual's names for the keys whose Unicode names are unusual.
_KEY_NAMES = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at", "hyphen_minus": "minus"}
_KEY_NAMES |= {"plus_sign": "plus", "low_line": "underscore"}

#: Seconds between two keys a person presses: far slower than a scanner, faster than most people.
PERSON_GAP_S = 0.12


async def person_types(pilot: Pilot, *keys: str) -> None:
    """Press `keys` (as `pilot.press` takes them) at a person's pace, without waiting for it.

    The app tells a scanner's burst from a person's typing by when the keys
    arrived (tui/burst.py), and `pilot.press` sends keys as fast as a
    scanner. Here each key is stamped PERSON_GAP_S after the one before, so
    what a person types into a form stays typing. Each key is handled before
    the next is sent; keys still held back as a possible burst are let go
    before this returns.
    """
    app = pilot.app
    stamp = events.Key("", None).time
    for key in keys:
        if len(key) == 1 and not key.isalnum():  # a character typed, named as the terminal names its key
            name = unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
            event = events.Key(_KEY_NAMES.get(name, name), key)
        else:
            event = events.Key(key, key_to_character(key))
        stamp += PERSON_GAP_S
        event.time = stamp
        app.post_message(event)
        await pilot.pause()
    holding = getattr(app, "keys_held", None)
    if holding is not None:
        await settle(pilot, lambda: not holding())


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


def notices(app: App) -> list[str]:
    """The notifications now shown, oldest first (Textual has no public list of them)."""
    return [str(notification.message) for notification in app._notifications]


def newest_notice(app: App) -> tuple[str, str] | None:
    """The newest notification shown: its identity (new for every notice) and its text."""
    shown = list(app._notifications)
    return (shown[-1].identity, str(shown[-1].message)) if shown else None


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

"""A walk through every screen and dialog in a pseudo-locale: any text not marked for translation fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Markdown, Select

from sessions.devices import host_name, own_laptop_name
from sessions.i18n import LANGUAGE_NAMES, compile_po, register_translations, set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import person_types, screen_lines, settle
from tools.i18n import extract, pseudo_po
from tui.app import CentrelogApp
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.dialogs.help import KeyName
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.staff.menu import STAFF_ENTRIES, StaffScreen
from tui.widgets.answer import Answer
from tui.widgets.footer import Footer

#: Words that are not the app's text: the app's name and each language's name in itself.
CHROME = {"centrelog", *" ".join(LANGUAGE_NAMES.values()).split()}
WORD = re.compile(r"[^\W\d_]{2,}")
#: Fields of log records that hold what someone typed or chose from a list.
TYPED = ("activity", "place", "instructor", "driver", "vehicle", "destination", "purpose", "note", "reason", "by")


@pytest.fixture
def pseudo() -> Iterator[None]:
    """The pseudo-locale xx, made from the messages in the source as they are now."""
    register_translations("xx", compile_po(pseudo_po(extract())))
    set_language("xx")
    yield


def _data_words(store: Store) -> set[str]:
    """Names and other values staff typed in: shown as they are, never translated."""
    words: set[str] = set()
    registry = store.registry
    for person in registry.participants(include_archived=True):
        for text in (
            person.first_name,
            person.last_name,
            person.short_name,
            person.full_name,
            getattr(person, "neighbourhood", "") or "",
        ):
            words.update(WORD.findall(text))
        words.update(WORD.findall(person.contact))
    for kind in ("activities", "places", "staff", "vehicles", "projects"):
        for item in registry.items(kind):
            for key in ("name", "plate", "title"):
                words.update(WORD.findall(str(item.get(key) or "")))
    for change in registry.records("timetable_changes"):  # why a date was cancelled or moved, as typed
        words.update(WORD.findall(str(change.get("reason") or "")))
    for name in _holidays_shown(registry):  # named by the holidays library, in its own words
        words.update(WORD.findall(name))
    words.update(WORD.findall(str(registry.setting("centre_name", ""))))
    # The laptop's id, host and name (the Laptops screen): what the machine or staff called it.
    words.update(WORD.findall(f"{store.device} {host_name()} {own_laptop_name(store.data_dir, store.device)}"))
    for _week, _device, path in store.log_files():  # who did it, where to, and why, as typed
        for table in store.read_log(path).values():
            for record in table.values():
                for key in TYPED:
                    words.update(WORD.findall(str(record.get(key) or "")))
    return words


def _holidays_shown(registry: Any) -> list[str]:
    """The public holidays of the weeks the screens show (tui/screens/staff/timetable_dates.py), as named."""
    from datetime import timedelta

    from sessions.timetable import holiday_country, holidays_between
    from tests.conftest import MONDAY
    from tui.screens.staff.timetable_dates import WEEKS_SHOWN

    first = MONDAY.date() - timedelta(days=MONDAY.weekday())
    last = first + timedelta(weeks=WEEKS_SHOWN)
    return list(holidays_between(first, last, holiday_country(registry)).values())


def _strip_marked(text: str) -> str:
    text = re.sub(r"[^\s⟦⟧]*[/\\][^\s⟦⟧]*", " ", text)  # file paths are data (the marks around them stay)
    text = re.sub(r"[^\s⟦⟧,]+\.(?:csv|xlsx|pdf|png)\b", " ", text)  # and so are the names of written files
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    text = re.sub(r"⟦[^⟧]*$", " ", text)  # cut off at the edge: still marked
    return re.sub(r"^[^⟦]*⟧", " ", text)


def _leaves(widget: Widget) -> Iterator[Widget]:
    if isinstance(widget, Markdown):
        return  # the pairing guide is translated whole, a file per language (tests/test_laptops_screen.py)
    children = [c for c in widget.children if c.display and c.visible]
    if not children:
        yield widget
    for child in children:
        yield from _leaves(child)


def _visible_text(pilot: Pilot) -> list[str]:
    """The text of each leaf widget, cut from what the screen shows in its region."""
    screen = pilot.app.screen
    rows = ["".join(s.text for s in strip) for strip in screen_lines(screen)]
    texts = []
    for widget in _leaves(screen):
        if isinstance(widget, Footer):
            texts += [key.description for key in widget.keys_shown()]  # the key itself (F2, esc) is Textual's
            continue
        if isinstance(widget, KeyName):
            continue  # a key in the help, named as the footer names it
        if isinstance(widget, Input) and widget.value:
            continue  # what someone typed
        region = widget.content_region
        if not region.area:
            continue
        text = ""
        for row in rows[region.y : region.bottom]:
            line = row[region.x : region.right]
            # A line filled to the edge was folded mid-word (a long path): join it without a space.
            text += line if len(line.rstrip()) == region.width else line.rstrip() + " "
        texts.append(text)
    return texts


def _unmarked(pilot: Pilot, allowed: set[str]) -> list[str]:
    words, cut = set(), set()
    for text in _visible_text(pilot):
        words.update(WORD.findall(_strip_marked(text)))
        cut.update(re.findall(r"([^\W\d_]{2,})…", _strip_marked(text)))
    # A name cut short in a narrow column (or with "…", however short) is still a name.
    return sorted(
        w
        for w in words
        if w not in allowed and not ((len(w) > 3 or w in cut) and any(a.startswith(w) for a in allowed))
    )


class Walk:
    """Visits screens and remembers any text that is not marked."""

    def __init__(self, pilot: Pilot, allowed: set[str], language: str = "xx") -> None:
        self.pilot = pilot
        self.language = language
        self.allowed = allowed
        self.problems: dict[str, list[str]] = {}
        self.seen: list[str] = []

    async def look(self, where: str) -> None:
        await self.pilot.pause()
        await self.pilot.pause()
        name = f"{where} ({type(self.pilot.app.screen).__name__})"
        self.seen.append(name)
        if found := self.check():
            self.problems[name] = found

    def check(self) -> list[str]:
        """What is wrong with the screen shown: here, words not marked for translation."""
        return _unmarked(self.pilot, self.allowed) if self.language == "xx" else []

    async def back_to(self, screen: object) -> None:
        app = self.pilot.app
        if screen not in app.screen_stack:
            return  # a form that saved (F5) closed itself: nothing to go back to
        for _ in range(4):
            if app.screen is screen:
                return
            await self.pilot.press("escape")
            await self.pilot.pause()
        while app.screen is not screen and len(app.screen_stack) > 2:
            app.pop_screen()
            await self.pilot.pause()

    async def try_function_keys(self, where: str, depth: int = 2) -> None:
        """Press each F-key the footer shows, look at what opens (and what that opens), come back."""
        app = self.pilot.app
        screen = app.screen
        keys = [
            b.key
            for _ns, b, enabled, _t in screen.active_bindings.values()
            if b.show and enabled and re.fullmatch(r"f\d+", b.key) and b.action != "language"  # F9 would leave xx
        ]
        for key in keys:
            await self.pilot.press(key)
            await self.look(f"{where} {key}")
            if depth > 1 and app.screen is not screen:
                await self.try_function_keys(f"{where} {key}", depth - 1)
            await self.back_to(screen)


async def _instructor_walk(walk: Walk, pilot: Pilot, store: Store) -> None:
    app = pilot.app
    people = store.registry.participants()
    await pilot.press("1")
    await settle(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
    await walk.look("today's sessions")
    await pilot.press("f2")
    await settle(pilot, lambda: type(app.screen).__name__ == "StartSessionScreen")
    await walk.look("start a session")
    places = app.screen.query_one("#place", Select)
    places.focus()
    await pilot.press("down")
    await settle(pilot, lambda: places.expanded)
    await walk.look("start a session, the places' list open")
    await pilot.press("escape")
    await settle(pilot, lambda: not places.expanded)
    await pilot.press("escape", "1")
    await settle(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    screen = app.screen
    await walk.look("check-in, ready")
    await pilot.press(*people[0].code, "enter")
    await settle(pilot, lambda: len(screen.session.scans) == 1)
    await walk.look("check-in, green")
    await pilot.press(*people[0].code, "enter")
    await settle(pilot, lambda: len(screen.session.scans) == 2)
    await walk.look("check-in, yellow")
    await pilot.press(*"0000000000", "enter")
    await settle(pilot, lambda: len(screen.session.scans) == 3)
    await walk.look("check-in, red")
    await pilot.press(*people[1].first_name[:3].lower())
    await settle(pilot, lambda: bool(screen.matches) and screen.query_one("#matches").display)
    await walk.look("check-in, name matches")
    said = screen.query_one(Answer).sentence
    await pilot.press("escape", "f2")
    await settle(pilot, lambda: screen.session.count == 0 and screen.query_one(Answer).sentence != said)
    await walk.look("check-in, undone")
    said = screen.query_one(Answer).sentence
    await pilot.press("f3")
    await settle(pilot, lambda: screen.query_one(Answer).sentence != said)
    await walk.look("check-in, nobody waiting")
    await pilot.press("f9")
    await settle(pilot, lambda: type(app.screen).__name__ == "CameraDialog" and bool(app.screen.query("#cameras")))
    await walk.look("camera dialog")
    await pilot.press("escape")
    await settle(pilot, lambda: app.screen is screen)
    # Someone not in yet: in tests/test_burst_walk.py a card scanned in the camera's dialog checked one in.
    count, inside = screen.session.count, {c["participant_id"] for c in screen.session.active()}
    await pilot.press(*next(p for p in people[2:] if p.id not in inside and not p.archived).code, "enter")
    await settle(pilot, lambda: screen.session.count == count + 1)
    await pilot.press("f4")
    await settle(pilot, lambda: isinstance(app.screen, ModalScreen))
    await walk.look("remove dialog")
    await pilot.press("escape", "f10")
    await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await walk.look("confirm end")
    await pilot.press("y")
    await settle(pilot, lambda: screen.session.closed)
    await walk.look("summary")
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, HomeScreen))


async def _driver_walk(walk: Walk, pilot: Pilot, store: Store) -> None:
    """A trip opened on this laptop: the boarding screen, a scan, and what its F-keys open."""
    from tests.trip_helpers import open_demo_trip
    from tui.screens.driver.boarding import BoardingScreen
    from tui.screens.driver.menu import DriverScreen

    app = pilot.app
    registry = store.registry
    now = app.clock()  # type: ignore[attr-defined]
    drivers = [s["name"] for s in registry.items("staff") if "driver" in s.get("roles", [])]
    trip = open_demo_trip(  # the longest names there are: the header must still say when the minibus left
        store, now, destination="Daugavpils reģionālā slimnīca, Vasarnīcu iela 20", driver=max(drivers, key=len)
    )
    await pilot.press("2")
    await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
    await walk.look("driver, a trip open")
    boarding = BoardingScreen(trip)
    app.push_screen(boarding)
    await settle(pilot, lambda: app.screen is boarding)
    await walk.look("boarding, ready")
    await pilot.press(*registry.participants()[0].code, "enter")
    await settle(pilot, lambda: boarding.trip.count == 1 and "green" in boarding.query_one(Answer).classes)
    await walk.look("boarding, one aboard")
    await walk.try_function_keys("boarding")
    await _everything_marked(walk, pilot, boarding)


async def _everything_marked(walk: Walk, pilot: Pilot, boarding: Any) -> None:
    """The chosen passenger's line at its longest: in a wheelchair, on the lift, with escorts."""
    from tui.screens.dialogs.count import CountDialog

    app = pilot.app

    def chosen() -> Any:
        return next(b for b in boarding.trip.active() if b["id"] == boarding.selected)

    if not chosen().get("wheelchair"):
        await pilot.press("f2")
        await settle(pilot, lambda: bool(chosen().get("wheelchair")) or boarding.pending is not None)
        if boarding.pending is not None:  # the wheelchair places taken (by cards scanned on the way): anyway
            await pilot.press("f3")
            await settle(pilot, lambda: bool(chosen().get("wheelchair")))
    if not chosen().get("lift"):
        await pilot.press("f5")
        await settle(pilot, lambda: bool(chosen().get("lift")))
    await pilot.press("f6")
    await settle(pilot, lambda: isinstance(app.screen, CountDialog))
    await person_types(pilot, "backspace", "2", "enter")
    await settle(pilot, lambda: app.screen is boarding and chosen().get("escorts") == 2)
    await walk.look("boarding, a wheelchair, the lift and escorts")


async def _staff_walk(walk: Walk, pilot: Pilot) -> None:
    app = pilot.app
    staff = StaffScreen()
    app.push_screen(staff)
    await settle(pilot, lambda: app.screen is staff)
    await walk.look("staff menu")
    for index, (entry_id, _label, _factory) in enumerate(STAFF_ENTRIES):
        staff.query_one("OptionList").highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is not staff)
        await walk.look(f"staff: {entry_id}")
        await walk.try_function_keys(f"staff: {entry_id}")
        if entry_id in ("participants", "timetable"):
            await pilot.press("enter")
            await walk.look(f"staff: {entry_id}, edit")
        await walk.back_to(staff)


async def _walk_everything(walk: Walk, pilot: Pilot, store: Store) -> None:
    """Home, the instructor's session, the driver's trip, then every staff entry (whose F-keys change data)."""
    home = pilot.app.screen
    await walk.look("home")
    await walk.try_function_keys("home")
    await _instructor_walk(walk, pilot, store)
    for key in ("2", "3"):  # the driver's screens, the staff PIN
        await pilot.press(key)
        await walk.look(f"home {key}")
        await walk.try_function_keys(f"home {key}")
        await walk.back_to(home)
    await _driver_walk(walk, pilot, store)
    await walk.back_to(home)
    await _staff_walk(walk, pilot)


async def test_every_screen_shows_only_marked_text(
    pseudo: None, demo_store: Store, clock: Clock, quiet_places: Path
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = Walk(pilot, CHROME | _data_words(demo_store))
        await _walk_everything(walk, pilot, demo_store)
    assert len(walk.seen) >= 15 + len(STAFF_ENTRIES)
    assert walk.problems == {}, "text not marked for translation (wrap it in _()): " + "; ".join(
        f"{where}: {', '.join(words)}" for where, words in walk.problems.items()
    )

"""A card scanned on every screen and dialog of the app: nothing changes but the answer.

The walk of tests/test_i18n_walk.py reaches every screen and dialog (home, the instructor's session and
its dialogs, the driver's trip and its dialogs, every staff entry and what its F-keys open). At each stop
a scanner's burst (a card's digits and Enter, all at once) arrives. Afterwards the same screens are
stacked, the same widget has the focus, every field holds what it held, the registry file is as it was,
no session or trip was opened, ended or lost a person, and the card got an answer: a notice over the
screen (checked in, boarded, or what to do). The check-in and boarding inputs themselves answer scans
in their own way (tests/test_checkin_screen.py, tests/test_trips_screens.py) and are passed by.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, TextArea

from sessions.attendance import open_sessions
from sessions.store import Store
from sessions.trips import open_trips
from tests.conftest import Clock
from tests.pilot_helpers import newest_notice, scanner_burst, settle
from tests.test_i18n_walk import Walk, _walk_everything
from tui.app import CentrelogApp
from tui.screens.staff.menu import STAFF_ENTRIES
from tui.widgets.scan_input import ScanInput


@dataclass(frozen=True)
class Seen:
    """What a burst must leave as it was."""

    stack: tuple[int, ...]
    focused: int
    fields: tuple[tuple[str, Any], ...]
    registry: bytes
    work: tuple[tuple[str, int, int], ...]  # each open session or trip: its id, people in, people voided


def _fields(pilot: Pilot) -> tuple[tuple[str, Any], ...]:
    found: list[tuple[str, Any]] = []
    for index, widget in enumerate(pilot.app.screen.query("*")):
        name = f"{index}:{type(widget).__name__}#{widget.id}"
        if isinstance(widget, Input):
            found.append((name, widget.value))
        elif isinstance(widget, TextArea):
            found.append((name, widget.text))
        elif isinstance(widget, Select | Checkbox):
            found.append((name, widget.value))
        elif isinstance(widget, OptionList):
            found.append((name, widget.highlighted))
        elif isinstance(widget, DataTable):
            found.append((name, widget.cursor_coordinate))
    return tuple(found)


def _work(store: Store) -> tuple[tuple[str, int, int], ...]:
    sessions = [(s.id, s.count, len(s.checkins) - s.count) for s in open_sessions(store)]
    trips = [(t.id, t.count, len(t.boardings) - t.count) for t in open_trips(store)]
    return tuple(sessions + trips)


class BurstWalk(Walk):
    """At each stop of the walk, a card arrives as a scanner types it."""

    def __init__(self, pilot: Pilot, store: Store) -> None:
        super().__init__(pilot, set(), "en")
        self.store = store
        people = store.registry.participants(include_archived=False)
        self.cards: Iterator[str] = iter([p.code or "" for p in people] * 20)
        self.stops = 0

    async def state(self) -> Seen:
        app = self.pilot.app
        await app.write(lambda: None)  # writes already asked for are on disk
        return Seen(
            tuple(id(s) for s in app.screen_stack),
            id(app.focused),
            _fields(self.pilot),
            self.store.registry_path.read_bytes(),
            _work(self.store),
        )

    async def look(self, where: str) -> None:
        app = self.pilot.app
        await self.pilot.pause()
        name = f"{where} ({type(app.screen).__name__})"
        self.seen.append(name)
        if isinstance(app.focused, ScanInput):
            return  # the scan input answers scans itself
        # What the screen looks for on a thread (the camera dialog's cameras) has come: only the card changes things.
        await settle(self.pilot, lambda: all(w.is_finished for w in app.workers if w.node is app.screen))
        before = await self.state()
        told = newest_notice(app)
        scanner_burst(app, [next(self.cards)])
        await settle(self.pilot, lambda: newest_notice(app) != told)
        after = await self.state()
        self.stops += 1
        problems = [
            what
            for what, same in (
                ("the screens stacked", before.stack == after.stack),
                ("the focus", before.focused == after.focused),
                ("a field's value", before.fields == after.fields),
                ("the registry file", before.registry == after.registry),
            )
            if not same
        ]
        opened = {w[0] for w in before.work} ^ {w[0] for w in after.work}
        if opened:
            problems.append("a session or trip opened or ended")
        for (ident, count, voided), (_, count_after, voided_after) in zip(before.work, after.work, strict=False):
            if voided_after != voided or count_after not in (count, count + 1):
                problems.append(f"the people of {ident}")
        if problems:
            self.problems[name] = problems


async def test_a_card_scanned_on_any_screen_or_dialog_changes_nothing_but_the_answer(
    demo_store: Store, clock: Clock, quiet_places: Path
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = BurstWalk(pilot, demo_store)
        await _walk_everything(walk, pilot, demo_store)
    assert walk.stops >= 10 + len(STAFF_ENTRIES), walk.stops
    assert walk.problems == {}, "; ".join(f"{where}: {', '.join(what)}" for where, what in walk.problems.items())

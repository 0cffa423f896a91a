"""The real app's own pauses (tui/pauses.py): no collector passes while it starts; what it holds set aside.

What these keep short is timed in benchmarks/ (start → ready-to-scan, scan →
answer with the camera on); here, that each step happens where it should.
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Iterator

import pytest

from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import scanner_burst, settle
from tui.app import CentrelogApp
from tui.cli import EXIT_BUSY, main
from tui.pauses import SWITCH_S, collector_free, collector_held, hold_collector, set_aside
from tui.screens.dialogs.help import HelpDialog
from tui.screens.instructor.checkin import CheckInScreen


@pytest.fixture
def collector() -> Iterator[None]:
    """Python's collector given back as the test found it: nothing set aside, on, the usual thread switches."""
    gc.unfreeze()
    switch = sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.enable()
    sys.setswitchinterval(switch)


async def test_the_first_screen_sets_aside_what_the_start_made_and_nothing_after_it_is_kept_from_the_collector(
    demo_store: Store, clock: Clock, collector: None
) -> None:
    switch = sys.getswitchinterval()
    hold_collector()  # as `centrelog` does before it opens the store
    app = CentrelogApp(demo_store, clock=clock, short_pauses=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, gc.isenabled)
        at_home = gc.get_freeze_count()
        assert at_home > 10_000  # the registry, Textual, the home screen
        assert sys.getswitchinterval() == switch  # threads switch as usual until a scan screen

        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        assert sys.getswitchinterval() == pytest.approx(SWITCH_S)
        assert gc.isenabled()

        # A dialog opened and closed over the scan screen is freed, not set aside with the screen shown again.
        closed: list[weakref.ref[object]] = []
        for _ in range(3):
            await pilot.press("f1")
            await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
            closed.append(weakref.ref(app.screen))
            await pilot.press("f1")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.pause()
        gc.collect()
        assert [ref() for ref in closed] == [None, None, None]
        assert gc.get_freeze_count() <= at_home  # nothing more set aside (some of it freed since)


async def test_keys_hold_the_collector_until_they_stop_and_a_queue_s_cards_are_all_answered(
    demo_store: Store, clock: Clock, collector: None
) -> None:
    app = CentrelogApp(demo_store, clock=clock, short_pauses=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and gc.isenabled())
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        cards = [str(p.code) for p in demo_store.registry.participants(include_archived=False)[:5]]

        calls: list[bool] = []  # whether the collector was on when each card's answer was shown
        original = screen.answer

        def noted(result: object) -> None:
            calls.append(gc.isenabled())
            original(result)  # type: ignore[arg-type]

        screen.answer = noted  # type: ignore[method-assign]
        scanner_burst(app, cards)
        await settle(pilot, lambda: len(screen.session.scans) == 5)
        assert calls == [False] * 5  # no collector pass could fall on an answer
        await settle(pilot, gc.isenabled)  # and once the keys stop, it goes on
        assert [c["code"] for c in screen.session.checkins] == cards


async def test_without_short_pauses_the_collector_is_left_as_python_has_it(
    demo_store: Store, clock: Clock, collector: None
) -> None:
    switch = sys.getswitchinterval()
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        assert sys.getswitchinterval() == switch


def test_setting_aside_while_keys_come_leaves_the_collector_held_until_they_stop(collector: None) -> None:
    """The first screen can come up while a card's keys do: the collector stays held for them."""
    collector_held()
    set_aside()
    assert not gc.isenabled()
    collector_free()
    assert gc.isenabled()


def test_a_start_that_fails_gives_the_collector_back(demo_store: Store, collector: None) -> None:
    """The folder is open already (the fixture's store): `centrelog` says so and exits, collector on again."""
    assert main(["--data-dir", str(demo_store.data_dir), "--lang", "en"]) == EXIT_BUSY
    assert gc.isenabled()

"""A restart mid-session, through the real app: the session goes on, says so, and takes the next card."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sessions.clock import week_key
from sessions.demo import seed_demo
from sessions.storage.backup import take_backup
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import person_types, scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.cli import build_parser, make_app, open_store
from tui.screens.home import HomeScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.today import TodayScreen
from tui.screens.staff.pin import PinDialog
from tui.screens.staff.restore import RestoreDamagedDialog
from tui.widgets.answer import Answer


@contextmanager
def _started(data: Path, clock: Clock) -> Iterator[CentrelogApp]:
    """The data folder opened and the app made as `centrelog` does at start, on the test's clock."""
    with open_store(build_parser().parse_args(["--data-dir", str(data)]), repair=True) as store:
        yield make_app(store, clock=clock)


def _said(app: CentrelogApp, widget: str) -> str:
    return str(app.screen.query_one(widget).render())


def _codes(data: Path, clock: Clock) -> list[str]:
    with Store(data) as store:
        seed_demo(store, clock())
        return [p.code for p in store.registry.participants(include_archived=False) if p.code]


async def _first_run(data: Path, clock: Clock, cards: list[str]) -> tuple[str, str]:
    """Start today's planned session and check `cards` in; the app then stops with the session open. Its id and
    activity."""
    with _started(data, clock) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1")
            await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            assert isinstance(screen, CheckInScreen)
            await settle(pilot, lambda: "Ready: scan the first card." in screen_text(app))
            scanner_burst(app, cards)
            await settle(pilot, lambda: screen.session.count == len(cards))
            return screen.session.id, screen.session.record["activity"]


def _week(data: Path, clock: Clock) -> dict:
    [log] = (data / "logs").glob(f"{week_key(clock())}.*.json")
    return read_log(log) or {}


async def test_a_restart_mid_session_goes_on_with_its_check_ins(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    codes = _codes(data, clock)
    session_id, activity = await _first_run(data, clock, codes[:3])

    clock.tick(minutes=40)  # the laptop restarted; the queue is still at the door
    with _started(data, clock) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and _said(app, "#open-work") != "")
            assert _said(app, "#open-work") == (
                f"{activity} from 09:30 was open when centrelog stopped and goes on (3 checked in): "
                "press 1 to go on checking in."
            )
            assert "closed" not in _said(app, "#notes")
            await pilot.press("1")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            assert isinstance(screen, CheckInScreen)
            assert screen.session.id == session_id
            await settle(pilot, lambda: "3 checked in; scan the next card." in screen_text(app))
            assert f"3 / {screen.session.capacity}" in screen_text(app)

            scanner_burst(app, [codes[0], codes[3]])  # one already in, one new
            await settle(pilot, lambda: len(screen.session.scans) == 5)
            assert screen.session.count == 4 and f"4 / {screen.session.capacity}" in screen_text(app)
            assert "green" in screen.query_one(Answer).classes

            await pilot.press("escape")  # home again: the line follows the count
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            await settle(pilot, lambda: "(4 checked in)" in _said(app, "#open-work"))
    week = _week(data, clock)
    [session] = [s for s in week["sessions"].values() if s["start"].startswith(clock().date().isoformat())]
    assert session["id"] == session_id and session["end"] is None
    today = [c for c in week["checkins"].values() if c["session_id"] == session_id]
    assert len(today) == 4


async def test_a_restart_after_the_session_s_end_closes_it_and_the_next_one_starts_afresh(
    tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    codes = _codes(data, clock)
    session_id, activity = await _first_run(data, clock, codes[:2])

    clock.tick(hours=3, minutes=1)  # past its two hours and the hour's margin
    with _started(data, clock) as app:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert _said(app, "#notes") == (
                f"{activity} from 23 Nov 09:30 was left open and has now been closed (2 people checked in)."
            )
            assert _said(app, "#open-work") == ""
            await pilot.press("1")
            await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
    [closed] = [s for s in _week(data, clock)["sessions"].values() if s["id"] == session_id]
    assert closed["note"] == "closed_at_next_start"


async def test_a_session_in_a_damaged_week_goes_on_once_staff_restore_the_week(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    codes = _codes(data, clock)
    session_id, activity = await _first_run(data, clock, codes[:5])
    take_backup(data, clock())
    [log] = (data / "logs").glob(f"{week_key(clock())}.*.json")
    log.write_bytes(log.read_bytes()[:-200])  # torn by a failing disk

    clock.tick(minutes=20)
    with _started(data, clock) as app:
        assert app.left_open is not None and app.left_open.unread == (session_id,)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and "damaged" in screen_text(app))
            assert _said(app, "#open-work") == "" and _said(app, "#notes") == ""  # neither gone on with nor closed
            await pilot.press("f5")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await person_types(pilot, *"1357", "enter", *"1357", "enter")
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            await pilot.press("enter")
            await settle(pilot, lambda: "restored" in screen_text(app))
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and _said(app, "#open-work") != "")
            assert _said(app, "#open-work") == (
                f"{activity} from 09:30 was open when centrelog stopped and goes on (5 checked in): "
                "press 1 to go on checking in."
            )
            await pilot.press("1")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            assert isinstance(screen, CheckInScreen) and screen.session.id == session_id
            await settle(pilot, lambda: "5 checked in; scan the next card." in screen_text(app))

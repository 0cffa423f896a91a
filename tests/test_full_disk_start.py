"""A full disk at start: the app reaches its home screen, says so, keeps every file, and finishes later."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from sessions.attendance import start_session
from sessions.checkin import check_in
from sessions.clock import iso, week_key
from sessions.registry import Registry
from sessions.storage.journal import journal_path, read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.disk_helpers import disk_full
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.cli import EXIT_WRITE_FAILED, build_parser, main, make_app, open_store
from tui.screens.home import HomeScreen

NOT_CLOSED = "1 session left open could not be closed: the disk is full."
CLOSED = "Gym from 23 Nov 09:30 was left open and has now been closed (1 person checked in)."


def _left_open(data: Path, clock: Clock) -> tuple[str, str]:
    """A data folder whose last run left a session open; the session's id and its last scan."""
    with Store(data) as store:
        gym = store.registry.add_item("activities", clock(), name="Gym", capacity=12)
        person = store.registry.add_participant(clock(), first_name="Jānis", last_name="Bērziņš")
        session = start_session(store, gym["id"], "Sporta zāle", "Olga", clock())
        check_in(session, store.registry, person.code, clock.tick(minutes=2))
        return session.id, iso(clock())


def _files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@contextmanager
def _started(data: Path, **options: object) -> Iterator[CentrelogApp]:
    """The data folder opened and the app made exactly as `centrelog` does at start."""
    with open_store(build_parser().parse_args(["--data-dir", str(data)]), repair=True) as store:
        yield make_app(store, **options)


def _said(app: CentrelogApp, widget: str) -> str:
    return str(app.screen.query_one(widget).render())


def _sessions_on_disk(data: Path, clock: Clock) -> list[dict]:
    logs = sorted((data / "logs").glob(f"{week_key(clock())}.*.json"))
    return [s for log in logs for s in (read_log(log) or {})["sessions"].values()]


def _open_markers(data: Path) -> list[dict]:
    registry = Registry.open(data / "registry", "reader", data / "local" / "state.json")
    try:
        return registry.open_work("session")
    finally:
        registry.close()


async def test_a_full_disk_at_start_keeps_the_session_open_says_so_and_the_next_start_closes_it(
    tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    session_id, last_scan = _left_open(data, clock)
    before = _files(data)
    with disk_full(limit=64), _started(data, backups=True) as app:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.backup_problem is not None)
            assert _said(app, "#waiting").startswith(NOT_CLOSED)
            assert app.backup_problem == "The backup failed: the disk is full."
    assert _files(data) == before

    with _started(data) as app:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert _said(app, "#notes") == CLOSED
            assert _said(app, "#waiting") == ""
    [closed] = _sessions_on_disk(data, clock)
    assert (closed["id"], closed["end"], closed["note"]) == (session_id, last_scan, "closed_at_next_start")
    assert _open_markers(data) == []

    with _started(data) as app:  # closed once: a third start has nothing left to close
        assert app.left_open is not None and app.left_open.closed == []
    assert _sessions_on_disk(data, clock) == [closed]


async def test_the_close_a_full_disk_refused_is_done_when_the_home_screen_shows_again(
    tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    session_id, last_scan = _left_open(data, clock)
    with ExitStack() as full:
        full.enter_context(disk_full(limit=64))
        with _started(data) as app:
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
                assert _said(app, "#waiting").startswith(NOT_CLOSED)
                assert "is open since" in _said(app, "#open-work")
                full.close()  # space is free again
                assert app.left_open is not None and app.left_open.still_open == 1
                await pilot.press("2")  # the driver's screen, and back home: the close is done now
                await settle(pilot, lambda: not isinstance(app.screen, HomeScreen))
                await pilot.press("escape")
                await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and not app.left_open.waiting)
                assert _said(app, "#notes") == CLOSED
                assert _said(app, "#waiting") == ""
                assert "is open since" not in _said(app, "#open-work")
    [closed] = _sessions_on_disk(data, clock)
    assert (closed["id"], closed["end"]) == (session_id, last_scan)
    assert _open_markers(data) == []


async def test_a_close_saved_in_the_log_but_not_in_the_registry_is_finished_without_a_second_close(
    tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    session_id, _scan = _left_open(data, clock)
    with Store(data) as store:  # what this laptop remembers for itself makes its state file long
        store.registry.set_settings({"recent_destinations": [f"Slimnīca {n}" for n in range(60)]})
    state = data / "local" / "state.json"
    registry = state.read_bytes()
    limit = 1024  # the journal line closing the session fits; the state file without its marker does not
    assert len(registry) > limit + 200
    with disk_full(limit=limit), _started(data) as app:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert _said(app, "#notes") == CLOSED
            assert _said(app, "#waiting").startswith("The start could not save everything: the disk is full.")
            assert "is open since" not in _said(app, "#open-work")
    assert state.read_bytes() == registry
    [first] = _sessions_on_disk(data, clock)
    assert (first["id"], first["note"]) == (session_id, "closed_at_next_start")
    assert len(_open_markers(data)) == 1

    with _started(data) as app:
        assert app.left_open is not None and app.left_open.closed == [] and app.left_open.waiting == ()
    assert _sessions_on_disk(data, clock) == [first]  # closed once, at the first start
    assert _open_markers(data) == []


def test_a_failed_append_to_a_new_journal_leaves_no_journal_behind(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    _left_open(data, clock)
    with Store(data) as store, disk_full(limit=64):
        log = store.log_path(week_key(clock()))
        assert not journal_path(log).exists()
        with pytest.raises(OSError):
            store.week_log(week_key(clock())).table("sessions").insert({"id": "x" * 100})
        assert not journal_path(log).exists()


@pytest.mark.parametrize(
    "command",
    [["participants", "--demo"], ["import", "people.csv"]],
    ids=["demo", "fresh-folder"],
)
def test_a_command_on_a_full_disk_says_so_without_a_traceback(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("First name,Last name\nJānis,Ozols\n", "utf-8")
    with disk_full(limit=1):
        code = main([*command, "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == EXIT_WRITE_FAILED
    assert "the disk is full" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["export", "--week", "2026-W48"], EXIT_WRITE_FAILED),
        (["report", "--week", "2026-W48"], EXIT_WRITE_FAILED),
        (["backup"], 7),
    ],
    ids=["export", "report", "backup"],
)
def test_a_command_that_cannot_write_its_files_says_the_disk_is_full(
    command: list[str], code: int, tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _left_open(data, clock)
    before = _files(data)
    with disk_full(limit=64):
        assert main([*command, "--data-dir", str(data)]) == code
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err
    # The summaries' lock may be left empty: derived, local data that a later report rebuilds.
    assert {k: v for k, v in _files(data).items() if not k.startswith("local/summaries/")} == before

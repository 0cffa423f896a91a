"""Damaged files at start: set aside, named on the home screen, restored with nothing else lost."""

from __future__ import annotations

from pathlib import Path

from sessions.attendance import start_session
from sessions.checkin import Outcome, check_in
from sessions.clock import week_key
from sessions.demo import seed_demo
from sessions.storage.backup import BACKUPS, take_backup
from sessions.storage.damage import pending_damaged
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.home import HomeScreen
from tui.screens.staff.pin import PinDialog
from tui.screens.staff.restore import RestoreDamagedDialog


def _week_with_checkins(data: Path, clock: Clock) -> tuple[Path, list[str]]:
    with Store(data) as store:
        seed_demo(store, clock())
        activity = store.registry.items("activities")[0]
        session = start_session(store, activity["id"], "Zāle", "Inga", clock())
        codes = [p.code for p in store.registry.participants()[:5]]
        for code in codes:
            assert check_in(session, store.registry, code, clock()).outcome is Outcome.CHECKED_IN
        take_backup(data, clock())
        return store.log_path(week_key(clock())), [c["id"] for c in session.log.records("checkins")]


def test_stale_temp_files_go_and_damaged_files_are_moved_not_emptied(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    (tmp_path / ".registry.json.4242.tmp").write_text('{"half', "utf-8")
    own_registry(tmp_path).write_bytes(b"\x00" * 40)
    with Store(tmp_path, repair=True, now=clock()) as store:
        [aside] = store.set_aside
        assert aside.aside.read_bytes() == b"\x00" * 40
        assert not own_registry(tmp_path).exists()  # not replaced by an empty file
        assert store.registry.participants() == []
    assert not list(tmp_path.glob(".*.tmp"))


async def test_a_corrupted_log_is_named_and_restored_with_nothing_else_lost(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    log_path, checkin_ids = _week_with_checkins(data, clock)
    others = {p: p.read_bytes() for p in (data / "logs").iterdir() if p != log_path}
    [holder] = list((data / BACKUPS).glob("*.zip"))
    log_path.write_bytes(log_path.read_bytes()[:-200])  # torn by a failing disk
    clock.tick(hours=1)
    with Store(data, repair=True, now=clock()) as store:
        assert [a.original for a in store.set_aside] == [log_path]
        app = CentrelogApp(store, clock=clock, backups=True)
        async with app.run_test(size=(80, 24)) as pilot:
            # The start backup (without the damaged file) must not rotate away the one that holds it.
            await settle(pilot, lambda: app.last_backup is not None)
            text = screen_text(app)
            assert log_path.name in text and "damaged" in text and holder.name in text
            await pilot.press("f5")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await pilot.press(*"1357", "enter", *"1357", "enter")
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            await pilot.press("enter")
            await settle(pilot, lambda: "restored" in screen_text(app))
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert "damaged" not in screen_text(app)
        restored = read_log(log_path) or {}
        assert sorted(c["id"] for c in restored["checkins"].values()) == sorted(checkin_ids)
        assert {p: p.read_bytes() for p in others} == others
        assert pending_damaged(data) == []

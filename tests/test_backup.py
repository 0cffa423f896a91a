"""Backups: verified zips, rotation, the command line, and the backup the running app takes."""

from __future__ import annotations

import json
import stat
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sessions.restore import restore_backup
from sessions.storage.backup import (
    BACKUPS,
    KEEP_DAILY,
    KEEP_RECENT,
    KEEP_WEEKLY,
    BackupFailed,
    backups_in,
    merge_tables,
    take_backup,
    taken_at,
    verify_backup,
)
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.cli import EXIT_BUSY, main


def test_a_backup_holds_the_data_and_nothing_else(demo_store: Store, clock: Clock) -> None:
    exports = demo_store.data_dir / "exports"
    exports.mkdir()
    (exports / "week.csv").write_text("a,b\n", "utf-8")
    backup = take_backup(demo_store.data_dir, clock())
    assert backup.path.parent == demo_store.data_dir / BACKUPS
    names = verify_backup(backup.path)
    expected = {"registry.json", "device.json", "centre.json"} | {
        f"logs/{path.name}" for _w, _d, path in demo_store.log_files()
    }
    assert set(names) == expected
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE((demo_store.data_dir / BACKUPS).stat().st_mode) == 0o700


def test_a_file_that_does_not_parse_is_left_out_and_named(demo_store: Store, clock: Clock) -> None:
    _week, _device, path = demo_store.log_files()[0]
    path.write_text('{"sessions": {"1": ', "utf-8")
    backup = take_backup(demo_store.data_dir, clock())
    assert backup.left_out == (path,)
    assert f"logs/{path.name}" not in verify_backup(backup.path)


def test_a_broken_zip_does_not_verify(tmp_path: Path) -> None:
    broken = tmp_path / "centrelog-20261123-093000.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BackupFailed):
        verify_backup(broken)


def test_rotation_keeps_fourteen_days_and_eight_weeks(store: Store, clock: Clock) -> None:
    taken = []
    for _ in range(90):
        for hour in (0, 6):  # two a day: only the newest of a day is kept
            taken.append(take_backup(store.data_dir, clock() + timedelta(hours=hour)).taken)
        clock.tick(days=1)
    kept = backups_in(store.data_dir / BACKUPS)
    kept_times = sorted(taken_at(p) for p in kept)
    days = sorted({t.date() for t in kept_times})
    all_days = sorted({t.date() for t in taken})
    assert all_days[-KEEP_DAILY:] == days[-KEEP_DAILY:]
    weeks = {t.isocalendar()[:2] for t in kept_times}
    assert len(weeks) == KEEP_WEEKLY
    newest_of_week = {max(t for t in kept_times if t.isocalendar()[:2] == w) for w in weeks}
    newest_of_day = {max(t for t in kept_times if t.date() == d) for d in days[-KEEP_DAILY:]}
    recent = {t.replace(tzinfo=None) for t in sorted(taken)[-KEEP_RECENT:]}
    assert set(kept_times) == newest_of_day | newest_of_week | recent


def test_while_a_damaged_file_waits_no_backup_is_rotated_away(store: Store, clock: Clock) -> None:
    store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    first = take_backup(store.data_dir, clock())
    (store.data_dir / "registry.json.damaged-20261123-100000").write_text("{", "utf-8")
    for _ in range(KEEP_RECENT + 2):
        clock.tick(minutes=10)
        take_backup(store.data_dir, clock())
    assert first.path.exists()


def test_a_mirror_gets_the_same_verified_zip(store: Store, clock: Clock, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    backup = take_backup(store.data_dir, clock(), mirror=stick)
    copy = stick / backup.path.name
    assert copy.read_bytes() == backup.path.read_bytes()


def test_merge_adds_what_is_missing_and_keeps_what_is_there() -> None:
    current = {"checkins": {"1": {"id": "a", "voided_at": "later"}}, "settings": {"1": {"key": "k", "value": 2}}}
    older = {
        "checkins": {"1": {"id": "a", "voided_at": None}, "2": {"id": "b"}},
        "settings": {"1": {"key": "k", "value": 1}},
    }
    merged, added = merge_tables(current, older)
    assert added == 1
    assert sorted(d["id"] for d in merged["checkins"].values()) == ["a", "b"]
    assert merged["checkins"]["1"]["voided_at"] == "later"
    assert merged["settings"]["1"]["value"] == 2


def test_restore_backs_up_first_and_loses_nothing_newer(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        ann = store.registry.add_participant(clock(), first_name="Anna", last_name="Bērziņa")
        backup = take_backup(tmp_path, clock())
        store.registry.update_participant(ann.id, clock(), neighbourhood="Grīva")
        ben = store.registry.add_participant(clock(), first_name="Boriss", last_name="Ivanovs")
        clock.tick(minutes=1)
        restored = restore_backup(store, backup.path, clock())
        assert restored.safety.path.exists() and restored.safety.path != backup.path
        assert store.registry.participant(ann.id).neighbourhood == "Grīva"
        assert store.registry.participant(ben.id) is not None


def test_the_command_line_backs_up_and_restores(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Bērziņa")
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    [backup] = backups_in(tmp_path / BACKUPS)
    elsewhere = tmp_path.parent / "stick"
    assert main(["backup", "--data-dir", str(tmp_path), "--to", str(elsewhere)]) == 0
    assert len(backups_in(elsewhere)) == 1
    with Store(tmp_path):
        assert main(["restore", str(backup), "--data-dir", str(tmp_path)]) == EXIT_BUSY
    own_registry(tmp_path).write_text("{ torn", "utf-8")
    capsys.readouterr()
    assert main(["restore", str(backup), "--data-dir", str(tmp_path)]) == 0
    assert "backed up" in capsys.readouterr().out
    registry = json.loads(own_registry(tmp_path).read_text("utf-8"))
    assert [p["first_name"] for p in registry["participants"].values()] == ["Anna"]
    assert list((tmp_path / "registry").glob("*.json.damaged-*")) or list(
        (tmp_path / "registry").glob("*.json.damaged-*.seen")
    )


async def test_the_running_app_takes_a_backup_after_start(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock, backups=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.last_backup is not None)
        [zip_path] = backups_in(demo_store.data_dir / BACKUPS)
        with zipfile.ZipFile(zip_path) as archive:
            assert "registry.json" in archive.namelist()


def test_a_backup_into_someone_elses_folder_leaves_its_permissions(demo_store: Store, tmp_path: Path) -> None:
    import os

    stick = tmp_path / "usb"
    stick.mkdir()
    os.chmod(stick, 0o1777)  # as a shared stick or /tmp is
    backup = take_backup(demo_store.data_dir, datetime(2026, 11, 23, 9, 0), folder=stick)
    assert backup.path.parent == stick
    assert stat.S_IMODE(stick.stat().st_mode) == 0o1777
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600

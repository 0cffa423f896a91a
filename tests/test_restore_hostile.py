"""Hostile backups: entries outside the folder, zip bombs, another centre's data, files of the wrong shape."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from sessions import backup_check
from sessions.backup_check import BackupRefused
from sessions.centre import CENTRE_FILE, read_centre
from sessions.demo import seed_demo
from sessions.restore import restore_backup
from sessions.storage.backup import BACKUPS, take_backup
from sessions.storage.damage import pending_damaged
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.cli import main
from tui.screens.staff.restore import RestoreDamagedDialog

MB = 1024 * 1024
WEEK = "logs/2026-W48.laptop-1a2b.json"


def _data(tmp_path: Path, clock: Clock, name: str = "data") -> Path:
    data = tmp_path / name
    with Store(data) as store:
        seed_demo(store, clock())
    with Store(data, repair=True):  # as the command line opens it: whatever a start makes is made now
        pass
    return data


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _zip(path: Path, members: dict[str | zipfile.ZipInfo, object]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data if isinstance(data, str | bytes) else json.dumps(data))
    return path


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, backup: Path, entry: str) -> str:
    before = _files(tmp_path)
    capsys.readouterr()
    assert main(["restore", str(backup), "--data-dir", str(data)]) == 4
    said = capsys.readouterr().err
    assert "Nothing was restored" in said and entry in said
    assert _files(tmp_path) == before  # nothing outside the folder, nor inside it, changed
    return said


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize("entry", ["../outside.json", "ABSOLUTE", "logs/../../outside.json", "C:/outside.json"])
def test_an_entry_outside_the_data_folder_refuses_the_whole_restore(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    data = _data(tmp_path, clock)
    (tmp_path / "outside.json").write_text('{"checkins": {"1": {"id": "mine"}}}', "utf-8")
    entry = str(tmp_path / "abs.json") if entry == "ABSOLUTE" else entry
    registry = json.loads(own_registry(data).read_text("utf-8"))
    hostile = {"registry.json": registry, entry: {"checkins": {"1": {"id": "theirs"}}}}
    _refused(capsys, tmp_path, data, _zip(tmp_path / "hostile.zip", hostile), entry)
    assert not (tmp_path / "abs.json").exists()


def test_a_symbolic_link_or_a_strange_name_is_refused(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(tmp_path, clock)
    said = _refused(capsys, tmp_path, data, _zip(tmp_path / "link.zip", {_symlink(WEEK): "/etc/passwd"}), WEEK)
    assert "symbolic link" in said
    said = _refused(capsys, tmp_path, data, _zip(tmp_path / "odd.zip", {"exports/x.json": {}}), "exports/x.json")
    assert "not a file a backup holds" in said


def _bomb(path: Path, size_mb: int) -> Path:
    """Valid JSON (a week file padded with spaces), written a megabyte at a time: a small zip, a big member."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(WEEK, "w", force_zip64=True) as member:
            member.write(b'{"checkins": {')
            for _ in range(size_mb):
                member.write(b" " * MB)
            member.write(b"}}")
    return path


@pytest.mark.parametrize(("size_mb", "why"), [(70, "at most 64 MB"), (2, "times its packed size")])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], size_mb: int, why: str
) -> None:
    data = _data(tmp_path, clock)
    bomb = _bomb(tmp_path / "bomb.zip", size_mb)
    assert bomb.stat().st_size < size_mb * MB // 100
    assert why in _refused(capsys, tmp_path, data, bomb, WEEK)


def test_members_too_big_together_are_refused(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _data(tmp_path, clock)
    monkeypatch.setattr(backup_check, "MAX_TOTAL_MB", 1)  # the real limit, 512 MB, is too big for a test
    weeks = {f"logs/2026-W{w}.laptop-1a2b.json": {"checkins": {"1": {"id": "x" * 600_000}}} for w in (40, 41)}
    said = _refused(capsys, tmp_path, data, _zip(tmp_path / "big.zip", weeks), "")
    assert "at most 1 MB" in said


def _other_centre(tmp_path: Path, clock: Clock) -> Path:
    """The demo centre set up a second time, elsewhere: the same card codes, other people."""
    other = _data(tmp_path, clock, "other")
    return take_backup(other, clock(), folder=tmp_path / "their-backups").path


def test_a_backup_of_another_centre_is_refused(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(tmp_path, clock)
    theirs = _other_centre(tmp_path, clock)
    said = _refused(capsys, tmp_path, data, theirs, "another centre")
    assert (read_centre(data) or "")[:8] in said


def test_an_old_backup_without_a_centre_is_judged_by_its_people(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(tmp_path, clock)
    with zipfile.ZipFile(_other_centre(tmp_path, clock)) as archive:
        legacy = {n: archive.read(n) for n in archive.namelist() if n != CENTRE_FILE}
    said = _refused(capsys, tmp_path, data, _zip(tmp_path / "legacy.zip", legacy), "belongs to another person")
    assert "another centre" in said
    with zipfile.ZipFile(take_backup(data, clock(), folder=tmp_path / "mine").path) as archive:
        mine = {n: archive.read(n) for n in archive.namelist() if n != CENTRE_FILE}
    with Store(data, repair=True, now=clock()) as store:
        people = len(store.registry.participants())
        restore_backup(store, _zip(tmp_path / "mine-legacy.zip", mine), clock())  # this centre's own: accepted
        assert len(store.registry.participants()) == people


def test_a_new_empty_folder_takes_the_centre_of_the_backup_restored_into_it(tmp_path: Path, clock: Clock) -> None:
    theirs = _other_centre(tmp_path, clock)
    with zipfile.ZipFile(theirs) as archive:
        centre = json.loads(archive.read(CENTRE_FILE))["centre"]
    with Store(tmp_path / "new-laptop", repair=True, now=clock()) as store:
        restore_backup(store, theirs, clock())
        assert store.centre == centre and len(store.registry.participants()) > 0
    assert read_centre(tmp_path / "new-laptop") == centre


@pytest.mark.parametrize(
    ("entry", "content"),
    [
        ("registry.json", {"settings": [1]}),
        ("registry.json", {"cards": {"1": {"code": 5, "participant_id": "p", "issued": "x"}}}),
        ("registry.json", {"participants": {"one": {"id": "p"}}}),
        ("registry.json", {"participants": {"1": {"id": "p", "groups": 5}}}),
        ("registry.json", [1]),
        ("pin-tries.json", {"failures": "many"}),
        ("pin-tries.json", {"failures": 1, "locked_until": None, "by": "me"}),
        (WEEK, {"checkins": {"1": 5}}),
        (WEEK, {"people": {}}),
        ("device.json", {"device": "../../x"}),
        (CENTRE_FILE, {"centre": 1}),
        ("registry.json", "{not json"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_and_named(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], entry: str, content: object
) -> None:
    data = _data(tmp_path, clock)
    _refused(capsys, tmp_path, data, _zip(tmp_path / "shape.zip", {entry: content}), entry)


def test_the_backups_the_app_takes_restore_as_before(tmp_path: Path, clock: Clock) -> None:
    data = _data(tmp_path, clock)
    backup = take_backup(data, clock())
    assert backup.path.parent == data / BACKUPS and CENTRE_FILE in backup.members
    with Store(data, repair=True, now=clock()) as store:
        done = restore_backup(store, backup.path, clock())
    assert CENTRE_FILE not in done.files and "registry.json" in done.files
    (tmp_path / "notes.zip").write_text("not a zip", "utf-8")
    with Store(data, repair=True, now=clock()) as store, pytest.raises(BackupRefused, match="not a backup zip"):
        restore_backup(store, tmp_path / "notes.zip", clock())


async def test_f5_on_the_home_screen_refuses_a_hostile_backup_and_changes_nothing(tmp_path: Path, clock: Clock) -> None:
    data = _data(tmp_path, clock)
    (tmp_path / "outside.json").write_text('{"checkins": {}}', "utf-8")
    registry = own_registry(data)
    hostile = {"registry.json": registry.read_text("utf-8"), "../outside.json": {"checkins": {"1": {"id": "theirs"}}}}
    (data / BACKUPS).mkdir(exist_ok=True)
    _zip(data / BACKUPS / "centrelog-20991231-000000.zip", hostile)
    registry.write_bytes(registry.read_bytes()[:-200])  # torn by a failing disk
    with Store(data, repair=True, now=clock()) as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f5")  # no PIN anywhere, and none may be chosen while the registry is set aside
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            before = _files(tmp_path)
            await pilot.press("enter")
            await settle(pilot, lambda: "NOT restored" in screen_text(app))
            assert "../outside.json" in screen_text(app)
        assert _files(tmp_path) == before
        assert [a.member for a in pending_damaged(data)] == ["registry.json"]

"""A damaged or replaced registry lets no new staff PIN take over: a restore asks for, and keeps, the backup's."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input

from sessions.demo import seed_demo
from sessions.pin import check_pin, has_pin, set_pin
from sessions.storage.backup import BACKUPS, backups_in, take_backup
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.cli import main
from tui.commands._pin import EXIT_PIN, PIN_ENV
from tui.commands.restore import EXIT_REFUSED
from tui.screens.home import HomeScreen
from tui.screens.staff.pin import PinDialog
from tui.screens.staff.restore import RestoreDamagedDialog

OLD, NEW = "4711", "9999"


def _centre(data: Path, clock: Clock, pin: str | None = OLD) -> Path:
    """A centre with people and (maybe) a PIN, backed up with the real command; the backup's path."""
    with Store(data) as store:
        seed_demo(store, clock())
        if pin is not None:
            set_pin(store.registry, pin, pin)
    assert main(["backup", "--data-dir", str(data)]) == 0
    [backup] = backups_in(data / BACKUPS)
    return backup


def _pin_ok(data: Path, clock: Clock, pin: str) -> bool:
    with Store(data) as store:
        return check_pin(store.registry, store.data_dir, pin, clock()).ok


def _state(data: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file() and p.name != "pin-tries.json"
    }


async def test_a_damaged_registry_lets_no_new_pin_take_over(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    _centre(data, clock)
    own_registry(data).write_text("[]", "utf-8")  # the reviewer's damage
    clock.tick(hours=1)
    with Store(data, repair=True, now=clock()) as store:
        assert not has_pin(store.registry)
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("3")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            assert "restore the register first" in screen_text(app)
            assert not app.screen.query(Input)  # nothing to type a new PIN into
            await pilot.press(*NEW, "enter", *NEW, "enter")
            assert not has_pin(store.registry)
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
            # A PIN set in the stand-in registry anyway (as an older version allowed):
            set_pin(store.registry, NEW, NEW)
            await pilot.press("f5")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await pilot.press(*NEW, "enter")
            await settle(pilot, lambda: "Wrong PIN" in screen_text(app))
            assert isinstance(app.screen, PinDialog)
            await pilot.press(*OLD, "enter")
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            await pilot.press("enter")
            await settle(pilot, lambda: "restored" in screen_text(app))
        assert store.registry.participants()
    assert not _pin_ok(data, clock, NEW)
    assert _pin_ok(data, clock, OLD)


def test_restore_needs_the_pin_and_changes_nothing_without_it(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    backup = _centre(data, clock)
    argv = ["restore", str(backup), "--data-dir", str(data)]
    before = _state(data)
    monkeypatch.delenv(PIN_ENV, raising=False)
    assert main(argv) == EXIT_PIN
    monkeypatch.setenv(PIN_ENV, "1234")
    assert main(argv) == EXIT_PIN
    assert "Wrong PIN" in capsys.readouterr().err
    assert _state(data) == before  # no safety backup, no record merged
    monkeypatch.setenv(PIN_ENV, OLD)
    assert main(argv) == 0
    assert len(backups_in(data / BACKUPS)) == 2  # the safety backup taken first


def test_restore_into_a_set_aside_registry_asks_and_keeps_the_backups_pin(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    backup = _centre(data, clock)
    own_registry(data).write_text("[]", "utf-8")
    with Store(data, repair=True, now=clock()) as store:
        set_pin(store.registry, NEW, NEW)  # chosen in the stand-in registry
    argv = ["restore", str(backup), "--data-dir", str(data)]
    before = _state(data)
    monkeypatch.setenv(PIN_ENV, NEW)
    assert main(argv) == EXIT_PIN
    assert _state(data) == before
    monkeypatch.setenv(PIN_ENV, OLD)
    assert main(argv) == 0
    assert _pin_ok(data, clock, OLD)
    assert not _pin_ok(data, clock, NEW)


def test_restore_into_an_empty_registry_is_checked_against_the_backup(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    backup = _centre(data, clock)
    own_registry(data).unlink()
    argv = ["restore", str(backup), "--data-dir", str(data)]
    monkeypatch.delenv(PIN_ENV, raising=False)
    assert main(argv) == EXIT_PIN
    with Store(data) as store:
        assert not store.registry.participants()  # nothing brought back
    monkeypatch.setenv(PIN_ENV, OLD)
    assert main(argv) == 0
    assert _pin_ok(data, clock, OLD)


def test_a_backup_without_a_pin_restores_as_before(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    backup = _centre(data, clock, pin=None)
    monkeypatch.delenv(PIN_ENV, raising=False)
    assert main(["restore", str(backup), "--data-dir", str(data)]) == 0


def test_a_backup_with_a_strange_pin_hash_is_refused_and_named(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    backup = _centre(data, clock)
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    registry = json.loads(members["registry.json"])
    for doc in registry["settings"].values():
        if doc["key"] == "staff_pin":
            doc["value"]["n"] = 2**30  # an scrypt cost that would take gigabytes at every try
    members["registry.json"] = json.dumps(registry).encode()
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    own_registry(data).write_text("[]", "utf-8")
    with Store(data, repair=True, now=clock()):
        pass  # set aside, as any start does
    before = _state(data)
    monkeypatch.setenv(PIN_ENV, OLD)
    assert main(["restore", str(hostile), "--data-dir", str(data)]) == EXIT_REFUSED
    said = capsys.readouterr().err
    assert "registry.json" in said and "staff PIN" in said
    assert _state(data) == before


async def test_f5_restores_the_registry_from_the_backup_before_it_was_set_aside(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        seed_demo(store, clock())
        set_pin(store.registry, OLD, OLD)
        people = len(store.registry.participants())
    before_damage = take_backup(data, clock()).path
    clock.tick(hours=1)
    own_registry(data).write_text("[]", "utf-8")
    with Store(data, repair=True, now=clock()) as store:
        store.registry.set_settings({"backup_mirror": ""})  # the stand-in registry gets written
        clock.tick(minutes=5)
        since = take_backup(data, clock()).path  # holds the stand-in registry, nobody in it
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f5")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await pilot.press(*OLD, "enter")
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            assert before_damage.name in screen_text(app) and since.name not in screen_text(app)
            await pilot.press("enter")
            await settle(pilot, lambda: "restored" in screen_text(app))
        assert len(store.registry.participants()) == people

"""The staff PIN: hashed, a growing wait after wrong tries, asked before the staff screens."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from sessions.pin import FREE_TRIES, check_pin, has_pin, set_pin, wait_after
from sessions.registry import EntryError
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.commands._pin import EXIT_PIN
from tui.screens.staff.menu import StaffScreen
from tui.screens.staff.pin import PinDialog


def test_the_pin_is_stored_as_a_salted_hash(store: Store) -> None:
    set_pin(store.registry, "482915")
    assert has_pin(store.registry)
    assert "482915" not in own_registry(store.data_dir).read_text("utf-8")
    first = store.registry.setting("staff_pin")
    set_pin(store.registry, "482915")
    assert store.registry.setting("staff_pin")["hash"] != first["hash"]  # a new salt each time


@pytest.mark.parametrize("bad", ["123", "12ab", "1234567890123", "١٢٣٤"])
def test_a_bad_pin_is_refused_with_a_sentence(store: Store, bad: str) -> None:
    with pytest.raises(EntryError):
        set_pin(store.registry, bad)
    assert not has_pin(store.registry)


def test_wrong_tries_lock_for_longer_and_longer(store: Store, clock: Clock) -> None:
    set_pin(store.registry, "4829")
    waits = []
    for _ in range(FREE_TRIES + 2):
        result = check_pin(store.registry, store.data_dir, "0000", clock())
        assert not result.ok
        waits.append(result.locked_until - clock() if result.locked_until else timedelta(0))
        if result.locked_until:
            clock.now = result.locked_until
    assert waits[: FREE_TRIES - 1] == [timedelta(0)] * (FREE_TRIES - 1)
    assert timedelta(0) < waits[FREE_TRIES - 1] < waits[FREE_TRIES] < waits[FREE_TRIES + 1]
    assert wait_after(1000) == wait_after(2000)  # capped


def test_while_locked_even_the_right_pin_waits(store: Store, clock: Clock) -> None:
    set_pin(store.registry, "4829")
    for _ in range(FREE_TRIES):
        locked = check_pin(store.registry, store.data_dir, "1111", clock())
    assert locked.locked_until is not None
    assert not check_pin(store.registry, store.data_dir, "4829", clock()).ok
    clock.now = locked.locked_until
    assert check_pin(store.registry, store.data_dir, "4829", clock()).ok
    assert check_pin(store.registry, store.data_dir, "1111", clock()).locked_until is None  # count reset


async def test_staff_role_asks_for_a_pin_and_refuses_a_wrong_one(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "data") as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await pilot.press(*"2468", "enter", *"2468", "enter")
            await settle(pilot, lambda: isinstance(app.screen, StaffScreen))
            assert has_pin(store.registry)
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, StaffScreen))
            await pilot.press("3")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            for _ in range(FREE_TRIES):
                await pilot.press(*"1357", "enter")
                await settle(pilot, lambda: "Wrong PIN" in screen_text(app))
            assert "Locked until" in screen_text(app)
            assert isinstance(app.screen, PinDialog)
            await pilot.press(*"2468", "enter")  # right, but locked: still refused
            await settle(pilot, lambda: "Still locked" in screen_text(app))
            assert isinstance(app.screen, PinDialog)
            clock.tick(hours=1)
            await pilot.press(*"2468", "enter")
            await settle(pilot, lambda: isinstance(app.screen, StaffScreen))
            assert isinstance(app.screen, StaffScreen)


def _cli(data: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "participants", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
        check=False,
    )


def test_the_command_line_needs_the_pin_for_personal_data(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_participant(clock(), first_name="Zenta", last_name="Ozola")
        set_pin(store.registry, "9753")
    env = {k: v for k, v in os.environ.items() if k != "CENTRELOG_PIN"}
    refused = subprocess.run(
        [sys.executable, "-m", "tui", "participants", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    assert refused.returncode == EXIT_PIN and "CENTRELOG_PIN" in refused.stderr and "Ozola" not in refused.stdout
    wrong = _cli(tmp_path, {"CENTRELOG_PIN": "1111"})
    assert wrong.returncode == EXIT_PIN and "Ozola" not in wrong.stdout
    right = _cli(tmp_path, {"CENTRELOG_PIN": "9753"})
    assert right.returncode == 0 and "Ozola Zenta" in right.stdout

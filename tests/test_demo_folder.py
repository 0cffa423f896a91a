"""The demo's throwaway folder goes when the app or command ends; one a killed run left is swept later."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.cli import main, make_app
from tui.demo_folder import PREFIX, STALE_AFTER_S, sweep_stale_demo_folders

ROOT = Path(__file__).parents[1]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temp folder the demo makes its folder in, for this test alone."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    yield root


def _demo_folders(root: Path) -> list[Path]:
    return sorted(root.glob(PREFIX + "*"))


def test_a_demo_command_lists_the_codes_and_leaves_no_folder(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["participants", "--codes", "--demo"]) == 0
    assert len(re.findall(r"^\d{3} \d{3} \d{4}  ", capsys.readouterr().out, re.M)) == 39
    assert _demo_folders(temp_root) == []


def test_a_demo_in_a_named_folder_stays(temp_root: Path, tmp_path: Path) -> None:
    data = tmp_path / "kept"
    assert main(["participants", "--codes", "--demo", "--data-dir", str(data)]) == 0
    assert (data / "registry").is_dir()


def _start_in_a_terminal(temp_root: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`centrelog --demo` in a real 80x24 pseudo-terminal, as a person starts it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TMPDIR": str(temp_root), "TERM": "xterm-256color"}
    app = subprocess.Popen(
        [sys.executable, "-m", "tui", "--demo", "--lang", "en"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    return app, master


def _read_until(master: int, app: subprocess.Popen[bytes], text: bytes, timeout: float = 60) -> bytes:
    """What the app drew until `text` showed (or it ended, or the time ran out)."""
    shown = b""
    deadline = time.monotonic() + timeout
    while text not in shown and app.poll() is None and time.monotonic() < deadline:
        ready, _w, _x = select.select([master], [], [], 0.2)
        if ready:
            try:
                shown += os.read(master, 65536)
            except OSError:
                break
    return shown


def _words(drawn: bytes) -> str:
    """What the terminal shows, without its control sequences or spaces (a long line folds anywhere)."""
    text = re.sub(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]", "", drawn.decode("utf-8", "replace"))
    return re.sub(r"\s+", "", text)


def _drain_until_exit(master: int, app: subprocess.Popen[bytes]) -> int:
    _read_until(master, app, b"\0never\0")
    os.close(master)
    return app.wait(timeout=60)


@pytest.mark.parametrize(
    "how",
    [
        pytest.param(lambda app, master: os.write(master, b"\x11"), id="ctrl+q"),
        pytest.param(lambda app, master: os.kill(app.pid, signal.SIGINT), id="ctrl+c"),
        pytest.param(lambda app, master: os.kill(app.pid, signal.SIGTERM), id="kill"),
        pytest.param(lambda app, master: os.kill(app.pid, signal.SIGHUP), id="terminal closed"),
    ],
)
def test_the_demo_folder_is_gone_when_the_app_quits(temp_root: Path, how: object) -> None:
    app, master = _start_in_a_terminal(temp_root)
    try:
        shown = _read_until(master, app, b"quits")
        assert "removedwhentheappquits" in _words(shown), shown[-2000:]
        (folder,) = _demo_folders(temp_root)
        assert (folder / "registry").is_dir()
        how(app, master)  # type: ignore[operator]
        assert _drain_until_exit(master, app) == 0
    finally:
        if app.poll() is None:
            app.kill()
    assert _demo_folders(temp_root) == []


def _stale(root: Path, name: str, age_s: float) -> Path:
    folder = root / (PREFIX + name)
    (folder / "local").mkdir(parents=True)
    (folder / "registry.json").write_text("{}", "utf-8")
    moment = time.time() - age_s
    os.utime(folder, (moment, moment))
    return folder


def test_a_later_start_sweeps_only_old_unlocked_demo_folders_of_this_user(temp_root: Path, tmp_path: Path) -> None:
    old = _stale(temp_root, "old", STALE_AFTER_S + 60)
    young = _stale(temp_root, "young", STALE_AFTER_S - 600)
    busy = _stale(temp_root, "busy", 0)
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", "utf-8")
    link = temp_root / (PREFIX + "link")
    link.symlink_to(elsewhere, target_is_directory=True)
    other = temp_root / "centrelog-data"
    other.mkdir()
    with Store(busy):  # a demo still running holds its lock
        moment = time.time() - 2 * STALE_AFTER_S
        os.utime(busy, (moment, moment))
        os.utime(link, (moment, moment), follow_symlinks=False)
        removed = sweep_stale_demo_folders()
    assert removed == [old]
    assert not old.exists()
    assert young.is_dir() and busy.is_dir() and other.is_dir()
    assert link.is_symlink() and (elsewhere / "keep.txt").read_text("utf-8") == "mine"


def test_a_demo_start_sweeps_what_a_killed_run_left(temp_root: Path) -> None:
    left = _stale(temp_root, "killed", STALE_AFTER_S + 60)
    assert main(["participants", "--demo"]) == 0
    assert _demo_folders(temp_root) == []
    assert not left.exists()


async def test_the_home_screen_says_the_demo_folder_goes_at_quit(demo_store: Store, clock: Clock) -> None:
    for throwaway, said in ((True, True), (False, False)):
        app = make_app(demo_store, demo=True, throwaway=throwaway, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: "Demo data in" in screen_text(app))  # noqa: B023
            assert ("removed when the app quits" in screen_text(app)) is said

"""Owner-only: the data folder is 0700 and every file the app writes is 0600, exports and backups too."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sessions.store import Store


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CENTRELOG_PIN"}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_every_folder_and_file_is_the_owners_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cli("participants", "--demo", "--data-dir", str(data)).returncode == 0
    assert _cli("backup", "--data-dir", str(data)).returncode == 0
    week = sorted((data / "logs").iterdir())[-1].name.split(".")[0]
    for fmt in ("csv", "xlsx"):
        _cli("export", "--data-dir", str(data), "--week", week, "--format", fmt)
    seen = []
    for folder, dirs, files in os.walk(data):
        for name in dirs:
            assert stat.S_IMODE(os.stat(Path(folder, name)).st_mode) == 0o700, Path(folder, name)
        for name in files:
            path = Path(folder, name)
            assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path
            seen.append(path.relative_to(data).parts[0])
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert {"registry", "local", "logs", "backups", "exports"} <= set(seen)


def test_a_data_folder_made_too_open_is_closed_again(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    with Store(tmp_path):
        assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700

"""Take a backup in a process of its own: the zip never competes with scans for the app's CPU or memory."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sessions.storage.idle import only_when_idle

if TYPE_CHECKING:
    from sessions.storage.backup import Backup

__all__ = ["take_backup_in_child"]


def take_backup_in_child(data_dir: Path, now: datetime) -> Backup:
    """Run take_backup in a child process at low priority and return what it made.

    A full disk comes back as OSError with its errno; anything else that failed as BackupFailed.
    """
    from sessions.storage.backup import Backup, BackupFailed
    from sessions.storage.disk import DISK_FULL

    result = subprocess.run(
        [sys.executable, "-m", "sessions.storage.backup_job", str(data_dir), now.isoformat()],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        answer = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise BackupFailed(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no answer") from None
    if answer.get("errno") in DISK_FULL:  # the child's disk is full: said so, as it would be in this process
        raise OSError(answer["errno"], answer["error"])
    if "error" in answer:
        raise BackupFailed(answer["error"])
    return Backup(
        Path(answer["path"]),
        datetime.fromisoformat(answer["taken"]),
        tuple(answer["members"]),
        tuple(Path(p) for p in answer["left_out"]),
    )


def main(argv: list[str]) -> int:
    """The child: back up `argv[0]` as of `argv[1]`, answer in one JSON line."""
    only_when_idle()  # before anything else is imported: the imports too give way to the app
    from sessions.storage.backup import BackupFailed, take_backup

    data_dir, moment = Path(argv[0]), datetime.fromisoformat(argv[1])
    try:
        backup = take_backup(data_dir, moment)
    except (OSError, BackupFailed) as error:
        print(json.dumps({"error": str(error), "errno": getattr(error, "errno", None)}))
        return 1
    print(
        json.dumps(
            {
                "path": str(backup.path),
                "taken": backup.taken.isoformat(),
                "members": list(backup.members),
                "left_out": [str(p) for p in backup.left_out],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

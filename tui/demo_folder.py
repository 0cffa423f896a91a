"""The throwaway folder of `--demo`: made at start, removed when the app or command ends.

A folder left behind by a run that could not clean up (kill -9, a power cut,
a closed terminal) is removed by a later `--demo` start once it is more than a
day old and no copy of the app holds its lock. Only folders of this user named
`centrelog-demo-*` in the temp folder are ever touched.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from filelock import FileLock, Timeout

from sessions.storage.local import local_dir

__all__ = ["PREFIX", "STALE_AFTER_S", "make_demo_folder", "remove_demo_folder", "sweep_stale_demo_folders"]

PREFIX = "centrelog-demo-"
#: A folder untouched for this long, whose lock is free, was left by a run that ended without cleaning up.
STALE_AFTER_S = 24 * 3600
#: The lock a running app or command holds in its data folder (sessions/store.py).
LOCK_NAME = ".centrelog.lock"


def make_demo_folder() -> Path:
    """A new, empty folder of this user's alone for demo data."""
    return Path(tempfile.mkdtemp(prefix=PREFIX))


def remove_demo_folder(folder: Path) -> None:
    """Remove the demo folder and everything in it; a failure leaves it for a later start to sweep."""
    shutil.rmtree(folder, ignore_errors=True)


def _ours(path: Path) -> bool:
    """A real folder (not a link) of this user, named as the demo names its folders."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return path.name.startswith(PREFIX) and stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def _lock_free(folder: Path) -> bool:
    lock_path = local_dir(folder) / LOCK_NAME
    if not lock_path.exists():
        return True
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return False
    except OSError:
        return False  # a lock file that cannot be opened: leave the folder alone
    lock.release()
    return True


def sweep_stale_demo_folders(root: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove demo folders in `root` (the temp folder) older than a day whose lock is free; the ones removed."""
    root = Path(root or tempfile.gettempdir())
    moment = time.time() if now is None else now
    removed = []
    try:
        candidates = sorted(root.glob(PREFIX + "*"))
    except OSError:
        return []
    for folder in candidates:
        try:
            old = moment - folder.lstat().st_mtime > STALE_AFTER_S
        except OSError:
            continue
        if old and _ours(folder) and _lock_free(folder):
            remove_demo_folder(folder)
            if not folder.exists():
                removed.append(folder)
    return removed

"""Which week files of other laptops are new, changed or gone since the last look: stat calls, nothing read.

A file is known by its name, size, mtime_ns and inode, never by its mtime alone: a sync engine keeps
the sender's mtime, so a file that arrives late may well be "older" than the last one seen.
Syncthing renames every file it receives into place (a new inode, and a change of the folder's own
mtime), so a look that finds the folder as it was skips the files; every `FULL_EVERY`th look stats
them all anyway (a folder's mtime may be coarse, and another tool may write in place).
"""

from __future__ import annotations

import os
from pathlib import Path

from sessions.storage.copies import log_name

__all__ = ["FULL_EVERY", "LogWatch"]

FULL_EVERY = 10

#: (size, mtime_ns, inode)
Signature = tuple[int, int, int]


class LogWatch:
    """The week files (and journals) of other laptops, and every conflict copy, as last seen."""

    def __init__(self, logs_dir: Path, device: str) -> None:
        self.logs_dir = logs_dir
        self.device = device
        self._folder: tuple[int, int] | None = None
        self._looks = 0
        self._seen = self._scan()

    def _watched(self, name: str) -> bool:
        log = log_name(name)
        # This laptop's own files change with every write it makes; a copy of one is news.
        return log is not None and (log.device != self.device or bool(log.copy))

    def _scan(self) -> dict[str, Signature]:
        try:
            folder = os.stat(self.logs_dir)  # before the listing: a file renamed in meanwhile shows next time
        except FileNotFoundError:
            self._folder = None
            return {}
        self._folder = (folder.st_mtime_ns, folder.st_ino)
        seen = {}
        with os.scandir(self.logs_dir) as entries:
            for entry in entries:
                if self._watched(entry.name):
                    try:
                        found = entry.stat()
                    except FileNotFoundError:
                        continue
                    seen[entry.name] = (found.st_size, found.st_mtime_ns, found.st_ino)
        return seen

    def _folder_as_before(self) -> bool:
        try:
            folder = os.stat(self.logs_dir)
        except FileNotFoundError:
            return self._folder is None
        return self._folder == (folder.st_mtime_ns, folder.st_ino)

    def changed(self) -> list[Path]:
        """The watched files new, changed or gone since the last look."""
        self._looks += 1
        if self._looks % FULL_EVERY and self._folder_as_before():
            return []
        before, self._seen = self._seen, self._scan()
        names = {name for name, seen in self._seen.items() if before.get(name) != seen}
        names |= before.keys() - self._seen.keys()
        return [self.logs_dir / name for name in sorted(names)]

"""Damaged data files: set aside (never replaced by an empty one), and stale temp files removed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessions.i18n import _
from sessions.storage.durable import DamagedFile, fsync_dir
from sessions.storage.journal import journal_path, read_log
from sessions.storage.shapes import check_shape

__all__ = [
    "SetAside",
    "pending_damaged",
    "refuse_waiting",
    "remove_stale_temps",
    "set_aside_if_damaged",
    "set_aside_seen",
]

_ASIDE = re.compile(r"^(?P<name>.+\.json)\.damaged-(?P<stamp>\d{8}-\d{6})$")
SEEN_SUFFIX = ".seen"


@dataclass(frozen=True)
class SetAside:
    """A data file that did not parse, and where it now lies."""

    original: Path
    aside: Path
    reason: str = ""

    @property
    def member(self) -> str:
        """Its name inside a backup, relative to the data folder."""
        folder = self.original.parent
        if folder.name == "logs":
            return f"logs/{self.original.name}"
        if folder.name == "registry":
            return "registry.json"  # a backup holds every laptop's registry file merged into one
        return self.original.name


def remove_stale_temps(data_dir: Path) -> list[Path]:
    """Remove temp files an interrupted write left behind (the real files are whole).

    The sync engine's own (`.syncthing.*.tmp`, a file it is still receiving) are its to remove.
    """
    removed = []
    for folder in (data_dir, data_dir / "logs", data_dir / "backups", data_dir / "registry", data_dir / "local"):
        if folder.is_dir():
            for path in folder.glob(".*.tmp"):
                if path.name.startswith(".syncthing."):
                    continue
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def set_aside_if_damaged(path: Path, now: datetime) -> SetAside | None:
    """Move a file that does not parse, or is not of its shape, to `<name>.damaged-<time>`; None when it is fine."""
    try:
        tables = read_log(path)
        if tables is not None:
            check_shape(path, tables)
    except DamagedFile as error:
        stamp = f"damaged-{now:%Y%m%d-%H%M%S}"
        aside = path.with_name(f"{path.name}.{stamp}")
        journal = journal_path(path)
        if journal.exists():  # the file and its journal are one: they go aside together
            os.replace(journal, journal.with_name(f"{journal.name}.{stamp}"))
        if path.exists():
            os.replace(path, aside)
        else:
            aside.write_bytes(b"")  # only the journal was there: staff still see the week named
        fsync_dir(path.parent)
        return SetAside(path, aside, error.reason)
    return None


def pending_damaged(data_dir: Path) -> list[SetAside]:
    """Files set aside and not yet restored or dismissed, oldest first."""
    found = []
    for folder in (data_dir, data_dir / "logs", data_dir / "registry", data_dir / "local"):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _ASIDE.match(path.name)
            if match:
                found.append((match["stamp"], SetAside(folder / match["name"], path)))
    return [aside for _stamp, aside in sorted(found, key=lambda pair: pair[0])]


def refuse_waiting(aside: SetAside | None) -> None:
    """Raise DamagedFile for a week whose file lies set aside: counting it without that file is not the week."""
    if aside is not None:
        reason = _("set aside as damaged and not yet restored; restore it (F5 on the home screen) or keep it as it is")
        raise DamagedFile(aside.aside, reason)


def set_aside_seen(aside: SetAside) -> Path:
    """Staff have dealt with it: keep the damaged copy, stop reminding."""
    seen = aside.aside.with_name(aside.aside.name + SEEN_SUFFIX)
    os.replace(aside.aside, seen)
    stamp = aside.aside.name.rsplit(".", 1)[-1]  # damaged-<time>
    journal = journal_path(aside.original)
    journal_aside = journal.with_name(f"{journal.name}.{stamp}")
    if journal_aside.exists():  # the journal that went aside with the file
        os.replace(journal_aside, journal_aside.with_name(journal_aside.name + SEEN_SUFFIX))
    return seen

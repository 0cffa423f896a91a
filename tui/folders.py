"""Where people keep files, and what a folder holds that fits: what the file picker shows, without Textual.

The usual places are the home folder, its Downloads folder (under the name
the desktop gave it, such as Lejupielādes or Загрузки) and every USB stick or
disk mounted under /media/<user>, /run/media/<user> or /mnt. A folder lists
its sub-folders and only the files that fit (by their ending); hidden ones
(starting with ".") are left out.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

__all__ = [
    "MEDIA_FOLDERS",
    "Entry",
    "Place",
    "downloads_folder",
    "fits",
    "folder_entries",
    "is_file",
    "is_folder",
    "usual_places",
]

#: Where sticks and disks are mounted ("{user}": the login name). Tests point this at a folder of their own.
MEDIA_FOLDERS: tuple[str, ...] = ("/media/{user}", "/run/media/{user}", "/mnt")
_XDG_DOWNLOAD = re.compile(r'^XDG_DOWNLOAD_DIR="(?P<path>[^"]*)"', re.M)


@dataclass(frozen=True)
class Place:
    """A place to start from: `kind` is "home", "downloads", "stick" (named as the stick is) or the caller's own."""

    kind: str
    path: Path
    name: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of a folder's listing: a sub-folder, or a file that fits."""

    name: str
    path: Path
    folder: bool
    modified: datetime | None = None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def downloads_folder(home: Path) -> Path:
    """The Downloads folder as the desktop named it (~/.config/user-dirs.dirs), else ~/Downloads."""
    try:
        text = (home / ".config" / "user-dirs.dirs").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    match = _XDG_DOWNLOAD.search(text)
    if match:
        named = match["path"].replace("$HOME", str(home))
        if named and Path(named) != home:
            return Path(named)
    return home / "Downloads"


def is_folder(path: Path) -> bool:
    """Whether `path` is a folder one can look at (a folder behind a locked one is not)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def is_file(path: Path) -> bool:
    """Whether `path` is a file (an unreachable one is not)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _sticks(media: Sequence[str]) -> list[Place]:
    found: list[Place] = []
    user = _user()
    for pattern in media:
        root = Path(pattern.format(user=user))
        try:
            children = sorted(root.iterdir(), key=lambda p: p.name.casefold())
        except OSError:
            continue
        found += [
            Place("stick", child, child.name)
            for child in children
            if not child.name.startswith(".") and is_folder(child)
        ]
    return found


def usual_places(home: Path | None = None, media: Sequence[str] | None = None) -> list[Place]:
    """Home, Downloads (when it exists) and every mounted stick, in that order."""
    home = Path.home() if home is None else home
    places = [Place("home", home)]
    downloads = downloads_folder(home)
    if is_folder(downloads):
        places.append(Place("downloads", downloads))
    return places + _sticks(MEDIA_FOLDERS if media is None else media)


def fits(name: str, endings: Sequence[str]) -> bool:
    """Whether a file's name ends in one of `endings` (any case); every file fits when there are none."""
    lower = name.lower()
    return not endings or any(lower.endswith(ending.lower()) for ending in endings)


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def folder_entries(folder: Path, endings: Sequence[str] = (), *, folders_only: bool = False) -> list[Entry]:
    """The sub-folders of `folder`, then the files that fit, each by name (any case); OSError when unreadable."""
    folders, files = [], []
    with os.scandir(folder) as listing:
        for item in listing:
            if item.name.startswith("."):
                continue
            try:
                a_folder = item.is_dir()  # a link to a folder is a folder
            except OSError:
                continue
            path = Path(item.path)
            if a_folder:
                folders.append(Entry(item.name, path, True))
            elif not folders_only and fits(item.name, endings):
                files.append(Entry(item.name, path, False, _modified(path)))
    return sorted(folders, key=lambda e: e.name.casefold()) + sorted(files, key=lambda e: e.name.casefold())

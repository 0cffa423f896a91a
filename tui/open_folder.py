"""Open a folder in the desktop's file manager, where there is a desktop: after an export, to find the file.

Where there is none (a console, a remote session) the screen only says the
path. Opening is never allowed to fail an export: any error is reported as
False, and the file manager runs on its own, detached from the app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path

from sessions.i18n import _

__all__ = ["can_open", "folder_opener", "open_folder", "open_folder_sentence", "where_written"]


def folder_opener(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that opens a folder on this desktop (xdg-open, else gio open), or None without a desktop."""
    env = os.environ if environ is None else environ
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return None
    path = env.get("PATH")
    for command in (["xdg-open"], ["gio", "open"]):
        found = shutil.which(command[0], path=path)
        if found:
            return [found, *command[1:]]
    return None


def open_folder(folder: Path, environ: Mapping[str, str] | None = None) -> bool:
    """Ask the desktop to show `folder`; True when the file manager was started."""
    opener = folder_opener(environ)
    if opener is None or not folder.is_dir():
        return False
    try:
        opening = subprocess.Popen(
            [*opener, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the file manager outlives the app and never writes over the screen
            env=dict(os.environ if environ is None else environ),
        )
    except OSError:
        return False
    threading.Thread(target=opening.wait, daemon=True).start()  # xdg-open ends at once: reaped, not left a zombie
    return True


def can_open(folder: Path | None) -> bool:
    """Whether a key to open `folder` makes sense here: something was written, and there is a desktop."""
    return folder is not None and folder_opener() is not None


def where_written(folder: Path) -> str:
    """What a screen adds after writing files into `folder`: the key that opens it, where a desktop can."""
    return _("F7 opens the folder.") if can_open(folder) else _("The folder: {folder}").format(folder=folder)


def open_folder_sentence(folder: Path | None) -> str:
    """Open `folder` and say what happened (the path, whatever happens)."""
    if folder is not None and open_folder(folder):
        return _("The folder {folder} is opening in the file manager.").format(folder=folder)
    return _("The folder could not be opened here; it is {folder}.").format(folder=folder or "")

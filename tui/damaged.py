"""A data file found damaged while the app runs (synced in from another laptop), said in a sentence naming it."""

from __future__ import annotations

from sessions.i18n import _
from sessions.storage.durable import DamagedFile

__all__ = ["damaged_sentence"]


def damaged_sentence(error: DamagedFile) -> str:
    """The file and what is wrong with it, and what staff do about it."""
    return _("A data file is damaged and was not changed: {path} ({reason}). Restore it from a backup.").format(
        path=error.path, reason=error.reason
    )

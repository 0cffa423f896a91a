"""A write the disk refused, said in words: a full disk as such, anything else by its reason."""

from __future__ import annotations

import errno

from sessions.i18n import N_, _

__all__ = ["DISK_FULL", "is_disk_full", "write_problem"]

#: No space left, over the quota, or a file not allowed to grow: the disk is full for this app.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


#: Other refusals a person can act on, in the screen's language rather than the system's English.
_REASONS = {
    errno.EACCES: N_("this user may not write there"),
    errno.EPERM: N_("this user may not write there"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("that is a folder, not a file"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
}


def is_disk_full(error: BaseException) -> bool:
    """Whether a failed write failed because the disk has no room left."""
    return isinstance(error, OSError) and error.errno in DISK_FULL


def write_problem(error: BaseException) -> str:
    """Why a write failed, in a few words to put in a sentence: the disk is full, or the error as it came."""
    if is_disk_full(error):
        return _("the disk is full")
    if isinstance(error, OSError) and error.errno in _REASONS:
        return _(_REASONS[error.errno])
    return (error.strerror if isinstance(error, OSError) else None) or str(error)

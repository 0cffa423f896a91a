"""A write the disk refused, said in words: a full disk as such, anything else by its reason."""

from __future__ import annotations

import errno

from sessions.i18n import _

__all__ = ["DISK_FULL", "is_disk_full", "write_problem"]

#: No space left, over the quota, or a file not allowed to grow: the disk is full for this app.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_disk_full(error: BaseException) -> bool:
    """Whether a failed write failed because the disk has no room left."""
    return isinstance(error, OSError) and error.errno in DISK_FULL


def write_problem(error: BaseException) -> str:
    """Why a write failed, in a few words to put in a sentence: the disk is full, or the error as it came."""
    if is_disk_full(error):
        return _("the disk is full")
    return (error.strerror if isinstance(error, OSError) else None) or str(error)

"""Work beside the app (a backup, the reports' summaries) in a process that only takes the processor when idle."""

from __future__ import annotations

import os

__all__ = ["only_when_idle"]


def only_when_idle() -> None:
    """Give this process the processor only when nothing else wants it.

    On Linux it joins the idle scheduling class: the app's thread, woken by a card's keys, takes
    the processor from it at once instead of sharing it. Elsewhere (or when that is refused) it
    is niced as far as it goes.
    """
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # type: ignore[attr-defined,unused-ignore]
        return
    except (AttributeError, OSError):
        pass
    try:
        os.nice(19)
    except OSError:
        pass

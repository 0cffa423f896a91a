"""Closed weeks summarised while the app runs: a little after start, then every few hours, in a child process.

The first report of the day then finds the summaries made (exports/summaries.py). The work
is a process of its own in the idle scheduling class, watched by a thread: a scan never waits for it.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["schedule_summaries", "stop_summaries"]

#: After the start-up backup has begun; the start itself is never slowed.
FIRST_AFTER_S = 10.0
EVERY_S = 6 * 60 * 60


def schedule_summaries(app: CentrelogApp) -> None:
    """Summarise closed weeks FIRST_AFTER_S after start, then every EVERY_S."""
    app.set_timer(FIRST_AFTER_S, lambda: start_summaries(app))
    app.set_interval(EVERY_S, lambda: start_summaries(app))


def start_summaries(app: CentrelogApp) -> None:
    """Run the summary job in a child process, watched by a thread of the app's (stop_summaries ends it)."""
    from exports.summary_job import summarise_in_child  # here: the reports' modules are not needed to start

    moment: datetime = app.clock()
    folder = app.store.data_dir
    app.run_worker(
        lambda: summarise_in_child(folder, moment, started=partial(setattr, app, "summary_job")),
        thread=True,
        exclusive=True,
        group="summaries",
        name="summaries",
        exit_on_error=False,
    )


def stop_summaries(app: CentrelogApp) -> None:
    """Quitting: a summary job still running is stopped, never waited for (the next start makes them)."""
    job = app.summary_job
    if job is not None and job.poll() is None:
        job.terminate()

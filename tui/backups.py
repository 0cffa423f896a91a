"""Backups while the app runs: one soon after the home screen shows, then once a day."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sessions.i18n import _
from sessions.storage.backup import BACKUPS, Backup, BackupFailed, backups_in, copy_to, taken_at
from sessions.storage.backup_job import take_backup_in_child
from sessions.storage.disk import write_problem
from tui.saving import not_saved

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["backup_if_due", "schedule_backups"]

#: The first backup waits until the screen is ready to scan.
FIRST_AFTER_S = 1.0
CHECK_EVERY_S = 15 * 60


def schedule_backups(app: CentrelogApp) -> None:
    """Take a backup after start, then check every quarter hour whether today's is done."""
    app.set_timer(FIRST_AFTER_S, lambda: start_backup(app))
    app.set_interval(CHECK_EVERY_S, lambda: backup_if_due(app))


def backup_if_due(app: CentrelogApp) -> None:
    """Start a backup unless one was already taken today."""
    newest = backups_in(app.store.data_dir / BACKUPS)
    taken = taken_at(newest[0]) if newest else None
    if taken is None or taken.date() != app.clock().date():
        start_backup(app)


def start_backup(app: CentrelogApp) -> None:
    """Zip the data folder in a child process, watched by a thread: scans never wait for it."""
    mirror = app.store.registry.setting("backup_mirror") or None
    moment = app.clock()
    app.run_worker(
        lambda: _back_up(app, moment, Path(mirror) if mirror else None),
        thread=True,
        exclusive=True,
        group="backup",
        name="backup",
    )


def _back_up(app: CentrelogApp, moment: datetime, mirror: Path | None) -> None:
    try:
        backup = take_backup_in_child(app.store.data_dir, moment.replace(tzinfo=None))
    except (OSError, BackupFailed) as error:
        app.call_from_thread(_done(app), None, _("The backup failed: {reason}.").format(reason=write_problem(error)))
        return
    problem = None
    if mirror is not None:
        try:
            copy_to(backup.path, mirror)
        except (OSError, BackupFailed) as error:
            problem = _("The backup copy to {folder} failed: {reason}.").format(
                folder=mirror, reason=write_problem(error)
            )
    app.call_from_thread(_done(app), backup, problem)


def _done(app: CentrelogApp) -> Callable[[Backup | None, str | None], Awaitable[None] | None]:
    """The app's backup_done, typed for call_from_thread (which cannot tell a coroutine's result otherwise)."""
    return app.backup_done


async def after_backup(app: CentrelogApp, backup: Backup | None, problem: str | None) -> None:
    """Set aside files the backup found damaged, and say what went wrong, if anything."""
    app.last_backup, app.backup_problem = backup, problem
    if problem:
        app.notify(problem, severity="error", timeout=30)
    for path in backup.left_out if backup else ():
        try:
            await app.write(app.store.set_aside_damaged, path, app.clock())
        except OSError as error:  # left where it is: the next backup finds it again
            app.notify(not_saved(error), severity="error", timeout=30)
    refresh = getattr(app.screen, "refresh_damage", None)
    if refresh is not None:
        refresh()

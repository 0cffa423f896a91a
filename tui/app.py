"""The centrelog Textual app: the store handed in, one writer thread, the home screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from textual.app import App
from textual.binding import Binding

from sessions.clock import now
from sessions.i18n import N_
from sessions.store import Store
from tui.screens.home import HomeScreen

__all__ = ["CentrelogApp"]

T = TypeVar("T")


class CentrelogApp(App[None]):
    """Check-ins, trips and exports for a day centre, on one laptop."""

    CSS_PATH = "app.tcss"
    TITLE = "centrelog"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True)]

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = now,
        notes: list[str | Callable[[], str]] | None = None,
        backups: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        #: Take backups while running (the real app does; most tests do not).
        self.backups = backups
        self.last_backup: Any = None
        self.backup_problem: str | None = None
        self.clock = clock
        self.start_notes = list(notes or [])
        # TinyDB is not thread-safe: every write goes through this one thread, in order.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="centrelog-writer")

    async def write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store write on the writer thread, without blocking the screen."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, partial(work, *args, **kwargs))

    def on_mount(self) -> None:
        self.sub_title = str(self.store.registry.setting("centre_name", ""))
        self.push_screen(HomeScreen())
        if self.backups:
            from tui.backups import schedule_backups

            schedule_backups(self)

    async def backup_done(self, backup: Any, problem: str | None) -> None:
        """A backup finished (or failed) on its own thread."""
        from tui.backups import after_backup

        await after_backup(self, backup, problem)

    async def on_unmount(self) -> None:
        # Writes already queued finish before the app lets go of its files.
        self._writer.shutdown(wait=True)

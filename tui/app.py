"""The centrelog Textual app: the store handed in, one writer thread, the home screen."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from sessions.attendance import LeftOpen
from sessions.clock import now
from sessions.devices import PUBLISH_EVERY_S
from sessions.i18n import N_, _
from sessions.storage.backup import Backup
from sessions.storage.watch import LogWatch
from sessions.store import Store
from tui.burst import BURST_GAP_S, BurstReader
from tui.laptop_file import publish_laptop
from tui.pauses import KEYS_QUIET_S, collector_free, collector_held, quick_switches, set_aside

__all__ = ["CentrelogApp"]

T = TypeVar("T")


def _character(key: events.Key) -> str | None:
    return key.character if key.is_printable else None


def _name(key: events.Key) -> str:
    return key.key


class CentrelogApp(App[None]):
    """Check-ins, trips and exports for a day centre, on one laptop."""

    #: The styles of the screens on the way to scanning are read with the app's own, at start: every screen
    #: bringing styles of its own when first shown makes Textual parse every style again (tens of ms each).
    CSS_PATH = [
        "app.tcss",
        "screens/home.tcss",
        "screens/instructor/today.tcss",
        "screens/instructor/start_session.tcss",
        "screens/scan_screen.tcss",
        "screens/instructor/checkin.tcss",
    ]
    TITLE = "centrelog"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
        Binding("f1", "help", "?", tooltip=N_("Help"), priority=True),  # "?" leaves room in every footer at 80x24
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = now,
        notes: list[str | Callable[[], str]] | None = None,
        left_open: LeftOpen | None = None,
        backups: bool = False,
        summaries: bool = False,
        short_pauses: bool = False,
        look_every: float | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        #: Take backups while running (the real app does; most tests do not).
        self.backups = backups
        #: Summarise closed weeks while running, for the reports (the real app does; most tests do not).
        self.summaries = summaries
        #: The summary job's process while one runs (tui/summaries.py): stopped when the app quits.
        self.summary_job: subprocess.Popen[str] | None = None
        #: Keep the process's own pauses short (the real app does; tests do not): see scanning_starts.
        self.short_pauses = short_pauses
        self.last_backup: Backup | None = None
        self.backup_problem: str | None = None
        self.clock = clock
        self.start_notes = list(notes or [])
        #: Sessions the last run left open, as closing them at start went (a full disk leaves some waiting).
        self.left_open = left_open
        #: The question "Quit centrelog?" is on screen.
        self.quit_asked = False
        # TinyDB is not thread-safe: every write goes through this one thread, in order.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="centrelog-writer")
        #: Seconds between looks for what other laptops' files brought (tui/arrivals.py); 0: never.
        self.look_every = look_every
        #: Other laptops' week files as last seen: what arrives from here on is noticed.
        self.log_watch = LogWatch(store.logs_dir, store.device)
        #: Damaged files a look has named already.
        self.damage_told: set[Path] = set()
        self._looking = False
        #: Tells a scanner's burst from a person's typing on every screen but the scan input's own.
        self.burst: BurstReader[events.Key] = BurstReader(_character, _name)
        self._pause_timer: Timer | None = None
        #: While keys come (short_pauses): when the last came, and the timer that lets the collector go again.
        self._key_at = 0.0
        self._keys_timer: Timer | None = None

    async def write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store write on the writer thread, without blocking the screen."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, partial(work, *args, **kwargs))

    def scanning_starts(self) -> None:
        """A scan screen is shown: the screen's output and the store's writes get their turn at once (tui/pauses.py).

        Nothing is set aside here: a screen shown again after a dialog would set aside the dialog's
        widgets before the collector could free them (1.7 MB a dialog); passes never fall on an
        answer anyway, the collector being held while keys come (`keys_coming`).
        """
        if self.short_pauses:
            quick_switches()

    def keys_coming(self) -> None:
        """A key: no collector pass until the keys have stopped for a moment, so that a scan's answer never waits
        for one (they took 2-5 ms each during a queue); it catches up between two cards."""
        self._key_at = time.monotonic()
        if self._keys_timer is None:
            collector_held()
            self._keys_timer = self.set_timer(KEYS_QUIET_S, self._keys_quiet)

    def _keys_quiet(self) -> None:
        waited = time.monotonic() - self._key_at
        if waited < KEYS_QUIET_S:  # another key came meanwhile
            self._keys_timer = self.set_timer(KEYS_QUIET_S - waited, self._keys_quiet)
            return
        self._keys_timer = None
        collector_free()

    def on_ready(self) -> None:
        """The first screen is up: what the start made is set aside, and the collector held since starting goes on."""
        if self.short_pauses:
            set_aside()

    def on_mount(self) -> None:
        from tui.screens.home import HomeScreen  # here: the screens import this module for their typed `app`

        self.sub_title = str(self.store.registry.setting("centre_name", ""))
        self.push_screen(HomeScreen())
        self.run_worker(publish_laptop(self), group="laptop")
        self.set_interval(PUBLISH_EVERY_S, partial(publish_laptop, self))
        from tui.arrivals import LOOK_EVERY_S

        every = LOOK_EVERY_S if self.look_every is None else self.look_every
        if every:
            self.set_interval(every, self._look_around)
        if self.backups:
            from tui.backups import schedule_backups

            schedule_backups(self)
        if self.summaries:
            from tui.summaries import schedule_summaries

            schedule_summaries(self)

    def _look_around(self) -> None:
        """The timer's tick: one look at a time, as a task of its own (the app's messages never wait for it)."""
        if self._looking:
            return
        self._looking = True
        self.run_worker(self._look(), group="look-around", exit_on_error=False)

    async def _look(self) -> None:
        from tui.arrivals import look_now

        try:
            await look_now(self)
        finally:
            self._looking = False

    async def backup_done(self, backup: Backup | None, problem: str | None) -> None:
        """A backup finished (or failed) on its own thread."""
        from tui.backups import after_backup

        await after_backup(self, backup, problem)

    def action_help(self) -> None:
        """F1, on any screen or dialog: what the screen is for and its keys; F1 again closes it."""
        from tui.screens.dialogs.help import toggle_help

        toggle_help(self)

    async def action_quit(self) -> None:
        """Quit; while a check-in or boarding screen is open, only after a question whose Enter means No."""
        from tui.screens.dialogs.common import ConfirmDialog
        from tui.screens.scan_screen import ScanScreen

        if not any(isinstance(screen, ScanScreen) for screen in self.screen_stack):
            self.exit()
            return
        if any(isinstance(screen, ScanScreen) and screen.door is not None for screen in self.screen_stack):
            self.notify(_("This screen is locked for the queue: F8 unlocks it first."), severity="warning")
            return
        if self.quit_asked:
            return
        self.quit_asked = True
        question = _("Quit centrelog? Nobody can be checked in or boarded until it is started again.")
        self.push_screen(ConfirmDialog(question), self._quit_answered)

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's own key, which no longer quits): how to quit, in the language chosen."""
        self.notify(_("Ctrl+Q quits centrelog."), title=_("Quit?"))

    def _quit_answered(self, yes: bool | None) -> None:
        self.quit_asked = False
        if yes:
            self.exit()

    # a scan can arrive anywhere ------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go through the burst reader, unless the scan input has the focus."""
        if isinstance(event, events.Key) and self.short_pauses:
            self.keys_coming()
        if isinstance(event, events.Key) and not event.is_forwarded and (self.burst.holding or self._reads_bursts()):
            await self._read_key(event)
            return
        await super().on_event(event)

    def _reads_bursts(self) -> bool:
        """False where the focused widget takes scans itself (the check-in and boarding input)."""
        from tui.widgets.scan_input import ScanInput

        return not isinstance(self.focused, ScanInput)

    def keys_held(self) -> bool:
        """Whether typed characters are held back for a moment, in case they are a scanner's burst."""
        return self.burst.holding

    def burst_just_before(self) -> bool:
        """Whether the key just pressed came straight after a scanner's burst (within a second)."""
        return self.burst.burst_before(1.0)

    async def _read_key(self, event: events.Key) -> None:
        decision = self.burst.key(event, event.time)
        for held in decision.release:
            await super().on_event(held)
        if decision.scan is not None:
            from tui.scans_anywhere import answer_anywhere

            await answer_anywhere(self, decision.scan)
        elif decision.passes:
            await super().on_event(event)
        else:  # held: let go once no key follows at a scanner's pace
            if self._pause_timer is not None:
                self._pause_timer.stop()
            self._pause_timer = self.set_timer(BURST_GAP_S, partial(self._pause_ended, self.burst.generation))

    def _pause_ended(self, generation: int) -> None:
        # Behind the keys already queued: one that arrived in time still joins the burst.
        self.call_later(self._let_go, generation)

    async def _let_go(self, generation: int) -> None:
        for held in self.burst.pause(generation):
            await super().on_event(held)

    async def on_unmount(self) -> None:
        if self.summaries:
            from tui.summaries import stop_summaries

            stop_summaries(self)
        # Writes already queued finish before the app lets go of its files.
        self._writer.shutdown(wait=True)
        from tui.camera.reader import stop_every_reader

        stop_every_reader()  # a camera's process let go of the camera before the app ends

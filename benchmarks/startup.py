"""The real app in a terminal: start to ready-to-scan, one scan to its answer, memory."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.folder import local_state, registry_of
from benchmarks.terminal import AppTerminal, app_command

__all__ = ["AppRun", "cards_to_scan", "open_session", "ready_to_scan", "single_scans", "wait_for_backup"]

HOME_TEXT = "Who is at the keyboard?"
START_TEXT = "Start a session"
READY_TEXT = "Ready: scan the first card."


@dataclass
class AppRun:
    """What one start of the real app measured."""

    home_s: float = 0.0
    ready_s: float = 0.0
    scan_s: list[float] = field(default_factory=list)
    scan_during_backup_s: list[float] = field(default_factory=list)
    cpu_per_scan_s: float = 0.0
    backup_done_s: float = 0.0
    memory_ready_mb: float = 0.0
    memory_end_mb: float = 0.0
    exit_code: int | None = None


def cards_to_scan(data_dir: Path, count: int, seed: int = 7) -> list[str]:
    """Codes of `count` different active participants, in a shuffled order."""
    registry = registry_of(data_dir)
    codes = [p["code"] for p in registry["participants"].values() if p.get("code") and not p.get("archived_at")]
    random.Random(seed).shuffle(codes)
    if len(codes) < count:
        raise ValueError(f"only {len(codes)} active participants, {count} cards wanted")
    return codes[:count]


def ready_to_scan(data_dir: Path, run: AppRun) -> AppTerminal:
    """Start centrelog, press 1 and Enter, and time until the check-in screen is ready."""
    terminal = AppTerminal(app_command(data_dir))
    try:
        run.home_s = terminal.wait_for(HOME_TEXT)
        mark = terminal.mark
        terminal.send("1")
        terminal.wait_for(START_TEXT, since=mark)
        mark = terminal.mark
        terminal.send("\r")
        run.ready_s = terminal.wait_for(READY_TEXT, since=mark)
        run.memory_ready_mb = terminal.peak_memory_mb()
    except BaseException:
        terminal.quit()
        raise
    return terminal


def single_scans(terminal: AppTerminal, cards: list[str], capacity: int, already: int = 0) -> list[float]:
    """Seconds from a card's Enter to its answer on screen (the running count updated).

    `already` is how many people the session holds before the first card.
    """
    timings = []
    for n, card in enumerate(cards, already + 1):
        terminal.send(card)
        mark = terminal.mark
        sent = time.perf_counter()
        terminal.send("\r")
        shown = terminal.wait_for(f"{n} / {capacity}", since=mark, timeout=10)
        timings.append(terminal.started + shown - sent)
    return timings


def wait_for_backup(data_dir: Path, timeout: float = 120) -> float:
    """Seconds until the backup the app takes after starting is finished (a zip in backups/)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if any((data_dir / "backups").glob("*.zip")):
            break
        time.sleep(0.05)
    return time.perf_counter() - started


def open_session(data_dir: Path) -> tuple[str, str]:
    """The (id, week) of the session the app left open: where the scans went."""
    state = local_state(data_dir)
    markers = [m for m in state.get("open", {}).values() if m.get("kind") == "session"]
    if not markers:
        raise RuntimeError("the app left no session open")
    return markers[-1]["id"], markers[-1]["week"]

"""A scanner burst through a pseudo-terminal into the real app, checked against the week log.

    python -m benchmarks.burst [--data DIR] [--cards 200]

Cards are typed at 1 ms a character with Enter after each and no pause
between cards, as a USB scanner in keyboard mode types them. After the app
quits, the session's scans and check-ins are read back from its week file
and compared with what was sent: lost, reordered, merged (or split) scans.
"""

from __future__ import annotations

import argparse
import json
import time
from bisect import bisect_left
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.folder import device_of
from benchmarks.startup import AppRun, cards_to_scan, open_session, ready_to_scan
from benchmarks.terminal import AppTerminal
from sessions.storage.journal import read_log

__all__ = ["BurstResult", "compare", "run_burst", "send_burst"]

CHAR_GAP_S = 0.001


@dataclass
class BurstResult:
    """How a burst came through."""

    sent: int
    logged: int
    checked_in: int
    lost: int
    reordered: int
    merged: int
    duplicated: int
    typing_s: float
    drained_s: float
    peak_memory_mb: float


def send_burst(terminal: AppTerminal, cards: list[str], gap: float = CHAR_GAP_S) -> float:
    """Type every card and its Enter at `gap` seconds a character, back to back."""
    started = time.perf_counter()
    terminal.send("".join(f"{card}\r" for card in cards), gap=gap)
    return time.perf_counter() - started


def _session_records(
    data_dir: Path, device: str, session_id: str, week: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The session's scans and check-ins, in the order they were written (TinyDB ids)."""
    tables = read_log(data_dir / "logs" / f"{week}.{device}.json") or {}  # the file and its journal

    def in_order(name: str) -> list[dict[str, Any]]:
        rows = sorted(tables.get(name, {}).items(), key=lambda item: int(item[0]))
        return [row for _id, row in rows if row.get("session_id") == session_id]

    return in_order("scans"), in_order("checkins")


def _wait_until_logged(data_dir: Path, device: str, session_id: str, week: str, expected: int, timeout: float) -> float:
    """Seconds until the week file holds `expected` scans of the session (or stops growing)."""
    started = time.perf_counter()
    last, last_change = -1, started
    while time.perf_counter() - started < timeout:
        scans, _checkins = _session_records(data_dir, device, session_id, week)
        if len(scans) != last:
            last, last_change = len(scans), time.perf_counter()
        if last >= expected or time.perf_counter() - last_change > 5:
            break
        time.sleep(0.02)
    return last_change - started


def _longest_in_order(positions: list[int]) -> int:
    """Length of the longest increasing run (not necessarily contiguous) of sent positions."""
    tails: list[int] = []
    for position in positions:
        at = bisect_left(tails, position)
        tails[at : at + 1] = [position]
    return len(tails)


def compare(cards: list[str], scans: list[dict[str, Any]], checkins: list[dict[str, Any]]) -> dict[str, int]:
    """Lost, reordered, merged and duplicated scans, from what was sent and what was logged."""
    sent_at = {card: n for n, card in enumerate(cards)}
    raws = [str(s.get("raw", "")) for s in scans]
    merged = sum(1 for raw in raws if raw not in sent_at)
    seen = [raw for raw in raws if raw in sent_at]
    duplicated = len(seen) - len(set(seen))
    lost = len(set(cards) - set(seen))
    order = [sent_at[c["code"]] for c in checkins if c.get("code") in sent_at]
    return {
        "lost": lost,
        "reordered": len(order) - _longest_in_order(order),
        "merged": merged,
        "duplicated": duplicated,
        "checked_in": len(order),
    }


def run_burst(
    terminal: AppTerminal, data_dir: Path, cards: list[str], already: int = 0, timeout: float = 120
) -> BurstResult:
    """Send the burst to an app on its check-in screen, quit it, and read the log back.

    `already` is how many scans the session held before the burst.
    """
    device = device_of(data_dir)
    session_id, week = open_session(data_dir)
    typing = send_burst(terminal, cards)
    drained = _wait_until_logged(data_dir, device, session_id, week, already + len(cards), timeout)
    memory = terminal.peak_memory_mb()
    terminal.quit()
    scans, checkins = _session_records(data_dir, device, session_id, week)
    found = compare(cards, scans[already:], checkins[already:])
    return BurstResult(
        sent=len(cards), logged=len(scans) - already, typing_s=typing, drained_s=drained, peak_memory_mb=memory, **found
    )


def main(argv: list[str] | None = None) -> int:
    from benchmarks.generate import Centre, ensure
    from benchmarks.latency import work_copy
    from sessions.clock import now

    parser = argparse.ArgumentParser(prog="python -m benchmarks.burst", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path("/tmp/centrelog-bench"), help="where the generated centre is kept"
    )
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--smoke", action="store_true", help="one small week instead of ten years")
    args = parser.parse_args(argv)
    today = now().date()
    generated = ensure(
        args.data / ("smoke" if args.smoke else "ten-years"),
        (Centre.one_week if args.smoke else Centre.ten_years)(today),
    )
    data_dir = work_copy(generated.data_dir, args.data / "runs" / "burst")
    cards = cards_to_scan(data_dir, args.cards)
    terminal = ready_to_scan(data_dir, AppRun())
    result = run_burst(terminal, data_dir, cards)
    print(json.dumps(asdict(result), indent=1))
    return 0 if result.lost == result.reordered == result.merged == result.duplicated == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Check-in latency through the real domain and store, and through a naive single-file TinyDB."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from benchmarks.folder import copy_without_logs, registry_of
from benchmarks.generate import BIG_DAY, RIGA
from sessions.attendance import start_session
from sessions.checkin import Outcome, check_in
from sessions.clock import week_start
from sessions.store import Store

__all__ = [
    "app_checkins",
    "empty_copy",
    "friday_evening",
    "naive_checkins",
    "naive_empty",
    "one_week_copy",
    "percentile",
    "work_copy",
]


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.99 for p99)."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def work_copy(source: Path, target: Path) -> Path:
    """A throwaway copy of a data folder, made of hard links.

    Safe because the app never changes a file in place: every write is a new
    file renamed over the old one, so the cached original stays as generated.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns(".centrelog.lock", ".*.tmp"))
    return target


def empty_copy(source: Path, target: Path) -> Path:
    """The same registry and device with no history at all: a centre on its first day."""
    return copy_without_logs(source, target)


def one_week_copy(source: Path, target: Path, week: str) -> Path:
    """The same registry with only `week`'s logs: a centre in its first week, on its Friday."""
    empty_copy(source, target)
    for path in (source / "logs").glob(f"{week}.*.json"):
        os.link(path, target / "logs" / path.name)
    return target


def friday_evening(week: str) -> datetime:
    """A moment at the end of `week`, so its log file already holds the whole week."""
    day = week_start(week) + timedelta(days=4)
    return datetime(day.year, day.month, day.day, 17, 30, tzinfo=RIGA)


def app_checkins(data_dir: Path, week: str, samples: int, seed: int = 1) -> list[float]:
    """Seconds per check-in (scan parsed, rules, durable write) on a fresh session of the big day."""
    now = friday_evening(week)
    with Store(data_dir) as store:
        registry = store.registry
        activity = next(a for a in registry.items("activities") if a["name"] == BIG_DAY)
        session = start_session(store, activity["id"], "Lielā zāle", "Olga Vasiļjeva", now)
        people = [p for p in registry.participants(include_archived=False) if p.code]
        chosen = random.Random(seed).sample(people, k=min(samples, len(people), session.capacity))
        timings = []
        for n, person in enumerate(chosen):
            moment = now + timedelta(seconds=2 * n)
            started = time.perf_counter()
            result = check_in(session, registry, person.code or "", moment)
            timings.append(time.perf_counter() - started)
            if result.outcome is not Outcome.CHECKED_IN:
                raise RuntimeError(f"check-in refused: {result.outcome}")
    return timings


def naive_empty(data_dir: Path, target: Path) -> Path:
    """The naive single file holding only the registry: the naive centre on its first day."""
    registry = registry_of(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(registry))
    return target


def _naive_checkin(n: int, now: datetime) -> dict[str, Any]:
    at = (now + timedelta(seconds=2 * n)).isoformat(timespec="milliseconds")
    return {
        "id": f"{n:032x}",
        "created": at,
        "device": "naive",
        "session_id": "bench",
        "participant_id": f"p{n}",
        "at": at,
        "method": "scan",
        "code": "1234567890",
        "override": False,
        "voided_at": None,
    }


def naive_checkins(source: Path, work: Path, week: str, samples: int) -> list[float]:
    """Seconds per check-in insert into one stock TinyDB file (JSONStorage) holding everything.

    Deliberately kind to the baseline: one insert per check-in (no scan
    event, no look-up), and no fsync.
    """
    shutil.copyfile(source, work)
    now = friday_evening(week)
    timings = []
    with TinyDB(work) as db:
        table = db.table("checkins")
        for n in range(samples):
            record = _naive_checkin(n, now)
            started = time.perf_counter()
            table.insert(record)
            timings.append(time.perf_counter() - started)
    work.unlink()
    return timings

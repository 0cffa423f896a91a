"""Every device's logs for a period, merged by record id, voids left out, corrections applied."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from exports.periods import Period
from sessions.admission import how_admitted
from sessions.clock import by_moment
from sessions.kinds import BoardingRecord, CheckinRecord, SessionRecord, TripRecord
from sessions.storage.copies import heavier
from sessions.storage.damage import refuse_waiting
from sessions.storage.journal import read_log
from sessions.storage.shapes import check_shape
from sessions.store import Store

__all__ = ["Logs", "Progress", "load_logs", "paused_gc"]

#: progress(done, total): called as files are read, so a screen can show how far it got.
Progress = Callable[[int, int], None]

#: A record of any table, as the merge handles them alike; Logs holds them as their kinds.
Record = dict[str, Any]
_MERGED = ("sessions", "checkins", "trips", "boardings", "corrections")
#: What the period report needs of the bulk tables; the rest is dropped as each file is read.
_INDICATOR_FIELDS = {
    "checkins": ("id", "session_id", "participant_id", "voided_at"),
    "boardings": ("id", "trip_id", "participant_id", "voided_at", "wheelchair", "escorts"),
}
_CORRECTED = ("sessions", "checkins", "trips", "boardings")
#: A period of this many files or more is read by WORKERS processes (fewer are quicker read alone).
PARALLEL_FROM, WORKERS = 100, 2


@dataclass
class Logs:
    """What happened in a period: the standing records, each once.

    Read `indicators_only`, check-ins and boardings hold only the fields the indicators count (see _INDICATOR_FIELDS).
    """

    period: Period
    sessions: dict[str, SessionRecord] = field(default_factory=dict)
    checkins: list[CheckinRecord] = field(default_factory=list)
    trips: dict[str, TripRecord] = field(default_factory=dict)
    boardings: list[BoardingRecord] = field(default_factory=list)
    files: int = 0
    workers: int = 0  # worker processes that read the period's files (0: read alone)

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.trips


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while reading: the records hold no cycles, and its
    passes over hundreds of thousands of fresh dicts would cost more than the reading."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge(into: dict[str, Record], records: Iterable[Record]) -> None:
    records = list(records)
    new = dict(zip(map(itemgetter("id"), records), records, strict=True))
    for record_id in new.keys() & into.keys():  # a record in two files (copied logs): keep one copy
        if heavier(new[record_id]) <= heavier(into[record_id]):
            new[record_id] = into[record_id]
    into.update(new)


def _tables(path: Path) -> dict[str, list[Record]]:
    """The records of the tables an export reads, of a file (and its journal) read whole and checked.

    A file that does not parse or is not of a week log's shape raises
    DamagedFile naming it: the tables before a cut are never counted as the
    week. Files are read from disk, never from the app's memory: every write
    the app makes is on disk already, and a worker thread then shares nothing
    with the app's writer. A journal is only read, never folded.
    """
    data = _checked(path)
    return {name: list(data[name].values()) for name in _MERGED if name in data}


def _checked(path: Path) -> dict[str, Any]:
    """Every table of a week log (file and journal), read whole and checked for its shape."""
    tables: dict[str, Any] = check_shape(path, read_log(path) or {})
    return tables


def _later_corrections(
    store: Store, paths: list[Path], indicators_only: bool = False, parallel_from: int = PARALLEL_FROM
) -> list[Record]:
    """Corrections written in weeks after the period (a trip put right later).

    Each file is read whole, as the period's are (a file cut short may have
    lost its corrections): many later weeks are read by the worker processes.
    """
    found: list[Record] = []
    for corrections in _read_each(_corrections_of, paths, _workers_for(paths, indicators_only, parallel_from)):
        found.extend(corrections)
    return found


def _corrections_of(path: Path) -> list[Record]:
    return _tables(path).get("corrections", [])


def _apply_corrections(raw: dict[str, dict[str, Record]], corrections: list[Record]) -> None:
    for correction in sorted(corrections, key=by_moment("created")):  # by the moment made, not its text
        table = correction.get("target_table")
        if table not in _CORRECTED:
            continue
        target = raw[table].get(correction.get("target_id"))  # type: ignore[arg-type]
        if target is None:
            continue
        fixed = dict(target)  # never change a record the app holds in memory
        for name, change in (correction.get("changes") or {}).items():
            fixed[name] = change.get("after") if isinstance(change, dict) else change
        raw[table][fixed["id"]] = fixed


def _rows(name: str, records: list[Record]) -> list[tuple[Any, ...]]:
    """Of a bulk table, only the fields the indicators count, as rows.

    The session or trip and the participant repeat within a file: each is kept
    once, so the rows travel from a worker with one copy of each.
    """
    keep = _INDICATOR_FIELDS[name]
    try:
        rows = list(map(itemgetter(*keep), records))
    except KeyError:  # a record written without one of the fields
        rows = [tuple(record.get(field) for field in keep) for record in records]
    within: dict[Any, Any] = {}
    share = within.setdefault
    return [(row[0], share(row[1], row[1]), share(row[2], row[2]), *row[3:]) for row in rows]


def _from_rows(name: str, rows: list[tuple[Any, ...]], shared: dict[str, str]) -> list[Record]:
    """Indicator-only records again, each participant id kept once: ten years of check-ins then fit in memory.

    Spelled out per table: a dict display is three times quicker than dict(zip(...)).
    """
    share = shared.setdefault
    if name == "checkins":
        return [{"id": i, "session_id": s, "participant_id": share(p, p), "voided_at": v} for i, s, p, v in rows]
    return [
        {"id": i, "trip_id": t, "participant_id": share(p, p), "voided_at": v, "wheelchair": w, "escorts": e}
        for i, t, p, v, w, e in rows
    ]


def _read_methods(path: Path, tables: dict[str, list[Record]]) -> None:
    """Overrides logged as "manual" read as the card scan they may have followed (see sessions.admission).

    Only such records (rare) make the file's scans be read.
    """
    unsure = [r for name in ("checkins", "boardings") for r in tables.get(name, ()) if r.get("method") == "manual"]
    unsure = [r for r in unsure if r.get("override")]
    if not unsure:
        return
    scans = list(_checked(path).get("scans", {}).values())
    for record in unsure:
        record["method"] = how_admitted(cast("CheckinRecord | BoardingRecord", record), scans)


def _read_file(path: Path, indicators_only: bool) -> dict[str, list[Any]]:
    """One file's tables; with `indicators_only`, the bulk ones as rows (small to send from a worker)."""
    tables = _tables(path)
    if not indicators_only:
        _read_methods(path, tables)
    return {
        name: _rows(name, tables.get(name, []))
        if indicators_only and name in _INDICATOR_FIELDS
        else tables.get(name, [])
        for name in _MERGED
    }


def _processors() -> int:
    """Processors this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _read_all(files: list[Path], indicators_only: bool, workers: int) -> Iterator[dict[str, list[Any]]]:
    """Each file's tables, in order; read by `workers` processes (see _workers_for) or here."""
    yield from _read_each(partial(_read_file, indicators_only=indicators_only), files, workers)


def _workers_for(files: list[Path], indicators_only: bool, parallel_from: int = PARALLEL_FROM) -> int:
    """How many worker processes should read `files` (0: this process reads them).

    A long period is parsed by two worker processes, only for indicators-only reads
    (reports, which run in a process of their own, never in the app's
    threads: forking beside threads is unsafe).
    """
    workers = min(WORKERS, _processors())
    if not indicators_only or len(files) < parallel_from or workers < 2 or threading.active_count() > 1:
        return 0
    return workers


def _read_each(read: Callable[[Path], Any], files: list[Path], workers: int) -> Iterator[Any]:
    """`read` of each file, in order: here, or by `workers` processes."""
    if not workers:
        yield from map(read, files)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(read, files, chunksize=8)


def load_logs(
    store: Store,
    period: Period,
    progress: Progress | None = None,
    *,
    indicators_only: bool = False,
    parallel_from: int = PARALLEL_FROM,
) -> Logs:
    """Read the log files of the period's weeks (each once) and keep what stands.

    `indicators_only` keeps of check-ins and boardings only what the indicators count; an
    indicators-only read of `parallel_from` files or more is shared with worker processes.
    """
    weeks = set(period.weeks)
    last_week = max(weeks)
    listed = store.log_files()
    # A conflict copy is read like one more file: the merge by id keeps each record once.
    files = [file for week, _device, path in listed if week in weeks for file in (path, *store.log_copies(path))]
    later = [file for week, _device, path in listed if week > last_week for file in (path, *store.log_copies(path))]
    for path in files + later:  # a week whose file lies set aside is not whole without it
        refuse_waiting(store.waiting_damage(path))
    total = len(files) + 1
    raw: dict[str, dict[str, Record]] = {name: {} for name in _MERGED}
    shared: dict[str, str] = {}
    workers = _workers_for(files, indicators_only, parallel_from)
    for done, tables in enumerate(_read_all(files, indicators_only, workers), start=1):
        for name in _MERGED:
            records = tables[name]
            _merge(
                raw[name],
                _from_rows(name, records, shared) if indicators_only and name in _INDICATOR_FIELDS else records,
            )
        if progress:
            progress(done, total)
    corrections = list(raw["corrections"].values())
    extra: dict[str, Record] = {}
    _merge(extra, _later_corrections(store, later, indicators_only, parallel_from))
    corrections.extend(c for c in extra.values() if c["id"] not in raw["corrections"])
    _apply_corrections(raw, corrections)
    logs = _standing(raw, period)
    logs.files, logs.workers = len(files), workers
    if progress:
        progress(total, total)
    return logs


def _standing(raw: dict[str, dict[str, Record]], period: Period) -> Logs:
    start, end = period.start.isoformat(), period.end.isoformat()
    sessions = {
        sid: s
        for sid, s in raw["sessions"].items()
        if not s.get("voided_at") and start <= str(s.get("start") or s.get("created", ""))[:10] <= end
    }
    checkins = [c for c in raw["checkins"].values() if c.get("session_id") in sessions and not c.get("voided_at")]
    trips = {
        tid: t
        for tid, t in raw["trips"].items()
        if not t.get("voided_at") and start <= str(t.get("departure") or t.get("created", ""))[:10] <= end
    }
    boardings = [b for b in raw["boardings"].values() if b.get("trip_id") in trips and not b.get("voided_at")]
    return Logs(
        period,
        cast("dict[str, SessionRecord]", sessions),
        cast("list[CheckinRecord]", checkins),
        cast("dict[str, TripRecord]", trips),
        cast("list[BoardingRecord]", boardings),
    )

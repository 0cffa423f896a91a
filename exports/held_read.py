"""A period's sessions held and trips made: closed weeks from their summaries, the rest from their files.

The files are read where a summary cannot stand for them: an open week, a closed week with
no summary that stands (it is made first, and kept), and any week another week's records
reach into (a correction made later, a check-in filed in another week, a record in two
weeks). The result is what `readers.load_logs` reads, turned into entries: the figures
are the same (tests/test_summaries_equal.py).
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from exports.held_count import HeldPeriod
from exports.held_entries import Part, held_entries, numbered, part_from_json, part_of, part_to_json, ride_entries
from exports.periods import Period
from exports.readers import (
    _MERGED,
    Progress,
    _apply_corrections,
    _from_rows,
    _later_corrections,
    _merge,
    _read_all,
    _standing,
    _workers_for,
)
from exports.rollups import is_rollup, make_rollups, read_rollups
from exports.summaries import PeopleTable, Summary, opened, part, read_summary, summaries_dir, summarise, week_closed
from sessions.storage.damage import refuse_waiting
from sessions.store import Store

__all__ = ["Summarising", "read_held", "summarise_closed"]

#: summarising(done, total): closed weeks being summarised for the first time (or again, their files changed).
Summarising = Callable[[int, int], None]
#: This many summaries to make or more are made by worker processes.
PARALLEL_FROM = 40


def read_held(
    store: Store,
    period: Period,
    now: datetime,
    progress: Progress | None = None,
    summarising: Summarising | None = None,
    kept: Path | None = None,
) -> HeldPeriod:
    """The period's standing sessions and trips, each with who came (see the module).

    Summaries are kept in `kept` (default: the store's own, exports/summaries.py `summaries_dir`).
    `progress` steps once per summary counted and once per file read; `summarising` is told
    how far making missing summaries got.
    """
    weeks = set(period.weeks)
    last = max(weeks)
    by_week: dict[str, list[Path]] = {}
    listed = store.log_files()
    for week, _device, path in listed:
        if week in weeks or week > last:
            by_week.setdefault(week, []).extend((path, *store.log_copies(path)))
    for paths in by_week.values():  # a week whose file lies set aside is not whole without it
        for path in paths:
            refuse_waiting(store.waiting_damage(path))
    table = PeopleTable(kept or summaries_dir(store.data_dir))
    every = {week for week, _device, _path in listed}
    summaries, made, table = _summaries(table, by_week, now, summarising, every=every)
    summarised = sum(len(by_week[w]) for w in made)  # files read to make them
    for key in [k for k, s in summaries.items() if is_rollup(s) and not _whole(s, period, weeks, last)]:
        _open_up(summaries, key, table, by_week)  # a year the period cuts through: its weeks apart
    for week in [w for w, s in summaries.items() if w in weeks and not _within(part(s), period)]:
        summaries.pop(week)  # a week the period cuts through is counted from its files, day by day
    covered = {week for summary in summaries.values() for week in summary["weeks"]}
    read = sorted(w for w in by_week if w in weeks and w not in covered)
    later = [path for w in sorted(by_week) if w > last and w not in covered for path in by_week[w]]
    files = [path for w in read for path in by_week[w]]
    counted = sum(1 for s in summaries.values() if s["weeks"][0] in weeks)
    total = counted + len(files) + 1
    raw = _read_raw(files, progress, total, counted)
    extra: dict[str, Any] = {}
    _merge(extra, _later_corrections(store, later, True))
    for summary in summaries.values():
        _merge(extra, summary["foreign"])
    while reached := _reached(raw, extra, {k: s for k, s in summaries.items() if s["weeks"][0] in weeks}):
        demoted = [k for k in reached if not is_rollup(summaries[k])]
        for key in [k for k in reached if is_rollup(summaries[k])]:
            demoted += _open_up(summaries, key, table, by_week, extra)  # seen week by week first
        more = [path for w in sorted(demoted) for path in by_week[w]]
        for week in demoted:
            summaries.pop(week, None)
        _read_raw(more, None, 0, 0, into=raw)
        files += more
    corrections = list(raw["corrections"].values())
    corrections.extend(c for c in extra.values() if c["id"] not in raw["corrections"])
    _apply_corrections(raw, corrections)
    logs = _standing(raw, period)
    from_files = part_of(held_entries(logs.sessions, logs.checkins), ride_entries(logs.trips, logs.boardings))
    numbered_files = part_from_json(numbered(part_to_json(from_files), table.number))  # as the summaries number
    held = HeldPeriod(period, [numbered_files], names=table.ids)
    for summary in summaries.values():
        if summary["weeks"][0] in weeks:
            held.parts.append(part(summary))
            held.summaries += len(summary["weeks"])
    held.files = len(files) + summarised
    if progress:
        progress(total, total)
    return held


def _whole(rollup: Summary, period: Period, weeks: set[str], last: str) -> bool:
    """Whether a roll-up's weeks are all after the period, or all in it with every day it counts."""
    if all(week > last for week in rollup["weeks"]):
        return True
    return all(week in weeks for week in rollup["weeks"]) and _within(part(rollup), period)


def _open_up(
    summaries: dict[str, Summary],
    key: str,
    table: PeopleTable,
    by_week: dict[str, list[Path]],
    extra: dict[str, Any] | None = None,
) -> list[str]:
    """Put a roll-up's weeks in its place, each by its own summary (its corrections of other weeks' records
    taken into `extra`); the weeks without one (to be read from files)."""
    rollup = summaries.pop(key)
    without = []
    for week in rollup["weeks"]:
        summary = read_summary(table.folder, week, by_week[week], table)
        if summary is None:
            without.append(week)
        else:
            summaries[week] = summary
            if extra is not None:
                _merge(extra, summary["foreign"])
    return without


def _within(counted: Part, period: Period) -> bool:
    """Whether everything a part counts falls within the period (or it counts nothing)."""
    if counted.first is None or counted.last is None:
        return True
    return period.start.isoformat() <= counted.first and counted.last <= period.end.isoformat()


def _read_raw(
    files: list[Path], progress: Progress | None, total: int, before: int, into: dict[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """The records of `files`, merged by id (as readers.load_logs merges them); `before` steps were done before."""
    raw = into if into is not None else {name: {} for name in _MERGED}
    shared: dict[str, str] = {}
    if progress:
        for done in range(1, before + 1):  # the summaries, read already: counted in a moment
            progress(done, total)
    for done, tables in enumerate(_read_all(files, True, _workers_for(files, True)), start=before + 1):
        for name in _MERGED:
            records = tables[name]
            _merge(raw[name], _from_rows(name, records, shared) if name in ("checkins", "boardings") else records)
        if progress:
            progress(done, total)
    return raw


def summarise_closed(store: Store, now: datetime, *, workers: bool = True) -> tuple[int, int]:
    """Make the summary of every closed week that has none standing (one at a time without `workers`);
    how many were made, and how many stood already. A week whose file lies set aside as damaged is left."""
    by_week: dict[str, list[Path]] = {}
    listed = store.log_files()
    waiting = {week for week, _device, path in listed if store.waiting_damage(path) is not None}
    for week, _device, path in listed:
        if week not in waiting:
            by_week.setdefault(week, []).extend((path, *store.log_copies(path)))
    table = PeopleTable(summaries_dir(store.data_dir))
    every = {week for week, _device, _path in listed}
    found, made, _table = _summaries(table, by_week, now, None, workers, every=every)
    return len(made), sum(len(summary["weeks"]) for summary in found.values()) - len(made)


def _summaries(
    table: PeopleTable,
    by_week: dict[str, list[Path]],
    now: datetime,
    summarising: Summarising | None,
    workers: bool = True,
    every: set[str] | None = None,
) -> tuple[dict[str, Summary], list[str], PeopleTable]:
    """The closed weeks' summaries that stand, those missing or stale made (and kept) first; the weeks made;
    the table their persons are numbered by. A year over whose roll-up stands (exports/rollups.py) is
    one summary for all its weeks, keyed by the year; a roll-up is made of a year over whose `every`
    listed week has a summary."""
    closed = [w for w in sorted(by_week) if week_closed(w, now)]
    rolled = read_rollups(table, by_week, closed)
    covered = {week for rollup in rolled.values() for week in rollup["weeks"]}
    closed = [w for w in closed if w not in covered]
    found = {w: s for w in closed if (s := read_summary(table.folder, w, by_week[w], table)) is not None}
    missing = [w for w in closed if w not in found]
    if summarising and missing:
        summarising(0, len(missing))
    made: dict[str, Summary] = {}
    for done, (week, summary) in enumerate(_made(missing, by_week, workers), start=1):
        made[week] = summary
        if summarising:
            summarising(done, len(missing))
    if made and not table.keep(made):  # the table was made anew meanwhile: every summary read again
        return _summaries(PeopleTable(table.folder), by_week, now, summarising, workers, every)
    found.update((week, opened(summary) | {"weeks": [week]}) for week, summary in made.items())
    for unit, rollup in make_rollups(table, found, every or set(), by_week, now).items():
        for week in rollup["weeks"]:
            found.pop(week)
        rolled[unit] = rollup
    return {**rolled, **found}, missing, table


def _made(weeks: list[str], by_week: dict[str, list[Path]], parallel: bool = True) -> Any:
    """(week, summary) of each week, made here or by worker processes when there are many (and `parallel`)."""
    workers = _workers_for([Path()] * len(weeks), True, PARALLEL_FROM) if parallel else 0
    if not workers:
        for week in weeks:
            yield week, summarise(by_week[week])
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from zip(weeks, pool.imap(summarise, [by_week[w] for w in weeks], chunksize=4), strict=True)


def _reached(raw: dict[str, dict[str, Any]], extra: dict[str, Any], summaries: dict[str, Summary]) -> set[str]:
    """The summarised weeks that records read elsewhere reach into: they must be read from their files.

    A correction aimed at one of their records, a check-in or boarding of one of their
    sessions or trips, a record id also found in another week, or a summary whose own
    check-ins reach out. A correction of a check-in or boarding not read here reaches every week
    (a summary keeps no check-in ids).
    """
    if not summaries:
        return set()
    wanted: set[tuple[str, Any]] = set()
    for correction in [*raw["corrections"].values(), *extra.values()]:
        table, target = correction.get("target_table"), correction.get("target_id")
        if table in ("checkins", "boardings") and target not in raw[table]:
            return set(summaries)
        wanted.add((table, target))
    wanted |= {("sessions", c.get("session_id")) for c in raw["checkins"].values()}
    wanted |= {("trips", b.get("trip_id")) for b in raw["boardings"].values()}
    reached = {week for week, summary in summaries.items() if summary["loose"]}
    for week in reached:
        wanted |= {(table, ref) for table, ref in summaries[week]["loose"]}
    for table in ("sessions", "trips"):
        ids = {week: summary["ids"][table] for week, summary in summaries.items()}
        every = list(chain.from_iterable(ids.values()))
        known = set(every)
        # one record in two weeks (or in a week and in the files read): merged from the files, as load_logs merges
        twice = {record_id for record_id, n in Counter(every).items() if n > 1} if len(known) < len(every) else set()
        twice |= known & raw[table].keys()
        aimed = twice | {ref for kind, ref in wanted if kind == table and ref in known}
        if aimed:
            reached |= {week for week, found in ids.items() if not aimed.isdisjoint(found)}
    return reached

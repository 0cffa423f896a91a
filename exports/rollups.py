"""A finished year's week summaries added up once: one file read instead of fifty-two.

A roll-up is `local/summaries/years/<year>.json`: the parts of every summarised week of an ISO
year that is over (its last week closed) added up (exports/held_entries.py `added`), with the
weeks' session and trip ids, the corrections they hold of other weeks' records and what their
check-ins point at elsewhere, all as the week summaries hold them. Like them it is derived data,
local, numbered with the folder's people table, and never trusted over the files: it names each
of its weeks with the fingerprint of that week's files, and stands only when the weeks of that
year listed now are exactly those, each with the same files. A week of it that a report must
see apart (the period cuts through the year, another week's correction reaches into it) is read
from its own summary (exports/held_read.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from exports.held_entries import added, joined, packed_part, part_from_json, split
from exports.summaries import CLOSED_AFTER, PeopleTable, Summary, _write, fingerprint, part, summarise
from sessions.clock import centre_zone, week_key

__all__ = ["is_rollup", "make_rollups", "read_rollups", "unit_of"]

#: Bumped whenever what a roll-up holds changes: an older one is then made again.
FORMAT = 1


def unit_of(week: str) -> str:
    """The roll-up a week is added into: that of its ISO year."""
    return week[:4]


def is_rollup(summary: Summary) -> bool:
    """Whether a summary stands for several weeks (a roll-up) rather than one."""
    return "rollup" in summary


def _folder(table: PeopleTable) -> Path:
    return table.folder / "years"


def _writable(table: PeopleTable) -> bool:
    """Whether the roll-ups' folder is there (made now if need be): a folder that cannot be written keeps none."""
    try:
        _folder(table).mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return True


def _units(weeks: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for week in sorted(weeks):
        found.setdefault(unit_of(week), []).append(week)
    return found


def read_rollups(table: PeopleTable, by_week: Mapping[str, list[Path]], closed: list[str]) -> dict[str, Summary]:
    """The roll-ups that stand for closed weeks of `by_week`: made from exactly the weeks of their year listed
    there, each from the files it has now, numbered with `table`. Keyed by year."""
    found = {}
    for unit, weeks in _units(closed).items():
        summary = _read(table, unit, weeks, by_week)
        if summary is not None:
            found[unit] = summary
    return found


def _read(table: PeopleTable, unit: str, weeks: list[str], by_week: Mapping[str, list[Path]]) -> Summary | None:
    try:
        summary = json.loads((_folder(table) / f"{unit}.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(summary, dict) or summary.get("format") != FORMAT or not table.stands(summary):
        return None
    try:
        files = summary["files"]
        if sorted(files) != weeks or int(summary["top"]) > len(table.ids):
            return None
        if any(files[week] != fingerprint(by_week[week]) for week in weeks):
            return None
        summary["foreign"], summary["loose"]
        return _opened(summary, weeks)
    except (KeyError, IndexError, TypeError, ValueError, StopIteration, AttributeError):
        return None  # cut or edited by hand: passed over, never half-counted


def make_rollups(
    table: PeopleTable,
    summaries: Mapping[str, Summary],
    listed: set[str],
    by_week: Mapping[str, list[Path]],
    now: datetime,
) -> dict[str, Summary]:
    """Roll-ups made (and kept) of the years that are over whose every listed week has a summary kept here.

    `summaries` are week summaries by week (each opened, numbered with `table`); `listed` every week the
    folder has files of: a year is only rolled up whole. A year whose weeks reach into each other (a
    correction or a check-in of another week's record, a record in two weeks) is summarised from its
    files as one, as its weeks are read together; the others are their weeks' summaries added up.
    """
    today = now.astimezone(centre_zone()).date() if now.tzinfo else now.date()
    first_open = unit_of(week_key(today - CLOSED_AFTER))
    made = {}
    for unit, weeks in _units(list(summaries)).items():
        if unit >= first_open or sorted(w for w in listed if unit_of(w) == unit) != weeks:
            continue
        if any(summaries[w].get("files") is None for w in weeks):
            continue  # a week whose files changed while summarised is not kept
        found = [summaries[w] for w in weeks]
        rollup = _added(table, weeks, found) if _apart(found) else _from_files(table, unit, weeks, by_week)
        if rollup is not None:
            made[unit] = rollup
    return made


def _apart(summaries: list[Summary]) -> bool:
    """Whether no week reaches into another: added up, the weeks count as read together."""
    if any(s["loose"] for s in summaries):
        return False
    ids = {name: [i for s in summaries for i in s["ids"][name]] for name in ("sessions", "trips")}
    known = {name: set(found) for name, found in ids.items()}
    if any(len(known[name]) < len(ids[name]) for name in ids):
        return False
    for correction in (c for s in summaries for c in s["foreign"]):
        table = correction.get("target_table")
        if table in ("checkins", "boardings") or correction.get("target_id") in known.get(str(table), ()):
            return False
    return True


def _added(table: PeopleTable, weeks: list[str], summaries: list[Summary]) -> Summary:
    total = added(part(s) for s in summaries)
    rollup = {
        "format": FORMAT,
        "rollup": True,
        "table": table.token,
        "top": len(table.ids),
        "files": {week: s["files"] for week, s in zip(weeks, summaries, strict=True)},
        "part": packed_part(total),
        "ids": {name: joined([i for s in summaries for i in s["ids"][name]]) for name in ("sessions", "trips")},
        "foreign": [c for s in summaries for c in s["foreign"]],
        "loose": [ref for s in summaries for ref in s["loose"]],
    }
    if _writable(table):
        _write(_folder(table) / f"{unit_of(weeks[0])}.json", rollup)
    return _opened(rollup | {"_part": total}, weeks)


def _from_files(table: PeopleTable, unit: str, weeks: list[str], by_week: Mapping[str, list[Path]]) -> Summary | None:
    """The year summarised from all its weeks' files at once (kept unless a file changed meanwhile)."""
    before = {week: fingerprint(by_week[week]) for week in weeks}
    summary = summarise([path for week in weeks for path in by_week[week]])
    after = {week: fingerprint(by_week[week]) for week in weeks}
    summary |= {"format": FORMAT, "rollup": True, "files": before if after == before else None}
    _writable(table)
    if not table.keep({f"years/{unit}": summary}):  # the table was made anew meanwhile: left for the next report
        return None
    return _opened(summary, weeks)


def _opened(summary: Summary, weeks: list[str]) -> Summary:
    summary["_part"] = summary.get("_part") or part_from_json(summary["part"])
    summary["ids"] = {name: split(summary["ids"][name]) for name in ("sessions", "trips")}
    summary["weeks"] = weeks
    return summary

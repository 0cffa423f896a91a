"""The shape every stored file must have: tables of records, the types of the fields read, safe names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from sessions.i18n import N_, _
from sessions.storage.durable import DamagedFile
from sessions.storage.journal import journal_path

__all__ = ["DEVICE_ID", "WEEK", "WEEK_FILE", "check_shape", "shape_problem"]

#: A day as the timetable keeps it, and a time of day.
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CLOCK_TIME = re.compile(r"^\d{2}:\d{2}$")
#: A laptop's id becomes part of every week log's name: letters, digits, - and _ only.
DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: An ISO week as week logs are named by it (a registry's open marker becomes a file name too).
WEEK = re.compile(r"^\d{4}-W\d{2}$")
#: A week log, or a sync engine's conflict copy of one (sessions/storage/copies.py).
WEEK_FILE = re.compile(r"^\d{4}-W\d{2}\.[A-Za-z0-9_-]+(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+)*\.json$")


class _Missing:
    """The value of a field a record does not have (allowed where the code reads it with a default)."""


_MISSING = _Missing()
_NONE = type(None)


@dataclass(frozen=True)
class Field:
    """The types a field may hold, said in words for the message when it holds another."""

    types: frozenset[type]
    expected: str
    pattern: re.Pattern[str] | None = None
    items: type | None = None
    #: Text must read as an ISO date-time (checked in the small tables only: parsing costs).
    moment: bool = False
    #: A number must be at least 0 (a count or a reading).
    counted: bool = False


def _field(
    expected: str,
    *types: type,
    pattern: re.Pattern[str] | None = None,
    items: type | None = None,
    moment: bool = False,
    counted: bool = False,
) -> Field:
    return Field(frozenset(types), expected, pattern, items, moment, counted)


_ID = _field(N_("text"), str)
_TEXT = _field(N_("text"), str, _Missing)
_MAYBE_TEXT = _field(N_("text or empty"), str, _NONE, _Missing)
_MAYBE_WHOLE = _field(N_("a whole number or empty"), int, _NONE, _Missing)
_MAYBE_COUNT = _field(N_("a whole number of 0 or more, or empty"), int, _NONE, _Missing, counted=True)
_MOMENT = _field(N_("a date and time"), str, moment=True)
_MAYBE_MOMENT = _field(N_("a date and time, or empty"), str, _NONE, _Missing, moment=True)
_CHANGE = N_("a record holding “after”")
_TEXT_LIST = _field(N_("a list of text"), list, _Missing, items=str)
_DAY = _field(N_("a date such as 2026-11-23"), str, pattern=DAY)
_MAYBE_DAY = _field(N_("a date such as 2026-11-23, or empty"), str, _NONE, _Missing, pattern=DAY)
_TIME = _field(N_("a time such as 10:00"), str, pattern=CLOCK_TIME)
_MAYBE_TIME = _field(N_("a time such as 10:00, or empty"), str, _NONE, _Missing, pattern=CLOCK_TIME)
_WEEKDAY = _field(N_("a weekday from 1 (Monday) to 7 (Sunday)"), int)

Spec = dict[str, dict[str, Field]]


def _listed(**fields: Field) -> dict[str, Field]:
    """An entry of a staff-kept list: its id and name are read everywhere."""
    return {"id": _ID, "name": _field(N_("text"), str), "archived_at": _MAYBE_TEXT, **fields}


#: registry.json: the tables the app reads, and the fields it reads of them.
REGISTRY: Spec = {
    "participants": {
        "id": _ID,
        "first_name": _TEXT,
        "last_name": _TEXT,
        "birth_year": _MAYBE_WHOLE,
        "gender": _MAYBE_TEXT,
        "groups": _TEXT_LIST,
        "neighbourhood": _TEXT,
        "language": _TEXT,
        "consent_date": _MAYBE_TEXT,
        "code": _MAYBE_TEXT,
        "contact": _TEXT,
        "archived_at": _MAYBE_TEXT,
        "created": _TEXT,
    },
    "cards": {"code": _ID, "participant_id": _ID, "issued": _ID, "revoked_at": _MAYBE_TEXT, "printed_at": _MAYBE_TEXT},
    "activities": _listed(capacity=_MAYBE_COUNT),
    "places": _listed(),
    "staff": _listed(roles=_TEXT_LIST),
    "vehicles": _listed(plate=_MAYBE_TEXT, seats=_MAYBE_COUNT, wheelchair_places=_MAYBE_COUNT, odometer=_MAYBE_COUNT),
    "purposes": _listed(),
    "projects": _listed(title=_MAYBE_TEXT),
    # The week's timetable: one record per regular session, and the dates it changes (sessions/timetable.py).
    "timetable": {
        "id": _ID,
        "activity_id": _ID,
        "weekday": _WEEKDAY,
        "start": _TIME,
        "end": _TIME,
        **dict.fromkeys(("place", "instructor"), _TEXT),
        "capacity": _MAYBE_COUNT,
        "valid_from": _DAY,
        "valid_to": _MAYBE_DAY,
        "project_id": _MAYBE_TEXT,
        "regulars": _TEXT_LIST,
        "archived_at": _MAYBE_TEXT,
    },
    "timetable_changes": {
        "id": _ID,
        "plan_id": _MAYBE_TEXT,
        "day": _DAY,
        "kind": _ID,
        "reason": _MAYBE_TEXT,
        "new_day": _MAYBE_DAY,
        **dict.fromkeys(("start", "end"), _MAYBE_TIME),
        **dict.fromkeys(("activity_id", "place", "instructor", "project_id"), _MAYBE_TEXT),
        "capacity": _MAYBE_COUNT,
        "archived_at": _MAYBE_TEXT,
    },
    "settings": {"key": _ID},
    "open": {"kind": _ID, "id": _ID, "week": _field(N_("a week such as 2026-W47"), str, pattern=WEEK)},
    "audit": {"created": _ID},
}

_STAMPS = {"created": _MAYBE_TEXT, "voided_at": _MAYBE_TEXT}
#: A week log: what exports, reports and the app read of each table (the bulk ones kept to a few fields).
#: The times the readers pick a period's records by, or order them by, must read as date-times.
WEEK_LOG: Spec = {
    "sessions": {
        "id": _ID,
        **_STAMPS,
        **dict.fromkeys(("activity_id", "activity", "place", "instructor", "closed_at"), _MAYBE_TEXT),
        "start": _MOMENT,
        "end": _MAYBE_MOMENT,
        "capacity": _MAYBE_COUNT,
        # Started from the timetable (older sessions, and unplanned ones, have none of these).
        **dict.fromkeys(("plan_id", "project_id"), _MAYBE_TEXT),
        "planned_day": _MAYBE_DAY,
        "planned_end": _MAYBE_TEXT,  # read by sessions/resume.py, which passes over one that is not a time
    },
    # The bulk tables: only the ids the readers look records up by (a wrong type there breaks every count),
    # and the counts added up; checked column by column, never parsed.
    "checkins": {"id": _ID, "session_id": _ID, "participant_id": _ID},
    "scans": {},
    "trips": {
        "id": _ID,
        **_STAMPS,
        **dict.fromkeys(
            ("closed_at", "vehicle_id", "vehicle", "plate", "driver", "destination"),
            _MAYBE_TEXT,
        ),
        "departure": _MOMENT,
        "return": _MAYBE_MOMENT,
        **dict.fromkeys(("odometer_start", "odometer_end", "guests"), _MAYBE_COUNT),
        "project_id": _MAYBE_TEXT,
    },
    "boardings": {"id": _ID, "trip_id": _ID, "participant_id": _ID, "escorts": _MAYBE_COUNT},
    "corrections": {
        "id": _ID,
        # The trip list and the audit trail read every correction's time and changes.
        "created": _MOMENT,
        "target_table": _MAYBE_TEXT,
        "target_id": _MAYBE_TEXT,
        "changes": _field(N_("a record"), dict),
    },
}
#: What a correction's `after` must be, by the field it corrects (as WEEK_LOG has it for the trip itself).
CORRECTED = {
    "departure": _MAYBE_MOMENT,
    "return": _MAYBE_MOMENT,
    "odometer_start": _MAYBE_COUNT,
    "odometer_end": _MAYBE_COUNT,
}


def check_shape(path: Path, data: Any) -> Any:
    """`data` itself when it has the shape of the file it was read from; DamagedFile naming the file if not.

    Every place that opens a data file calls this once it is parsed: a wrong
    shape is then treated as a damaged file (set aside by the app, exit 4 for
    a command), never as data that breaks a screen or a count later.
    """
    problem = shape_problem(path, data)
    if problem is not None:
        journal = journal_path(path)
        raise DamagedFile(journal if not path.exists() and journal.exists() else path, problem)  # the one there
    return data


def shape_problem(path: Path, data: Any) -> str | None:
    """What is wrong with the shape of a parsed data file, in a sentence; None when it is right.

    Checks are type checks of whole columns (quick on ten years of logs): the
    tables, their records, and the fields the code reads of them.
    """
    if not isinstance(data, dict):
        return _("the file does not hold tables")
    if path.name == "device.json":
        return _device_problem(data)
    if path.name in ("registry.json", "registry") or path.parent.name == "registry":
        return _tables_problem(data, REGISTRY)
    if WEEK_FILE.match(path.name):
        return _tables_problem(data, WEEK_LOG)
    return None


def _device_problem(data: dict[str, Any]) -> str | None:
    device = data.get("device")
    if isinstance(device, str) and DEVICE_ID.match(device):
        return None
    return _("the laptop's id {device} is not letters, digits, - and _ (it becomes part of file names)").format(
        device=_shown(device)
    )


def _tables_problem(data: dict[str, Any], spec: Spec) -> str | None:
    for name, table in data.items():
        if not isinstance(table, dict):
            return _("“{table}” is not a table of records").format(table=name)
        fields = spec.get(name)
        if fields is not None:
            problem = _table_problem(name, table, fields)
            if problem:
                return problem
    if spec is WEEK_LOG and isinstance(data.get("corrections"), dict):
        return _corrections_problem(data["corrections"])
    return None


def _corrections_problem(table: dict[str, Any]) -> str | None:
    """A correction's changes hold a record with the value `after` each, of the type the field it corrects holds."""
    for key, record in table.items():
        for name, change in (record.get("changes") or {}).items():
            if not isinstance(change, dict) or "after" not in change:
                field, expected = f"changes.{name}", _CHANGE
            elif name in CORRECTED and not _fits(CORRECTED[name], change["after"]):
                field, expected = f"changes.{name}.after", CORRECTED[name].expected
            else:
                continue
            return _("“{field}” of entry {key} of “{table}” is not {expected}").format(
                field=field, key=key, table="corrections", expected=_(expected)
            )
    return None


def _table_problem(name: str, table: dict[str, Any], fields: dict[str, Field]) -> str | None:
    if not all(map(str.isdecimal, table)):
        key = next(key for key in table if not key.isdecimal())
        return _("entry {key} of “{table}” is not numbered").format(key=_shown(key), table=name)
    records = table.values()
    if not all(issubclass(kind, dict) for kind in set(map(type, records))):  # the app's records are dicts, kept
        key = next(key for key, record in table.items() if not isinstance(record, dict))
        return _("entry {key} of “{table}” is not a record").format(key=key, table=name)
    for field, kind in fields.items():
        values = map(dict.get, records, repeat(field), repeat(_MISSING))
        if not set(map(type, values)) <= kind.types or _odd_values(kind, table.values(), field):
            key = next(key for key, record in table.items() if not _fits(kind, record.get(field, _MISSING)))
            return _("“{field}” of entry {key} of “{table}” is not {expected}").format(
                field=field, key=key, table=name, expected=_(kind.expected)
            )
    return None


def _odd_values(kind: Field, records: Iterable[dict[str, Any]], field: str) -> bool:
    """Whether any value (its type right) breaks the field's pattern, is not a date-time, is below 0,
    or holds items of the wrong type."""
    if kind.pattern is None and kind.items is None and not kind.moment and not kind.counted:
        return False
    values = list(map(dict.get, records, repeat(field)))
    if kind.counted and min(filter(None, values), default=0) < 0:  # the types are right: numbers or None
        return True
    texts = [v for v in values if isinstance(v, str)] if kind.pattern or kind.moment else []
    if kind.pattern is not None and not all(map(kind.pattern.match, texts)):
        return True
    if kind.moment and not all(map(_is_moment, texts)):
        return True
    lists = (v for v in values if isinstance(v, list))
    return kind.items is not None and not set(map(type, chain.from_iterable(lists))) <= {kind.items}


def _is_moment(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _fits(kind: Field, value: Any) -> bool:
    if type(value) not in kind.types:
        return False
    if kind.pattern is not None and isinstance(value, str) and not kind.pattern.match(value):
        return False
    if kind.moment and isinstance(value, str) and not _is_moment(value):
        return False
    if kind.counted and isinstance(value, int) and value < 0:
        return False
    return not (kind.items is not None and isinstance(value, list) and not all(type(v) is kind.items for v in value))


def _shown(value: Any) -> str:
    """A value as the message quotes it, cut short when long."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"

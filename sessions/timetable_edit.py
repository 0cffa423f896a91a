"""Staff keep the week's timetable: regular sessions, the dates they change, projects and regulars.

Everything goes through the registry's own writes (stamped, merged field by
field between laptops, audited). Nothing is deleted: a plan stops on a day
(`end_plan`) or, entered by mistake, is withdrawn (archived); a change of a
date is withdrawn by archiving it. A plan changed from a day on (`replace_plan`)
ends the day before and a copy takes over, so the weeks before keep the
timetable they had.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sessions.clock import iso
from sessions.i18n import _
from sessions.kinds import ChangeRecord, PlanRecord, ProjectRecord
from sessions.limits import one_line, too_long
from sessions.participants import read_date
from sessions.public_holidays import COUNTRIES
from sessions.recurrence import ADDED, CANCELLED, MOVED, plan_days
from sessions.registry import EntryError, Registry, read_capacity

__all__ = [
    "add_date",
    "add_plan",
    "add_project",
    "cancel_date",
    "end_plan",
    "move_date",
    "plans",
    "read_day",
    "read_time",
    "replace_plan",
    "set_holiday_country",
    "set_regulars",
    "update_plan",
    "withdraw_change",
    "withdraw_plan",
]

PLANS, CHANGES = "timetable", "timetable_changes"
#: What a plan holds that staff may change.
PLAN_FIELDS = (
    "activity_id",
    "weekday",
    "start",
    "end",
    "place",
    "instructor",
    "capacity",
    "valid_from",
    "valid_to",
    "project_id",
    "regulars",
)


def plans(registry: Registry, *, include_archived: bool = False) -> list[PlanRecord]:
    """The timetable's regular sessions (ended ones too), by weekday and start; withdrawn ones only if asked."""
    found = [p for p in registry.records(PLANS) if include_archived or not p.get("archived_at")]
    found.sort(key=lambda p: (p.get("weekday") or 0, p.get("start") or "", p.get("valid_from") or ""))
    return cast(list[PlanRecord], found)


def add_plan(registry: Registry, now: datetime, **fields: Any) -> PlanRecord:
    """Put a regular session in the timetable (PLAN_FIELDS; capacity, valid_to, project and regulars optional)."""
    clean = _clean_plan(registry, {"capacity": None, "valid_to": None, "project_id": None, "regulars": [], **fields})
    missing = [name for name in PLAN_FIELDS if name not in clean]
    if missing:
        _clean_plan(registry, {missing[0]: ""})  # says what is missing, as a blank field would
    return cast(PlanRecord, registry.add_record(PLANS, now, **{name: clean[name] for name in PLAN_FIELDS}))


def update_plan(registry: Registry, plan_id: str, now: datetime, **changes: Any) -> PlanRecord:
    """Put a regular session right (a mistake): its weeks before change too (else `replace_plan`)."""
    plan = _plan(registry, plan_id)
    clean = _clean_plan(registry, changes, plan)
    registry.change_record(PLANS, plan_id, now, **clean)
    return _plan(registry, plan_id)


def replace_plan(registry: Registry, plan_id: str, from_day: date | str, now: datetime, **changes: Any) -> PlanRecord:
    """Change a regular session from `from_day` on: the plan ends the day before, a copy with the changes follows.

    A plan that has not begun by then is changed itself. The regulars go over to the copy.
    """
    plan = _plan(registry, plan_id)
    begins = read_day(from_day, "valid_from")
    if begins <= date.fromisoformat(plan["valid_from"]):
        return update_plan(registry, plan_id, now, **changes)
    copy = {name: plan.get(name) for name in PLAN_FIELDS}
    with registry.writing(now):
        new = add_plan(registry, now, **{**copy, **changes, "valid_from": begins})
        end_plan(registry, plan_id, begins - timedelta(days=1), now)
    return new


def end_plan(registry: Registry, plan_id: str, last_day: date | str, now: datetime) -> None:
    """A regular session stops: `last_day` is the last day it may take place."""
    plan = _plan(registry, plan_id)
    clean = _clean_plan(registry, {"valid_to": last_day}, plan)
    registry.change_record(PLANS, plan_id, now, **clean)


def withdraw_plan(registry: Registry, plan_id: str, now: datetime, withdrawn: bool = True) -> None:
    """Take a regular session entered by mistake out of the timetable, every week of it (or put it back)."""
    _plan(registry, plan_id)
    registry.change_record(PLANS, plan_id, now, archived_at=iso(now) if withdrawn else None)


def set_regulars(registry: Registry, plan_id: str, participant_ids: Iterable[str], now: datetime) -> None:
    """The usual participants of a regular session, in the order given (each once)."""
    plan = _plan(registry, plan_id)
    clean = _clean_plan(registry, {"regulars": list(participant_ids)}, plan)
    registry.change_record(PLANS, plan_id, now, **clean)


# dates changed ----------------------------------------------------------


def cancel_date(registry: Registry, plan_id: str, day: date | str, reason: str, now: datetime) -> ChangeRecord:
    """Cancel a regular session on one of its days, saying why."""
    plan, planned = _plan(registry, plan_id), read_day(day, "day")
    _check_plan_day(plan, planned)
    why = _text("reason", reason)
    if not why:
        raise EntryError("reason", _("Say why the session is cancelled."))
    return _change(registry, now, plan_id=plan_id, day=planned, kind=CANCELLED, reason=why)


def move_date(
    registry: Registry,
    plan_id: str,
    day: date | str,
    now: datetime,
    *,
    new_day: date | str | None = None,
    start: str | None = None,
    end: str | None = None,
    reason: str | None = None,
) -> ChangeRecord:
    """Move a regular session's date to another day or time (either may stay as planned)."""
    plan, planned = _plan(registry, plan_id), read_day(day, "day")
    _check_plan_day(plan, planned)
    on = read_day(new_day, "new_day") if new_day not in (None, "") else planned
    begins = read_time(start, "start") if start else plan["start"]
    ends = read_time(end, "end") if end else plan["end"]
    _check_times(begins, ends)
    fields = {"new_day": on, "start": begins, "end": ends, "reason": _text("reason", reason) or None}
    return _change(registry, now, plan_id=plan_id, day=planned, kind=MOVED, **fields)


def add_date(registry: Registry, now: datetime, **fields: Any) -> ChangeRecord:
    """Add a one-off session on a day (day, activity_id, start, end, place, instructor; capacity, project, reason)."""
    on = read_day(fields.get("day"), "day")
    what = {"capacity": None, "project_id": None, **{k: v for k, v in fields.items() if k not in ("day", "reason")}}
    clean = _clean_plan(registry, what)
    for name in ("activity_id", "start", "end", "place", "instructor"):
        if name not in clean:
            _clean_plan(registry, {name: ""})
    kept = {k: clean[k] for k in ("activity_id", "start", "end", "place", "instructor", "capacity", "project_id")}
    reason = _text("reason", fields.get("reason")) or None
    return _change(registry, now, plan_id=None, day=on, kind=ADDED, reason=reason, new_day=on, **kept)


def withdraw_change(registry: Registry, change_id: str, now: datetime) -> None:
    """Withdraw a change of a date: the date is as the timetable has it again (an added session is gone)."""
    if registry.record(CHANGES, change_id) is None:
        raise EntryError("day", _("This change is no longer in the register."))
    registry.change_record(CHANGES, change_id, now, archived_at=iso(now))


def _change(
    registry: Registry, now: datetime, *, plan_id: str | None, day: date, kind: str, **fields: Any
) -> ChangeRecord:
    """File a change of a date; an earlier change of the same date is withdrawn in the same write."""
    record = {
        "plan_id": plan_id,
        "day": day.isoformat(),
        "kind": kind,
        "reason": None,
        "new_day": None,
        "start": None,
        "end": None,
        **fields,
    }
    if isinstance(record["new_day"], date):
        record["new_day"] = record["new_day"].isoformat()
    standing = [c for c in registry.records(CHANGES) if not c.get("archived_at")]
    earlier = [c["id"] for c in standing if plan_id and c.get("plan_id") == plan_id and c.get("day") == record["day"]]
    with registry.writing(now):
        for change_id in earlier:
            withdraw_change(registry, change_id, now)
        return cast(ChangeRecord, registry.add_record(CHANGES, now, **record))


# projects and settings --------------------------------------------------


def add_project(registry: Registry, now: datetime, name: str, title: str | None = None) -> ProjectRecord:
    """Put a funder project on the list (a name such as LLI-550, and its title if wanted)."""
    return cast(ProjectRecord, registry.add_item("projects", now, name=name, title=_text("title", title) or None))


def set_holiday_country(registry: Registry, country: str, now: datetime) -> None:
    """Which country's public holidays the centre keeps: LV (Latvia) or LT (Lithuania)."""
    code = str(country or "").strip().upper()
    if code not in COUNTRIES:
        raise EntryError("holiday_country", _("The country is LV (Latvia) or LT (Lithuania)."))
    registry.set_settings({"holiday_country": code}, now)


# checks -----------------------------------------------------------------


def read_time(value: Any, field: str = "start") -> str:
    """A time of day as typed (10:00, 9.30, 9:30) as the timetable keeps it: "HH:MM"."""
    text = str(value or "").strip().replace(".", ":")
    hours, _sep, minutes = text.partition(":")
    if hours.isdigit() and minutes.isdigit() and len(hours) <= 2 and len(minutes) == 2:
        try:
            return time(int(hours), int(minutes)).strftime("%H:%M")
        except ValueError:
            pass
    raise EntryError(field, _("Write the time as 10:00."))


def read_day(value: Any, field: str = "day") -> date:
    """A day given as a date or typed (23.11.2026 or 2026-11-23)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day = read_date(str(value or ""))
    if day is None:
        raise EntryError(field, _("Write the date as 23.11.2026."))
    return day


def _clean_plan(registry: Registry, fields: dict[str, Any], plan: PlanRecord | None = None) -> dict[str, Any]:
    """The fields of a plan (or of an added session) checked and as kept; EntryError on the first wrong one."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise EntryError(sorted(unknown)[0], _("This field cannot be changed here."))
    clean = dict(fields)
    if "activity_id" in clean and registry.item("activities", str(clean["activity_id"] or "")) is None:
        raise EntryError("activity_id", _("Choose an activity from the list."))
    if "weekday" in clean:
        clean["weekday"] = _weekday(clean["weekday"])
    for name in ("start", "end"):
        if name in clean:
            clean[name] = read_time(clean[name], name)
    for name, missing in (("place", _("Choose the place.")), ("instructor", _("Choose the instructor."))):
        if name in clean:
            clean[name] = _text(name, clean[name])
            if not clean[name]:
                raise EntryError(name, missing)
    if "capacity" in clean:
        clean["capacity"] = None if str(clean["capacity"] or "").strip() == "" else read_capacity(clean["capacity"])
    for name in ("valid_from", "valid_to"):
        if name in clean and (clean[name] not in (None, "") or name == "valid_from"):
            clean[name] = read_day(clean[name], name).isoformat()
        elif name in clean:
            clean[name] = None
    if clean.get("project_id") and registry.item("projects", str(clean["project_id"])) is None:
        raise EntryError("project_id", _("Choose a project from the list."))
    if "project_id" in clean:
        clean["project_id"] = clean["project_id"] or None
    if "regulars" in clean:
        clean["regulars"] = _regulars(registry, clean["regulars"])
    whole = {**(plan or {}), **clean}
    if whole.get("start") and whole.get("end"):
        _check_times(whole["start"], whole["end"])
    if whole.get("valid_from") and whole.get("valid_to") and whole["valid_to"] < whole["valid_from"]:
        raise EntryError("valid_to", _("The last day comes before the first."))
    return clean


def _weekday(value: Any) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 7:
        raise EntryError("weekday", _("The weekday is a number from 1 (Monday) to 7 (Sunday)."))
    return int(text)


def _check_times(start: str, end: str) -> None:
    if end <= start:  # "HH:MM" sorts as the time it names
        raise EntryError("end", _("The end comes after the start."))


def _regulars(registry: Registry, ids: Any) -> list[str]:
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise EntryError("regulars", _("Choose the regulars from the list of participants."))
    kept = list(dict.fromkeys(str(pid) for pid in ids))
    if any(registry.participant(pid) is None for pid in kept):
        raise EntryError("regulars", _("Choose the regulars from the list of participants."))
    return kept


def _text(field: str, value: Any) -> str:
    text = one_line(value)
    if problem := too_long(field, text):
        raise EntryError(field, problem)
    return text


def _plan(registry: Registry, plan_id: str) -> PlanRecord:
    plan = registry.record(PLANS, plan_id)
    if plan is None:
        raise EntryError("plan", _("This session is no longer in the timetable."))
    return cast(PlanRecord, plan)


def _check_plan_day(plan: PlanRecord, day: date) -> None:
    if not plan_days(plan, day, day) or plan.get("archived_at"):
        raise EntryError("day", _("The session does not take place on that day."))

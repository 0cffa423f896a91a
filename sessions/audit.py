"""The audit trail staff read: registry changes, and voids and corrections from the logs."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sessions.clock import sort_instant
from sessions.i18n import N_
from sessions.store import Store

__all__ = ["AUDIT_WORDS", "AuditLine", "TwoLaptops", "audit_trail", "changed_on_two_laptops"]

#: The app's own words in the trail, each shown in the screen's language (or, in an access export, the person's).
AUDIT_WORDS = {
    # actions
    "add": N_("added"),
    "update": N_("changed"),
    "archive": N_("archived"),
    "restore": N_("back from archive"),
    "issue_card": N_("new card"),
    "card_clash": N_("new card (the code was given twice)"),
    "setting": N_("setting"),
    "erase": N_("erased"),
    "void": N_("taken back"),
    "correct": N_("corrected"),
    "undo": N_("undone"),
    "removed": N_("removed"),
    # who
    "app": N_("the app"),
    "staff": N_("staff"),
    "instructor": N_("instructor"),
    "driver": N_("driver"),
    "demo": N_("demo data"),
    # what
    "participants": N_("participant"),
    "activities": N_("activity"),
    "places": N_("place"),
    "vehicles": N_("vehicle"),
    "checkins": N_("check-in"),
    "boardings": N_("boarding"),
    "trips": N_("trip"),
    "settings": N_("setting"),
    "projects": N_("project"),
    "timetable": N_("regular session"),
    "timetable_changes": N_("date of the timetable"),
    # fields
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "birth_year": N_("year of birth"),
    "gender": N_("gender"),
    "groups": N_("groups"),
    "neighbourhood": N_("neighbourhood"),
    "language": N_("language"),
    "consent_date": N_("consent date"),
    "archived_at": N_("archived"),
    "code": N_("card code"),
    "name": N_("name"),
    "capacity": N_("capacity"),
    "roles": N_("roles"),
    "value": N_("value"),
    "participant_id": N_("participant"),
    "centre_name": N_("centre name"),
    "retention_years": N_("retention, years"),
    "backup_mirror": N_("backup copy folder"),
    "staff_pin": N_("staff PIN"),
    "odometer_end": N_("odometer at return"),
    "odometer_start": N_("odometer at start"),
    "contact": N_("phone or contact"),
    "title": N_("title"),
    "activity_id": N_("activity"),
    "weekday": N_("weekday"),
    "start": N_("starts at"),
    "end": N_("ends at"),
    "place": N_("place"),
    "valid_from": N_("first day"),
    "valid_to": N_("last day"),
    "project_id": N_("project"),
    "regulars": N_("regulars"),
    "plan_id": N_("regular session"),
    "day": N_("date"),
    "new_day": N_("new date"),
    "kind": N_("change"),
    "reason": N_("reason"),
    "holiday_country": N_("public holidays of"),
    "not_seen_weeks": N_("not seen for, weeks"),
    # values
    "cancelled": N_("cancelled"),
    "moved": N_("moved"),
    "added": N_("added"),
    "senior": N_("senior"),
    "disability": N_("disability"),
    "wheelchair": N_("wheelchair"),
    "(erased)": N_("(erased)"),
    "True": N_("yes"),
    "False": N_("no"),
}

#: How many weeks of logs the trail reads voids and corrections from.
LOG_WEEKS = 8


@dataclass(frozen=True)
class AuditLine:
    """One change: when, who, what, to what, and the values before and after."""

    created: str
    who: str
    action: str
    target: str
    before: Any
    after: Any
    #: The laptop it was made on, and the audit record's id (registry changes only).
    device: str = ""
    ident: str = ""


@dataclass(frozen=True)
class TwoLaptops:
    """A field two laptops changed at the same time, neither knowing of the other's change."""

    target: str
    field: str
    #: (laptop, value, when) of each change, the earlier first.
    changes: tuple[tuple[str, Any, str], tuple[str, Any, str]]
    #: The audit records of the two changes.
    idents: tuple[str, str]
    #: The value every laptop now holds (the later change, by the merge rule).
    kept: Any


def changed_on_two_laptops(store: Store) -> list[TwoLaptops]:
    """Changes made on two laptops at once: the second laptop changed a value without having seen the first's.

    Both are in the audit trail; the registry keeps the later one on every
    laptop. Found where a change's "before" is not what the other laptop's
    earlier change left.
    """
    by_field: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in store.registry.audit():
        after = entry.get("after")
        if entry.get("action") in ("add", "erase") or not isinstance(after, dict):
            continue
        for field in after:
            by_field.setdefault((entry["target"], field), []).append(dict(entry))
    found = []
    for (target, field), entries in by_field.items():
        entries.sort(key=lambda e: sort_instant(e.get("created")))
        for first, second in pairwise(entries):
            if first.get("device") == second.get("device"):
                continue
            if (second.get("before") or {}).get(field) == first["after"].get(field):
                continue  # the second laptop had the first's change when it made its own
            found.append(
                TwoLaptops(
                    target,
                    field,
                    (
                        (str(first.get("device")), first["after"].get(field), str(first["created"])),
                        (str(second.get("device")), second["after"].get(field), str(second["created"])),
                    ),
                    (str(first.get("id")), str(second.get("id"))),
                    _current(store, target, field),
                )
            )
    return found


def _current(store: Store, target: str, field: str) -> Any:
    kind, _sep, ident = target.partition(":")
    if kind == "participants":
        return (store.registry.participant_record(ident) or {}).get(field)
    if kind == "settings":
        return store.registry.setting(ident)
    item: dict[str, Any] = dict(store.registry.item(kind, ident) or {})
    return item.get(field)


def _from_logs(store: Store, weeks: int) -> list[AuditLine]:
    files = store.log_files()
    recent = sorted({week for week, _d, _p in files})[-weeks:]
    lines = []
    for week, _device, path in files:
        if week not in recent:
            continue
        tables = store.read_log(path)
        for table in ("checkins", "boardings"):
            for doc in tables.get(table, {}).values():
                if doc.get("voided_at"):
                    lines.append(
                        AuditLine(
                            doc["voided_at"],
                            str(doc.get("voided_by") or ""),
                            f"void:{doc.get('void_reason') or ''}",
                            f"{table}:{doc['id']}",
                            {"participant_id": doc.get("participant_id")},
                            None,
                        )
                    )
        for doc in tables.get("corrections", {}).values():
            changes = doc.get("changes", {})
            lines.append(
                AuditLine(
                    doc["created"],
                    str(doc.get("by") or ""),
                    f"correct:{doc.get('reason') or ''}",
                    f"{doc.get('target_table')}:{doc.get('target_id')}",
                    {k: v.get("before") for k, v in changes.items()},
                    {k: v.get("after") for k, v in changes.items()},
                )
            )
    return lines


def audit_trail(store: Store, *, weeks: int = LOG_WEEKS) -> list[AuditLine]:
    """Every registry change, and the last `weeks` weeks of voids and corrections, newest first."""
    lines = [
        AuditLine(
            d["created"],
            d.get("who", ""),
            d["action"],
            d["target"],
            d.get("before"),
            d.get("after"),
            str(d.get("device") or ""),
            str(d.get("id") or ""),
        )
        for d in store.registry.audit()
    ]
    lines += _from_logs(store, weeks)
    return sorted(lines, key=lambda line: sort_instant(line.created), reverse=True)

"""Data protection: everything held on one person (right of access), erasure, and retention."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sessions.clock import by_moment, instant, iso
from sessions.storage.durable import DamagedFile, atomic_write_bytes, load_json
from sessions.storage.local import LOCAL_FOLDER
from sessions.store import Store

__all__ = [
    "ERASURES_FILE",
    "RETENTION_SETTING",
    "anonymise_inactive",
    "erase_arrived",
    "erase_participant",
    "export_subject_access",
    "reapply_erasures",
    "subject_access",
]

#: Ids (never names) of everyone erased, so that a restore from an older backup erases them again.
ERASURES_FILE = "erasures.json"
RETENTION_SETTING = "retention_years"
#: Fields removed on erasure. Target groups and gender stay: funders' totals count by them,
#: and without a name they point at nobody.
ERASED_FIELDS = {
    "first_name": "—",
    "last_name": "",
    "birth_year": None,
    "neighbourhood": "",
    "consent_date": None,
    "contact": "",
}
_LOG_TABLES = ("checkins", "boardings", "scans")


def _person_doc(store: Store, participant_id: str) -> dict[str, Any]:
    doc = store.registry.participant_record(participant_id)
    if doc is None:
        raise KeyError(participant_id)
    return doc


def subject_access(store: Store, participant_id: str) -> dict[str, Any]:
    """Everything held on one person: the record, every card, the audit lines, every log record."""
    registry = store.registry
    held: dict[str, Any] = {
        "participant": _person_doc(store, participant_id),
        "cards": registry.card_records(participant_id),
        "audit": [e for e in registry.audit() if e["target"] == f"participants:{participant_id}"],
    }
    for table in _LOG_TABLES:
        held[table] = []
    for _week, _device, path in store.log_files():
        tables = store.read_log(path)
        for table in _LOG_TABLES:
            held[table] += [d for d in tables.get(table, {}).values() if d.get("participant_id") == participant_id]
    for table in _LOG_TABLES:
        held[table].sort(key=by_moment("at", "created"))
    return held


def export_subject_access(store: Store, participant_id: str, now: datetime, folder: Path | None = None) -> Path:
    """Write what subject_access finds to a JSON file (owner-only) and return its path."""
    target = folder or store.data_dir / "exports" / "access"
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = target / f"access-{participant_id[:8]}-{now:%Y%m%d-%H%M%S}.json"
    payload = {"exported": iso(now), "participant_id": participant_id, **subject_access(store, participant_id)}
    atomic_write_bytes(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def _scrub(values: Any) -> Any:
    if not isinstance(values, dict):
        return values
    return {k: ("(erased)" if k in ERASED_FIELDS else v) for k, v in values.items()}


def erase_participant(store: Store, participant_id: str, now: datetime) -> None:
    """Remove a person's name and personal fields; their history stays under their anonymous id.

    Check-ins and boardings keep pointing at the same id, so every total is
    unchanged. Their cards are revoked, and the audit lines about them lose
    the personal values they held.
    """
    registry = store.registry
    doc = _person_doc(store, participant_id)
    if doc.get("erased_at"):
        return
    fields = {
        **ERASED_FIELDS,
        "first_name": f"#{participant_id[:6]}",
        "erased_at": iso(now),
        "archived_at": doc.get("archived_at") or iso(now),
    }
    registry.erase_participant(participant_id, now, fields, _scrub)
    _remember_erasure(store.data_dir, participant_id)


def erase_arrived(store: Store, now: datetime) -> list[str]:
    """Carry out here the erasures another laptop made: the audit lines this laptop holds lose the personal values.

    This laptop's registry file is then written again, so no file it writes
    still names them. Called after `Store.refresh`.
    """
    done = []
    for person, _codes in store.registry.erased_elsewhere:
        doc = store.registry.participant_record(person.id)
        if doc is None:
            continue
        fields = {k: doc.get(k) for k in (*ERASED_FIELDS, "first_name", "erased_at", "archived_at")}
        store.registry.erase_participant(person.id, now, fields, _scrub, audited=False)
        _remember_erasure(store.data_dir, person.id)
        done.append(person.id)
    store.registry.erased_elsewhere = []
    return done


def _erased_ids(data_dir: Path) -> list[str]:
    try:
        return list((load_json(data_dir / LOCAL_FOLDER / ERASURES_FILE) or {}).get("erased", []))
    except DamagedFile:
        return []


def _remember_erasure(data_dir: Path, participant_id: str) -> None:
    erased = _erased_ids(data_dir)
    if participant_id not in erased:
        payload = {"erased": [*erased, participant_id]}
        (data_dir / LOCAL_FOLDER).mkdir(exist_ok=True, mode=0o700)
        atomic_write_bytes(data_dir / LOCAL_FOLDER / ERASURES_FILE, json.dumps(payload).encode())


def reapply_erasures(store: Store, now: datetime) -> list[str]:
    """After a restore: erase again anyone erased since the backup was taken."""
    again = []
    for participant_id in _erased_ids(store.data_dir):
        if store.registry.participant(participant_id) is not None:
            doc = _person_doc(store, participant_id)
            if not doc.get("erased_at"):
                erase_participant(store, participant_id, now)
                again.append(participant_id)
    return again


def last_seen(store: Store) -> dict[str, datetime]:
    """Each person's latest check-in or boarding, across every log file."""
    seen: dict[str, datetime] = {}
    for _week, _device, path in store.log_files():
        tables = store.read_log(path)
        for table in ("checkins", "boardings"):
            for doc in tables.get(table, {}).values():
                pid, at = doc.get("participant_id"), doc.get("at") or doc.get("created")
                if pid and at:
                    moment = instant(at)
                    if pid not in seen or moment > seen[pid]:
                        seen[pid] = moment
    return seen


def anonymise_inactive(store: Store, now: datetime, years: int | None = None) -> list[str]:
    """Erase everyone not seen (nor registered or changed) for `years` years (the retention setting)."""
    years = years if years is not None else store.registry.setting(RETENTION_SETTING)
    if not years:
        return []
    cutoff = now - timedelta(days=round(365.25 * int(years)))
    seen = last_seen(store)
    erased = []
    for person in store.registry.participants():
        doc = _person_doc(store, person.id)
        if doc.get("erased_at"):
            continue
        moments = [instant(t) for t in (doc.get("created"), doc.get("updated")) if t]
        if person.id in seen:
            moments.append(seen[person.id])
        if max(moments, default=now) < cutoff:
            erase_participant(store, person.id, now)
            erased.append(person.id)
    return erased

"""The audit trail staff read: registry changes, and voids and corrections from the logs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessions.clock import sort_instant
from sessions.store import Store

__all__ = ["AuditLine", "audit_trail"]

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
        AuditLine(d["created"], d.get("who", ""), d["action"], d["target"], d.get("before"), d.get("after"))
        for d in store.registry.audit()
    ]
    lines += _from_logs(store, weeks)
    return sorted(lines, key=lambda line: sort_instant(line.created), reverse=True)

"""The demo centre tells a possible story: nobody is seen after being archived."""

from __future__ import annotations

from sessions.clock import from_iso
from sessions.storage.journal import read_log
from sessions.store import Store


def _records(store: Store, table: str) -> list[dict]:
    found = []
    for path in sorted(store.logs_dir.glob("*.json")):
        found.extend((read_log(path) or {}).get(table, {}).values())
    return found


def test_nobody_boards_or_checks_in_after_being_archived(demo_store: Store) -> None:
    archived = {p.id: from_iso(p.archived_at) for p in demo_store.registry.participants() if p.archived_at}
    assert archived, "the demo archives someone"
    boardings = _records(demo_store, "boardings")
    assert boardings
    for table in ("boardings", "checkins", "scans"):
        for record in _records(demo_store, table):
            pid = record.get("participant_id")
            if pid in archived:
                assert from_iso(record["at"]) < archived[pid], f"{table}: {pid} seen at {record['at']}, archived before"

"""The durable storage re-encodes only changed records, yet writes exactly what json.dumps would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB, where
from tinydb.operations import delete, increment

from sessions.storage.durable import DurableStorage

NAMES = st.sampled_from(["Jānis", "Галина", 'a "quoted" name', "", "Ņina\n"])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.sampled_from(["checkins", "scans"]), NAMES),
        st.tuples(st.just("update"), st.sampled_from(["checkins", "scans"]), NAMES),
        st.tuples(st.just("increment"), st.sampled_from(["checkins", "scans"]), st.just("")),
        st.tuples(st.just("delete_field"), st.sampled_from(["checkins", "scans"]), st.just("")),
        st.tuples(st.just("remove"), st.sampled_from(["checkins", "scans"]), NAMES),
        st.tuples(st.just("drop"), st.sampled_from(["checkins", "scans"]), st.just("")),
    ),
    max_size=25,
)


def _apply(db: TinyDB, operation: tuple[str, str, str], n: int) -> None:
    kind, table_name, name = operation
    table = db.table(table_name, cache_size=0)
    if kind == "insert":
        table.insert({"n": n, "who": name, "nested": {"groups": [name, n]}, "voided_at": None})
    elif kind == "update":
        table.update({"who": name, "voided_at": str(n)}, where("n") < n // 2 + 1)
    elif kind == "increment":
        table.update(increment("n"), where("n").exists())
    elif kind == "delete_field":
        table.update(delete("nested"), where("nested").exists() & where("n").test(lambda value: value % 3 == 0))
    elif kind == "remove":
        table.remove(where("who") == name)
    else:
        db.drop_table(table_name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_file_is_always_the_compact_json_of_what_memory_holds(
    tmp_path: Path, operations: list[tuple[str, str, str]]
) -> None:
    path = tmp_path / "week.json"
    path.unlink(missing_ok=True)
    db = TinyDB(path, storage=DurableStorage)
    for n, operation in enumerate(operations):
        _apply(db, operation, n)
        if path.exists():
            memory: Any = db.storage.read()
            assert path.read_text("utf-8") == json.dumps(memory, ensure_ascii=False, separators=(",", ":"))
    reopened = TinyDB(path, storage=DurableStorage) if path.exists() else None
    if reopened is not None:
        for name in ("checkins", "scans"):
            assert reopened.table(name).all() == db.table(name).all()

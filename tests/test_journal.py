"""Week logs kept as a file plus a journal: every write is on disk, and readers see exactly memory."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tinydb import TinyDB

import sessions.storage.journal
from sessions.storage.backup import read_member, take_backup
from sessions.storage.damage import set_aside_if_damaged, set_aside_seen
from sessions.storage.durable import DamagedFile
from sessions.storage.journal import JournalStorage, journal_path, read_log
from sessions.storage.journal_table import WeekDB
from sessions.store import Store
from tests.conftest import Clock
from tests.test_durable_text import OPERATIONS, _apply

REPO = Path(__file__).resolve().parents[1]


def _memory(db: TinyDB) -> Any:
    return db.storage.read()


@pytest.mark.parametrize("database", [WeekDB, TinyDB], ids=["week tables", "stock tables"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_file_and_journal_always_read_back_as_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: type[TinyDB], operations: list[tuple[str, str, str]]
) -> None:
    monkeypatch.setattr(sessions.storage.journal, "COMPACT_AT", 300)  # rewrite the file often, too
    path = tmp_path / "2026-W48.hall.json"
    path.unlink(missing_ok=True)
    journal_path(path).unlink(missing_ok=True)
    db = database(path, storage=JournalStorage)
    for n, operation in enumerate(operations):
        _apply(db, operation, n)
        assert (read_log(path) or {}) == (_memory(db) or {})
    db.close()
    reopened = WeekDB(path, storage=JournalStorage)
    assert (_memory(reopened) or {}) == (_memory(db) or {})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_a_journal_replayed_over_the_rewritten_file_changes_nothing(
    tmp_path: Path, operations: list[tuple[str, str, str]]
) -> None:
    """A crash after the file was rewritten but before the journal was removed."""
    path = tmp_path / "2026-W48.hall.json"
    path.unlink(missing_ok=True)
    journal_path(path).unlink(missing_ok=True)
    db = WeekDB(path, storage=JournalStorage)
    db.table("checkins").insert({"n": -1})  # the first write makes the file; the rest go to the journal
    for n, operation in enumerate(operations):
        _apply(db, operation, n)
    final = read_log(path)
    journal = journal_path(path).read_bytes() if journal_path(path).exists() else b""
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.rewrite()
    assert not journal_path(path).exists()
    journal_path(path).write_bytes(journal)  # the old journal, left behind by the crash
    assert read_log(path) == final


def _week(path: Path, records: int) -> TinyDB:
    db = WeekDB(path, storage=JournalStorage)
    with db.storage.batch():  # type: ignore[attr-defined]
        for n in range(records):
            db.table("checkins").insert({"n": n, "who": "Jānis Bērziņš", "pad": "x" * 300})
    return db


def test_a_write_on_a_full_week_appends_one_line_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 700)
    file_before = path.read_bytes()
    assert len(file_before) > 200_000
    for n in range(5):
        db.table("checkins").insert({"n": 1000 + n, "who": "Anna K."})
    assert path.read_bytes() == file_before
    lines = journal_path(path).read_bytes().splitlines()
    assert len(lines) == 5 and all(len(line) < 200 for line in lines)
    assert len((read_log(path) or {})["checkins"]) == 705


def test_the_journal_is_folded_into_the_file_once_it_outgrows_it(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 1)
    for n in range(400):
        db.table("checkins").insert({"n": n, "pad": "y" * 300})
    journal = journal_path(path)
    assert not journal.exists() or journal.stat().st_size <= max(
        sessions.storage.journal.COMPACT_AT, path.stat().st_size
    )
    assert len((read_log(path) or {})["checkins"]) == 401
    assert len(json.loads(path.read_bytes())["checkins"]) > 200  # the file was rewritten on the way


def test_a_line_cut_short_by_a_crash_is_left_out_and_cut_off_before_the_next(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 2)
    db.table("checkins").insert({"n": 2})
    db.close()
    with journal_path(path).open("ab") as journal:
        journal.write(b'{"s":{"checkins":{"4":{"n":')  # the write a kill -9 interrupted
    assert [r["n"] for r in (read_log(path) or {})["checkins"].values()] == [0, 1, 2]
    again = WeekDB(path, storage=JournalStorage)
    again.table("checkins").insert({"n": 3})
    assert [r["n"] for r in (read_log(path) or {})["checkins"].values()] == [0, 1, 2, 3]
    assert all(json.loads(line) for line in journal_path(path).read_bytes().splitlines())


def test_a_damaged_line_inside_the_journal_is_damage_and_goes_aside_with_its_file(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 1)
    for n in range(3):
        db.table("checkins").insert({"n": 10 + n})
    db.close()
    lines = journal_path(path).read_bytes().splitlines(keepends=True)
    journal_path(path).write_bytes(lines[0] + b"\x00garbage\n" + lines[2])
    with pytest.raises(DamagedFile) as caught:
        read_log(path)
    assert caught.value.path == path and "journal" in caught.value.reason
    aside = set_aside_if_damaged(path, clock())
    assert aside is not None and aside.aside.exists()
    assert not path.exists() and not journal_path(path).exists()
    set_aside_seen(aside)  # staff dealt with it: both copies are kept, neither is a reminder any more
    assert sorted(p.name.split(".", 2)[-1] for p in tmp_path.iterdir()) == [
        f"journal.{aside.aside.name.rsplit('.', 1)[-1]}.seen",
        f"json.{aside.aside.name.rsplit('.', 1)[-1]}.seen",
    ]


def test_a_full_disk_during_an_append_leaves_the_journal_and_memory_as_they_were(tmp_path: Path) -> None:
    """RLIMIT_FSIZE cuts the append short, as a full disk would."""
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 3)
    db.table("checkins").insert({"n": 3})
    db.close()
    journal_before = journal_path(path).read_bytes()
    file_before = path.read_bytes()
    limit = len(file_before) + 200
    script = textwrap.dedent(
        f"""
        import resource, signal
        from sessions.storage.journal import JournalStorage
        from sessions.storage.journal_table import WeekDB as TinyDB
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        db = TinyDB({str(path)!r}, storage=JournalStorage)
        _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, hard))
        try:
            db.table("checkins").insert({{"n": 4, "pad": "z" * 4000}})
        except OSError as error:
            print("refused", error.errno)
        print("memory", len(db.table("checkins").all()))
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        db.table("checkins").insert({{"n": 5}})
        print("then", len(db.table("checkins").all()))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert "refused" in result.stdout, result.stdout + result.stderr
    assert "memory 4" in result.stdout and "then 5" in result.stdout
    assert path.read_bytes() == file_before
    assert journal_path(path).read_bytes().startswith(journal_before)
    assert [r["n"] for r in (read_log(path) or {})["checkins"].values()] == [0, 1, 2, 3, 5]


def test_kill_during_a_stream_of_journal_writes_loses_nothing_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    script = textwrap.dedent(
        f"""
        import sys
        from sessions.storage.journal_table import WeekDB as TinyDB
        import sessions.storage.journal
        from sessions.storage.journal import JournalStorage
        sessions.storage.journal.COMPACT_AT = 2000  # rewrites happen inside the stream too
        db = TinyDB({str(path)!r}, storage=JournalStorage)
        for n in range(100000):
            db.table("checkins").insert({{"n": n, "pad": "p" * (n % 50)}})
            sys.stdout.write(f"{{n}}\\n")
            sys.stdout.flush()
        """
    )
    for round_ in range(3):
        process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        confirmed = []
        for line in process.stdout:
            confirmed.append(int(line))
            if len(confirmed) >= 150 + 70 * round_:
                break
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = read_log(path)
        assert data is not None
        assert set(confirmed) <= {doc["n"] for doc in data["checkins"].values()}
        path.unlink()
        journal_path(path).unlink(missing_ok=True)


def test_readers_backups_and_the_next_start_see_what_a_running_app_wrote(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        log = store.week_log("2026-W48")
        log.table("checkins").insert({"id": "c1", "session_id": "s1", "participant_id": "p1", "n": 1})
        log.table("checkins").insert({"id": "c2", "session_id": "s1", "participant_id": "p2", "n": 2})
        path = log.path
        assert journal_path(path).exists()  # the second write went to the journal
        reader = Store(data, read_only=True)
        assert sorted(reader.read_log(path)["checkins"]) == ["1", "2"]
        backup = take_backup(data, clock())
        assert sorted(read_member(backup.path, f"logs/{path.name}")["checkins"]) == ["1", "2"]
    assert not journal_path(path).exists()  # folded into the file when the app closed
    assert sorted(json.loads(path.read_bytes())["checkins"]) == ["1", "2"]


def test_a_crash_after_the_rewrite_before_the_journal_goes_keeps_the_whole_last_write(tmp_path: Path) -> None:
    """The file is rewritten only from what the journal holds: replaying it again changes nothing."""
    path = tmp_path / "2026-W48.hall.json"
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from tinydb import where
        import sessions.storage.journal as journal
        from sessions.store import WeekLog
        journal.COMPACT_AT = 0  # every write that grows the journal past the file rewrites it
        log = WeekLog(Path({str(path)!r}), "2026-W48")
        checkins = log.table("checkins")
        checkins.insert({{"id": "c1", "voided_at": None, "note": "n" * 40}})
        checkins.update({{"voided_at": "09:00"}}, where("id") == "c1")
        journal.discard_journal = lambda _path: os._exit(0)  # the power goes before the journal is removed
        with log.batch():
            checkins.update({{"voided_at": None, "note": "undone"}}, where("id") == "c1")
            checkins.insert({{"id": "c2", "voided_at": None}})
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True)
    assert journal_path(path).exists()  # left behind by the crash
    found = {r["id"]: r for r in (read_log(path) or {})["checkins"].values()}
    assert found["c1"]["voided_at"] is None and found["c1"]["note"] == "undone" and "c2" in found


def test_records_written_in_one_line_come_back_in_the_order_memory_holds_them(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 1)
    with db.storage.batch():  # type: ignore[attr-defined]
        for n in range(2, 14):
            db.table("checkins").insert({"n": n})
    held = [r["n"] for r in (_memory(db) or {})["checkins"].values()]
    assert held == [0, *range(2, 14)]
    assert [r["n"] for r in (read_log(path) or {})["checkins"].values()] == held


def test_a_journal_replaced_behind_an_open_log_is_not_padded_and_the_next_write_lands(tmp_path: Path) -> None:
    path = tmp_path / "2026-W48.hall.json"
    db = _week(path, 1)
    db.table("checkins").insert({"n": 1})
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.close()  # the journal is opened again for the next append
    journal_path(path).unlink()  # as a restore does once it has written the file whole
    db.table("checkins").insert({"n": 2})
    assert b"\x00" not in journal_path(path).read_bytes()
    assert [r["n"] for r in (read_log(path) or {})["checkins"].values()] == [0, 2]


def test_a_journal_without_its_file_is_folded_into_a_file_of_tables(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        path = store.log_path("2026-W40")
    journal_path(path).write_bytes(b"")
    with Store(data):
        pass
    assert json.loads(path.read_bytes()) == {}

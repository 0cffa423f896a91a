"""Week logs from other laptops: read whatever order and however often they arrive, conflict copies merged by id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exports.periods import parse_week
from exports.readers import load_logs
from sessions.attendance import end_session, start_session
from sessions.checkin import check_in_person
from sessions.clock import week_key
from sessions.participants import Participant
from sessions.storage.backup import read_member, take_backup
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.sync_helpers import CONFLICT, checkin_record, conflict_copy, deliver, deliver_logs


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "hall", device="hall") as opened:
        yield opened


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "office", device="office") as opened:
        yield opened


def _day_at(store: Store, clock: Clock, people: int) -> tuple[str, list[Participant]]:
    """A session on `store` with `people` checked in by name; its id and the people."""
    gym = store.registry.add_item("activities", clock(), name=f"Gym {store.device}", capacity=20)
    add = store.registry.add_participant
    persons = [add(clock(), first_name=f"P{n}", last_name=store.device) for n in range(people)]
    session = start_session(store, gym["id"], "Hall", "Olga", clock())
    for person in persons:
        check_in_person(session, store.registry, person.id, clock.tick(seconds=10))
    end_session(store, session, clock.tick(minutes=50))
    return session.id, persons


def _counted(store: Store, clock: Clock) -> tuple[list[str], list[str]]:
    logs = load_logs(store, parse_week(week_key(clock())))
    return sorted(logs.sessions), sorted(c["id"] for c in logs.checkins)


def test_late_out_of_order_and_twice_each_record_once(hall: Store, office: Store, clock: Clock) -> None:
    _day_at(office, clock, 1)
    _day_at(hall, clock, 2)  # the hall's week is still in its journal: it arrives first, the file later
    journal = next((hall.data_dir / "logs").glob("*.hall.journal"))
    deliver(journal, office.logs_dir)
    assert len(_counted(office, clock)[1]) == 3
    hall.write_journals_into_files()
    deliver_logs(hall.data_dir, office.data_dir, "hall")  # the whole file now, after its journal
    (office.logs_dir / journal.name).unlink()  # the journal's removal arrives last
    deliver_logs(hall.data_dir, office.data_dir, "hall")  # and everything once more
    sessions, checkins = _counted(office, clock)
    assert (len(sessions), len(checkins)) == (2, 3)
    assert (sessions, checkins) == _counted_after_sync(hall, office, clock)


def _counted_after_sync(hall: Store, office: Store, clock: Clock) -> tuple[list[str], list[str]]:
    deliver_logs(office.data_dir, hall.data_dir, "office")
    return _counted(hall, clock)


def test_a_conflict_copy_of_another_laptops_week_is_read_and_left(hall: Store, office: Store, clock: Clock) -> None:
    session_id, people = _day_at(hall, clock, 2)
    hall.write_journals_into_files()
    deliver_logs(hall.data_dir, office.data_dir, "hall")
    lost = checkin_record("hall", session_id, people[0].id, clock())  # only the copy kept it
    copy = conflict_copy(hall.log_path(week_key(clock())), office.logs_dir, {"checkins": [lost]})
    before = copy.read_bytes()
    (office.logs_dir / ".syncthing.2026-W48.hall.json.tmp").write_bytes(b'{"checkins": {"1": {"id')  # still arriving

    _sessions, checkins = _counted(office, clock)
    assert len(checkins) == 3 and lost["id"] in checkins  # the two in both files once, and the copy's own
    tables = office.read_log(office.log_path(week_key(clock()), "hall"))
    assert sorted(c["id"] for c in tables["checkins"].values()) == checkins
    listed = [(week, device) for week, device, _p in office.log_files()]
    assert listed == [(week_key(clock()), "hall")]  # the copy is no week of its own

    assert office.absorb_own_copies() == []  # another laptop's copy: only read
    office.close()
    with Store(office.data_dir, device="office", repair=True):
        pass
    assert copy.read_bytes() == before
    assert (office.logs_dir / ".syncthing.2026-W48.hall.json.tmp").exists()  # the engine's, not a stale temp


def test_own_conflict_copies_are_folded_in_and_removed(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "office", device="office") as office:
        session_id, people = _day_at(office, clock, 2)
        office.write_journals_into_files()
        own = office.log_path(week_key(clock()))
        lost = checkin_record("office", session_id, people[1].id, clock())
        copy = conflict_copy(own, office.logs_dir, {"checkins": [lost]})
        journal_copy = deliver(copy, office.logs_dir, own.name.removesuffix(".json") + CONFLICT[:-1] + "H.journal")
        journal_copy.write_text("", encoding="utf-8")  # a journal's copy with nothing in it
    assert lost["id"] not in {c["id"] for c in (read_log(own) or {})["checkins"].values()}

    with Store(tmp_path / "office", device="office") as office:  # at start
        assert not copy.exists() and not journal_copy.exists()
        on_disk = [c["id"] for c in (read_log(own) or {})["checkins"].values()]
        assert len(on_disk) == 3 and on_disk.count(lost["id"]) == 1
        assert len(_counted(office, clock)[1]) == 3

        again = checkin_record("office", session_id, people[0].id, clock.tick(minutes=1))
        copy = conflict_copy(own, office.logs_dir, {"checkins": [again]})
        assert office.absorb_own_copies() == [copy]  # noticed while running
        assert not copy.exists()
        assert again["id"] in {c["id"] for c in office.read_log(own)["checkins"].values()}
    assert len((read_log(own) or {})["checkins"]) == 4


def test_a_backup_holds_the_copys_records_in_the_week(hall: Store, office: Store, clock: Clock) -> None:
    session_id, people = _day_at(hall, clock, 1)
    hall.write_journals_into_files()
    deliver_logs(hall.data_dir, office.data_dir, "hall")
    lost = checkin_record("hall", session_id, people[0].id, clock())
    conflict_copy(hall.log_path(week_key(clock())), office.logs_dir, {"checkins": [lost]})
    backup = take_backup(office.data_dir, clock())
    member = f"logs/{week_key(clock())}.hall.json"
    assert member in backup.members and not [m for m in backup.members if "sync-conflict" in m]
    ids = [c["id"] for c in read_member(backup.path, member)["checkins"].values()]
    assert len(ids) == 2 and lost["id"] in ids


def test_a_damaged_copy_is_named_not_skipped(hall: Store, office: Store, clock: Clock) -> None:
    from sessions.storage.durable import DamagedFile

    _day_at(hall, clock, 1)
    hall.write_journals_into_files()
    deliver_logs(hall.data_dir, office.data_dir, "hall")
    broken = office.logs_dir / f"{week_key(clock())}.hall{CONFLICT}.json"
    broken.write_bytes(b'{"checkins": ')
    with pytest.raises(DamagedFile) as raised:
        _counted(office, clock)
    assert raised.value.path == broken


def test_a_damaged_copy_of_another_laptops_week_is_left_where_it_is(office: Store, clock: Clock) -> None:
    broken = office.logs_dir / f"{week_key(clock())}.hall{CONFLICT}.json"
    broken.write_bytes(b'{"checkins": ')
    assert office.set_aside_damaged(broken, clock()) is None
    assert broken.read_bytes() == b'{"checkins": '
    own = office.logs_dir / f"{week_key(clock())}.office{CONFLICT}.json"
    own.write_bytes(b'{"checkins": ')
    assert office.set_aside_damaged(own, clock()) is not None and not own.exists()  # its own: set aside


def test_the_watch_notices_what_the_engine_renames_in_even_with_an_older_mtime(tmp_path: Path) -> None:
    import os

    from sessions.storage.watch import LogWatch

    logs = tmp_path / "logs"
    logs.mkdir()
    theirs = logs / "2026-W48.hall.json"
    theirs.write_text('{"sessions": {}}', encoding="utf-8")
    os.utime(theirs, ns=(10**18, 10**18))
    watch = LogWatch(logs, "office")
    assert watch.changed() == []
    (logs / "2026-W48.office.journal").write_text("{}\n", encoding="utf-8")  # its own writes are no news
    (logs / ".syncthing.2026-W49.hall.json.tmp").write_text("{", encoding="utf-8")  # still arriving
    assert watch.changed() == []
    same = tmp_path / "same.json"  # the same size, an older mtime kept by the sync: a new inode all the same
    same.write_text('{"sessions": {}}', encoding="utf-8")
    os.utime(same, ns=(10**17, 10**17))
    deliver(same, logs, theirs.name)
    assert watch.changed() == [theirs]
    copy = logs / f"2026-W48.office{CONFLICT}.json"
    copy.write_text("{}", encoding="utf-8")
    assert watch.changed() == [copy]  # a copy of its own file is news
    theirs.unlink()
    assert watch.changed() == [theirs]


def test_the_logs_of_some_weeks_are_listed_with_their_copies_and_the_others_copies_kept(
    hall: Store, office: Store, clock: Clock
) -> None:
    session_id, people = _day_at(hall, clock, 1)
    hall.write_journals_into_files()
    deliver_logs(hall.data_dir, office.data_dir, "hall")
    week = week_key(clock())
    lost = checkin_record("hall", session_id, people[0].id, clock())
    copy = conflict_copy(hall.log_path(week), office.logs_dir, {"checkins": [lost]})
    (office.logs_dir / "2025-W01.hall.json").write_text('{"sessions": {}}', "utf-8")
    main = office.logs_dir / f"{week}.hall.json"

    assert {w for w, _d, _p in office.log_files()} == {week, "2025-W01"}
    copies = office.log_copies(main)
    assert len(copies) == 1
    assert [(w, d) for w, d, _p in office.log_files({"2025-W01"})] == [("2025-W01", "hall")]
    assert office.log_copies(main) == copies  # another week's copies as the last look found them
    assert [(w, d) for w, d, _p in office.log_files({week})] == [(week, "hall")]
    assert office.log_copies(main) == copies
    assert lost["id"] in {c["id"] for c in office.read_log(main)["checkins"].values()}
    copy.unlink()
    office.log_files({week})
    assert office.log_copies(main) == []

"""A session left open when the app stopped: when it goes on at the next start, and what the start does with it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sessions.attendance import close_left_open, open_sessions, start_session
from sessions.checkin import Colour, check_in
from sessions.clock import iso, week_key
from sessions.resume import CLOCK_SLACK, DEFAULT_LENGTH, MARGIN, goes_on, planned_end
from sessions.storage.backup import take_backup
from sessions.storage.damage import pending_damaged, set_aside_seen
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import RIGA, Clock

TEN = datetime(2026, 11, 23, 10, 0, tzinfo=RIGA)
MS = timedelta(milliseconds=1)


def _session(start: datetime, **more: str) -> dict[str, object]:
    return {"start": iso(start), "end": None, **more}


# the rule -------------------------------------------------------------------


def test_the_window_ends_at_the_default_length_plus_the_margin() -> None:
    last = TEN + DEFAULT_LENGTH + MARGIN
    assert last == datetime(2026, 11, 23, 13, 0, tzinfo=RIGA)
    assert goes_on(_session(TEN), TEN)
    assert goes_on(_session(TEN), TEN + timedelta(minutes=1))
    assert goes_on(_session(TEN), last)
    assert not goes_on(_session(TEN), last + MS)


def test_a_planned_end_replaces_the_default_length() -> None:
    short = _session(TEN, planned_end=iso(TEN + timedelta(minutes=45)))
    assert planned_end(short) == TEN + timedelta(minutes=45)
    assert goes_on(short, TEN + timedelta(minutes=105))
    assert not goes_on(short, TEN + timedelta(minutes=105) + MS)
    long = _session(TEN, planned_end=iso(TEN + timedelta(hours=4)))
    assert goes_on(long, TEN + timedelta(hours=5))
    unreadable = _session(TEN, planned_end="half past ten")
    assert planned_end(unreadable) == TEN + DEFAULT_LENGTH


def test_a_planned_session_started_after_its_planned_end_runs_as_long_as_an_unplanned_one() -> None:
    evening = TEN + timedelta(hours=7)  # the 10:00–11:00 session of the timetable, started at five
    late = _session(evening, planned_end=iso(TEN + timedelta(hours=1)))
    assert planned_end(late) == evening + DEFAULT_LENGTH
    assert goes_on(late, evening + timedelta(minutes=30))


def test_a_clock_put_back_a_little_still_finds_the_session_but_not_one_set_back_further() -> None:
    assert goes_on(_session(TEN), TEN - CLOCK_SLACK)
    assert not goes_on(_session(TEN), TEN - CLOCK_SLACK - MS)
    assert not goes_on(_session(TEN), datetime(2000, 1, 1, 10, 0, tzinfo=RIGA))  # a clock reset to its factory date


def test_a_session_never_goes_on_past_midnight_nor_the_next_day() -> None:
    late = datetime(2026, 11, 23, 22, 30, tzinfo=RIGA)
    assert goes_on(_session(late), datetime(2026, 11, 23, 23, 59, 59, 999000, tzinfo=RIGA))
    assert not goes_on(_session(late), datetime(2026, 11, 24, 0, 0, tzinfo=RIGA))  # within 2 h + 1 h, but tomorrow
    assert not goes_on(_session(TEN), TEN + timedelta(days=1))  # yesterday's at the same hour
    assert not goes_on(_session(TEN), TEN + timedelta(hours=20))


def test_the_day_is_each_moment_s_own_local_day() -> None:
    # 23:30 in Riga is 21:30 UTC: the same day in both, whichever offset now is written in.
    late = datetime(2026, 11, 23, 23, 0, tzinfo=RIGA)
    now_utc = datetime(2026, 11, 23, 21, 30, tzinfo=ZoneInfo("UTC"))
    assert goes_on(_session(late), now_utc)
    # 00:30 in Riga the next day is still 22:30 UTC on the 23rd: it is after midnight where the laptop is.
    after_midnight = datetime(2026, 11, 24, 0, 30, tzinfo=RIGA)
    assert not goes_on(_session(late), after_midnight)


def test_the_autumn_clock_change_in_riga_is_counted_in_instants() -> None:
    riga = ZoneInfo("Europe/Riga")
    # 25 October 2026: 04:00 summer time (+03:00) becomes 03:00 winter time (+02:00).
    start = datetime(2026, 10, 25, 2, 0, tzinfo=riga)
    assert start.utcoffset() == timedelta(hours=3)
    session = _session(start)  # stored as 02:00+03:00
    # Three hours after 02:00+03:00 is 04:00+02:00, not 05:00: the hour between 03:00 and 04:00 came twice.
    assert goes_on(session, datetime(2026, 10, 25, 4, 0, tzinfo=riga))
    assert not goes_on(session, datetime(2026, 10, 25, 4, 30, tzinfo=riga))  # wall-clock sums would say 05:00
    assert goes_on(session, datetime(2026, 10, 25, 3, 30, fold=1, tzinfo=riga))  # the second 03:30
    # Written in the file's offsets, the text "04:30+02:00" sorts before "05:00+03:00": only instants tell.
    assert not goes_on(session, datetime.fromisoformat("2026-10-25T04:30:00+02:00"))
    assert goes_on(session, datetime.fromisoformat("2026-10-25T05:00:00+03:00"))


# what the start does ---------------------------------------------------------


def _gym(store: Store, clock: Clock, name: str = "Gym") -> tuple[str, list]:
    activity = store.registry.add_item("activities", clock(), name=name, capacity=20)
    people = [
        store.registry.add_participant(clock(), first_name=first, last_name="Ozola")
        for first in ("Anna", "Ilze", "Zane", "Inga")
    ]
    return activity["id"], people


def _files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def test_a_plausible_session_goes_on_as_it_was_and_nothing_is_written(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        gym, people = _gym(store, clock)
        session = start_session(store, gym, "Zāle", "Olga", clock())
        for person in people[:3]:
            check_in(session, store.registry, person.code, clock.tick(minutes=1))
    with Store(tmp_path, repair=True, now=clock()) as store:
        before = _files(tmp_path)
        left = close_left_open(store, clock.tick(minutes=30))
        assert (left.resumed, left.closed, left.waiting, left.unread) == ((session.id,), [], (), ())
        assert _files(tmp_path) == before
        [resumed] = open_sessions(store)
        assert resumed.id == session.id and resumed.count == 3
        assert check_in(resumed, store.registry, people[0].code, clock()).colour is Colour.YELLOW
        assert check_in(resumed, store.registry, people[3].code, clock()).count == 4
    sessions = read_log(tmp_path / "logs" / f"{week_key(clock())}.{store.device}.json") or {}
    assert len(sessions["sessions"]) == 1
    assert {c["session_id"] for c in sessions["checkins"].values()} == {session.id}


def test_of_two_sessions_left_open_the_plausible_one_goes_on_and_the_other_is_closed(
    tmp_path: Path, clock: Clock
) -> None:
    early = Clock(TEN - timedelta(hours=3))  # 07:00, forgotten
    with Store(tmp_path) as store:
        gym, people = _gym(store, early)
        old = start_session(store, gym, "Zāle", "Olga", early())
        check_in(old, store.registry, people[0].code, early.tick(minutes=5))
        last_scan = early()
        new = start_session(store, gym, "Zāle", "Olga", TEN)
        check_in(new, store.registry, people[1].code, TEN + timedelta(minutes=1))
    with Store(tmp_path, repair=True, now=TEN) as store:
        left = close_left_open(store, TEN + timedelta(minutes=20))
        assert left.resumed == (new.id,)
        assert [(c.attendances, c.ended) for c in left.closed] == [(1, last_scan)]
        assert [s.id for s in open_sessions(store)] == [new.id]
    tables = read_log(tmp_path / "logs" / f"{week_key(TEN)}.{store.device}.json") or {}
    notes = {s["id"]: (s["note"], s["end"]) for s in tables["sessions"].values()}
    assert notes == {old.id: ("closed_at_next_start", iso(last_scan)), new.id: (None, None)}


def test_a_session_past_its_window_is_closed_at_its_last_scan_as_before(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        gym, people = _gym(store, clock)
        session = start_session(store, gym, "Zāle", "Olga", clock())
        check_in(session, store.registry, people[0].code, clock.tick(minutes=2))
        last_scan = clock()
    with Store(tmp_path, repair=True, now=clock()) as store:
        left = close_left_open(store, clock.tick(hours=3, minutes=1))
        assert left.resumed == () and [c.ended for c in left.closed] == [last_scan]
        assert open_sessions(store) == []


@pytest.mark.parametrize("staff", ["restore", "keep"])
def test_a_session_in_a_damaged_week_waits_for_staff(tmp_path: Path, clock: Clock, staff: str) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        gym, people = _gym(store, clock)
        session = start_session(store, gym, "Zāle", "Olga", clock())
        for person in people[:2]:
            check_in(session, store.registry, person.code, clock.tick(minutes=1))
        backup = take_backup(data, clock()).path
        log_path = store.log_path(week_key(clock()))
    log_path.write_bytes(log_path.read_bytes()[:-100])  # torn by a failing disk
    with Store(data, repair=True, now=clock()) as store:
        assert [a.original for a in store.set_aside] == [log_path]
        left = close_left_open(store, clock.tick(minutes=10))
        assert (left.unread, left.resumed, left.closed) == ((session.id,), (), [])
        assert [m["id"] for m in store.registry.open_work("session")] == [session.id]  # not forgotten
        assert close_left_open(store, clock(), only=left.to_try_again).unread == (session.id,)  # still waiting
        if staff == "restore":
            from sessions.restore import restore_backup

            restore_backup(store, backup, clock(), members=[f"logs/{log_path.name}"])
            again = close_left_open(store, clock(), only=left.to_try_again)
            assert (again.resumed, again.unread) == ((session.id,), ())
            [resumed] = open_sessions(store)
            assert resumed.count == 2
        else:
            [aside] = pending_damaged(data)
            set_aside_seen(aside)  # staff keep the damaged copy as it is: the session is not in any readable week
            again = close_left_open(store, clock(), only=left.to_try_again)
            assert (again.resumed, again.unread, again.closed) == ((), (), [])
            assert store.registry.open_work("session") == []

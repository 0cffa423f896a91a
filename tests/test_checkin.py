"""The check-in rules: what each scan answers, and what lands in the week's log."""

from __future__ import annotations

from pathlib import Path

from sessions.attendance import close_left_open, end_session, open_sessions, start_session, undo_last, void_checkin
from sessions.checkin import Colour, Outcome, check_in, check_in_person
from sessions.clock import iso, week_key
from sessions.codes import CodeProblem, new_code
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock


def _setup(store: Store, clock: Clock, capacity: int = 3):
    gym = store.registry.add_item("activities", clock(), name="Gym", capacity=capacity)
    people = [
        store.registry.add_participant(clock(), first_name=first, last_name=last)
        for first, last in [("Jānis", "Bērziņš"), ("Anna", "Kalniņa"), ("Иван", "Петров"), ("Zane", "Ķēniņa")]
    ]
    session = start_session(store, gym["id"], "Sporta zāle", "Olga", clock())
    return session, people


def _on_disk(store: Store, clock: Clock) -> dict:
    return read_log(store.log_path(week_key(clock()))) or {}


def test_green_yellow_and_the_log(store: Store, clock: Clock) -> None:
    session, people = _setup(store, clock)
    first = check_in(session, store.registry, people[0].code + "\r\n", clock.tick(seconds=5))
    assert (first.outcome, first.colour, first.count, first.capacity) == (Outcome.CHECKED_IN, Colour.GREEN, 1, 3)
    assert first.participant.short_name == "Jānis B."
    again = check_in(session, store.registry, people[0].code, clock.tick(minutes=3))
    assert again.colour is Colour.YELLOW and again.first_at == first.first_at and again.count == 1
    data = _on_disk(store, clock)
    checkins = list(data["checkins"].values())
    assert [c["participant_id"] for c in checkins] == [people[0].id]
    assert all({"id", "created", "device"} <= set(c) for c in checkins)
    assert [s["outcome"] for s in data["scans"].values()] == ["checked_in", "already_in"]


def test_red_answers(store: Store, clock: Clock) -> None:
    session, people = _setup(store, clock)
    store.registry.issue_card(people[1].id, clock())
    store.registry.archive_participant(people[2].id, clock())
    unknown = new_code({p.code for p in people})
    answers = {
        "unknown": check_in(session, store.registry, unknown, clock()),
        "revoked": check_in(session, store.registry, people[1].code, clock()),
        "archived": check_in(session, store.registry, people[2].code, clock()),
        "garbage": check_in(session, store.registry, "http://x", clock()),
        "typo": check_in(
            session, store.registry, people[0].code[:-1] + str((int(people[0].code[-1]) + 1) % 10), clock()
        ),
    }
    assert {k: v.outcome for k, v in answers.items()} == {
        "unknown": Outcome.UNKNOWN_CARD,
        "revoked": Outcome.REVOKED_CARD,
        "archived": Outcome.ARCHIVED,
        "garbage": Outcome.NOT_A_CARD,
        "typo": Outcome.NOT_A_CARD,
    }
    assert answers["typo"].problem is CodeProblem.CHECK_DIGIT
    assert all(a.colour is Colour.RED for a in answers.values())
    assert session.count == 0
    data = _on_disk(store, clock)
    assert "checkins" not in data
    assert len(data["scans"]) == 5  # every attempt is logged


def test_full_session_needs_an_override(store: Store, clock: Clock) -> None:
    session, people = _setup(store, clock, capacity=2)
    for person in people[:2]:
        assert check_in(session, store.registry, person.code, clock()).colour is Colour.GREEN
    full = check_in(session, store.registry, people[2].code, clock())
    assert full.outcome is Outcome.FULL and full.participant == people[2]
    forced = check_in_person(session, store.registry, people[2].id, clock(), override=True)
    assert forced.outcome is Outcome.CHECKED_IN and forced.count == 3
    assert session.checkins[-1]["override"] is True and session.checkins[-1]["method"] == "manual"


def test_manual_undo_remove_and_end(store: Store, clock: Clock) -> None:
    session, people = _setup(store, clock)
    check_in(session, store.registry, people[0].code, clock())
    check_in_person(session, store.registry, people[1].id, clock.tick(seconds=10))
    undone = undo_last(session, clock.tick(seconds=5), "Olga")
    assert undone is not None and undone["participant_id"] == people[1].id
    void_checkin(session, session.active()[0]["id"], clock(), "Olga", "removed")
    assert session.count == 0
    assert check_in_person(session, store.registry, people[1].id, clock()).outcome is Outcome.CHECKED_IN
    summary = end_session(store, session, clock.tick(minutes=50))
    assert (summary.attendances, summary.voided, summary.manual) == (1, 2, 1)
    closed = check_in(session, store.registry, people[3].code, clock())
    assert closed.outcome is Outcome.CLOSED
    data = _on_disk(store, clock)
    assert len(data["checkins"]) == 3  # voided ones are kept, never deleted
    assert sum(1 for c in data["checkins"].values() if c["voided_at"]) == 2
    assert open_sessions(store) == []


def test_reopened_store_resumes_and_the_next_start_closes(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        session, people = _setup(store, clock)
        check_in(session, store.registry, people[0].code, clock.tick(minutes=2))
        last_scan = clock()
    with Store(tmp_path) as store:
        resumed = open_sessions(store)
        assert [s.id for s in resumed] == [session.id]
        assert resumed[0].count == 1
        assert check_in(resumed[0], store.registry, people[0].code, clock()).colour is Colour.YELLOW
        last_scan = clock()
        closed = close_left_open(store, clock.tick(hours=20)).closed
        assert [c.attendances for c in closed] == [1]
        assert open_sessions(store) == []
        clock.tick(hours=-20)
        record = next(iter(_on_disk(store, clock)["sessions"].values()))
        assert record["note"] == "closed_at_next_start"
        assert record["end"] == iso(last_scan)

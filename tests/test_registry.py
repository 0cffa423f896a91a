"""The registry: participants, cards, lists, settings, and what a person may type."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.codes import is_valid
from sessions.registry import EntryError
from sessions.store import AlreadyOpen, Store
from tests.conftest import Clock


def test_add_edit_archive_and_reopen(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        person = store.registry.add_participant(
            clock(),
            first_name=" Jānis ",
            last_name="Bērziņš",
            birth_year="1948",
            gender="M",
            groups=["wheelchair", "senior"],
            neighbourhood="Gajoks",
            language="lv",
            consent_date="2026-01-05",
        )
        assert person.first_name == "Jānis" and person.birth_year == 1948
        assert person.groups == ("senior", "wheelchair")
        assert is_valid(person.code or "")
        store.registry.update_participant(person.id, clock.tick(minutes=1), neighbourhood="Grīva")
        store.registry.archive_participant(person.id, clock.tick(minutes=1))
        device = store.device
    with Store(tmp_path) as store:
        again = store.registry.participant(person.id)
        assert again is not None
        assert again.neighbourhood == "Grīva" and again.archived and again.code == person.code
        assert store.device == device


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("berzins", "Bērziņš"),
        ("BĒRZ", "Bērziņš"),
        ("jan berz", "Bērziņš"),
        ("петр", "Петров"),
        ("ПЕТРОВ", "Петров"),
        ("kenina", "Ķēniņa"),
    ],
)
def test_find_ignores_case_and_diacritics(store: Store, clock: Clock, typed: str, expected: str) -> None:
    for first, last in [("Jānis", "Bērziņš"), ("Иван", "Петров"), ("Zane", "Ķēniņa"), ("Anna", "Kalniņa")]:
        store.registry.add_participant(clock(), first_name=first, last_name=last)
    assert [p.last_name for p in store.registry.find(typed)] == [expected]


def test_archived_people_are_found_only_when_asked(store: Store, clock: Clock) -> None:
    person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    store.registry.archive_participant(person.id, clock())
    assert store.registry.find("anna") == []
    assert [p.id for p in store.registry.find("anna", include_archived=True)] == [person.id]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"first_name": "", "last_name": "X"}, "first_name"),
        ({"first_name": "A", "last_name": "  "}, "last_name"),
        ({"first_name": "A", "last_name": "B", "birth_year": "48"}, "birth_year"),
        ({"first_name": "A", "last_name": "B", "birth_year": "abcd"}, "birth_year"),
        ({"first_name": "A", "last_name": "B", "gender": "X"}, "gender"),
        ({"first_name": "A", "last_name": "B", "groups": ["vip"]}, "groups"),
        ({"first_name": "A", "last_name": "B", "language": "de"}, "language"),
        ({"first_name": "A", "last_name": "B", "consent_date": "yesterday"}, "consent_date"),
        ({"first_name": "A", "last_name": "B", "consent_date": "31.02.2026"}, "consent_date"),
    ],
)
def test_bad_entries_are_refused_with_a_sentence_and_change_nothing(
    store: Store, clock: Clock, fields: dict, field: str
) -> None:
    with pytest.raises(EntryError) as caught:
        store.registry.add_participant(clock(), **fields)
    assert caught.value.field == field
    assert caught.value.message.endswith(".")
    assert store.registry.participants() == []
    assert not (store.data_dir / "registry.json").exists()


def test_reissued_card_revokes_the_old_code_and_keeps_history(store: Store, clock: Clock) -> None:
    person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    new = store.registry.issue_card(person.id, clock.tick(days=1))
    old_card = store.registry.card(person.code or "")
    assert old_card is not None and old_card.revoked
    assert store.registry.participant(person.id).code == new  # type: ignore[union-attr]
    assert [c.code for c in store.registry.cards_of(person.id)] == [person.code, new]


def test_lists_of_activities_places_staff(store: Store, clock: Clock) -> None:
    gym = store.registry.add_item("activities", clock(), name="Gym", capacity="12")
    store.registry.add_item("places", clock(), name="Sporta zāle")
    store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
    assert [a["capacity"] for a in store.registry.items("activities")] == [12]
    with pytest.raises(EntryError):
        store.registry.add_item("activities", clock(), name="gym", capacity=5)
    with pytest.raises(EntryError):
        store.registry.add_item("activities", clock(), name="Pool", capacity="many")
    store.registry.update_item("activities", gym["id"], clock(), capacity=14)
    assert store.registry.item("activities", gym["id"])["capacity"] == 14  # type: ignore[index]
    pool = store.registry.add_item("activities", clock(), name="Pool", capacity=8)
    with pytest.raises(EntryError):
        store.registry.update_item("activities", pool["id"], clock(), name=" GYM ")
    store.registry.update_item("activities", gym["id"], clock(), name="Gym")  # its own name again is fine
    assert [a["name"] for a in store.registry.items("activities")] == ["Gym", "Pool"]


def test_a_second_copy_is_told_and_writes_nothing(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        with pytest.raises(AlreadyOpen) as caught:
            Store(tmp_path)
        assert "already open" in str(caught.value)
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert after == before
        reader = Store(tmp_path, read_only=True)
        assert [p.first_name for p in reader.registry.participants()] == ["Anna"]


def test_consent_dates_as_staff_type_them_are_kept_as_iso(store: Store, clock: Clock) -> None:
    for n, typed in enumerate(("23.11.2026", "23.11.2026.", "2026-11-23")):
        person = store.registry.add_participant(clock(), first_name="Anna", last_name=f"Ozola {n}", consent_date=typed)
        assert person.consent_date == "2026-11-23"
    assert store.registry.add_participant(clock(), first_name="A", last_name="B", consent_date="").consent_date is None

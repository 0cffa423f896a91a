"""Which cards are new since the last print, kept with the centre's registry; a target group's cards."""

from __future__ import annotations

import shutil
from pathlib import Path

from sessions.card_sheets import in_group, mark_printed, new_cards
from sessions.clock import iso
from sessions.store import Store
from tests.conftest import Clock
from tests.sync_helpers import carry


def test_printed_cards_are_no_longer_new_and_a_reissued_card_is_new_again(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    active = [p for p in registry.participants(include_archived=False) if p.code]
    assert new_cards(registry) == active  # none was ever printed
    first, second, *rest = active
    assert mark_printed(registry, [first.code or "", second.code or "", "0000000000"], clock()) == 2
    assert new_cards(registry) == rest
    card = registry.card(first.code or "")
    assert card is not None and card.printed_at == iso(clock())
    registry.issue_card(first.id, clock.tick(minutes=5))
    assert first.id in {p.id for p in new_cards(registry)}  # the new card has not been printed
    registry.archive_participant(second.id, clock())
    mark_printed(registry, [p.code or "" for p in rest], clock())
    assert [p.id for p in new_cards(registry)] == [first.id]


def test_a_card_printed_on_one_laptop_is_not_new_on_another(tmp_path: Path, clock: Clock) -> None:
    office, hall = tmp_path / "office", tmp_path / "hall"
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        store.registry.add_participant(clock(), first_name="Pēteris", last_name="Ozols")
    hall.mkdir()
    shutil.copy2(office / "centre.json", hall / "centre.json")
    with Store(hall):
        pass
    carry(office, hall)
    with Store(office) as store:
        mark_printed(store.registry, [anna.code or ""], clock.tick(minutes=1))
    carry(office, hall)
    with Store(hall, read_only=True) as store:
        assert [p.full_name for p in new_cards(store.registry)] == ["Pēteris Ozols"]


def test_a_target_group_s_cards(demo_store: Store) -> None:
    registry = demo_store.registry
    seniors = in_group(registry, "senior")
    assert seniors and all("senior" in p.groups and not p.archived and p.code for p in seniors)
    assert len(seniors) == sum(1 for p in registry.participants(include_archived=False) if "senior" in p.groups)

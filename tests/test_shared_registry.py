"""Several laptops, one registry: each writes its own file, every laptop ends with the same registry."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from exports.erasure import erase_arrived_everywhere
from sessions.privacy import erase_participant
from sessions.storage.local import STIGNORE_LINES
from sessions.storage.shared import merged_registry
from sessions.store import Store
from tests.conftest import Clock
from tests.sync_helpers import carry, device_of, shared_files


def _laptops(tmp_path: Path, *names: str, one_centre: bool = True) -> list[Path]:
    """Laptops of one centre: the first makes it; each other one starts once the first sync brought its centre."""
    folders = []
    for name in names:
        folder = tmp_path / name
        if folders and one_centre:
            folder.mkdir()
            shutil.copy2(folders[0] / "centre.json", folder / "centre.json")
        with Store(folder):
            pass
        folders.append(folder)
    return folders


def _view(data: Path) -> dict[str, dict[str, dict]]:
    """The registry as a laptop reads it: each record by its key, without doc ids or stamps."""
    with Store(data, read_only=True) as store:
        tables = store.registry.storage.read() or {}
        return {
            table: {
                str(doc.get("id") or doc.get("key")): {k: v for k, v in doc.items() if k != "_s"}
                for doc in docs.values()
            }
            for table, docs in tables.items()
            if table != "_centre"  # which centre each file belongs to: its own laptop's word
        }


def _sync(*folders: Path) -> None:
    for source, target in itertools.permutations(folders, 2):
        carry(source, target)


def test_a_person_added_on_each_laptop_offline_is_on_both_once_synced(tmp_path: Path, clock: Clock) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    assert device_of(hall) != device_of(office)
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        store.registry.set_settings({"centre_name": "Daugavpils"}, clock())
    with Store(hall) as store:
        janis = store.registry.add_participant(clock.tick(minutes=1), first_name="Jānis", last_name="Bērziņš")
        store.registry.set_settings({"last_activity": "gym-hall"}, clock())  # this laptop's own choice
    _sync(hall, office)
    with Store(hall) as a, Store(office) as b:
        for store in (a, b):
            assert {p.full_name for p in store.registry.participants()} == {anna.full_name, janis.full_name}
            assert store.registry.card(anna.code or "") is not None and store.registry.card(janis.code or "")
            assert store.registry.setting("centre_name") == "Daugavpils"
        assert a.registry.setting("last_activity") == "gym-hall"
        assert b.registry.setting("last_activity") is None  # never shared
    assert _view(hall) == _view(office)
    for data in (hall, office):  # every file is written by one laptop only
        assert sorted(p.name for p in (data / "registry").iterdir()) == sorted(
            f"{device_of(d)}.json" for d in (hall, office)
        )


def test_the_same_field_changed_on_two_laptops_keeps_the_later_change_and_both_in_the_audit(
    tmp_path: Path, clock: Clock
) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa", neighbourhood="Gajoks")
    _sync(hall, office)
    with Store(hall) as store:  # offline, both change where she lives and the hall her year of birth
        store.registry.update_participant(person.id, clock.tick(minutes=5), neighbourhood="Grīva", birth_year="1950")
    with Store(office) as store:
        store.registry.update_participant(person.id, clock.tick(minutes=1), neighbourhood="Ruģeļi")
    _sync(hall, office)
    for data in (hall, office):
        with Store(data) as store:
            again = store.registry.participant(person.id)
            assert again is not None
            assert (again.neighbourhood, again.birth_year) == ("Ruģeļi", 1950)  # the later change, field by field
            changes = [e["after"] for e in store.registry.audit() if e["action"] == "update"]
            assert {"neighbourhood": "Ruģeļi"} in changes
            assert {"neighbourhood": "Grīva", "birth_year": 1950} in changes
    assert _view(hall) == _view(office)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_every_order_of_arrival_gives_the_same_registry(tmp_path: Path, clock: Clock, order: tuple[int, ...]) -> None:
    laptops = _laptops(tmp_path, "hall", "bus", "office")
    with Store(laptops[2]) as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        gym = store.registry.add_item("activities", clock(), name="Vingrošana", capacity=12)
    for data in laptops[:2]:
        carry(laptops[2], data)
    for n, data in enumerate(laptops):
        with Store(data) as store:
            store.registry.update_participant(person.id, clock.tick(seconds=1), neighbourhood=f"Rajons {n}")
            store.registry.update_item("activities", gym["id"], clock(), capacity=10 + n)
    reader = tmp_path / "reader"
    with Store(reader):
        pass
    for n in order:
        carry(laptops[n], reader, only="registry")
    carry(laptops[order[0]], reader, only="registry")  # and one file twice
    expected = merged_registry(laptops[0] / "registry")  # the files as the first laptop holds them, once all came
    _sync(*laptops)
    views = {json.dumps(_view(data), sort_keys=True) for data in (*laptops, reader)}
    assert len(views) == 1
    with Store(reader) as store:
        assert store.registry.participant(person.id).neighbourhood == "Rajons 2"  # type: ignore[union-attr]
        assert store.registry.item("activities", gym["id"])["capacity"] == 12  # type: ignore[index]
    assert expected["participants"]


def test_a_card_code_given_on_two_laptops_at_once_is_reissued_once_with_a_sentence(
    tmp_path: Path, clock: Clock
) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa", code="1234567891")
    with Store(hall) as store:
        janis = store.registry.add_participant(
            clock.tick(minutes=1), first_name="Jānis", last_name="Bērziņš", code="1234567891"
        )
    _sync(hall, office)
    with Store(office) as store:  # the office gave the code first: it keeps it, and reissues nothing
        assert store.refresh(clock()).reissued == []
        assert store.registry.card("1234567891").participant_id == anna.id  # type: ignore[union-attr]
    with Store(hall) as store:
        assert store.registry.card("1234567891").participant_id == anna.id  # type: ignore[union-attr]
        [(person, lost, new)] = store.registry.reissue_clashes(clock.tick(minutes=1))
        assert (person.id, lost) == (janis.id, "1234567891") and new != lost
        assert next(e["action"] for e in store.registry.audit()) == "card_clash"
    _sync(hall, office)
    for data in (hall, office):
        with Store(data) as store:
            assert store.registry.participant(janis.id).code == new  # type: ignore[union-attr]
            assert store.registry.card(new).participant_id == janis.id  # type: ignore[union-attr]
            assert store.registry.card("1234567891").participant_id == anna.id  # type: ignore[union-attr]
            assert store.registry.clashes == []


def test_an_erasure_wins_over_an_edit_made_offline_and_leaves_no_name_in_any_laptops_file(
    tmp_path: Path, clock: Clock
) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        person = store.registry.add_participant(clock(), first_name="Ilze", last_name="Zvaigznīte")
    _sync(hall, office)
    with Store(hall) as store:  # the hall, offline, corrects her name after the office erased her
        store.registry.update_participant(person.id, clock.tick(minutes=10), last_name="Zvaigznīte-Roze")
    with Store(office) as store:
        erase_participant(store, person.id, clock.tick(minutes=-5))
    _sync(hall, office)
    with Store(hall) as store:
        assert [p.id for p, _codes in store.registry.erased_elsewhere] == [person.id]
        erase_arrived_everywhere(store, clock())
    _sync(hall, office)
    for data in (hall, office):
        with Store(data) as store:
            again = store.registry.participant(person.id)
            assert again is not None and "Zvaigzn" not in again.full_name
            assert all(card.revoked_at is not None for card in store.registry.cards_of(person.id))
        for path in (data / "registry").iterdir():
            assert "Zvaigzn" not in path.read_text("utf-8"), path


def test_a_card_revoked_on_one_laptop_is_refused_on_the_other(tmp_path: Path, clock: Clock) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    _sync(hall, office)
    with Store(office) as store:
        new = store.registry.issue_card(person.id, clock.tick(minutes=1))
    _sync(hall, office)
    with Store(hall) as store:
        old = store.registry.card(person.code or "")
        assert old is not None and old.revoked_at is not None
        assert store.registry.participant(person.id).code == new  # type: ignore[union-attr]


def test_a_conflict_copy_of_this_laptops_file_is_taken_in_and_removed(tmp_path: Path, clock: Clock) -> None:
    [hall] = _laptops(tmp_path, "hall")
    with Store(hall) as store:
        kept = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        own = store.registry_path
    older = own.read_bytes()
    with Store(hall) as store:
        store.registry.add_participant(clock.tick(minutes=1), first_name="Jānis", last_name="Bērziņš")
    # The version that lost a conflict (a copy of this laptop's disk wrote it): someone only it holds.
    lost = json.loads(older)
    [doc] = lost["participants"].values()
    lost["participants"]["9"] = {**doc, "id": "f" * 32, "first_name": "Pēteris", "code": None}
    copy = own.with_name(f"{own.stem}.sync-conflict-20261204-101500-ABCDEFG.json")
    copy.write_text(json.dumps(lost), "utf-8")
    with Store(hall) as store:
        assert not copy.exists()  # taken in, then removed: its records are in this laptop's file
        assert {p.first_name for p in store.registry.participants()} == {"Anna", "Jānis", "Pēteris"}
        assert store.registry.participant(kept.id).last_name == "Kalniņa"  # type: ignore[union-attr]
    assert "Pēteris" in own.read_text("utf-8")


def test_another_laptops_file_that_does_not_parse_is_named_and_left_alone(tmp_path: Path, clock: Clock) -> None:
    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    _sync(hall, office)
    theirs = hall / "registry" / f"{device_of(office)}.json"
    theirs.write_text("{ torn", "utf-8")
    with Store(hall) as store:
        assert [problem.path for problem in store.registry.unreadable] == [theirs]
        assert theirs.read_text("utf-8") == "{ torn"


def test_a_folder_from_one_laptop_moves_its_registry_on_first_start_with_a_backup_first(
    tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        store.registry.set_settings({"language": "ru", "centre_name": "Daugavpils"}, clock())
        device = store.device
        registry = store.registry_path.read_text("utf-8")
    # Put it back as a folder from before several laptops was: one registry.json and device.json on top.
    shutil.rmtree(data / "registry")
    legacy = json.loads(registry)
    legacy["settings"] = {"1": {"key": "language", "value": "ru"}, "2": {"key": "centre_name", "value": "Daugavpils"}}
    (data / "registry.json").write_text(json.dumps(legacy), "utf-8")
    shutil.move(data / "local" / "device.json", data / "device.json")
    shutil.rmtree(data / "local")
    with Store(data, now=clock()) as store:
        assert store.device == device
        assert store.registry.participant(person.id) is not None
        assert store.registry.setting("language") == "ru" and store.registry.setting("centre_name") == "Daugavpils"
    assert not (data / "registry.json").exists() and not (data / "device.json").exists()
    assert list((data / "backups").glob("centrelog-*.zip"))
    shared = json.loads((data / "registry" / f"{device}.json").read_text("utf-8"))
    assert [doc["key"] for doc in shared["settings"].values()] == ["centre_name"]  # the language stayed local


def test_a_folder_copied_to_another_machine_takes_a_new_id_and_says_from_which(tmp_path: Path, clock: Clock) -> None:
    [hall] = _laptops(tmp_path, "hall")
    original = device_of(hall)
    copy = tmp_path / "copy"
    shutil.copytree(hall, copy)
    made = json.loads((copy / "local" / "device.json").read_text("utf-8"))
    made["machine"] = "another-machine"  # as a cloned disk or a copied folder brings it
    (copy / "local" / "device.json").write_text(json.dumps(made), "utf-8")
    with Store(copy) as store:
        assert store.copied_from == original and store.device != original
    with Store(copy) as store:
        assert store.copied_from is None and store.device != original


def test_the_data_folder_tells_syncthing_what_stays_on_this_laptop(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / ".stignore").write_text("// mine\n*.bak\n", "utf-8")
    with Store(data):
        pass
    lines = (data / ".stignore").read_text("utf-8").splitlines()
    assert lines[:2] == ["// mine", "*.bak"] and set(STIGNORE_LINES) <= set(lines)
    with Store(data):
        pass
    assert (data / ".stignore").read_text("utf-8").splitlines() == lines  # written once


def test_a_laptop_back_after_a_week_offline_loses_nothing(tmp_path: Path, clock: Clock) -> None:
    bus, office = _laptops(tmp_path, "bus", "office")
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    _sync(bus, office)
    with Store(bus) as store:  # a week on the road
        store.registry.add_item("vehicles", clock.tick(days=1), name="VW Crafter", seats=8)
        store.registry.update_participant(anna.id, clock(), neighbourhood="Grīva")
    for day in range(7):
        with Store(office) as store:
            store.registry.add_participant(clock.tick(days=1), first_name=f"Persona{day}", last_name="Jauna")
    clock.tick(hours=1)
    _sync(bus, office)
    assert _view(bus) == _view(office)
    with Store(office) as store:
        assert len(store.registry.participants()) == 8
        assert store.registry.participant(anna.id).neighbourhood == "Grīva"  # type: ignore[union-attr]
        assert [v["name"] for v in store.registry.items("vehicles")] == ["VW Crafter"]


async def test_staff_see_a_change_made_on_two_laptops_at_once_and_what_was_kept(tmp_path: Path, clock: Clock) -> None:
    from sessions.audit import changed_on_two_laptops
    from tests.pilot_helpers import screen_text, settle
    from tui.app import CentrelogApp
    from tui.screens.staff.audit import AuditScreen

    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa", neighbourhood="Gajoks")
        store.registry.update_participant(person.id, clock.tick(minutes=1), birth_year="1950")
    _sync(hall, office)
    with Store(hall) as store:
        store.registry.update_participant(person.id, clock.tick(minutes=5), neighbourhood="Grīva")
    with Store(office) as store:
        store.registry.update_participant(person.id, clock.tick(minutes=1), neighbourhood="Ruģeļi")
        store.registry.update_participant(person.id, clock.tick(minutes=1), birth_year="1951")  # one laptop only
    _sync(hall, office)
    with Store(hall) as store:
        [pair] = changed_on_two_laptops(store)
        assert (pair.field, pair.kept) == ("neighbourhood", "Ruģeļi")
        assert [value for _laptop, value, _when in pair.changes] == ["Grīva", "Ruģeļi"]
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(AuditScreen())
            await settle(pilot, lambda: "⇄" in screen_text(app))
            for _row in range(6):
                if "two laptops at once" in screen_text(app):
                    break
                await pilot.press("down")
                await pilot.pause()
            assert "neighbourhood was changed on two laptops at once: Grīva" in " ".join(screen_text(app).split())
            assert "Kept: Ruģeļi." in " ".join(screen_text(app).split())


@pytest.mark.parametrize("where", ["on the laptop that erased", "on another laptop", "into a new laptop"])
def test_a_restore_brings_back_nobody_erased(tmp_path: Path, clock: Clock, where: str) -> None:
    from sessions.restore import restore_backup
    from sessions.storage.backup import take_backup

    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        person = store.registry.add_participant(clock(), first_name="Ilze", last_name="Zvaigznīte")
    _sync(hall, office)
    backup = take_backup(office if where == "on the laptop that erased" else hall, clock()).path
    with Store(office) as store:
        erase_participant(store, person.id, clock.tick(minutes=5))
    _sync(hall, office)
    target = office if where == "on the laptop that erased" else hall
    if where == "into a new laptop":  # joined once the first sync was done, as the guide says
        target = tmp_path / "new"
        for rel in shared_files(office):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(office / rel, target / rel)
    with Store(target) as store:
        restore_backup(store, backup, clock.tick(minutes=5))
        again = store.registry.participant(person.id)
        assert again is not None and "Zvaigzn" not in again.full_name
    for data in (target, hall, office):
        _sync(target, hall, office)
        for path in (data / "registry").iterdir():
            assert "Zvaigzn" not in path.read_text("utf-8"), path


def test_a_laptop_started_before_its_first_sync_ends_in_the_same_centre(tmp_path: Path, clock: Clock) -> None:
    from sessions.centre import read_centre

    hall, office = _laptops(tmp_path, "hall", "office", one_centre=False)  # each made a centre, the hall first
    first = read_centre(hall)
    assert first is not None and first != read_centre(office)
    # The sync engine keeps the newer file and makes a conflict copy of the older, on both laptops.
    older, newer = (hall / "centre.json").read_bytes(), (office / "centre.json").read_bytes()
    for data in (hall, office):
        (data / "centre.sync-conflict-20261204-101500-ABCDEFG.json").write_bytes(older)
        (data / "centre.json").write_bytes(newer)
    for data in (hall, office):
        with Store(data) as store:
            assert store.centre == first


def test_a_start_reads_only_the_files_that_changed_since_this_laptops_own_file_took_them_in(
    tmp_path: Path, clock: Clock
) -> None:
    import os

    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    _sync(hall, office)
    with Store(hall) as store:  # merged, and written into the hall's own file when it closes
        assert store.registry.participant(anna.id) is not None
    theirs = hall / "registry" / f"{device_of(office)}.json"
    seen = theirs.stat()
    with open(theirs, "r+b") as fh:  # the same version as far as size, time and inode tell: it is not read
        fh.write(b"#" * seen.st_size)
    os.utime(theirs, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    with Store(hall) as store:
        assert store.registry.unreadable == []
        assert store.registry.participant(anna.id) is not None  # from the hall's own file
    theirs.write_bytes(b"{ torn")  # a new version: read, and named
    with Store(hall) as store:
        assert [p.path for p in store.registry.unreadable] == [theirs]


def test_a_laptop_used_on_its_own_before_sharing_mixes_no_people_and_no_pin_into_the_centre(
    tmp_path: Path, clock: Clock
) -> None:
    from sessions.laptops import overview
    from sessions.pin import check_pin, set_pin

    office, bus = _laptops(tmp_path, "office", "bus", one_centre=False)
    with Store(office) as store:
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        set_pin(store.registry, "2468", "2468")
    with Store(bus) as store:  # tried out on its own first: a person and a PIN of its own, later than the office's
        store.registry.add_participant(clock.tick(minutes=5), first_name="Trial", last_name="Own")
        set_pin(store.registry, "1357", "1357")
    _sync(office, bus)
    theirs = office / "registry" / f"{device_of(bus)}.json"
    with Store(office) as store:
        assert [p.id for p in store.registry.participants()] == [anna.id]
        assert check_pin(store.registry, store.data_dir, "2468", clock()).ok
        assert not check_pin(store.registry, store.data_dir, "1357", clock()).ok
        assert store.registry.other_centre == [theirs]
        said = " ".join(overview(store, clock()).notes)
        assert theirs.name in said and "belongs to another centre" in said
    with Store(bus) as store:  # and the other way round: the bus keeps its trial apart, and is told too
        assert [p.first_name for p in store.registry.participants()] == ["Trial"]
        assert store.registry.other_centre == [bus / "registry" / f"{device_of(office)}.json"]


def test_a_file_read_off_the_writer_thread_is_merged_only_at_the_version_still_on_disk(
    tmp_path: Path, clock: Clock
) -> None:
    import os

    hall, office = _laptops(tmp_path, "hall", "office")
    theirs = hall / "registry" / f"{device_of(office)}.json"
    with Store(hall) as here:
        with Store(office) as there:
            anna = there.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        carry(office, hall)
        read = here.registry.storage.read_changed()  # as the app does, on a thread of its own
        seen = theirs.stat()
        with open(theirs, "r+b") as fh:  # the same version by size, time and inode: what was read is used
            fh.write(b"#" * seen.st_size)
        os.utime(theirs, ns=(seen.st_atime_ns, seen.st_mtime_ns))
        here.refresh(clock(), read)
        assert here.registry.unreadable == [] and here.registry.participant(anna.id) is not None

        with Store(office) as there:
            there.registry.update_participant(anna.id, clock.tick(minutes=1), neighbourhood="Grīva")
        carry(office, hall)
        stale = here.registry.storage.read_changed()
        with Store(office) as there:
            there.registry.update_participant(anna.id, clock.tick(minutes=1), neighbourhood="Ruģeļi")
        carry(office, hall)
        here.refresh(clock(), stale)  # a newer version came meanwhile: that one is merged, not the one read
        assert here.registry.participant(anna.id).neighbourhood == "Ruģeļi"  # type: ignore[union-attr]


def test_staff_are_told_of_another_laptops_registry_file_that_does_not_read(tmp_path: Path, clock: Clock) -> None:
    from sessions.laptops import overview

    hall, office = _laptops(tmp_path, "hall", "office")
    with Store(office) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    carry(office, hall)
    theirs = hall / "registry" / f"{device_of(office)}.json"
    theirs.write_text("{ torn", "utf-8")
    with Store(hall) as store:
        said = " ".join(overview(store, clock()).notes)
        assert f"registry file cannot be read: {theirs.name}" in said
    assert theirs.read_text("utf-8") == "{ torn"

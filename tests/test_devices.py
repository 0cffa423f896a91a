"""Each laptop's devices file, another computer writing as this laptop, and what staff are told of every laptop."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessions.clock import iso, now, week_key
from sessions.devices import publish, read_memory, rename
from sessions.laptops import conflict_copies, overview
from sessions.store import Store
from tests.conftest import MONDAY
from tui.cli import EXIT_BUSY, EXIT_OK, main

REPO = Path(__file__).resolve().parents[1]


def _published(store: Store) -> dict[str, Any]:
    return json.loads((store.data_dir / "devices" / f"{store.device}.json").read_text("utf-8"))


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")


def _other_laptop(data_dir: Path, device: str, written: datetime, **fields: Any) -> None:
    record = {"device": device, "name": device, "host": "other", "machine": "elsewhere", "version": "0.1.0"}
    record |= {"started": iso(written), "written": iso(written), "run": "r-" + device, "counter": 3, **fields}
    _write(data_dir / "devices" / f"{device}.json", record)


def _checkin(created: datetime, device: str) -> dict[str, Any]:
    return {"id": "c1", "session_id": "s1", "participant_id": "p1", "created": iso(created), "device": device}


def _warnings(store: Store, device: str, moment: datetime) -> list[str]:
    laptop = next(lap for lap in overview(store, moment).laptops if lap.device == device)
    return laptop.warnings


def test_each_write_says_who_the_laptop_is_and_counts(store: Store) -> None:
    assert publish(store, MONDAY) == []
    first = _published(store)
    assert first["device"] == store.device and first["name"] and first["host"] and first["version"]
    assert first["started"] == first["written"] == iso(MONDAY) and first["counter"] == 1
    later = MONDAY + timedelta(minutes=15)
    assert publish(store, later) == []
    second = _published(store)
    assert (second["run"], second["counter"], second["started"]) == (first["run"], 2, first["started"])
    assert second["written"] == iso(later)
    memory = read_memory(store.data_dir, store.device)
    assert (memory["run"], memory["counter"]) == (second["run"], 2)


def test_a_new_start_is_a_new_run_and_the_counter_goes_on(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        publish(store, MONDAY)
        first = _published(store)
    with Store(tmp_path / "data") as again:
        assert publish(again, MONDAY + timedelta(hours=1)) == []  # its own earlier write: nothing to say
        second = _published(again)
    assert second["run"] != first["run"] and second["counter"] == first["counter"] + 1


def test_a_run_this_laptop_never_wrote_means_another_computer_writes_as_it(store: Store) -> None:
    publish(store, MONDAY)
    mine = store.data_dir / "devices" / f"{store.device}.json"
    _write(mine, {**json.loads(mine.read_text("utf-8")), "run": "feedfacefeedface", "host": "clone"})
    found = publish(store, MONDAY + timedelta(minutes=15))
    assert [f.kind for f in found] == ["foreign"]
    sentence = found[0].sentence(MONDAY)
    assert "Another computer writes as this laptop" in sentence and "clone" in sentence
    # Remembered: the Laptops screen and the command still say it after this laptop wrote its own file again.
    notes = overview(store, MONDAY + timedelta(minutes=20)).notes
    assert any("Another computer writes as this laptop" in note for note in notes)
    assert not any("Another" in n for n in overview(store, MONDAY + timedelta(days=4)).notes)


def test_a_higher_counter_of_this_laptops_own_run_is_another_computer_too(store: Store) -> None:
    publish(store, MONDAY)
    mine = store.data_dir / "devices" / f"{store.device}.json"
    _write(mine, {**json.loads(mine.read_text("utf-8")), "counter": 7})
    assert [f.kind for f in publish(store, MONDAY + timedelta(minutes=15))] == ["foreign"]


def test_a_cloned_disk_is_noticed_on_both_laptops(tmp_path: Path) -> None:
    """Two folders, local/ and all: the same machine id, so both keep the same device id."""
    hall, clone = tmp_path / "hall", tmp_path / "clone"
    with Store(hall) as store:
        publish(store, MONDAY)
    shutil.copytree(hall, clone)
    with Store(hall) as first, Store(clone) as second:
        assert first.device == second.device
        assert publish(first, MONDAY + timedelta(minutes=1)) == []
        shutil.copy2(hall / "devices" / f"{first.device}.json", clone / "devices")  # Syncthing brings it over
        said = publish(second, MONDAY + timedelta(minutes=2))
        assert [f.kind for f in said] == ["foreign"]
        shutil.copy2(clone / "devices" / f"{second.device}.json", hall / "devices")  # and back
        assert [f.kind for f in publish(first, MONDAY + timedelta(minutes=3))] == ["foreign"]


def test_a_conflict_copy_of_this_laptops_file_is_the_same_signal(store: Store) -> None:
    publish(store, MONDAY)
    copy = store.data_dir / "devices" / f"{store.device}.sync-conflict-20261123-093100-ABCDEFG.json"
    _write(copy, {**_published(store), "run": "other", "host": "clone"})
    found = publish(store, MONDAY + timedelta(minutes=15))
    assert [f.kind for f in found] == ["foreign"]
    assert not copy.exists()  # remembered in local/, the copy says nothing more
    assert read_memory(store.data_dir, store.device)["foreign"]["host"] == "clone"


def test_a_folder_copied_to_another_machine_takes_a_new_id_and_says_whose_it_was(tmp_path: Path) -> None:
    hall, copy = tmp_path / "hall", tmp_path / "copy"
    with Store(hall) as store:
        rename(store, "hall laptop", MONDAY)
        old = store.device
    shutil.copytree(hall, copy)
    device_file = copy / "local" / "device.json"
    _write(device_file, {**json.loads(device_file.read_text("utf-8")), "machine": "another-machine"})
    with Store(copy) as second:
        assert second.copied_from == old and second.device != old
        found = publish(second, MONDAY + timedelta(hours=1))
        expected = (
            f"This data folder was copied from the laptop hall laptop; this laptop now writes as {second.device}."
        )
        assert [f.sentence(MONDAY) for f in found] == [expected]
        assert _published(second)["name"] != "hall laptop"  # the name was the other laptop's
        assert expected in overview(second, MONDAY + timedelta(hours=2)).notes
    with Store(copy) as third:  # the next start: said on the Laptops screen still, not again at start
        assert publish(third, MONDAY + timedelta(hours=3)) == []
        assert expected in overview(third, MONDAY + timedelta(hours=3)).notes


def test_every_laptop_is_listed_with_when_it_was_seen(store: Store) -> None:
    publish(store, MONDAY)
    _other_laptop(store.data_dir, "minibus-1a2b", MONDAY - timedelta(hours=2), name="minibus")
    week = week_key(MONDAY)
    record = _checkin(MONDAY - timedelta(hours=1), "office-9f9f")
    _write(store.logs_dir / f"{week}.office-9f9f.json", {"checkins": {"1": record}})
    _write(store.registry_dir / "gym-7c7c.json", {})
    seen = overview(store, MONDAY)
    by_id = {lap.device: lap for lap in seen.laptops}
    assert set(by_id) == {store.device, "minibus-1a2b", "office-9f9f", "gym-7c7c"}
    assert seen.laptops[0].this and seen.laptops[0].device == store.device
    assert by_id["minibus-1a2b"].name == "minibus"
    assert by_id["minibus-1a2b"].last_seen == MONDAY - timedelta(hours=2)
    assert by_id["office-9f9f"].last_record == MONDAY - timedelta(hours=1)
    assert by_id["office-9f9f"].last_seen is None
    assert all(lap.warnings == [] for lap in seen.laptops)


def test_the_newest_record_counts_from_the_registry_too(store: Store) -> None:
    store.registry.add_participant(MONDAY - timedelta(hours=5), first_name="Anna", last_name="Ozola", birth_year=1950)
    me = next(lap for lap in overview(store, MONDAY).laptops if lap.this)
    assert me.last_record == MONDAY - timedelta(hours=5)


def test_a_laptop_not_seen_for_three_days_is_warned_of(store: Store) -> None:
    _other_laptop(store.data_dir, "minibus-1a2b", MONDAY - timedelta(days=4, hours=1))
    _other_laptop(store.data_dir, "office-9f9f", MONDAY - timedelta(days=2, hours=23))
    assert _warnings(store, "minibus-1a2b", MONDAY) == [
        "Not seen for 4 days: is it switched off, or Syncthing not running on it?"
    ]
    assert _warnings(store, "office-9f9f", MONDAY) == []


def test_a_conflict_copy_anywhere_is_named_on_its_laptop(store: Store) -> None:
    week = week_key(MONDAY)
    name = f"{week}.minibus-1a2b.sync-conflict-20261120-101010-ABCDEFG.json"
    _write(store.logs_dir / name, {})
    _write(store.data_dir / "centre.sync-conflict-20261120-101010-ABCDEFG.json", {})
    _write(store.local_dir / "x.sync-conflict-20261120-101010-ABCDEFG.json", {})  # this laptop's own: not shared
    assert [owner for owner, _path in conflict_copies(store.data_dir)] == [None, "minibus-1a2b"]
    assert _warnings(store, "minibus-1a2b", MONDAY) == [f"A conflict copy was found: logs/{name}."]
    notes = overview(store, MONDAY).notes
    assert "A conflict copy was found: centre.sync-conflict-20261120-101010-ABCDEFG.json." in notes


def test_a_clock_far_ahead_is_warned_of(store: Store) -> None:
    _other_laptop(store.data_dir, "minibus-1a2b", MONDAY + timedelta(minutes=11))
    _other_laptop(store.data_dir, "office-9f9f", MONDAY + timedelta(minutes=9))
    assert _warnings(store, "minibus-1a2b", MONDAY) == [
        "Its clock is ahead: it wrote at 23 Nov 2026 09:41 by its clock, "
        "and this laptop's clock says 23 Nov 2026 09:30."
    ]
    assert _warnings(store, "office-9f9f", MONDAY) == []


def test_records_stamped_in_the_future_are_warned_of(store: Store) -> None:
    record = _checkin(MONDAY + timedelta(hours=2), "gym-7c7c")
    _write(store.logs_dir / f"{week_key(MONDAY)}.gym-7c7c.json", {"checkins": {"1": record}})
    assert _warnings(store, "gym-7c7c", MONDAY) == [
        "Its records are stamped 23 Nov 2026 11:30, later than this laptop's clock says (23 Nov 2026 09:30)."
    ]


def test_one_computer_writing_as_two_ids_at_once_is_warned_of(store: Store) -> None:
    start = MONDAY - timedelta(hours=3)
    _other_laptop(store.data_dir, "hall-1111", MONDAY, started=iso(start), machine="m1")
    _other_laptop(store.data_dir, "hall-2222", MONDAY, started=iso(start), machine="m1")
    _other_laptop(store.data_dir, "hall-3333", start - timedelta(days=1), machine="m2")  # an id replaced ...
    _other_laptop(store.data_dir, "hall-4444", MONDAY, started=iso(start), machine="m2")  # ... by this one
    assert _warnings(store, "hall-1111", MONDAY) == ["The same computer also writes as hall-2222 (hall-2222)."]
    assert _warnings(store, "hall-4444", MONDAY) == []


def test_renaming_is_published_at_once_and_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        publish(store, MONDAY)
        rename(store, "  hall laptop ", MONDAY + timedelta(minutes=1))
        assert _published(store)["name"] == "hall laptop"
        with pytest.raises(ValueError, match="cannot be empty"):
            rename(store, " ", MONDAY)
        with pytest.raises(ValueError, match="at most 24"):
            rename(store, "x" * 25, MONDAY)
    with Store(tmp_path / "data") as again:
        publish(again, MONDAY + timedelta(hours=1))
        assert _published(again)["name"] == "hall laptop"
        assert overview(again, MONDAY).laptops[0].name == "hall laptop"


# the command ---------------------------------------------------------------


def test_the_command_names_this_laptop_and_prints_every_laptop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--lang", "en", "--data-dir", str(data), "devices", "--name", "office laptop"]) == EXIT_OK
    _other_laptop(data, "minibus-1a2b", now() - timedelta(days=5), name="minibus")
    assert main(["--lang", "en", "--data-dir", str(data), "devices"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "This laptop is now called office laptop." in out
    assert f"Data folder (share this one folder with Syncthing): {data}" in out
    assert "This laptop: office laptop (ID " in out and "minibus-1a2b" in out
    assert "- minibus (minibus-1a2b): Not seen for 5 days" in out
    assert "sync.en.md" in out


def test_the_listing_runs_beside_the_app_and_naming_waits_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        publish(store, now())
        mine = data / "devices" / f"{store.device}.json"
        _write(mine, {**json.loads(mine.read_text("utf-8")), "run": "someone-else", "host": "clone"})
        assert main(["--lang", "en", "--data-dir", str(data), "devices"]) == EXIT_OK
        out = capsys.readouterr().out
        assert f"Another computer writes as this laptop ({store.device}, host clone" in out
        assert main(["--lang", "en", "--data-dir", str(data), "devices", "--name", "hall"]) == EXIT_BUSY
        assert "already open" in capsys.readouterr().err


def test_the_command_in_a_process_of_its_own(tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = [sys.executable, "-m", "tui", "--lang", "en", "--data-dir", str(data), "devices"]
    named = subprocess.run([*command, "--name", "hall laptop"], cwd=REPO, capture_output=True, text=True)
    assert named.returncode == EXIT_OK, named.stderr
    listed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    assert "This laptop: hall laptop (ID " in listed.stdout


def test_a_cloned_disk_takes_a_new_id_at_its_next_start_and_says_so(tmp_path: Path) -> None:
    """The same machine id on both: noticed by a write the clone never made, and the clone moves off the id."""
    hall, clone = tmp_path / "hall", tmp_path / "clone"
    with Store(hall) as store:
        publish(store, MONDAY)
        original = store.device
    shutil.copytree(hall, clone)
    with Store(hall) as first:
        publish(first, MONDAY + timedelta(minutes=1))  # the hall goes on writing as itself
    shutil.copy2(hall / "devices" / f"{original}.json", clone / "devices")  # Syncthing brings it over
    with Store(clone) as second:
        assert second.device != original and second.copied_from == original
        said = publish(second, MONDAY + timedelta(minutes=2))
        assert any("copied from" in f.sentence(MONDAY) for f in said)
    with Store(hall) as first:  # the hall keeps its id: nobody else writes as it now
        assert first.device == original and first.copied_from is None

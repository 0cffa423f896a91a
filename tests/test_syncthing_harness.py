"""The Syncthing harness itself, with real instances and real files: what it says is in sync is on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.syncthing import Cluster, SyncthingError, start_cluster

pytestmark = pytest.mark.syncthing


def test_a_file_written_in_a_reaches_b_and_comes_back(syncthing_pair: Cluster) -> None:
    a, b = syncthing_pair.folders
    assert (a / ".stfolder").is_dir() and (b / ".stfolder").is_dir()
    (a / "note.txt").write_text("written in a\n", encoding="utf-8")
    syncthing_pair.wait_in_sync()
    assert (b / "note.txt").read_text(encoding="utf-8") == "written in a\n"

    (b / "note.txt").write_text("written in a\nand then in b\n", encoding="utf-8")
    (b / "new.txt").write_text("only b made this\n", encoding="utf-8")
    syncthing_pair.wait_in_sync()
    assert (a / "note.txt").read_text(encoding="utf-8") == "written in a\nand then in b\n"
    assert (a / "new.txt").read_text(encoding="utf-8") == "only b made this\n"

    (a / "new.txt").unlink()
    syncthing_pair.wait_in_sync()
    assert not (b / "new.txt").exists()
    assert syncthing_pair.conflicts() == []


def test_a_file_delivered_by_rename_is_never_seen_half_written(syncthing_pair: Cluster) -> None:
    """b's final name holds a whole version at every read while a ~1 MB file arrives, three times over."""
    a, b = syncthing_pair.folders
    syncthing_pair.throttle(1, 1000)  # slow enough to read b many times while a version is on its way
    versions: list[bytes] = []
    reads = 0
    saw_temp_file = False
    for round_ in range(3):
        version = bytes([round_]) * 16 + os.urandom(1_000_000)
        versions.append(version)
        (a / "big.bin").write_bytes(version)
        syncthing_pair.scan(0)
        deadline = time.monotonic() + 30
        while True:
            saw_temp_file |= (b / ".syncthing.big.bin.tmp").exists()
            try:
                seen = (b / "big.bin").read_bytes()
            except FileNotFoundError:
                seen = None
            if seen is not None:
                reads += 1
                assert seen in versions, f"read {len(seen)} bytes at the final name: not a whole version"
            if seen == version:
                break
            assert time.monotonic() < deadline, f"version {round_} did not arrive"
            time.sleep(0.002)
        syncthing_pair.wait_in_sync()
    assert saw_temp_file, "no transfer was seen under its temporary name: the reads proved nothing"
    assert reads > 3
    assert (b / "big.bin").read_bytes() == versions[-1]


def test_a_file_changed_on_both_while_one_is_offline_leaves_a_conflict_copy(syncthing_pair: Cluster) -> None:
    a, b = syncthing_pair.folders
    (a / "registry.json").write_text('{"v": 0}\n', encoding="utf-8")
    syncthing_pair.wait_in_sync()

    syncthing_pair.pause(1)
    with pytest.raises(SyncthingError, match="paused"):
        syncthing_pair.wait_in_sync()
    (a / "registry.json").write_text('{"v": "hall"}\n', encoding="utf-8")
    (b / "registry.json").write_text('{"v": "minibus"}\n', encoding="utf-8")
    syncthing_pair.scan()
    syncthing_pair.resume(1)
    syncthing_pair.wait_in_sync()

    conflicts = syncthing_pair.conflicts()
    assert [c.parent for c in conflicts] == [a, b], conflicts
    assert all(c.name.startswith("registry.sync-conflict-") and c.suffix == ".json" for c in conflicts)
    assert conflicts[0].name == conflicts[1].name
    winner = (a / "registry.json").read_text(encoding="utf-8")
    assert (b / "registry.json").read_text(encoding="utf-8") == winner
    loser = conflicts[0].read_text(encoding="utf-8")
    assert {winner, loser} == {'{"v": "hall"}\n', '{"v": "minibus"}\n'}  # nothing lost


@pytest.mark.syncthing(stignore="/local\n")
def test_an_ignored_folder_stays_on_its_laptop(syncthing_pair: Cluster) -> None:
    a, b = syncthing_pair.folders
    assert (a / ".stignore").read_text(encoding="utf-8") == "/local\n"
    (a / "local").mkdir()
    (a / "local" / "x").write_text("this laptop only\n", encoding="utf-8")
    (a / "shared").mkdir()
    (a / "shared" / "x").write_text("every laptop\n", encoding="utf-8")
    syncthing_pair.wait_in_sync()
    assert (b / "shared" / "x").read_text(encoding="utf-8") == "every laptop\n"
    assert not (b / "local").exists()


def test_instances_stop_when_the_test_fails_inside(tmp_path: Path, syncthing_required: None) -> None:
    with pytest.raises(RuntimeError, match="the test failed"):
        with start_cluster(tmp_path / "homes", [tmp_path / "a", tmp_path / "b"]) as cluster:
            assert all(instance.process and instance.process.poll() is None for instance in cluster.instances)
            raise RuntimeError("the test failed")
    assert all(instance.process and instance.process.returncode == 0 for instance in cluster.instances)

"""The durable storage: a cut-short write or a kill -9 never costs a confirmed record."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tinydb import TinyDB

from sessions.storage.durable import DamagedFile, DurableStorage, load_json

REPO = Path(__file__).resolve().parents[1]


def test_writes_land_on_disk_and_are_read_from_memory(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    db = TinyDB(path, storage=DurableStorage)
    db.table("checkins").insert({"who": "Jānis"})
    assert json.loads(path.read_text("utf-8"))["checkins"]["1"] == {"who": "Jānis"}
    path.write_text("{}", "utf-8")  # a change behind its back is not re-read
    assert db.table("checkins").all() == [{"who": "Jānis"}]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_batch_is_one_write_or_none(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    db = TinyDB(path, storage=DurableStorage)
    storage = db.storage
    assert isinstance(storage, DurableStorage)
    with pytest.raises(RuntimeError), storage.batch():
        db.table("checkins").insert({"n": 1})
        raise RuntimeError("cut")
    assert not path.exists()
    assert db.table("checkins").all() == []
    with storage.batch():
        db.table("checkins").insert({"n": 1})
        db.table("scans").insert({"n": 1})
    assert set(json.loads(path.read_text())) == {"checkins", "scans"}


def test_full_disk_mid_write_leaves_previous_file_intact(tmp_path: Path) -> None:
    """RLIMIT_FSIZE cuts the write short, as a full disk would."""
    path = tmp_path / "log.json"
    db = TinyDB(path, storage=DurableStorage)
    db.table("checkins").insert({"n": 1, "pad": "x" * 1000})
    before = path.read_bytes()
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from tinydb import TinyDB
        from sessions.storage.durable import DurableStorage
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        db = TinyDB({str(path)!r}, storage=DurableStorage)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1500, 1500))
        try:
            db.table("checkins").insert({{"n": 2, "pad": "y" * 4000}})
        except OSError as error:
            print("refused", error.errno)
            print("memory", len(db.table("checkins").all()))
            sys.exit(0)
        print("written")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert "refused" in result.stdout, result.stdout + result.stderr
    assert "memory 1" in result.stdout
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["log.json"]  # no temp file left behind


def test_kill_during_a_stream_of_writes_loses_nothing_confirmed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from tinydb import TinyDB
        from sessions.storage.durable import DurableStorage
        db = TinyDB({str(tmp_path / "log.json")!r}, storage=DurableStorage)
        for n in range(100000):
            db.table("checkins").insert({{"n": n}})
            sys.stdout.write(f"{{n}}\\n")
            sys.stdout.flush()
        """
    )
    for _round in range(3):
        process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        confirmed = []
        for line in process.stdout:
            confirmed.append(int(line))
            if len(confirmed) >= 150 + 50 * _round:
                break
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = load_json(tmp_path / "log.json")
        assert data is not None
        on_disk = {doc["n"] for doc in data["checkins"].values()}
        assert set(confirmed) <= on_disk
        (tmp_path / "log.json").unlink()


def test_broken_file_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    path.write_text('{"checkins": {"1": ', "utf-8")
    with pytest.raises(DamagedFile) as caught:
        TinyDB(path, storage=DurableStorage)
    assert caught.value.path == path
    assert path.read_text("utf-8") == '{"checkins": {"1": '

"""Two laptops, one centre, real Syncthing: a session in the hall and a trip on the bus at the same hour.

Two Syncthing instances on the loopback address share the data folder; the
real app runs on both at once (each in a process of its own, driven by
Pilot): the hall checks people in, the bus boards a trip, and staff edit
the registry on both while they run. Once synced, both laptops hold the same
registry and give the same report, each record once, with no conflict copy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.demo import seed_demo
from sessions.storage.local import STIGNORE
from sessions.store import Store
from tests.conftest import Clock
from tests.syncthing import Cluster
from tui.cli import main

pytestmark = pytest.mark.syncthing(stignore=STIGNORE)


def _registry(data: Path) -> dict[str, dict[str, dict]]:
    with Store(data, read_only=True) as store:
        tables = store.registry.storage.read() or {}
    return {
        table: {str(d.get("id") or d.get("key")): {k: v for k, v in d.items() if k != "_s"} for d in docs.values()}
        for table, docs in tables.items()
        if table != "_centre"
    }


def _records(data: Path, table: str, **match: str) -> list[str]:
    """The ids of a log table's records in every week file of the folder (each laptop's), duplicates kept."""
    with Store(data, read_only=True) as store:
        return sorted(
            doc["id"]
            for _w, _d, path in store.log_files()
            for doc in store.read_log(path).get(table, {}).values()
            if all(doc.get(k) == v for k, v in match.items())
        )


def _report(data: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["report", "--all", "--show", "--column-keys", "--data-dir", str(data), "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    return "\n".join(line for line in shown.splitlines() if str(out) not in line)


def _run_laptop(data: Path, role: str, plan: dict, work: Path) -> subprocess.Popen[bytes]:
    plan_path, result = work / f"{role}-plan.json", work / f"{role}-result.json"
    plan_path.write_text(json.dumps(plan), "utf-8")
    argv = [sys.executable, "-m", "tests.laptop_run", str(data), role, str(plan_path), str(result)]
    return subprocess.Popen(argv, cwd=Path(__file__).parents[1], stderr=subprocess.PIPE)


def test_a_session_and_a_trip_at_once_on_two_laptops_give_the_same_figures_on_both(
    syncthing_pair: Cluster, tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    hall, bus = syncthing_pair.folders
    with Store(hall) as store:  # the centre starts on the hall laptop
        seed_demo(store, clock())
        people = store.registry.participants(include_archived=False)
    syncthing_pair.wait_in_sync(timeout=60)
    with Store(bus) as store:  # the second laptop, once the first sync is done, takes its own id
        assert len(store.registry.participants(include_archived=False)) == len(people)
        assert store.device != json.loads((hall / "local" / "device.json").read_text("utf-8"))["device"]

    anna, janis = people[0], people[1]
    plans = {
        "hall": {
            "cards": [p.code for p in people[:12]],
            "edits": {anna.id: {"neighbourhood": "Grīva"}, janis.id: {"neighbourhood": "Gajoks"}},
            "add": [["Zane", "Ozola"]],
        },
        "bus": {
            "cards": [p.code for p in people[10:16]],
            "destination": "Latgales zoodārzs",
            "edits": {anna.id: {"birth_year": "1949"}, janis.id: {"neighbourhood": "Ruģeļi"}},
            "add": [["Pēteris", "Liepa"]],
        },
    }
    work = tmp_path / "work"
    work.mkdir()
    laptops = [_run_laptop(hall, "hall", plans["hall"], work), _run_laptop(bus, "bus", plans["bus"], work)]
    for process in laptops:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    done = {role: json.loads((work / f"{role}-result.json").read_text("utf-8")) for role in plans}
    assert done["hall"]["outcomes"] == ["checked_in"] * 12
    assert done["bus"]["outcomes"] == ["boarded"] * 6

    syncthing_pair.wait_in_sync(timeout=60)

    assert syncthing_pair.conflicts() == []
    assert _registry(hall) == _registry(bus)
    with Store(hall, read_only=True) as store:
        names = {p.full_name for p in store.registry.participants()}
        assert {"Zane Ozola", "Pēteris Liepa"} <= names  # added on each laptop, on both
        again = store.registry.participant(anna.id)
        assert again is not None and (again.neighbourhood, again.birth_year) == ("Grīva", 1949)
        # Janis's neighbourhood was changed on both: one value, the same on both, and both changes in the audit.
        changes = [e["after"] for e in store.registry.audit() if e["target"] == f"participants:{janis.id}"]
        assert {"neighbourhood": "Gajoks"} in changes and {"neighbourhood": "Ruģeļi"} in changes
    for data in (hall, bus):  # each record once, on both laptops
        assert _records(data, "checkins", session_id=done["hall"]["session"]) == sorted(done["hall"]["checkins"])
        assert _records(data, "boardings", trip_id=done["bus"]["trip"]) == sorted(done["bus"]["boardings"])
        every = _records(data, "checkins") + _records(data, "boardings")
        assert len(every) == len(set(every))
    assert _records(hall, "checkins") == _records(bus, "checkins")
    assert _report(hall, tmp_path / "out-hall", capsys) == _report(bus, tmp_path / "out-bus", capsys)
    for data in (hall, bus):  # every laptop's file is written by that laptop only: each has its own
        devices = {json.loads((d / "local" / "device.json").read_text("utf-8"))["device"] for d in (hall, bus)}
        assert {p.stem for p in (data / "registry").glob("*.json")} == devices

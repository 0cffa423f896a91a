"""The ten-year centre kept by three laptops: the hall's, the minibus's and the office's.

The same people and the same ten years of logs as the one-laptop centre,
split by who writes them (the hall: sessions, check-ins, scans; the minibus:
trips and boardings; the office: corrections), and a registry file for each
laptop made by running ten years of registry work on the three
(benchmarks/registry_history.py). They are then put in one folder as a sync
engine leaves it on the hall laptop: every laptop's `registry/<device>.json`
as it last wrote it, the week logs of all three, and the hall's own `local/`.
Kept under the one-laptop centre's folder (`three-laptops/`) and reused.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.folder import registry_of
from benchmarks.generate import LOG_TABLES, RIGA, Generated, dump
from benchmarks.registry_history import HALL, LAPTOPS, MINIBUS, OFFICE, History, deliver, live_history

__all__ = ["LAPTOPS", "OWNER", "ensure_three"]

#: Which laptop writes each log table.
OWNER = {
    "sessions": HALL,
    "checkins": HALL,
    "scans": HALL,
    "trips": MINIBUS,
    "boardings": MINIBUS,
    "corrections": OFFICE,
}
#: Bumped whenever this changes, so that an old cache is not reused.
VERSION = 1
_IDS = ("participant_id", "activity_id", "vehicle_id")
_CODES = ("code", "raw")


def ensure_three(generated: Generated) -> tuple[Path, dict[str, Any]]:
    """The three-laptop centre beside `generated` (its folder, and what it holds), made once and then reused."""
    root = generated.root / "three-laptops"
    marker = root / "generated.json"
    key = {"centre": asdict(generated.centre), "version": VERSION}
    if marker.exists():
        saved = json.loads(marker.read_text())
        if saved["key"] == key:
            return root / "centre", saved["counts"]
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    end = date.fromisoformat(generated.centre.end)
    monday = end - timedelta(days=end.weekday())
    first_monday = monday - timedelta(weeks=generated.centre.weeks - 1)
    first = datetime(first_monday.year, first_monday.month, first_monday.day, 8, tzinfo=RIGA)
    last = datetime(monday.year, monday.month, monday.day, 16, tzinfo=RIGA) + timedelta(days=4)
    tables = registry_of(generated.data_dir)
    history, folders = live_history(root / "laptops", generated.data_dir / "centre.json", tables, first, last)
    centre = root / "centre"
    counts = _split_logs(generated.data_dir / "logs", centre / "logs", history)
    (centre / "registry").mkdir()
    for device, folder in folders.items():
        deliver(folder / "registry" / f"{device}.json", centre / "registry" / f"{device}.json")
    shutil.copyfile(generated.data_dir / "centre.json", centre / "centre.json")
    (centre / "local").mkdir()
    shutil.copyfile(folders[HALL] / "local" / "state.json", centre / "local" / "state.json")
    shutil.copyfile(generated.data_dir / "local" / "device.json", centre / "local" / "device.json")
    device = json.loads((centre / "local" / "device.json").read_text())
    if device["device"] != HALL:
        raise RuntimeError(f"the one-laptop centre is kept by {device['device']}, not {HALL}")
    counts["changes"] = {d: dict(kinds) for d, kinds in history.changes.items()}
    counts["registry_bytes"] = {d: (centre / "registry" / f"{d}.json").stat().st_size for d in LAPTOPS}
    marker.write_text(json.dumps({"key": key, "counts": counts}, indent=1))
    return centre, counts


def _split_logs(source: Path, target: Path, history: History) -> dict[str, Any]:
    """Every week's records, in files of the laptop that writes them, pointing at the laptops' ids and codes."""
    target.mkdir(parents=True)
    weeks: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(source.glob("*.json")):
        weeks[path.name.split(".", 1)[0]].append(path)
    counts: dict[str, Any] = {"files": 0, "records": {d: 0 for d in LAPTOPS}}
    for week, paths in sorted(weeks.items()):
        files: dict[str, dict[str, list[dict[str, Any]]]] = {d: {t: [] for t in LOG_TABLES} for d in LAPTOPS}
        for path in paths:
            for table, records in json.loads(path.read_bytes()).items():
                owner = OWNER[table]
                for record in records.values():
                    files[owner][table].append(_moved(record, owner, history))
        for device, tables in files.items():
            if any(tables.values()):
                (target / f"{week}.{device}.json").write_bytes(dump(tables))
                counts["files"] += 1
                counts["records"][device] += sum(len(r) for r in tables.values())
    return counts


def _moved(record: dict[str, Any], device: str, history: History) -> dict[str, Any]:
    moved = {**record, "device": device}
    for name in _IDS:
        if name in moved and moved[name] is not None:
            moved[name] = history.ids.get(moved[name], moved[name])
    for name in _CODES:
        if moved.get(name):
            moved[name] = history.codes.get(moved[name], moved[name])
    return moved

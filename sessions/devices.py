"""Each laptop says who it is in `devices/<device>.json`, and notices another computer writing as itself.

A laptop writes its own `devices/<device>.json` (and no other laptop does) at
start and every quarter hour: its human name, its host, the app's version,
when this run started, when it wrote, a random nonce made at each start (the
run) and a counter that goes up at each write. What it last wrote is
remembered in `local/laptop.json`, which is never synced. A devices file of
this laptop holding a run or a counter this laptop never wrote, or a sync
engine's conflict copy of it, means another computer writes as this laptop: a
copied disk. The other laptops read these files to show when each was last
seen (sessions/laptops.py).
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.clock import iso, sort_instant
from sessions.i18n import _, format_datetime
from sessions.storage.durable import DamagedFile, atomic_write_bytes, load_json
from sessions.storage.local import local_dir, machine_fingerprint
from sessions.store import Store
from sessions.version import VERSION

__all__ = [
    "DEVICES_FOLDER",
    "PUBLISH_EVERY_S",
    "Finding",
    "copied_sentence",
    "devices_files",
    "foreign_sentence",
    "laptop_name",
    "name_problem",
    "own_laptop_name",
    "publish",
    "read_memory",
    "rename",
    "this_device",
    "written_by_another",
]

DEVICES_FOLDER = "devices"
#: How often the app writes its devices file again.
PUBLISH_EVERY_S = 15 * 60
MEMORY = "laptop.json"
#: The runs remembered as this laptop's own (a devices file restored from a backup is still its own).
_RUNS_KEPT = 200
#: A laptop's devices file, or the sync engine's conflict copy of one.
_FILE = re.compile(r"^(?P<device>[A-Za-z0-9_-]+)(?P<copy>\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7})?\.json$")


def devices_dir(data_dir: Path) -> Path:
    return Path(data_dir) / DEVICES_FOLDER


def devices_files(data_dir: Path) -> list[tuple[str, Path, bool]]:
    """(device, path, whether it is a conflict copy) of every file in `devices/`, by name."""
    folder = devices_dir(data_dir)
    try:
        names = sorted(p.name for p in folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _FILE.match(name)
        if match:
            found.append((match["device"], folder / name, bool(match["copy"])))
    return found


def this_device(store: Store) -> str | None:
    """This laptop's id; a reader beside the app reads it from `local/device.json` (None before the first start)."""
    if not store.read_only:
        return store.device
    try:
        data = load_json(local_dir(store.data_dir) / "device.json")
    except DamagedFile:
        return None
    device = data.get("device") if data else None
    return device if isinstance(device, str) and _FILE.match(f"{device}.json") else None


def read_memory(data_dir: Path, device: str) -> dict[str, Any]:
    """What this laptop remembers of its own devices file; empty when none, or another id's (a copied folder)."""
    try:
        memory = load_json(local_dir(data_dir) / MEMORY)
    except DamagedFile:
        return {}
    if not memory or memory.get("device") != device:
        return {}
    return memory


def _write_memory(data_dir: Path, memory: dict[str, Any]) -> None:
    atomic_write_bytes(local_dir(data_dir) / MEMORY, json.dumps(memory, ensure_ascii=False).encode("utf-8"))


def host_name() -> str:
    return socket.gethostname() or "laptop"


def own_laptop_name(data_dir: Path, device: str) -> str:
    """This laptop's human name ("hall laptop"); the host name until someone names it."""
    name = read_memory(data_dir, device).get("name")
    return name if isinstance(name, str) and name.strip() else host_name()


def written_by_another(memory: dict[str, Any], published: dict[str, Any]) -> bool:
    """Whether this laptop's devices file holds a write this laptop never made."""
    if not memory.get("runs"):
        return False  # nothing remembered yet (the first start): nothing to judge by
    run, counter = published.get("run"), published.get("counter")
    if run not in memory["runs"]:
        return True
    return not isinstance(counter, int) or counter > int(memory.get("counter", 0))


@dataclass(frozen=True)
class Finding:
    """Something publishing found that staff should be told, said when shown (the language may change)."""

    kind: str  # "foreign" or "copied"
    device: str
    detail: dict[str, Any]

    def sentence(self, now: datetime) -> str:
        if self.kind == "copied":
            return copied_sentence(self.detail.get("name") or self.detail["from"], self.device)
        return foreign_sentence(self.device, self.detail, now)


def copied_sentence(name: str, device: str) -> str:
    return _("This data folder was copied from the laptop {name}; this laptop now writes as {device}.").format(
        name=name, device=device
    )


def foreign_sentence(device: str, detail: dict[str, Any], now: datetime) -> str:
    when = sort_instant(detail.get("seen"))
    return _(
        "Another computer writes as this laptop ({device}, host {host}, last noticed {when}): "
        "its data folder is a copy of this one. See the guide, “Copied by hand”."
    ).format(device=device, host=detail.get("host") or "?", when=format_datetime(when.astimezone(now.tzinfo)))


#: The run of each open store: made at its first write, the same for every write of that run.
_runs: weakref.WeakKeyDictionary[Store, tuple[str, str]] = weakref.WeakKeyDictionary()


def _read_published(path: Path) -> dict[str, Any] | None:
    try:
        return load_json(path)
    except DamagedFile:
        return None


def laptop_name(store: Store, device: str) -> str:
    """The name people gave a laptop ("hall"), from its devices file; its id until that file arrives and reads."""
    published = _read_published(devices_dir(store.data_dir) / f"{device}.json")
    name = published.get("name") if published else None
    return name.strip() if isinstance(name, str) and name.strip() else device


def app_version() -> str:
    """This centrelog's version (sessions/version.py, which the installed package's metadata is made from)."""
    return VERSION


def publish(store: Store, now: datetime, *, name: str | None = None) -> list[Finding]:
    """Write this laptop's devices file (on the app's writer thread); what it found that staff should be told.

    The memory in `local/` is written before the devices file, so a crash
    between the two never makes this laptop's own write look like another's.
    """
    device = store.device
    memory = read_memory(store.data_dir, device)
    found: list[Finding] = []
    folder = devices_dir(store.data_dir)
    folder.mkdir(exist_ok=True, mode=0o700)
    mine = folder / f"{device}.json"
    current = _read_published(mine)
    if current is not None and written_by_another(memory, current):
        memory["foreign"] = {"seen": iso(now), "host": str(current.get("host", "")), "run": current.get("run")}
        found.append(Finding("foreign", device, memory["foreign"]))
    for owner, path, copy in devices_files(store.data_dir):
        if owner == device and copy:
            other = _read_published(path) or {}
            memory["foreign"] = {"seen": iso(now), "host": str(other.get("host", "")), "file": path.name}
            found.append(Finding("foreign", device, memory["foreign"]))
            path.unlink(missing_ok=True)  # remembered; the copy itself says nothing more
    if store.copied_from and (memory.get("copied") or {}).get("from") != store.copied_from:
        old = _read_published(folder / f"{store.copied_from}.json") or {}
        memory["copied"] = {"from": store.copied_from, "name": str(old.get("name") or ""), "at": iso(now)}
        found.append(Finding("copied", device, memory["copied"]))
    run, started = _runs.setdefault(store, (secrets.token_hex(8), iso(now)))
    counter = int(memory.get("counter", 0)) + 1
    earlier = [r for r in memory.get("runs", []) if r != run]
    runs = [*earlier[-(_RUNS_KEPT - 1) :], run]
    if name is not None:
        memory["name"] = name.strip()
    memory.update(device=device, run=run, counter=counter, runs=runs)
    _write_memory(store.data_dir, memory)
    record = {
        "device": device,
        "name": own_laptop_name(store.data_dir, device),
        "host": host_name(),
        "machine": machine_fingerprint(),
        "version": app_version(),
        "started": started,
        "written": iso(now),
        "run": run,
        "counter": counter,
    }
    atomic_write_bytes(mine, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    return list({finding.kind: finding for finding in found}.values())  # each said once


#: A laptop's name fits the Laptops screen's column beside its times, at 80 columns.
NAME_LENGTH = 24


def name_problem(name: str) -> str | None:
    """Why a laptop's name cannot be used, or None."""
    if not name.strip():
        return _("A laptop's name cannot be empty.")
    if len(name.strip()) > NAME_LENGTH:
        return _("A laptop's name is at most {n} characters.").format(n=NAME_LENGTH)
    return None


def rename(store: Store, name: str, now: datetime) -> None:
    """Give this laptop a human name, and say it to the others at once."""
    problem = name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    publish(store, now, name=name)

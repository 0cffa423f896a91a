"""The centre's identity: a random id written once into the data folder, so a restore knows whose backup it is."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.clock import iso, sort_instant
from sessions.storage.durable import DamagedFile, atomic_write_bytes, load_json

__all__ = ["CENTRE_FILE", "ensure_centre", "is_centre_file", "read_centre", "write_centre"]

#: Written once by whoever creates the folder (shared folders get it with the rest), never rewritten.
CENTRE_FILE = "centre.json"
_ID = re.compile(r"^[0-9a-f]{32}$")


def is_centre_file(data: Any) -> bool:
    """True when `data` is what a centre file holds."""
    return isinstance(data, dict) and isinstance(data.get("centre"), str) and bool(_ID.match(data["centre"]))


def read_centre(data_dir: Path) -> str | None:
    """The folder's centre id; None when it has none yet or the file is damaged (nothing is guessed).

    A laptop started before its first sync made a centre file of its own; the
    sync engine then keeps one and the other as a conflict copy. Every laptop
    takes the one made first, whichever the engine kept.
    """
    try:
        data = load_json(data_dir / CENTRE_FILE)
    except DamagedFile:
        return None
    if data is None or not is_centre_file(data):
        return None
    made = [data]
    for copy in sorted(data_dir.glob("centre.sync-conflict-*.json")):
        try:
            other = load_json(copy)
        except DamagedFile:
            continue
        if other is not None and is_centre_file(other):
            made.append(other)
    first = min(made, key=lambda d: (sort_instant(d.get("created")), d["centre"]))
    return str(first["centre"])


def write_centre(data_dir: Path, centre: str, now: datetime) -> None:
    """Give the folder this centre id (a new folder, or one still empty taking a backup's)."""
    payload = {"centre": centre, "created": iso(now)}
    atomic_write_bytes(data_dir / CENTRE_FILE, json.dumps(payload).encode())


def ensure_centre(data_dir: Path, now: datetime) -> str | None:
    """The folder's centre id, made at the first start; a damaged file is left as it is (None)."""
    if (data_dir / CENTRE_FILE).exists():
        return read_centre(data_dir)
    centre = uuid.uuid4().hex
    write_centre(data_dir, centre, now)
    return centre

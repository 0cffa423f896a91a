"""What belongs to one laptop: its id, its lock, its own settings, kept where no sync engine shares them.

The data folder is what a centre shares between laptops (Syncthing). Its
`local/` folder is not: `.stignore` (written by the app, read by Syncthing)
keeps it, the backups and the exports on this laptop. The laptop's id is
made here once, with a fingerprint of the machine: a folder copied whole to
another laptop (a cloned disk, a copied folder) is noticed at its first
start there, and that laptop takes an id of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from sessions.storage.durable import atomic_write_bytes, load_json

__all__ = [
    "LOCAL_FOLDER",
    "STIGNORE",
    "Identity",
    "ensure_stignore",
    "identity",
    "local_dir",
    "machine_fingerprint",
    "take_new_id",
]

LOCAL_FOLDER = "local"
#: The lines of `.stignore` that keep one laptop's files on that laptop.
STIGNORE_LINES = (
    "// centrelog: what belongs to this laptop alone is never shared (see docs/sync.md)",
    "/local",
    "/backups",
    "/exports",
    "/.centrelog.lock",
    "(?d).*.tmp",
    "(?d)*.damaged-*",
)
STIGNORE = "\n".join(STIGNORE_LINES) + "\n"


def local_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LOCAL_FOLDER


def machine_fingerprint() -> str:
    """A keyed hash of this machine's id and name (machine-id(5): never the id itself)."""
    machine = ""
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            machine = Path(candidate).read_text("utf-8").strip()
            break
        except OSError:
            continue
    raw = f"centrelog:{machine}:{socket.gethostname()}".encode()
    return hashlib.sha256(raw).hexdigest()[:24]


def _new_device() -> str:
    host = re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname()).strip("-")[:20] or "laptop"
    return f"{host}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class Identity:
    """This laptop's id; `copied_from` is the id a copied folder brought along, when it did."""

    device: str
    copied_from: str | None = None


def identity(data_dir: Path, *, fingerprint: str | None = None) -> Identity:
    """This laptop's id in `local/device.json`, made at the first start (moved there from an older folder).

    A device file made on another machine (its fingerprint differs) is a copy:
    this laptop takes a new id, so that it never writes another laptop's files.
    """
    from sessions.storage.shapes import check_shape

    machine = fingerprint or machine_fingerprint()
    folder = local_dir(data_dir)
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / "device.json"
    older = Path(data_dir) / "device.json"  # before several laptops, the id sat in the shared folder
    data = load_json(path)
    if data is None and older.exists():
        data = load_json(older)
        if data is not None:
            check_shape(older, data)
            _write(path, str(data["device"]), machine)
            older.unlink()
            return Identity(str(data["device"]))
    if data is not None:
        device = str(check_shape(path, data)["device"])
        made_on = data.get("machine")
        if made_on in (None, machine):
            if made_on is None:
                _write(path, device, machine)
            return Identity(device)
        new = _new_device()
        _write(path, new, machine)
        return Identity(new, copied_from=device)
    device = _new_device()
    _write(path, device, machine)
    return Identity(device)


def take_new_id(data_dir: Path, *, fingerprint: str | None = None) -> Identity:
    """This laptop takes a new id (another computer writes as it: a cloned disk); the old one is left to that one."""
    path = local_dir(data_dir) / "device.json"
    old = load_json(path) or {}
    new = _new_device()
    _write(path, new, fingerprint or machine_fingerprint())
    return Identity(new, copied_from=str(old.get("device") or "") or None)


def _write(path: Path, device: str, machine: str) -> None:
    atomic_write_bytes(path, json.dumps({"device": device, "machine": machine}).encode())


def ensure_stignore(data_dir: Path) -> None:
    """Write the ignore patterns Syncthing reads, keeping any lines someone added."""
    path = Path(data_dir) / ".stignore"
    try:
        current = path.read_text("utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError):
        return
    missing = [line for line in STIGNORE_LINES if line not in current.splitlines()]
    if missing:
        joined = current + ("" if not current or current.endswith("\n") else "\n") + "\n".join(missing) + "\n"
        atomic_write_bytes(path, joined.encode("utf-8"))

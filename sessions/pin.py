"""The staff PIN: a salted scrypt hash in the registry, and a growing wait after wrong tries."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sessions.clock import from_iso, iso
from sessions.i18n import _
from sessions.registry import EntryError, Registry
from sessions.storage.durable import DamagedFile, atomic_write_bytes, load_json
from sessions.storage.local import LOCAL_FOLDER

__all__ = [
    "PinCheck",
    "check_pin",
    "check_stored",
    "count_wrong_try",
    "has_pin",
    "locked_until",
    "pin_in_tables",
    "set_pin",
    "wait_after",
    "well_formed",
]

#: The registry setting that holds the hash (never the PIN itself).
PIN_SETTING = "staff_pin"
#: Wrong tries are counted in a small file of their own, so that the app and
#: the command line (which may not write the registry) share one count.
TRIES_FILE = "pin-tries.json"
PIN_LENGTHS = range(4, 13)
#: Free wrong tries before the first wait.
FREE_TRIES = 3
FIRST_WAIT_S = 15
LONGEST_WAIT_S = 15 * 60
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class PinCheck:
    """The answer to a PIN typed at the keyboard."""

    ok: bool
    locked_until: datetime | None = None
    failures: int = 0
    #: False when the prompt was locked and the PIN was not even compared.
    counted: bool = True


def has_pin(registry: Registry) -> bool:
    """True once a staff PIN has been set."""
    return bool(registry.setting(PIN_SETTING))


def pin_in_tables(tables: dict[str, Any]) -> dict[str, Any] | None:
    """The PIN hash a registry's tables hold (as read from a backup), or None; a hash of a strange shape is none."""
    settings = tables.get("settings")
    docs = settings.values() if isinstance(settings, dict) else ()
    for doc in docs:
        if isinstance(doc, dict) and doc.get("key") == PIN_SETTING and well_formed(doc.get("value")):
            return dict(doc["value"])
    return None


def well_formed(stored: Any) -> bool:
    """True for a PIN hash as set_pin stores it, with scrypt costs this laptop can afford."""
    if not isinstance(stored, dict) or any(type(stored.get(k)) is not int for k in _SCRYPT):
        return False
    try:
        bytes.fromhex(stored["salt"]), bytes.fromhex(stored["hash"])
    except (KeyError, TypeError, ValueError):
        return False
    n, r, p = int(stored["n"]), int(stored["r"]), int(stored["p"])
    # scrypt wants n a power of two; the bound keeps its memory under _hash's limit
    return n > 1 and n & (n - 1) == 0 and 0 < r and 128 * n * r <= 32 * 1024 * 1024 and 0 < p <= 4


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def set_pin(registry: Registry, pin: str, repeat: str | None = None) -> None:
    """Store a new staff PIN as a salted scrypt hash; digits only, 4 to 12 of them."""
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and len(pin) in PIN_LENGTHS):
        raise EntryError("pin", _("The PIN is 4 to 12 digits."))
    if repeat is not None and repeat.strip() != pin:
        raise EntryError("repeat", _("The two PINs differ. Type the same PIN twice."))
    salt = secrets.token_bytes(16)
    stored = {"salt": salt.hex(), "hash": _hash(pin, salt, **_SCRYPT).hex(), **_SCRYPT}
    registry.set_settings({PIN_SETTING: stored})


def wait_after(failures: int) -> timedelta:
    """How long the PIN prompt stays locked after this many wrong tries in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return timedelta(seconds=min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_TRIES)))


def _read_tries(data_dir: Path) -> tuple[int, datetime | None]:
    try:
        data = load_json(data_dir / LOCAL_FOLDER / TRIES_FILE) or {}
    except DamagedFile:
        data = {}
    until = data.get("locked_until")
    return int(data.get("failures", 0)), from_iso(until) if until else None


def _write_tries(data_dir: Path, failures: int, until: datetime | None) -> None:
    payload = {"failures": failures, "locked_until": iso(until) if until else None}
    try:
        (data_dir / LOCAL_FOLDER).mkdir(exist_ok=True, mode=0o700)
        atomic_write_bytes(data_dir / LOCAL_FOLDER / TRIES_FILE, json.dumps(payload).encode())
    except OSError:
        pass  # a full disk must not lock staff out; the count then lives only this once


def locked_until(data_dir: Path, now: datetime) -> datetime | None:
    """Until when the PIN prompt is locked after wrong tries, or None when a PIN may be typed."""
    _failures, until = _read_tries(data_dir)
    return until if until is not None and now < until else None


def check_pin(registry: Registry, data_dir: Path, pin: str, now: datetime) -> PinCheck:
    """Compare a typed PIN with the stored hash, counting wrong tries.

    While locked, nothing is compared and the lock time is returned, so the
    screen can say until when to wait. No PIN set means nothing to check.
    """
    return check_stored(registry.setting(PIN_SETTING), data_dir, pin, now)


def check_stored(stored: dict[str, Any] | None, data_dir: Path, pin: str, now: datetime) -> PinCheck:
    """check_pin against a PIN hash held elsewhere (a backup's registry), with the same count of wrong tries."""
    if not stored:
        return PinCheck(True)
    failures, until = _read_tries(data_dir)
    if until is not None and now < until:
        return PinCheck(False, until, failures, counted=False)
    salt = bytes.fromhex(stored["salt"])
    typed = _hash(pin.strip(), salt, stored["n"], stored["r"], stored["p"])
    if hmac.compare_digest(typed, bytes.fromhex(stored["hash"])):
        if failures:
            _write_tries(data_dir, 0, None)
        return PinCheck(True)
    return count_wrong_try(data_dir, now)


def count_wrong_try(data_dir: Path, now: datetime) -> PinCheck:
    """A wrong PIN or unlock code: counted with the others, and the wait it brings."""
    failures, _until = _read_tries(data_dir)
    failures += 1
    wait = wait_after(failures)
    until = now + wait if wait else None
    _write_tries(data_dir, failures, until)
    return PinCheck(False, until, failures)

"""A scan screen locked for a queue at the door: what unlocks it, the staff PIN or the instructor's own code."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessions.i18n import _
from sessions.pin import PIN_LENGTHS, PinCheck, check_pin, count_wrong_try, has_pin, locked_until
from sessions.registry import EntryError, Registry

__all__ = ["DoorLock", "lock_door", "unlock_door"]


@dataclass(frozen=True)
class DoorLock:
    """What unlocks a locked screen: the staff PIN, and the code the instructor chose when locking, if any.

    The code lives only as long as the lock, in memory, as a salted hash.
    """

    salt: bytes
    code_hash: bytes | None


def _hash(code: str, salt: bytes) -> bytes:
    return hashlib.scrypt(code.encode(), salt=salt, n=2**12, r=8, p=1, dklen=32)


def lock_door(registry: Registry, code: str) -> DoorLock:
    """Lock with the instructor's own code (4 to 12 digits), or with none: then only the staff PIN unlocks.

    Without a staff PIN set, a code is needed, or nothing would unlock the screen.
    """
    code = code.strip()
    salt = secrets.token_bytes(16)
    if not code:
        if not has_pin(registry):
            raise EntryError("code", _("No staff PIN is set yet: choose a code of 4 to 12 digits to unlock with."))
        return DoorLock(salt, None)
    if not (code.isdigit() and code.isascii() and len(code) in PIN_LENGTHS):
        raise EntryError("code", _("The code is 4 to 12 digits."))
    return DoorLock(salt, _hash(code, salt))


def unlock_door(lock: DoorLock, registry: Registry, data_dir: Path, typed: str, now: datetime) -> PinCheck:
    """The instructor's code or the staff PIN, with the staff PIN's count of wrong tries and its waits.

    While the PIN prompt waits after wrong tries, nothing is compared, the instructor's code neither:
    a short code cannot be guessed by trying.
    """
    until = locked_until(data_dir, now)
    if until is not None:
        return PinCheck(False, until, counted=False)
    typed = typed.strip()
    if lock.code_hash is not None and hmac.compare_digest(_hash(typed, lock.salt), lock.code_hash):
        return PinCheck(True)
    if has_pin(registry):
        return check_pin(registry, data_dir, typed, now)
    return count_wrong_try(data_dir, now)

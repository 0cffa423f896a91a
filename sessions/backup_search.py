"""Which backup zips still hold a person by name: read-only, the registry of each zip only, bounded."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sessions.storage.backup import backups_in

__all__ = ["BackupsHolding", "backups_holding"]

#: A registry larger than this inside a zip is not read (a ten-year centre's is a few MB).
MAX_REGISTRY_BYTES = 64 * 1024 * 1024
REGISTRY = "registry.json"


@dataclass(frozen=True)
class BackupsHolding:
    """The backups whose registry still names the person, and those that could not be read."""

    holding: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def _names_them(backup: Path, participant_id: str) -> bool:
    """True when the backup's registry has this person, not erased. Raises on a zip that cannot be read."""
    with zipfile.ZipFile(backup) as archive:
        info = archive.getinfo(REGISTRY)
        if info.file_size > MAX_REGISTRY_BYTES:
            raise ValueError(f"{backup.name}: {REGISTRY} is too large to read")
        raw = archive.read(info)
    if participant_id.encode() not in raw:
        return False
    people = json.loads(raw).get("participants") or {}
    return any(doc.get("id") == participant_id and not doc.get("erased_at") for doc in people.values())


def backups_holding(folders: Iterable[Path], participant_id: str) -> BackupsHolding:
    """Look through every backup in `folders` (the data folder's backups/, the mirror) for the person."""
    found = BackupsHolding()
    for folder in folders:
        for backup in backups_in(folder):
            try:
                if _names_them(backup, participant_id):
                    found.holding.append(backup)
            except KeyError:
                continue  # no registry in it: it names nobody
            except (OSError, EOFError, ValueError, AttributeError, RuntimeError, zipfile.BadZipFile, zlib.error):
                found.unreadable.append(backup)
    return found

"""The other centres' data folders this laptop counts with its own in the Reports screen (remembered here only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sessions.store import Store

__all__ = ["other_centres", "set_other_centres"]

#: A per-machine setting (the `last_` prefix): the folders are where this laptop keeps its synced copies.
_KEY = "last_other_centres"


def other_centres(store: Store) -> list[Path]:
    """The other centres' folders staff added on this laptop, in the order added."""
    value = store.registry.setting(_KEY, [])
    return [Path(folder) for folder in value if isinstance(folder, str)] if isinstance(value, list) else []


def set_other_centres(store: Store, folders: Sequence[Path], now: datetime | None = None) -> None:
    """Remember the other centres' folders (each once, in order)."""
    store.registry.set_settings({_KEY: list(dict.fromkeys(str(folder) for folder in folders))}, now)

"""What other laptops' files brought while the app runs: looked for every few seconds, on the writer thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessions.storage.copies import log_name
from sessions.storage.shared import Read
from sessions.store import Refreshed, Store

__all__ = ["Arrived", "look_around"]


@dataclass(frozen=True)
class Arrived:
    """One look at the data folder: the registry merged, week files that came or changed, own copies folded in."""

    refreshed: Refreshed
    #: Other laptops' week files (and any conflict copy) new, changed or gone since the last look.
    logs: tuple[Path, ...] = ()
    #: Conflict copies of this laptop's own week files, folded into them and removed.
    absorbed: tuple[Path, ...] = ()

    @property
    def registry(self) -> bool:
        return bool(self.refreshed.registry)

    @property
    def anything(self) -> bool:
        return self.registry or bool(self.logs or self.absorbed)


def look_around(store: Store, changed: list[Path], now: datetime, read: list[Read] | None = None) -> Arrived:
    """Merge the registry files other laptops wrote, with the week files a LogWatch saw come (on the writer thread).

    A conflict copy of one of this laptop's own files is folded in at once (its
    records read, its file removed); other laptops' files are only noted, and
    read by the screens that list them.
    """
    refreshed = store.refresh(now, read)
    own_copies = any((name := log_name(path.name)) and name.copy and name.device == store.device for path in changed)
    absorbed = store.absorb_own_copies() if own_copies else []
    return Arrived(refreshed, tuple(changed), tuple(absorbed))

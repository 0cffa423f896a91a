"""Sessions and trips open on other laptops of the centre, and what each laptop is called."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sessions.clock import from_iso, week_key
from sessions.devices import laptop_name
from sessions.storage.durable import DamagedFile
from sessions.store import Store

__all__ = ["OpenElsewhere", "laptop_name", "open_elsewhere"]


@dataclass(frozen=True)
class OpenElsewhere:
    """A session or trip another laptop opened and has not closed (as far as its files have arrived)."""

    kind: str  # "session" or "trip"
    record: dict[str, Any]
    device: str
    laptop: str

    @property
    def started(self) -> datetime:
        return from_iso(self.record["start"] if self.kind == "session" else self.record["departure"])


def open_elsewhere(store: Store, today: date) -> list[OpenElsewhere]:
    """What other laptops have open, opened this week or last, earliest first.

    A file that does not read is passed over here: the lists that show its
    week name it (see tui/damaged.py).
    """
    weeks = {week_key(today), week_key(today - timedelta(days=7))}
    found = []
    names: dict[str, str] = {}
    for _week, device, path in store.log_files(weeks):
        if device == store.device:
            continue
        try:
            tables = store.read_log(path)
        except (DamagedFile, OSError):
            continue
        laptop = names.setdefault(device, laptop_name(store, device))
        for kind, table, closed in (("session", "sessions", "end"), ("trip", "trips", "closed_at")):
            for record in tables.get(table, {}).values():
                if record.get(closed) is None and not record.get("voided_at"):
                    found.append(OpenElsewhere(kind, record, device, laptop))
    return sorted(found, key=lambda work: work.started)

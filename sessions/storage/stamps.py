"""Which of two laptops' values of a field wins: stamps from a hybrid logical clock.

Every field a laptop writes in the shared registry carries a stamp
`[erased, milliseconds, counter, device]`. Stamps compare as tuples: an
erasure (1) beats any ordinary change (0), then the later instant, then the
counter (two changes in the same millisecond), then the device id (a fixed
tie-break, so every laptop picks the same winner). The clock never runs
backwards: it is the laptop's own clock or the latest stamp it has seen,
whichever is later, so a laptop whose clock lags still orders its changes
after the ones it has read.

A record keeps its stamps in its own field `_s`: `{"*": stamp}` for every
field it was made with, and `{field: stamp}` for each field changed since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = ["STAMPS", "Clock", "Stamp", "field_stamp", "merge_records", "newest_stamp", "record_key"]

#: The field of a record that holds its stamps.
STAMPS = "_s"
#: A field never stamped (a record from before several laptops): loses to every stamped value.
_NEVER: tuple[int, int, int, str] = (0, 0, 0, "")

Stamp = tuple[int, int, int, str]


def as_stamp(raw: Any) -> Stamp:
    """A stored stamp as a comparable tuple; anything malformed counts as never stamped."""
    if isinstance(raw, list) and len(raw) == 4:
        erased, ms, counter, device = raw
        if (
            isinstance(erased, int)
            and isinstance(ms, int)
            and isinstance(counter, int)
            and isinstance(device, str)
            and not isinstance(erased, bool)
        ):
            return (erased, ms, counter, device)
    return _NEVER


def field_stamp(record: dict[str, Any], field: str) -> Stamp:
    """When `field` of `record` was last written, and by whom."""
    stamps = record.get(STAMPS)
    if not isinstance(stamps, dict):
        return _NEVER
    return as_stamp(stamps.get(field, stamps.get("*")))


def newest_stamp(record: dict[str, Any]) -> Stamp:
    """The latest stamp anywhere in a record."""
    stamps = record.get(STAMPS)
    if not isinstance(stamps, dict) or not stamps:
        return _NEVER
    return max(as_stamp(raw) for raw in stamps.values())


def record_key(table: str, record: dict[str, Any]) -> str | None:
    """What makes a record the same record on every laptop: its id (a setting: its key)."""
    key = record.get("key") if table == "settings" else record.get("id")
    return key if isinstance(key, str) and key else None


def merge_records(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any] | None:
    """The two versions of one record merged field by field; None when `mine` already holds the result.

    The same answer whichever side is `mine`, whatever order versions come
    in, and however often one comes again.
    """
    if mine == theirs:
        # The same version again (most records of a laptop's file, once the laptops have met): nothing to merge.
        return None
    fields = (set(mine) | set(theirs)) - {STAMPS}
    merged: dict[str, Any] = {}
    stamps: dict[str, list[Any]] = {}
    changed = False
    for field in fields:
        ours, other = field_stamp(mine, field), field_stamp(theirs, field)
        if field not in theirs or (field in mine and ours >= other):
            winner, stamp = mine, ours
        else:
            winner, stamp = theirs, other
            changed = changed or mine.get(field, _MISSING) != theirs[field] or ours != other
        merged[field] = winner[field]
        if stamp != _NEVER:
            stamps[field] = list(stamp)
    if not changed:
        return None
    merged[STAMPS] = stamps
    return merged


_MISSING = object()


class Clock:
    """A hybrid logical clock: stamps that follow the wall clock and never repeat or go back."""

    def __init__(self, device: str) -> None:
        self.device = device
        self._ms = 0
        self._counter = 0

    def seen(self, stamp: Stamp) -> None:
        """Move on past a stamp read from a file (this laptop's or another's)."""
        _erased, ms, counter, _device = stamp
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter

    def tick(self, now: datetime, *, erased: bool = False) -> list[Any]:
        """A new stamp for a change made at `now`."""
        ms = int(now.timestamp() * 1000)
        if ms > self._ms:
            self._ms, self._counter = ms, 0
        else:
            self._counter += 1
        return [1 if erased else 0, self._ms, self._counter, self.device]

"""How a check-in or boarding let someone in: on their card or by name, overrides included."""

from __future__ import annotations

from sessions.clock import sort_instant
from sessions.kinds import BoardingRecord, CheckinRecord, Outcome, ScanEvent

__all__ = ["CARD_METHODS", "OVER_CAPACITY", "by_card", "how_admitted"]

#: How a card can come in: typed by a USB scanner ("scan"), or read by the laptop's camera ("camera").
#: A person found by name is "manual". Logs written before the camera hold only "scan" and "manual".
CARD_METHODS = ("scan", "camera")

#: The outcomes of a refusal for capacity, which F3 may override (a stored outcome is found in it too).
OVER_CAPACITY = frozenset(outcome for outcome in Outcome if outcome.over_capacity)


def by_card(method: object) -> bool:
    """Whether an attempt logged with `method` came from a card (scanner or camera), not a name."""
    return method in CARD_METHODS


def how_admitted(entry: CheckinRecord | BoardingRecord, scans: list[ScanEvent]) -> str:
    """How a check-in or boarding let someone in: "scan" or "camera" (their card) or "manual" (by name).

    An override (F3) is logged with the method of the attempt it overrides. Logs
    written before that logged every override as "manual": such an entry followed a
    card when the last over-capacity refusal of that person before it was a scan.
    """
    method = str(entry.get("method"))
    if method != "manual" or not entry.get("override"):
        return method
    refused = [
        s
        for s in scans
        if s.get("outcome") in OVER_CAPACITY
        and s.get("participant_id") == entry.get("participant_id")
        and all(s.get(owner) == entry.get(owner) for owner in ("session_id", "trip_id"))
        and sort_instant(s.get("at")) <= sort_instant(entry.get("at"))  # moments, never their text
    ]
    return str(max(refused, key=lambda s: sort_instant(s.get("at")))["method"]) if refused else method

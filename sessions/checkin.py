"""What a scan answers: the check-in rules, and the scan event logged for every attempt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sessions.attendance import OpenSession
from sessions.clock import from_iso, iso
from sessions.codes import CodeProblem, parse_scan
from sessions.records import new_record
from sessions.registry import Participant, Registry

__all__ = ["Colour", "LookUp", "Outcome", "ScanResult", "check_in", "check_in_person", "look_up", "scan_event"]

#: The longest stretch of a bad scan kept in the log.
RAW_KEPT = 64


class Colour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Outcome(StrEnum):
    """Every answer a scan can get."""

    CHECKED_IN = "checked_in"
    ALREADY_IN = "already_in"
    BOARDED = "boarded"
    ALREADY_ABOARD = "already_aboard"
    UNKNOWN_CARD = "unknown_card"
    REVOKED_CARD = "revoked_card"
    ARCHIVED = "archived"
    NOT_A_CARD = "not_a_card"
    FULL = "full"
    CLOSED = "closed"
    NOT_SAVED = "not_saved"

    @property
    def colour(self) -> Colour:
        if self in (Outcome.CHECKED_IN, Outcome.BOARDED):
            return Colour.GREEN
        if self in (Outcome.ALREADY_IN, Outcome.ALREADY_ABOARD):
            return Colour.YELLOW
        return Colour.RED


@dataclass(frozen=True)
class ScanResult:
    """The answer to one scan or manual attempt, as the screen shows it."""

    outcome: Outcome
    participant: Participant | None = None
    first_at: datetime | None = None
    count: int = 0
    capacity: int = 0
    problem: CodeProblem | None = None
    revoked_at: datetime | None = None
    error: str | None = None

    @property
    def colour(self) -> Colour:
        return self.outcome.colour


@dataclass(frozen=True)
class LookUp:
    """Who a scanned code belongs to, or why it belongs to nobody who may enter."""

    outcome: Outcome | None
    participant: Participant | None = None
    code: str | None = None
    problem: CodeProblem | None = None
    revoked_at: datetime | None = None


def look_up(registry: Registry, raw: str) -> LookUp:
    """Read a scan and find the person; shared by check-in and boarding."""
    parsed = parse_scan(raw)
    if parsed.code is None:
        return LookUp(Outcome.NOT_A_CARD, problem=parsed.problem)
    card = registry.card(parsed.code)
    if card is None:
        return LookUp(Outcome.UNKNOWN_CARD, code=parsed.code)
    person = registry.participant(card.participant_id)
    if card.revoked:
        return LookUp(Outcome.REVOKED_CARD, person, parsed.code, revoked_at=from_iso(card.revoked_at or ""))
    if person is None:
        return LookUp(Outcome.UNKNOWN_CARD, code=parsed.code)
    if person.archived:
        return LookUp(Outcome.ARCHIVED, person, parsed.code)
    return LookUp(None, person, parsed.code)


def scan_event(
    device: str, now: datetime, raw: str, method: str, outcome: Outcome, person: Participant | None, **owner: str
) -> dict[str, Any]:
    """The log record of one attempt; `owner` names what it was for (session_id= or trip_id=)."""
    return new_record(
        device,
        now,
        **owner,
        at=iso(now),
        method=method,
        raw=raw.strip()[:RAW_KEPT] if method == "scan" else "",
        outcome=str(outcome),
        colour=str(outcome.colour),
        participant_id=person.id if person else None,
    )


def _scan_event(
    session: OpenSession,
    device: str,
    now: datetime,
    raw: str,
    method: str,
    outcome: Outcome,
    person: Participant | None,
) -> dict[str, Any]:
    return scan_event(device, now, raw, method, outcome, person, session_id=session.id)


def check_in(
    session: OpenSession, registry: Registry, raw: str, now: datetime, *, override: bool = False
) -> ScanResult:
    """Answer a scanned (or typed) card code and log the attempt."""
    found = look_up(registry, raw)
    if session.closed:
        return _refuse(session, registry, raw, now, "scan", Outcome.CLOSED, found.participant)
    if found.outcome is not None:
        return _refuse(
            session,
            registry,
            raw,
            now,
            "scan",
            found.outcome,
            found.participant,
            problem=found.problem,
            revoked_at=found.revoked_at,
        )
    assert found.participant is not None
    return _admit(session, registry, found.participant, raw, now, "scan", override)


def check_in_person(
    session: OpenSession, registry: Registry, participant_id: str, now: datetime, *, override: bool = False
) -> ScanResult:
    """Check in someone chosen by name (a forgotten card); logged as manual."""
    person = registry.participant(participant_id)
    if session.closed:
        return _refuse(session, registry, "", now, "manual", Outcome.CLOSED, person)
    if person is None:
        return _refuse(session, registry, "", now, "manual", Outcome.UNKNOWN_CARD, None)
    if person.archived:
        return _refuse(session, registry, "", now, "manual", Outcome.ARCHIVED, person)
    return _admit(session, registry, person, "", now, "manual", override)


def _admit(
    session: OpenSession, registry: Registry, person: Participant, raw: str, now: datetime, method: str, override: bool
) -> ScanResult:
    first = session.checkin_of(person.id)
    if first is not None:
        return _refuse(session, registry, raw, now, method, Outcome.ALREADY_IN, person, first_at=from_iso(first["at"]))
    if session.capacity and session.count >= session.capacity and not override:
        return _refuse(session, registry, raw, now, method, Outcome.FULL, person)
    device = registry.device
    checkin = new_record(
        device,
        now,
        session_id=session.id,
        participant_id=person.id,
        at=iso(now),
        method=method,
        code=person.code if method == "scan" else None,
        override=override and session.count >= session.capacity,
        voided_at=None,
    )
    event = _scan_event(session, device, now, raw, method, Outcome.CHECKED_IN, person)
    try:
        with session.log.batch():
            session.log.table("checkins").insert(checkin)
            session.log.table("scans").insert(event)
    except OSError as error:
        return ScanResult(
            Outcome.NOT_SAVED,
            person,
            count=session.count,
            capacity=session.capacity,
            error=error.strerror or str(error),
        )
    session.checkins.append(checkin)
    session.scans.append(event)
    return ScanResult(Outcome.CHECKED_IN, person, first_at=now, count=session.count, capacity=session.capacity)


def _refuse(
    session: OpenSession,
    registry: Registry,
    raw: str,
    now: datetime,
    method: str,
    outcome: Outcome,
    person: Participant | None,
    **details: Any,
) -> ScanResult:
    event = _scan_event(session, registry.device, now, raw, method, outcome, person)
    try:
        session.log.table("scans").insert(event)
    except OSError as error:
        return ScanResult(
            Outcome.NOT_SAVED,
            person,
            count=session.count,
            capacity=session.capacity,
            error=error.strerror or str(error),
        )
    session.scans.append(event)
    return ScanResult(outcome, person, count=session.count, capacity=session.capacity, **details)

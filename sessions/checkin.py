"""What a scan answers: the check-in rules, and the scan event logged for every attempt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar, cast

from sessions.admission import CARD_METHODS, by_card
from sessions.attendance import OpenSession
from sessions.clock import from_iso, iso
from sessions.codes import CodeProblem, parse_scan
from sessions.kinds import BoardingRecord, CheckinRecord, Colour, Outcome, ScanEvent
from sessions.records import new_record
from sessions.registry import Participant, Registry
from sessions.storage.disk import write_problem
from sessions.store import WeekLog

__all__ = [
    "Colour",
    "LookUp",
    "Outcome",
    "ScanOwner",
    "ScanResult",
    "ScanRules",
    "check_in",
    "check_in_person",
    "look_up",
    "scan_event",
]

#: The longest stretch of a bad scan kept in the log.
RAW_KEPT = 64


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
) -> ScanEvent:
    """The log record of one attempt; `owner` names what it was for (session_id= or trip_id=)."""
    event = new_record(
        device,
        now,
        **owner,
        at=iso(now),
        method=method,
        raw=raw.strip()[:RAW_KEPT] if by_card(method) else "",
        outcome=str(outcome),
        colour=str(outcome.colour),
        participant_id=person.id if person else None,
    )
    return cast(ScanEvent, event)


class ScanOwner(Protocol):
    """What a scan is for: an open session or an open trip."""

    log: WeekLog
    scans: list[ScanEvent]

    @property
    def id(self) -> str: ...

    @property
    def closed(self) -> bool: ...

    @property
    def count(self) -> int: ...


OwnerT = TypeVar("OwnerT", bound=ScanOwner)
#: The record that lets someone in: a check-in or a boarding.
EntryT = TypeVar("EntryT", CheckinRecord, BoardingRecord)


class ScanRules(Generic[OwnerT, EntryT]):
    """The rules shared by check-in and boarding; a subclass says what differs between them."""

    #: The answers for someone let in now and for someone already in.
    admitted: Outcome
    already: Outcome
    #: The log table of who was let in, and the field naming the owner on a scan event.
    table: str
    owner_field: str

    def __init__(self, owner: OwnerT, registry: Registry) -> None:
        self.owner = owner
        self.registry = registry

    def first_of(self, person: Participant) -> EntryT | None:
        """The record that already let `person` in, if any."""
        raise NotImplementedError

    def entry(self, person: Participant, now: datetime, method: str, override: bool) -> EntryT | Outcome:
        """The record letting `person` in, or the refusal when that would be over capacity."""
        raise NotImplementedError

    def remember(self, entry: EntryT) -> None:
        """Keep a stored entry in memory."""
        raise NotImplementedError

    def capacity(self) -> int:
        """How many fit, shown with the count; 0 for no limit."""
        raise NotImplementedError

    def scan(self, raw: str, now: datetime, override: bool, method: str = "scan") -> ScanResult:
        """Answer a card code scanned (or typed), or read by the camera (`method` "camera"), and log the attempt."""
        if method not in CARD_METHODS:
            raise ValueError(f"a card comes by scanner or camera, not {method!r}")
        found = look_up(self.registry, raw)
        if self.owner.closed:
            return self.refuse(raw, now, method, Outcome.CLOSED, found.participant)
        if found.outcome is not None:
            return self.refuse(
                raw, now, method, found.outcome, found.participant, problem=found.problem, revoked_at=found.revoked_at
            )
        assert found.participant is not None
        return self.admit(found.participant, raw, now, method, override)

    def by_name(self, participant_id: str, now: datetime, override: bool) -> ScanResult:
        """Answer someone chosen by name (a forgotten card); logged as manual."""
        person = self.registry.participant(participant_id)
        if self.owner.closed:
            return self.refuse("", now, "manual", Outcome.CLOSED, person)
        if person is None:
            return self.refuse("", now, "manual", Outcome.UNKNOWN_CARD, None)
        if person.archived:
            return self.refuse("", now, "manual", Outcome.ARCHIVED, person)
        return self.admit(person, "", now, "manual", override)

    def admit(self, person: Participant, raw: str, now: datetime, method: str, override: bool) -> ScanResult:
        """Let `person` in unless already in or full; the entry and its scan event are one write."""
        first = self.first_of(person)
        if first is not None:
            return self.refuse(raw, now, method, self.already, person, first_at=from_iso(first["at"]))
        entry = self.entry(person, now, method, override)
        if isinstance(entry, Outcome):
            return self.refuse(raw, now, method, entry, person)
        event = self.event(raw, now, method, self.admitted, person)
        log = self.owner.log
        try:
            with log.batch():
                log.table(self.table).insert(entry)
                log.table("scans").insert(event)
        except OSError as error:
            return self.not_saved(person, error)
        self.remember(entry)
        self.owner.scans.append(event)
        return self.result(self.admitted, person, first_at=now)

    def refuse(
        self, raw: str, now: datetime, method: str, outcome: Outcome, person: Participant | None, **details: Any
    ) -> ScanResult:
        """Log the refused attempt and answer it."""
        event = self.event(raw, now, method, outcome, person)
        try:
            self.owner.log.table("scans").insert(event)
        except OSError as error:
            return self.not_saved(person, error)
        self.owner.scans.append(event)
        return self.result(outcome, person, **details)

    def new_entry(self, person: Participant, now: datetime, method: str, **fields: Any) -> dict[str, Any]:
        """A new record letting `person` in, with what every such record says and `fields`."""
        return new_record(
            self.registry.device,
            now,
            **{self.owner_field: self.owner.id},
            participant_id=person.id,
            at=iso(now),
            method=method,
            code=person.code if by_card(method) else None,
            **fields,
        )

    def event(self, raw: str, now: datetime, method: str, outcome: Outcome, person: Participant | None) -> ScanEvent:
        """The scan event of one attempt."""
        owner = {self.owner_field: self.owner.id}
        return scan_event(self.registry.device, now, raw, method, outcome, person, **owner)

    def not_saved(self, person: Participant | None, error: OSError) -> ScanResult:
        """The answer when the disk refused the write."""
        return self.result(Outcome.NOT_SAVED, person, error=write_problem(error))

    def result(self, outcome: Outcome, person: Participant | None, **details: Any) -> ScanResult:
        """An answer with the count and capacity as they are now."""
        return ScanResult(outcome, person, count=self.owner.count, capacity=self.capacity(), **details)


class _CheckInRules(ScanRules[OpenSession, CheckinRecord]):
    admitted = Outcome.CHECKED_IN
    already = Outcome.ALREADY_IN
    table = "checkins"
    owner_field = "session_id"

    def first_of(self, person: Participant) -> CheckinRecord | None:
        return self.owner.checkin_of(person.id)

    def entry(self, person: Participant, now: datetime, method: str, override: bool) -> CheckinRecord | Outcome:
        session = self.owner
        if session.capacity and session.count >= session.capacity and not override:
            return Outcome.FULL
        checkin = self.new_entry(
            person, now, method, override=override and session.count >= session.capacity, voided_at=None
        )
        return cast(CheckinRecord, checkin)

    def remember(self, entry: CheckinRecord) -> None:
        self.owner.checkins.append(entry)

    def capacity(self) -> int:
        return self.owner.capacity


def check_in(
    session: OpenSession, registry: Registry, raw: str, now: datetime, *, override: bool = False, method: str = "scan"
) -> ScanResult:
    """Answer a scanned (or typed) card code and log the attempt; `method` "camera" for a card the camera read."""
    return _CheckInRules(session, registry).scan(raw, now, override, method)


def check_in_person(
    session: OpenSession, registry: Registry, participant_id: str, now: datetime, *, override: bool = False
) -> ScanResult:
    """Check in someone chosen by name (a forgotten card); logged as manual."""
    return _CheckInRules(session, registry).by_name(participant_id, now, override)

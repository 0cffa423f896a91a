"""Sessions and their check-ins: start, resume, void, end, and what was left open: gone on with, or closed."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypedDict, cast

from sessions.admission import how_admitted
from sessions.clock import from_iso, iso, sort_instant, week_key
from sessions.i18n import _
from sessions.kinds import CheckinRecord, Colour, ScanEvent, SessionRecord
from sessions.records import new_record
from sessions.registry import EntryError
from sessions.resume import goes_on
from sessions.storage.damage import pending_damaged
from sessions.store import Store, WeekLog

__all__ = [
    "LeftOpen",
    "OpenSession",
    "SessionSummary",
    "close_left_open",
    "end_session",
    "open_sessions",
    "start_session",
    "void_checkin",
]


@dataclass
class OpenSession:
    """A session being run on this laptop, with its check-ins in memory."""

    record: SessionRecord
    log: WeekLog
    checkins: list[CheckinRecord] = field(default_factory=list)
    scans: list[ScanEvent] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def capacity(self) -> int:
        return int(self.record.get("capacity") or 0)

    @property
    def closed(self) -> bool:
        return self.record.get("end") is not None

    @property
    def started(self) -> datetime:
        return from_iso(self.record["start"])

    def active(self) -> list[CheckinRecord]:
        """Check-ins that stand (not voided), in the order they happened."""
        return [c for c in self.checkins if not c.get("voided_at")]

    @property
    def count(self) -> int:
        return len(self.active())

    def checkin_of(self, participant_id: str) -> CheckinRecord | None:
        for checkin in self.checkins:
            if checkin["participant_id"] == participant_id and not checkin.get("voided_at"):
                return checkin
        return None


class _Void(TypedDict):
    voided_at: str | None
    voided_by: str
    void_reason: str


class _Close(TypedDict):
    end: str | None
    closed_at: str
    note: str | None


@dataclass(frozen=True)
class SessionSummary:
    """What an instructor sees when a session ends."""

    activity: str
    started: datetime
    ended: datetime
    attendances: int
    manual: int
    overrides: int
    refused: int
    voided: int


@dataclass(frozen=True)
class LeftOpen:
    """What became of the sessions a previous run left open: gone on with, closed, or waiting."""

    closed: list[SessionSummary]
    #: Sessions whose close is not wholly on disk yet (their open marker stays).
    waiting: tuple[str, ...] = ()
    #: Of those, the ones still open in their week log.
    still_open: int = 0
    problem: OSError | None = None
    #: Sessions that go on (`sessions.resume.goes_on`): open as they were, check-ins and all; nothing was written.
    resumed: tuple[str, ...] = ()
    #: Sessions whose week file lies set aside as damaged: neither gone on with nor closed until staff restore
    #: the week or keep it as it is (their open marker stays until then).
    unread: tuple[str, ...] = ()

    @property
    def to_try_again(self) -> tuple[str, ...]:
        """The sessions to look at again later: a close the disk refused, a week not readable yet."""
        return self.waiting + self.unread


def start_session(
    store: Store,
    activity_id: str,
    place: str,
    instructor: str,
    now: datetime,
    planned: Mapping[str, Any] | None = None,
) -> OpenSession:
    """Open a session of an activity; place and instructor are remembered for next time, for this activity.

    `planned`: what a session started from the timetable carries besides (sessions.today.start_planned):
    plan_id, planned_day, planned_end, project_id, and the plan's capacity when it has its own.
    """
    activity = store.registry.item("activities", activity_id)
    if activity is None:
        raise EntryError("activity", _("Choose an activity from the list."))
    place, instructor = place.strip(), instructor.strip()
    if not place:
        missing = _("Choose the place and the instructor.") if not instructor else _("Choose the place.")
        raise EntryError("place", missing)
    if not instructor:
        raise EntryError("instructor", _("Choose the instructor."))
    week = week_key(now)
    record = new_record(
        store.device,
        now,
        activity_id=activity_id,
        activity=activity["name"],
        place=place,
        instructor=instructor,
        **{
            "start": iso(now),
            "end": None,
            "capacity": int(activity.get("capacity") or 0),
            "note": None,
            **(planned or {}),
        },
    )
    session = cast(SessionRecord, record)
    # The open marker goes first: a crash between the two writes leaves a
    # marker to a session that does not exist, which the next start drops.
    registry = store.registry
    with registry.writing():
        registry.set_settings(
            {
                f"last_place:{activity_id}": place,
                f"last_instructor:{activity_id}": instructor,
                "last_activity": activity_id,
            }
        )
        registry.mark_open("session", session["id"], week)
    log = store.week_log(week)
    log.table("sessions").insert(session)
    return OpenSession(record=session, log=log)


def _load(store: Store, session_id: str, week: str) -> OpenSession | None:
    log = store.week_log(week)
    for record in log.records("sessions"):
        if record["id"] == session_id:
            checkins = [c for c in log.records("checkins") if c["session_id"] == session_id]
            scans = [s for s in log.records("scans") if s.get("session_id") == session_id]
            # By the moment, not the text (the autumn clock change); the same moment keeps the file's order.
            checkins.sort(key=lambda c: sort_instant(c.get("at")))
            scans.sort(key=lambda s: sort_instant(s.get("at")))
            return OpenSession(
                record=cast(SessionRecord, dict(record)),
                log=log,
                checkins=cast(list[CheckinRecord], [dict(c) for c in checkins]),
                scans=cast(list[ScanEvent], [dict(s) for s in scans]),
            )
    return None


def open_sessions(store: Store) -> list[OpenSession]:
    """Sessions this laptop has open, read back from their week files."""
    found = []
    for marker in store.registry.open_work("session"):
        session = _load(store, marker["id"], marker["week"])
        if session is not None and not session.closed:
            found.append(session)
    return found


def _set_on(log: WeekLog, table: str, record_id: str, changes: dict[str, Any]) -> None:
    tbl = log.table(table)
    doc_ids = [d.doc_id for d in tbl.all() if d["id"] == record_id]
    tbl.update(changes, doc_ids=doc_ids)


def void_checkin(session: OpenSession, checkin_id: str, now: datetime, by: str, reason: str) -> CheckinRecord:
    """Take back a check-in; it stays in the log, marked voided, never deleted."""
    checkin = next(c for c in session.checkins if c["id"] == checkin_id)
    changes: _Void = {"voided_at": iso(now), "voided_by": by, "void_reason": reason}
    _set_on(session.log, "checkins", checkin_id, dict(changes))
    checkin.update(changes)  # type: ignore[typeddict-item]  # the changes name fields of the record
    return checkin


def undo_last(session: OpenSession, now: datetime, by: str) -> CheckinRecord | None:
    """Void the most recent check-in that stands; None when there is none."""
    active = session.active()
    if not active:
        return None
    return void_checkin(session, active[-1]["id"], now, by, "undo")


def end_session(
    store: Store, session: OpenSession, now: datetime, note: str | None = None, end: datetime | None = None
) -> SessionSummary:
    """Close a session and say what happened in it."""
    changes: _Close = {"end": iso(end or now), "closed_at": iso(now), "note": note}
    _set_on(session.log, "sessions", session.id, dict(changes))
    session.record.update(changes)  # type: ignore[typeddict-item]  # the changes name fields of the record
    store.registry.mark_closed(session.id)
    return summarise(session)


def summarise(session: OpenSession) -> SessionSummary:
    active = session.active()
    end = session.record.get("end")
    return SessionSummary(
        activity=session.record["activity"],
        started=session.started,
        ended=from_iso(end) if end else session.started,
        attendances=len(active),
        manual=sum(1 for c in active if how_admitted(c, session.scans) == "manual"),
        overrides=sum(1 for c in active if c.get("override")),
        refused=sum(1 for s in session.scans if s.get("colour") == Colour.RED),
        voided=sum(1 for c in session.checkins if c.get("voided_at")),
    )


def close_left_open(store: Store, now: datetime, *, only: Collection[str] | None = None) -> LeftOpen:
    """At start: what a previous run left open goes on when still plausible, else is closed at its last scan.

    A session that goes on (`sessions.resume.goes_on`: the same day, not past
    its planned end and a margin) stays open as it was: nothing is written, and
    the check-in screen takes it up with its check-ins. Any other is closed,
    noted "closed_at_next_start", and ends at its last scan. A close the disk
    refuses (a full disk) leaves the files as they were and its open marker in
    place: the next call closes it, once and only once. A session whose week
    file lies set aside as damaged is left alone until staff restore the week
    or keep it as it is; a marker to a session that is not in its (readable)
    week is dropped. `only` limits the call to those sessions (a retry while
    the app runs).
    """
    closed: list[SessionSummary] = []
    resumed: list[str] = []
    unread: list[str] = []
    waiting: list[str] = []
    problem: OSError | None = None
    still_open = 0
    for marker in store.registry.open_work("session"):
        if only is not None and marker["id"] not in only:
            continue
        session = _load(store, marker["id"], marker["week"])
        if session is None and _set_aside(store, marker["week"]):
            unread.append(marker["id"])
            continue
        if session is not None and not session.closed and goes_on(session.record, now):
            resumed.append(session.id)
            continue
        already = session is None or session.closed
        try:
            if session is None or already:
                store.registry.mark_closed(marker["id"])
                continue
            times = [session.record["start"]] + [s["at"] for s in session.scans]
            last = from_iso(max(times, key=sort_instant))
            closed.append(end_session(store, session, now, note="closed_at_next_start", end=last))
        except OSError as error:
            problem = error
            waiting.append(marker["id"])
            if session is not None and not session.closed:
                still_open += 1
            elif session is not None and not already:  # its log holds the close; only the marker waits
                closed.append(summarise(session))
    return LeftOpen(closed, tuple(waiting), still_open, problem, tuple(resumed), tuple(unread))


def _set_aside(store: Store, week: str) -> bool:
    """Whether this laptop's file of `week` lies set aside as damaged, waiting for staff."""
    path = store.log_path(week)
    return any(aside.original == path for aside in pending_damaged(store.data_dir))

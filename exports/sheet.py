"""The attendance sheet of one session as a PDF: proof for an auditor, with a signature column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from exports.fonts import font_path
from exports.people import People
from exports.periods import parse_week
from exports.readers import load_logs
from exports.weekly import exports_folder
from sessions.clock import by_moment, from_iso, week_key
from sessions.i18n import _, format_datetime, format_time
from sessions.kinds import CheckinRecord, SessionRecord
from sessions.participants import typed_date
from sessions.storage.durable import atomic_write_bytes
from sessions.storage.journal import journal_path
from sessions.store import Store

__all__ = [
    "AmbiguousSession",
    "SessionNotFound",
    "default_sheet_path",
    "find_session",
    "sheet_title",
    "write_attendance_sheet",
]


class SessionNotFound(LookupError):
    """No session has this id (or id prefix)."""


class AmbiguousSession(LookupError):
    """Several sessions start with this id prefix."""

    def __init__(self, ref: str, matches: list[SessionRecord]) -> None:
        super().__init__(ref)
        self.matches = matches


@dataclass(frozen=True)
class AttendanceSheet:
    """What a written sheet holds."""

    session: SessionRecord
    participants: int
    path: Path


def _raw(path: Path) -> bytes:
    """A week log's bytes and its journal's, as they are on disk (either may be missing)."""
    raw = b""
    for part in (path, journal_path(path)):
        try:
            raw += part.read_bytes()
        except FileNotFoundError:
            pass
    return raw


def find_session(store: Store, ref: str, week: str | None = None) -> SessionRecord:
    """The session whose id is `ref` or starts with it, from any device's logs."""
    ref = ref.strip().lower()
    if not ref:
        raise SessionNotFound(ref)
    needle = f'"id":"{ref}'.encode()
    found: dict[str, SessionRecord] = {}
    paths = [path for file_week, _device, path in store.log_files() if not week or file_week == week]
    for path in paths:
        # Every write the app makes is on disk, so a byte search of the file and
        # its journal is enough to skip it, and far cheaper than parsing every file.
        if needle in _raw(path):
            found.update(_sessions_in(store, path, ref))
    if not found:
        # A file written with other spacing (`"id": "…"`) escapes the byte search, and a damaged one
        # may be where it was: every file is read whole, its sessions looked through, damage named.
        for path in paths:
            found.update(_sessions_in(store, path, ref))
    if not found:
        raise SessionNotFound(ref)
    if len(found) > 1:
        raise AmbiguousSession(ref, sorted(found.values(), key=by_moment("start")))
    return next(iter(found.values()))


def _sessions_in(store: Store, path: Path, ref: str) -> dict[str, SessionRecord]:
    """The sessions of one log file whose id starts with `ref`, by id."""
    sessions = cast("list[SessionRecord]", list(store.read_log(path).get("sessions", {}).values()))
    return {session["id"]: session for session in sessions if str(session.get("id", "")).startswith(ref)}


def _checked_in(store: Store, session: SessionRecord) -> list[CheckinRecord]:
    started = from_iso(session["start"])
    logs = load_logs(store, parse_week(week_key(started)))
    return sorted((c for c in logs.checkins if c["session_id"] == session["id"]), key=by_moment("at"))


def _moment(stamp: str | None) -> datetime | None:
    return from_iso(stamp) if stamp else None


def _heading(pdf: Any, store: Store, session: SessionRecord) -> None:
    start, end = _moment(session.get("start")), _moment(session.get("end"))
    pdf.set_font("Sans", "B", 16)
    pdf.cell(0, 9, _("Attendance sheet"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 11)
    when = f"{typed_date(start)} {format_time(start)}" if start else ""
    if end:
        when += "–" + end.strftime("%H:%M")
    lines = [
        (_("Centre"), str(store.registry.setting("centre_name", "") or "")),
        (_("Activity"), str(session.get("activity") or "")),
        (_("Place"), str(session.get("place") or "")),
        (_("Instructor"), str(session.get("instructor") or "")),
        (_("Date and time"), when),
    ]
    for label, value in lines:
        pdf.set_font("Sans", "B", 11)
        pdf.cell(40, 7, label + ":")
        pdf.set_font("Sans", "", 11)
        pdf.cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _table(pdf: Any, people: People, checkins: list[CheckinRecord]) -> None:
    pdf.set_font("Sans", "", 10)
    headings = (_("No."), _("Name"), _("Participant code"), _("Checked in at"), _("Signature"))
    with pdf.table(col_widths=(10, 62, 34, 26, 48), line_height=8, text_align="LEFT") as table:
        table.row(headings)
        for number, checkin in enumerate(checkins, start=1):
            at = _moment(checkin.get("at"))
            pid = checkin["participant_id"]
            when = at.strftime("%H:%M") if at else ""
            table.row((str(number), people.name(pid) or pid[:8], people.code(pid), when, ""))


def default_sheet_path(store: Store, session: SessionRecord) -> Path:
    """Where a session's sheet goes unless told: exports/sheets/<day>-<activity>-<id>.pdf."""
    activity = re.sub(r"[^\w-]+", "-", str(session.get("activity") or "session")).strip("-")
    return exports_folder(store, "sheets") / f"{str(session.get('start'))[:10]}-{activity}-{session['id'][:8]}.pdf"


def sheet_title(session: SessionRecord) -> str:
    """A session's sheet named by what and when (a print job's title, as the printer's queue shows it)."""
    start = _moment(session.get("start"))
    return _("Attendance sheet: {activity}, {when}").format(
        activity=session.get("activity") or "", when=format_datetime(start) if start else ""
    )


def write_attendance_sheet(store: Store, session: SessionRecord, out: Path, printed: datetime) -> AttendanceSheet:
    """Write the session's attendance sheet to `out` (owner-only) and say how many it lists."""
    from fpdf import FPDF  # imported here: only the sheet pays for it

    checkins = _checked_in(store, session)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("Sans", "", str(font_path("Regular")))
    pdf.add_font("Sans", "B", str(font_path("Bold")))
    pdf.set_title(_("Attendance sheet"))
    pdf.add_page()
    _heading(pdf, store, session)
    _table(pdf, People(store.registry), checkins)
    pdf.ln(4)
    pdf.set_font("Sans", "", 11)
    pdf.cell(0, 7, _("Participants: {n}").format(n=len(checkins)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(0, 7, _("Instructor's signature: ______________________"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 8)
    pdf.cell(
        0,
        6,
        _("Session {id} · printed {time}").format(
            id=session["id"], time=f"{typed_date(printed)} {format_time(printed)}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(out, bytes(pdf.output()))
    return AttendanceSheet(session, len(checkins), out)

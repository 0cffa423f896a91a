"""A person's copy of their data (right of access): a PDF in their language, the JSON beside it.

The PDF says in words what the JSON holds: their record, their cards, their
visits and minibus trips, every scan of their card, and who changed their
record and when. It is written in the person's preferred language, whatever
language the screens speak, and dates as that language writes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from exports.fonts import font_path
from sessions.audit import AUDIT_WORDS
from sessions.clock import from_iso
from sessions.codes import format_code
from sessions.i18n import LANGUAGE_NAMES, N_, Words, current_language, in_language
from sessions.participants import LANGUAGES, PARTICIPANT_FIELDS
from sessions.privacy import access_path, access_payload, write_access_json
from sessions.storage.disk import write_problem
from sessions.storage.durable import atomic_write_bytes
from sessions.store import Store

__all__ = [
    "AccessExport",
    "PdfFailed",
    "access_pdf",
    "centre_name",
    "write_access_export",
    "write_access_json_file",
    "write_access_pdf",
    "write_access_pdf_in_child",
]

#: A scan's answer (its stored outcome) in a word or two.
OUTCOME_WORDS = {
    "checked_in": N_("checked in"),
    "already_in": N_("already checked in"),
    "boarded": N_("boarded"),
    "already_aboard": N_("already aboard"),
    "unknown_card": N_("unknown card"),
    "revoked_card": N_("card replaced"),
    "archived": N_("archived"),
    "not_a_card": N_("not a card"),
    "full": N_("session full"),
    "no_wheelchair_place": N_("no wheelchair place"),
    "closed": N_("already closed"),
    "not_saved": N_("not saved"),
}
METHOD_WORDS = {"scan": N_("card"), "camera": N_("card, by camera"), "manual": N_("by name")}
GENDER_WORDS = {"F": N_("female"), "M": N_("male")}
#: The fields of their record, in the order shown (labels: the audit trail's words): every field the
#: registry keeps of a person, then when they were archived.
RECORD_FIELDS = (*PARTICIPANT_FIELDS, "archived_at")
WIDTH_MM = 180


@dataclass(frozen=True)
class AccessExport:
    """The two files of one access export, and the language the PDF is in."""

    pdf: Path
    json: Path
    language: str


def write_access_export(store: Store, participant_id: str, now: datetime, folder: Path | None = None) -> AccessExport:
    """Write the JSON (exports/access/ unless told) and the PDF beside it, same name; both owner-only."""
    json_path, language = write_access_json_file(store, participant_id, now, folder)
    return AccessExport(write_access_pdf(json_path, language, centre_name(store)), json_path, language)


def centre_name(store: Store) -> str:
    """The centre's name as staff set it (the PDF's title names it)."""
    return str(store.registry.setting("centre_name", "") or "")


def write_access_json_file(
    store: Store, participant_id: str, now: datetime, folder: Path | None = None
) -> tuple[Path, str]:
    """The machine-readable half, and the language the readable half is to be in: the person's, else the screens'."""
    payload = access_payload(store, participant_id, now)
    json_path = access_path(store, participant_id, now, folder)
    write_access_json(json_path, payload)
    language = str(payload["participant"].get("language") or "")
    return json_path, language if language in LANGUAGES else current_language()


def write_access_pdf(json_path: Path, language: str, centre: str) -> Path:
    """The PDF of a written access export's JSON, beside it (same name, .pdf), in `language`."""
    payload = json.loads(json_path.read_text("utf-8"))
    pdf_path = json_path.with_suffix(".pdf")
    atomic_write_bytes(pdf_path, access_pdf(payload, in_language(language), centre, json_path.name))
    return pdf_path


class PdfFailed(Exception):
    """The child process could not write the PDF; the message says why."""


def write_access_pdf_in_child(json_path: Path, language: str, centre: str) -> Path:
    """write_access_pdf in a process of its own: thousands of visits take seconds, and no scan waits for them."""
    command = [sys.executable, "-m", "exports.access", str(json_path), language, centre]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    pdf_path = json_path.with_suffix(".pdf")
    if done.returncode != 0 or not pdf_path.exists():
        problem = done.stderr.strip().splitlines()
        raise PdfFailed(problem[-1] if problem else "the PDF was not written")
    return pdf_path


def main(argv: list[str]) -> int:
    """`python -m exports.access JSON LANGUAGE CENTRE`: write the PDF beside the JSON."""
    json_path, language, centre = Path(argv[0]), argv[1], argv[2]
    os.umask(0o077)
    try:
        write_access_pdf(json_path, language, centre)
    except (OSError, ValueError) as error:
        print(write_problem(error) if isinstance(error, OSError) else error, file=sys.stderr)
        return 1
    return 0


class _Pages(FPDF):
    """A4 with the page number and the record's id at the foot of every page."""

    def __init__(self, foot: str) -> None:
        super().__init__(format="A4")
        self.foot = foot

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Sans", "", 8)
        self.cell(0, 6, f"{self.foot} · {self.page_no()}/{{nb}}", align="C")


def access_pdf(payload: dict[str, Any], words: Words, centre: str, json_name: str) -> bytes:
    """The PDF of an access export's payload, in `words`' language."""
    w = words
    person = payload["participant"]
    pdf = _Pages(w._("Record {id}").format(id=payload["participant_id"]))
    pdf.add_font("Sans", "", str(font_path("Regular")))
    pdf.add_font("Sans", "B", str(font_path("Bold")))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(w._("Your data"))
    pdf.set_lang(w.language)
    pdf.add_page()
    name = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
    _heading(pdf, w._("Your data held by {centre}").format(centre=centre) if centre else w._("Your data"), 16)
    pdf.set_font("Sans", "", 11)
    made = w.datetime(from_iso(payload["exported"]))
    _paragraph(pdf, w._("{name} · prepared on {date}").format(name=name, date=made))
    _paragraph(
        pdf,
        w._(
            "This is everything the centre's check-in app holds about you: your record, your cards, your visits,"
            " your minibus trips, every scan of your card, and who changed your record and when."
            " The same data, for computers, is in the file {file} (its keys are described in the app's documentation,"
            " docs/exports.md)."
        ).format(file=json_name),
    )
    _record(pdf, w, person)
    _cards(pdf, w, payload.get("cards", []))
    sessions = {s["id"]: s for s in payload.get("sessions", [])}
    trips = {t["id"]: t for t in payload.get("trips", [])}
    _visits(pdf, w, payload.get("checkins", []), sessions)
    _trips(pdf, w, payload.get("boardings", []), trips)
    _scans(pdf, w, payload.get("scans", []), sessions, trips)
    _changes(pdf, w, payload.get("audit", []))
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: int = 13) -> None:
    pdf.set_font("Sans", "B", size)
    pdf.multi_cell(WIDTH_MM, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font("Sans", "", 11)
    pdf.multi_cell(WIDTH_MM, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _section(pdf: FPDF, title: str, count: int | None = None) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()  # a heading never ends a page without its first lines
    else:
        pdf.ln(3)
    _heading(pdf, f"{title} ({count})" if count is not None else title)


def _table(pdf: FPDF, widths: Sequence[int], headings: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    pdf.set_font("Sans", "", 9)
    with pdf.table(col_widths=tuple(widths), line_height=5, text_align="LEFT", width=WIDTH_MM) as table:
        table.row(headings)
        for row in rows:
            table.row(row)


def _none(pdf: FPDF, w: Words) -> None:
    _paragraph(pdf, w._("None."))


def _label(w: Words, key: str) -> str:
    text = w._(AUDIT_WORDS[key]) if key in AUDIT_WORDS else key
    return text[:1].upper() + text[1:]


def _date(w: Words, stamp: Any) -> str:
    if not stamp:
        return ""
    try:
        return w.date(from_iso(str(stamp)))
    except ValueError:
        return str(stamp)


def _day_and_time(w: Words, stamp: Any) -> tuple[str, str]:
    if not stamp:
        return "", ""
    moment = from_iso(str(stamp))
    return w.date(moment), f"{moment:%H:%M}"


def _value(w: Words, key: str, value: Any) -> str:
    """A field's value as the person reads it: their words, dates as their language writes them."""
    if value is None or value == "" or value == []:
        return "—"
    if key == "gender":
        return w._(GENDER_WORDS[value]) if value in GENDER_WORDS else str(value)
    if key == "language":
        return LANGUAGE_NAMES.get(str(value), str(value))
    if key in ("consent_date", "archived_at", "erased_at", "created", "updated"):
        return _date(w, value)
    if key == "code":
        return format_code(str(value))
    if isinstance(value, list):
        return ", ".join(_value(w, key, v) for v in value)
    if isinstance(value, bool):
        return w._("yes") if value else w._("no")
    text = str(value)
    return w._(AUDIT_WORDS[text]) if key == "groups" and text in AUDIT_WORDS else text


def _record(pdf: FPDF, w: Words, person: dict[str, Any]) -> None:
    _section(pdf, w._("Your record"))
    rows = [(_label(w, key), _value(w, key, person.get(key))) for key in RECORD_FIELDS]
    rows.insert(0, (w._("Registered"), _date(w, person.get("created"))))
    _table(pdf, (55, 125), (w._("What"), w._("Recorded as")), rows)


def _cards(pdf: FPDF, w: Words, cards: list[dict[str, Any]]) -> None:
    _section(pdf, w._("Your cards"), len(cards))
    rows = [
        (
            format_code(str(card.get("code", ""))),
            _date(w, card.get("issued")),
            _date(w, card.get("revoked_at")) or w._("in use"),
        )
        for card in cards
    ]
    if rows:
        _table(pdf, (60, 60, 60), (w._("Card code"), w._("Given"), w._("Replaced")), rows)
    else:
        _none(pdf, w)


def _taken_back(w: Words, record: dict[str, Any]) -> str:
    notes = []
    if record.get("override"):
        notes.append(w._("let in over capacity"))
    if record.get("voided_at"):
        reason = str(record.get("void_reason") or "")
        reason = w._(AUDIT_WORDS[reason]) if reason in AUDIT_WORDS else reason  # the app's word, else as typed
        said = w._("taken back on {date}").format(date=_date(w, record["voided_at"]))
        notes.append(f"{said}: {reason}" if reason else said)
    return "; ".join(notes)


def _visits(pdf: FPDF, w: Words, checkins: list[dict[str, Any]], sessions: dict[str, dict[str, Any]]) -> None:
    _section(pdf, w._("Your visits"), len(checkins))
    rows = []
    for checkin in checkins:
        session = sessions.get(str(checkin.get("session_id")), {})
        day, at = _day_and_time(w, checkin.get("at"))
        how = METHOD_WORDS.get(str(checkin.get("method")))
        rows.append(
            (
                day,
                at,
                str(session.get("activity") or ""),
                str(session.get("place") or ""),
                w._(how) if how else "",
                _taken_back(w, checkin),
            )
        )
    if rows:
        headings = (w._("Date"), w._("Time"), w._("Activity"), w._("Place"), w._("How"), w._("Note"))
        _table(pdf, (24, 14, 42, 42, 20, 38), headings, rows)
    else:
        _none(pdf, w)


def _trips(pdf: FPDF, w: Words, boardings: list[dict[str, Any]], trips: dict[str, dict[str, Any]]) -> None:
    _section(pdf, w._("Your minibus trips"), len(boardings))
    rows = []
    for boarding in boardings:
        trip = trips.get(str(boarding.get("trip_id")), {})
        day, at = _day_and_time(w, boarding.get("at"))
        rows.append(
            (
                day,
                at,
                str(trip.get("destination") or ""),
                str(trip.get("purpose") or ""),
                _value(w, "wheelchair", bool(boarding.get("wheelchair"))),
                _value(w, "lift", bool(boarding.get("lift"))),
                str(boarding.get("escorts") or 0),
                _taken_back(w, boarding),
            )
        )
    if rows:
        headings = (
            w._("Date"),
            w._("Time"),
            w._("Destination"),
            w._("Purpose"),
            w._("Wheelchair"),
            w._("Lift"),
            w._("Escorts"),
            w._("Note"),
        )
        _table(pdf, (22, 12, 30, 26, 20, 20, 26, 24), headings, rows)
    else:
        _none(pdf, w)


def _scans(
    pdf: FPDF,
    w: Words,
    scans: list[dict[str, Any]],
    sessions: dict[str, dict[str, Any]],
    trips: dict[str, dict[str, Any]],
) -> None:
    _section(pdf, w._("Every scan of your card"), len(scans))
    rows = []
    for scan in scans:
        day, at = _day_and_time(w, scan.get("at"))
        if scan.get("trip_id"):
            where = str(trips.get(str(scan["trip_id"]), {}).get("destination") or w._("a minibus trip"))
        else:
            where = str(sessions.get(str(scan.get("session_id")), {}).get("activity") or "")
        outcome = OUTCOME_WORDS.get(str(scan.get("outcome")))
        how = METHOD_WORDS.get(str(scan.get("method")))
        rows.append(
            (day, at, where, w._(outcome) if outcome else str(scan.get("outcome", "")), w._(how) if how else "")
        )
    if rows:
        headings = (w._("Date"), w._("Time"), w._("Where"), w._("Answer"), w._("How"))
        _table(pdf, (26, 16, 60, 50, 28), headings, rows)
    else:
        _none(pdf, w)


def _change_text(w: Words, before: Any, after: Any) -> str:
    """Each field changed: "field: before → after" (or only the value, when it was added or removed)."""
    if not isinstance(after, dict) and not isinstance(before, dict):
        return ""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    parts = []
    for key in [*new, *(k for k in old if k not in new)]:
        label = _label(w, key)
        if key in old and key in new:
            parts.append(f"{label}: {_value(w, key, old[key])} → {_value(w, key, new[key])}")
        else:
            parts.append(f"{label}: {_value(w, key, new.get(key, old.get(key)))}")
    return "; ".join(parts)


def _changes(pdf: FPDF, w: Words, audit: list[dict[str, Any]]) -> None:
    _section(pdf, w._("Who changed your record, and when"), len(audit))
    rows = []
    for entry in audit:
        kind, _sep, reason = str(entry.get("action", "")).partition(":")
        what = _label(w, kind)
        if reason:
            what += f" ({_label(w, reason)})"
        who = _label(w, str(entry.get("who", "")))
        rows.append(
            (
                w.datetime(from_iso(entry["created"])),
                who,
                what,
                _change_text(w, entry.get("before"), entry.get("after")),
            )
        )
    if rows:
        _table(pdf, (32, 26, 30, 92), (w._("When"), w._("Who"), w._("What"), w._("Changes")), rows)
    else:
        _none(pdf, w)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

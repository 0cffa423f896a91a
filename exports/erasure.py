"""Erasure everywhere: the registry, then every exported file in the data folder that names the person."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from exports.cards import CardFace, card_sheet_pdf, cards_dir
from sessions.backup_search import backups_holding
from sessions.codes import format_code
from sessions.i18n import _, ngettext
from sessions.privacy import access_dir, anonymise_inactive, erase_arrived, erase_participant
from sessions.registry import Participant
from sessions.storage.durable import atomic_write_bytes
from sessions.store import Store

__all__ = [
    "Erasure",
    "Traces",
    "erase_arrived_everywhere",
    "erase_everywhere",
    "erasure_report",
    "retain_everywhere",
    "scrub_exports",
]

_CODE = re.compile(r"\b(\d{3}) (\d{3}) (\d{4})\b")
_RECORD_ID = re.compile(r"\b[0-9a-f]{32}\b")
#: Spreadsheets and JSON are read whole; a file larger than this is named as not checked.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Traces:
    """What names a person in a file: their full name, every card code they had, their id."""

    participant_id: str
    name: str
    codes: frozenset[str]
    #: A registry keeps the last name on its own: how a damaged copy of one is searched.
    last_name: str = ""

    @property
    def printed_codes(self) -> tuple[str, ...]:
        return tuple(format_code(code) for code in self.codes)

    def in_text(self, text: str) -> bool:
        flat = " ".join(text.split())
        return (bool(self.name) and self.name in flat) or any(code in flat for code in self.printed_codes)

    def in_bytes(self, raw: bytes) -> bool:
        forms = (self.name, json.dumps(self.name)[1:-1]) if self.name else ()
        return self.participant_id.encode() in raw or any(f.encode() in raw for f in forms)

    def their_row(self, row: str) -> bool:
        """A row naming them: with one of their codes, or their name and no card code at all (not a namesake's)."""
        return any(code in row for code in self.printed_codes) or (
            bool(self.name) and self.name in row and not _CODE.search(row)
        )


@dataclass
class Erasure:
    """What an erasure did outside the registry, for staff to read."""

    anonymous: str
    removed: list[Path] = field(default_factory=list)
    rewritten: list[Path] = field(default_factory=list)
    #: Files that could not be read, so could not be checked (named, never passed over silently).
    unchecked: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    #: Data files set aside as damaged: kept as they are for staff, so only named.
    damaged: list[Path] = field(default_factory=list)
    unreadable_backups: list[Path] = field(default_factory=list)


def erasure_report(erasure: Erasure, data_dir: Path) -> list[str]:
    """What staff are told after an erasure: each file removed or rewritten, and every backup that still holds them."""

    def shown(paths: list[Path]) -> str:
        return ", ".join(str(p.relative_to(data_dir)) if p.is_relative_to(data_dir) else str(p) for p in paths)

    lines = []
    if erasure.removed:
        lines.append(_("Exported files removed: {files}.").format(files=shown(erasure.removed)))
    if erasure.rewritten:
        lines.append(_("Exported files rewritten without them: {files}.").format(files=shown(erasure.rewritten)))
    if erasure.unchecked:
        lines.append(_("Could not be read, so not checked: {files}.").format(files=shown(erasure.unchecked)))
    if erasure.backups:
        lines.append(
            ngettext(
                "Still named in {n} older backup (a restore from it erases them again): {files}.",
                "Still named in {n} older backups (a restore from one erases them again): {files}.",
                len(erasure.backups),
            ).format(n=len(erasure.backups), files=shown(erasure.backups))
        )
    if erasure.damaged:
        lines.append(
            _("Still named in a damaged file set aside: {files}. Delete it once the data is restored.").format(
                files=shown(erasure.damaged)
            )
        )
    if erasure.unreadable_backups:
        lines.append(
            _("Backups that could not be read, so not checked: {files}.").format(
                files=shown(erasure.unreadable_backups)
            )
        )
    return lines


def _traces(store: Store, participant_id: str) -> Traces:
    person = store.registry.participant(participant_id)
    if person is None:
        return Traces(participant_id, "", frozenset())
    return _traces_of(person, {card.code for card in store.registry.cards_of(participant_id)})


def erase_everywhere(store: Store, participant_id: str, now: datetime) -> Erasure:
    """Erase a person, take them out of every exported file, and list the backups that still hold them."""
    traces = _traces(store, participant_id)
    erase_participant(store, participant_id, now)
    return _after_erasure(store, traces, now)


def erase_arrived_everywhere(store: Store, now: datetime) -> list[Erasure]:
    """Carry out here the erasures another laptop made (found by `Store.refresh`), this laptop's exports included."""
    arrived = list(store.registry.erased_elsewhere)
    erase_arrived(store, now)
    return [_after_erasure(store, _traces_of(person, codes), now) for person, codes in arrived]


def retain_everywhere(store: Store, now: datetime, years: int | None = None) -> list[Erasure]:
    """The retention period applied (see anonymise_inactive), and each person erased taken out of the exports."""
    people = {person.id: person for person in store.registry.participants()}
    codes = {pid: {card.code for card in store.registry.cards_of(pid)} for pid in people}
    erased = anonymise_inactive(store, now, years)
    return [_after_erasure(store, _traces_of(people[pid], codes.get(pid, set())), now) for pid in erased]


def _traces_of(person: Participant, codes: set[str]) -> Traces:
    return Traces(person.id, person.full_name, frozenset(codes), person.last_name)


def _after_erasure(store: Store, traces: Traces, now: datetime) -> Erasure:
    person = store.registry.participant(traces.participant_id)
    erasure = Erasure(person.full_name if person else "")
    scrub_exports(store, traces, erasure, now)
    mirror = store.registry.setting("backup_mirror")
    folders = [store.data_dir / "backups", *([Path(mirror)] if mirror else [])]
    found = backups_holding(folders, traces.participant_id)
    erasure.backups, erasure.unreadable_backups = found.holding, found.unreadable
    erasure.damaged = _damaged_naming(store.data_dir, traces)
    return erasure


def _damaged_naming(data_dir: Path, traces: Traces) -> list[Path]:
    """Files set aside as damaged (`<name>.damaged-<time>`) that still hold the person's name."""
    if not traces.last_name:
        return []
    last = traces.last_name
    named = (json.dumps(last, ensure_ascii=False).encode(), json.dumps(last).encode())
    found = []
    for folder in (data_dir, data_dir / "logs"):
        for path in sorted(folder.glob("*.damaged-*")) if folder.is_dir() else ():
            try:
                raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
            except OSError:
                continue
            if raw is None or any(form in raw for form in named):
                found.append(path)  # too large to read is named too: it may hold them
    return found


def scrub_exports(store: Store, traces: Traces, erasure: Erasure, now: datetime) -> None:
    """Remove or rewrite, under the data folder's exports/, every file that names the person."""
    exports = store.data_dir / "exports"
    if not exports.is_dir() or not (traces.name or traces.codes):
        return
    for path in sorted(p for p in exports.rglob("*") if p.is_file()):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                erasure.unchecked.append(path)
                continue
            _scrub_file(store, path, traces, erasure, now)
        except FileNotFoundError:
            continue  # gone meanwhile (a temp file renamed into place)
        # Anything in exports/ may be hostile or broken; the registry is already erased, so one file
        # that no reader understands is named to staff and never stops the rest.
        except Exception:
            erasure.unchecked.append(path)


def _scrub_file(store: Store, path: Path, traces: Traces, erasure: Erasure, now: datetime) -> None:
    suffix = path.suffix.lower()
    if any(code in path.name for code in traces.codes):
        _remove(path, erasure)  # one person's own card: <Name>-<code>.png / .pdf
    elif path.is_relative_to(access_dir(store.data_dir)):
        _scrub_access(path, traces, erasure)
    elif suffix == ".pdf":
        _scrub_pdf(store, path, traces, erasure, now)
    elif suffix == ".xlsx":
        _scrub_xlsx(path, traces, erasure)
    elif suffix == ".csv":
        _scrub_csv(path, traces, erasure)
    elif traces.in_bytes(path.read_bytes()):
        _remove(path, erasure)  # what they asked for (access exports) and anything else that names them


def _scrub_access(path: Path, traces: Traces, erasure: Erasure) -> None:
    """An access export (the PDF to read, the JSON beside it) is removed whole when it is theirs."""
    if path.suffix.lower() == ".pdf":
        text = _pdf_text(path)
        theirs = traces.in_text(text) or traces.participant_id in "".join(text.split())
    else:
        theirs = traces.in_bytes(path.read_bytes())
    if theirs:
        _remove(path, erasure)


def _scrub_csv(path: Path, traces: Traces, erasure: Erasure) -> None:
    raw = path.read_bytes()
    if not traces.name or traces.name.encode() not in raw:
        return
    text = raw.decode("utf-8")
    lines = text.splitlines(keepends=True)
    kept = [line.replace(traces.name, erasure.anonymous) if traces.their_row(line) else line for line in lines]
    if kept != lines:
        atomic_write_bytes(path, "".join(kept).encode("utf-8"))
        erasure.rewritten.append(path)


def _remove(path: Path, erasure: Erasure) -> None:
    path.unlink()
    erasure.removed.append(path)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # imported here: only an erasure pays for it

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _scrub_pdf(store: Store, path: Path, traces: Traces, erasure: Erasure, now: datetime) -> None:
    text = _pdf_text(path)
    if not traces.in_text(text):
        return
    if path.is_relative_to(cards_dir(store.data_dir)):
        _rewrite_card_sheet(store, path, text, traces, erasure)
    elif not _rewrite_attendance_sheet(store, path, text, now):
        _remove(path, erasure)
    else:
        erasure.rewritten.append(path)


def _rewrite_card_sheet(store: Store, path: Path, text: str, traces: Traces, erasure: Erasure) -> None:
    """The same sheet without the person's card; removed when nobody else is on it or a card is unknown."""
    registry = store.registry
    centre = str(registry.setting("centre_name", "") or "")
    faces = []
    for code in ("".join(groups) for groups in _CODE.findall(text)):
        if code in traces.codes:
            continue
        card = registry.card(code)
        holder = registry.participant(card.participant_id) if card else None
        if holder is None:
            _remove(path, erasure)  # a card this registry does not know: the sheet cannot be made again
            return
        faces.append(CardFace(centre, holder.full_name, code))
    if not faces:
        _remove(path, erasure)
        return
    atomic_write_bytes(path, card_sheet_pdf(faces))
    erasure.rewritten.append(path)


def _rewrite_attendance_sheet(store: Store, path: Path, text: str, now: datetime) -> bool:
    """Print a session's attendance sheet again (the person now anonymous); False when it is not one."""
    from exports.sheet import SessionNotFound, find_session, write_attendance_sheet

    for record_id in _RECORD_ID.findall(text):
        try:
            session = find_session(store, record_id)
        except (SessionNotFound, LookupError):
            continue
        write_attendance_sheet(store, session, path, now)
        return True
    return False


def _scrub_xlsx(path: Path, traces: Traces, erasure: Erasure) -> None:
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path) as book:
        if sum(info.file_size for info in book.infolist()) > MAX_FILE_BYTES:
            raise ValueError(f"{path.name} is too large to read")
        parts = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml"))
    if not traces.name or escape(traces.name).encode() not in parts:
        return
    from openpyxl import load_workbook  # imported here: only a spreadsheet that names them pays for it

    workbook = load_workbook(path)
    changed = False
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            if not traces.their_row(" | ".join(str(cell.value) for cell in row if cell.value is not None)):
                continue
            for cell in row:
                if isinstance(cell.value, str) and traces.name in cell.value:
                    cell.value = cell.value.replace(traces.name, erasure.anonymous)
                    changed = True
    if not changed:
        return
    out = io.BytesIO()
    workbook.save(out)
    atomic_write_bytes(path, out.getvalue())
    erasure.rewritten.append(path)

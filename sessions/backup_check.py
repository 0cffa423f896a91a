"""What a backup zip must be before a restore reads it: its entries' names, sizes and shapes."""

from __future__ import annotations

import json
import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import Any

from sessions.centre import CENTRE_FILE, is_centre_file
from sessions.i18n import _, ngettext
from sessions.pin import PIN_SETTING, well_formed
from sessions.storage.backup import BackupFailed
from sessions.store import LOG_TABLES

__all__ = ["MAX_MEMBER_MB", "MAX_TOTAL_MB", "BackupRefused", "check_entries", "read_checked"]

MAX_MEMBER_MB, MAX_TOTAL_MB = 64, 512
MAX_ENTRIES = 20_000
#: Real data files pack about 10:1; far more on a big file is a zip bomb.
MAX_RATIO, RATIO_FROM = 100, 1024 * 1024
_MB = 1024 * 1024
_LOG = re.compile(r"^logs/\d{4}-W\d{2}\.[A-Za-z0-9_-]+\.json$")
_DEVICE = re.compile(r"^[A-Za-z0-9_-]+$")
#: Names a backup may hold besides the week files.
_TOP = ("registry.json", "device.json", CENTRE_FILE, "pin-tries.json")
#: Fields each registry record must carry, as text, for the app to index it.
_REQUIRED = {"participants": ("id",), "cards": ("code", "participant_id", "issued")}
#: Fields that, when present, must have the type the app reads them as.
_TYPED: dict[str, dict[str, Any]] = {
    "participants": {
        "first_name": str,
        "last_name": str,
        "groups": list,
        "code": str | None,
        "archived_at": str | None,
    },
    "cards": {"revoked_at": str | None},
}


class BackupRefused(BackupFailed):
    """A backup a restore will not read: the sentence names the entry and what is wrong with it."""


def _outside(name: str, data_dir: Path) -> bool:
    parts = re.split(r"[/\\]", name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        return True
    return not (data_dir / name).resolve().is_relative_to(data_dir.resolve())


def _entry_problem(info: zipfile.ZipInfo, data_dir: Path) -> str | None:
    name = info.filename
    if _outside(name, data_dir):
        return _("entry {entry} would be written outside the data folder").format(entry=name)
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("entry {entry} is a symbolic link").format(entry=name)
    if name not in _TOP and not _LOG.match(name):
        return _("entry {entry} is not a file a backup holds").format(entry=name)
    if info.flag_bits & 0x1:
        return _("entry {entry} is encrypted").format(entry=name)
    if info.file_size > MAX_MEMBER_MB * _MB:
        return _("entry {entry} unpacks to {size} MB; a file in a backup may be at most {limit} MB").format(
            entry=name, size=info.file_size // _MB, limit=MAX_MEMBER_MB
        )
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return _("entry {entry} unpacks to more than {ratio} times its packed size, as no backup does").format(
            entry=name, ratio=MAX_RATIO
        )
    return None


def check_entries(archive: zipfile.ZipFile, data_dir: Path) -> list[zipfile.ZipInfo]:
    """Every entry of a backup, checked from the zip's directory and then read; BackupRefused on the first fault.

    Nothing is unpacked before the names, sizes and ratios of all entries
    pass; then each file is read (bounded) and its shape checked.
    """
    infos = [i for i in archive.infolist() if i.filename != "logs/"]  # a zip tool may add the folder
    if len(infos) > MAX_ENTRIES:
        message = ngettext(
            "it holds {n} entry; a backup holds at most {limit}",
            "it holds {n} entries; a backup holds at most {limit}",
            len(infos),
        )
        raise BackupRefused(message.format(n=len(infos), limit=MAX_ENTRIES))
    seen: set[str] = set()
    for info in infos:
        problem = _entry_problem(info, data_dir)
        if problem is None and info.filename in seen:
            problem = _("entry {entry} is in the zip twice").format(entry=info.filename)
        if problem is not None:
            raise BackupRefused(problem)
        seen.add(info.filename)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_MB * _MB:
        raise BackupRefused(
            _("its files unpack to {size} MB; a backup may hold at most {limit} MB").format(
                size=total // _MB, limit=MAX_TOTAL_MB
            )
        )
    for info in infos:
        read_checked(archive, info)
    return infos


def read_checked(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
    """One entry's JSON, read no further than the size limit, refused unless it has the shape that file has."""
    name = info.filename
    try:
        with archive.open(info) as member:
            raw = member.read(MAX_MEMBER_MB * _MB + 1)  # the zip stops at the size its directory gives
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise BackupRefused(_("entry {entry} cannot be read ({reason})").format(entry=name, reason=error)) from None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupRefused(_("entry {entry} is not a JSON file").format(entry=name)) from None
    problem = _shape_problem(name, data)
    if problem is not None:
        message = _("entry {entry} is not what centrelog writes there: {problem}")
        raise BackupRefused(message.format(entry=name, problem=problem))
    return data


def _shape_problem(name: str, data: Any) -> str | None:
    if name == "device.json":
        ok = isinstance(data, dict) and isinstance(data.get("device"), str) and _DEVICE.match(data["device"])
        return None if ok else _("it does not name a device")
    if name == CENTRE_FILE:
        return None if is_centre_file(data) else _("it does not name a centre")
    if name == "pin-tries.json":
        return _tries_problem(data)
    problem = _tables_problem(data)
    if problem is None and name.startswith("logs/"):
        strange = sorted(set(data) - set(LOG_TABLES))
        problem = _("a week file holds no table {table}").format(table=strange[0]) if strange else None
    return problem


def _tries_problem(data: Any) -> str | None:
    ok = isinstance(data, dict) and set(data) <= {"failures", "locked_until"}
    ok = ok and type(data.get("failures", 0)) is int and data.get("failures", 0) >= 0
    ok = ok and isinstance(data.get("locked_until"), str | None)
    return None if ok else _("it is not a count of wrong PIN tries")


def _tables_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return _("it does not hold tables")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return _("table {table} does not hold records").format(table=table)
        for key, doc in docs.items():
            problem = _record_problem(table, key, doc)
            if problem is not None:
                return problem
    return None


def _record_problem(table: str, key: str, doc: Any) -> str | None:
    if not (key.isascii() and key.isdigit()) or not isinstance(doc, dict):
        return _("record {key} of table {table} is not a record").format(key=key, table=table)
    fields = _REQUIRED.get(table, ("key",) if table == "settings" else ())
    missing = [f for f in fields if not isinstance(doc.get(f), str)]
    if table == "settings" and "value" not in doc:
        missing.append("value")
    if "id" in doc and not isinstance(doc["id"], str):
        missing.append("id")
    if missing:
        return _("record {key} of table {table} has no {field}").format(key=key, table=table, field=missing[0])
    if table == "settings" and doc["key"] == PIN_SETTING and not well_formed(doc["value"]):
        return _("record {key} of table settings is not a staff PIN as centrelog keeps it").format(key=key)
    wrong = [f for f, kind in _TYPED.get(table, {}).items() if f in doc and not isinstance(doc[f], kind)]
    if wrong:
        return _("field {field} of record {key} of table {table} has the wrong type").format(
            field=wrong[0], key=key, table=table
        )
    return None

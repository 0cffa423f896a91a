"""What staff see of every laptop of the centre: its name, when its work last arrived here, and what is wrong.

Every laptop that left a trace in the folder is listed: its devices file,
its registry file, its week logs. Only the newest week file of each is
read, and the registry as this laptop holds it in memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sessions.clock import sort_instant
from sessions.devices import (
    copied_sentence,
    devices_files,
    foreign_sentence,
    own_laptop_name,
    read_memory,
    this_device,
    written_by_another,
)
from sessions.i18n import _, format_datetime, ngettext
from sessions.storage.durable import DamagedFile, load_json
from sessions.storage.local import LOCAL_FOLDER
from sessions.storage.shared import registry_files
from sessions.storage.stamps import STAMPS
from sessions.store import Store

__all__ = [
    "CLOCK_AHEAD",
    "NOT_SEEN",
    "Laptop",
    "Overview",
    "cells",
    "conflict_copies",
    "headers",
    "overview",
    "this_laptop_line",
]

#: A laptop not seen for this long is said to be missing.
NOT_SEEN = timedelta(days=3)
#: A laptop whose clock is this far ahead of this one's is said to have its clock wrong.
CLOCK_AHEAD = timedelta(minutes=10)
#: What a sync engine's conflict copy is called: NAME.sync-conflict-YYYYMMDD-HHMMSS-WHO.ext
_CONFLICT = re.compile(r"^(?P<stem>.+?)\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7}(?P<ext>\..*)?$")
_LOG = re.compile(r"^\d{4}-W\d{2}\.(?P<device>[A-Za-z0-9_-]+)$")
#: Folders of the data folder that are this laptop's alone, or the sync engine's own.
_NOT_SHARED = {LOCAL_FOLDER, "backups", "exports", ".stversions", ".stfolder"}


@dataclass
class Laptop:
    """One laptop of the centre, as this one sees it."""

    device: str
    name: str
    host: str = ""
    version: str = ""
    #: The newest record of its that has arrived here.
    last_record: datetime | None = None
    #: When it last wrote its devices file.
    last_seen: datetime | None = None
    this: bool = False
    machine: str = ""
    started: datetime | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Overview:
    """Every laptop, and what is said about this one."""

    data_dir: Path
    me: str | None
    laptops: list[Laptop]
    #: Sentences about this laptop: a copied folder, another computer writing as it.
    notes: list[str] = field(default_factory=list)


def conflict_copies(data_dir: Path) -> list[tuple[str | None, Path]]:
    """Every conflict copy in the shared part of the folder, with the laptop whose file it copies (when known)."""
    found: list[tuple[str | None, Path]] = []
    pending = [Path(data_dir)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not (folder == Path(data_dir) and entry.name in _NOT_SHARED):
                    pending.append(Path(entry.path))
                continue
            match = _CONFLICT.match(entry.name)
            if match:
                found.append((_owner(folder.name, match["stem"]), Path(entry.path)))
    return sorted(found, key=lambda item: str(item[1]))


def _owner(folder: str, stem: str) -> str | None:
    if folder == "logs":
        log = _LOG.match(stem)
        return log["device"] if log else None
    return stem if folder in ("registry", "devices") and re.fullmatch(r"[A-Za-z0-9_-]+", stem) else None


def _when(text: Any) -> datetime | None:
    moment = sort_instant(text)
    return None if moment.year == 1 else moment


def _newest_records(store: Store, now: datetime) -> dict[str, datetime]:
    """The newest record of each laptop here: its newest week log's `created`, its newest registry stamp."""
    newest: dict[str, datetime] = {}

    def seen(device: str, moment: datetime) -> None:
        if device not in newest or moment > newest[device]:
            newest[device] = moment

    weeks: dict[str, Path] = {}
    for _week, device, path in store.log_files():  # oldest week first: the last one stays
        weeks[device] = path
    for device, path in weeks.items():
        try:
            tables = store.read_log(path)
        except (DamagedFile, OSError):
            continue  # named where the week is read; here it only has no date
        for records in tables.values():
            for record in records.values():
                moment = _when(record.get("created")) if isinstance(record, dict) else None
                if moment is not None:
                    seen(device, moment)
    # A stamp follows the latest one its laptop had seen: one in the future may be another laptop's clock.
    latest = int((now + CLOCK_AHEAD).timestamp() * 1000)
    for device, ms in _newest_stamps(store.registry.storage.read() or {}, latest).items():
        seen(device, datetime.fromtimestamp(ms / 1000, now.tzinfo))
    return newest


def _newest_stamps(tables: dict[str, Any], latest: int) -> dict[str, int]:
    """The newest stamp (milliseconds) of each laptop in the registry's tables, none later than `latest`.

    A ten-year registry holds tens of thousands of stamps: read in one plain
    loop, with no object made per stamp.
    """
    newest: dict[str, int] = {}
    for records in tables.values():
        if not isinstance(records, dict):
            continue
        for record in records.values():
            stamps = record.get(STAMPS) if isinstance(record, dict) else None
            if not isinstance(stamps, dict):
                continue
            for raw in stamps.values():
                if type(raw) is list and len(raw) == 4:
                    ms, device = raw[1], raw[3]
                    if type(ms) is int and ms <= latest and ms > newest.get(device, 0) and type(device) is str:
                        newest[device] = ms
    return newest


def _published(store: Store) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Each laptop's devices file; and for those that cannot be read, why."""
    found: dict[str, dict[str, Any]] = {}
    unreadable: dict[str, str] = {}
    for device, path, copy in devices_files(store.data_dir):
        if copy:
            continue
        try:
            data = load_json(path) or {}
        except DamagedFile as problem:
            unreadable[device] = problem.reason
            continue
        found[device] = data
    return found, unreadable


def _laptop(device: str, data: dict[str, Any]) -> Laptop:
    return Laptop(
        device=device,
        name=str(data.get("name") or data.get("host") or device),
        host=str(data.get("host") or ""),
        version=str(data.get("version") or ""),
        last_seen=_when(data.get("written")),
        machine=str(data.get("machine") or ""),
        started=_when(data.get("started")),
    )


def overview(store: Store, now: datetime) -> Overview:
    """Every laptop of the centre with its warnings, this one first (run it on the app's writer thread)."""
    me = this_device(store)
    published, unreadable = _published(store)
    devices = set(published) | set(unreadable) | {d for d, _p in registry_files(store.registry_dir)}
    devices |= {device for _week, device, _path in store.log_files()}
    copies = conflict_copies(store.data_dir)
    devices |= {owner for owner, _path in copies if owner is not None}
    if me is not None:
        devices.add(me)
    devices.discard("reader")
    laptops = {device: _laptop(device, published.get(device, {})) for device in sorted(devices)}
    for device, reason in unreadable.items():
        laptops[device].warnings.append(_("Its laptop file cannot be read: {reason}.").format(reason=reason))
    for device, moment in _newest_records(store, now).items():
        if device in laptops:
            laptops[device].last_record = moment
    notes: list[str] = []
    if me is not None:
        this = laptops[me]
        this.this = True
        this.name = own_laptop_name(store.data_dir, me) if me not in published else this.name
        notes = _notes_on_me(store, me, published.get(me), now)
    notes += [other_centre_sentence(path) for path in store.registry.other_centre]
    notes += [
        _(
            "Another laptop's registry file cannot be read: {file} ({reason}). It is left as it is and "
            "read again when its laptop writes it next."
        ).format(file=problem.path.name, reason=problem.reason)
        for problem in store.registry.unreadable
    ]
    for owner, path in copies:
        text = _("A conflict copy was found: {file}.").format(file=path.relative_to(store.data_dir))
        if owner in laptops:
            laptops[owner].warnings.append(text)
        else:
            notes.append(text)
    for laptop in laptops.values():
        _judge(laptop, now)
    _same_machine(list(laptops.values()))
    ordered = sorted(laptops.values(), key=lambda lap: (not lap.this, lap.name.casefold(), lap.device))
    return Overview(store.data_dir, me, ordered, notes)


def other_centre_sentence(path: Path) -> str:
    """What staff are told of a registry file of another centre in the shared folder, and what to do."""
    return _(
        "{file} belongs to another centre: a laptop that was used on its own before its folder was shared. "
        "Its people, cards and PIN are not mixed into this centre's. On that laptop, close centrelog, move its "
        "data folder away and share an empty folder instead (docs/sync.md, “A laptop already used”)."
    ).format(file=path.name)


def _notes_on_me(store: Store, me: str, mine: dict[str, Any] | None, now: datetime) -> list[str]:
    memory = read_memory(store.data_dir, me)
    notes = []
    copied = memory.get("copied") or ({"from": store.copied_from} if store.copied_from else None)
    if copied:
        notes.append(copied_sentence(copied.get("name") or copied["from"], me))
    foreign = memory.get("foreign")
    if mine is not None and written_by_another(memory, mine):
        foreign = {"seen": mine.get("written"), "host": mine.get("host")}
    if foreign and now - (_when(foreign.get("seen")) or now) < NOT_SEEN:
        notes.append(foreign_sentence(me, foreign, now))
    return notes


def _judge(laptop: Laptop, now: datetime) -> None:
    last = max((m for m in (laptop.last_seen, laptop.last_record) if m is not None), default=None)
    if not laptop.this and last is not None and now - last >= NOT_SEEN:
        days = (now - last).days
        laptop.warnings.append(
            ngettext(
                "Not seen for {n} day: is it switched off, or Syncthing not running on it?",
                "Not seen for {n} days: is it switched off, or Syncthing not running on it?",
                days,
            ).format(n=days)
        )
    here = format_datetime(now)
    if laptop.last_seen is not None and laptop.last_seen - now > CLOCK_AHEAD:
        laptop.warnings.append(
            _("Its clock is ahead: it wrote at {when} by its clock, and this laptop's clock says {now}.").format(
                when=format_datetime(laptop.last_seen.astimezone(now.tzinfo)), now=here
            )
        )
    elif laptop.last_record is not None and laptop.last_record - now > CLOCK_AHEAD:
        laptop.warnings.append(
            _("Its records are stamped {when}, later than this laptop's clock says ({now}).").format(
                when=format_datetime(laptop.last_record.astimezone(now.tzinfo)), now=here
            )
        )


def _same_machine(laptops: list[Laptop]) -> None:
    """Two ids written by one computer at the same time (not one id replaced by the next)."""
    for laptop in laptops:
        for other in laptops:
            if other is laptop or not laptop.machine or laptop.machine != other.machine:
                continue
            overlap = (
                laptop.last_seen is not None
                and other.started is not None
                and other.last_seen is not None
                and laptop.started is not None
                and laptop.last_seen >= other.started
                and other.last_seen >= laptop.started
            )
            if overlap:
                laptop.warnings.append(
                    _("The same computer also writes as {other} ({name}).").format(other=other.device, name=other.name)
                )


def headers() -> tuple[str, str, str, str]:
    """The columns of the laptops table, in the screen and on the command line."""
    return (_("Laptop"), _("ID"), _("Last record here"), _("Last seen"))


def cells(laptop: Laptop, now: datetime) -> tuple[str, str, str, str]:
    """One laptop's line of the table (the year only when it is not this year's)."""

    def when(moment: datetime | None) -> str:
        if moment is None:
            return "—"
        local = moment.astimezone(now.tzinfo)
        return format_datetime(local, year=local.year != now.year)

    return (laptop.name, laptop.device, when(laptop.last_record), when(laptop.last_seen))


def this_laptop_line(seen: Overview) -> str:
    """Which of the laptops this one is."""
    mine = next((laptop for laptop in seen.laptops if laptop.this), None)
    if mine is None:
        return _("This laptop has not started centrelog on this folder yet.")
    return _("This laptop: {name} (ID {device}).").format(name=mine.name, device=mine.device)

"""The registry: participants and their cards, activities, places, staff, settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, cast, overload

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from sessions.clock import iso, sort_instant
from sessions.clock import now as clock_now
from sessions.codes import new_code
from sessions.i18n import _
from sessions.kinds import ActivityRecord, AuditRecord, ListEntry, OpenMarker, StaffRecord, VehicleRecord
from sessions.limits import one_line, too_long
from sessions.names import name_key, names_key, search_key
from sessions.participants import (
    GROUPS,
    PARTICIPANT_FIELDS,
    Card,
    EntryError,
    Participant,
    clean_participant,
)
from sessions.records import new_record
from sessions.storage.durable import DamagedFile, DurableStorage
from sessions.storage.shapes import check_shape
from sessions.storage.shared import LOCAL_TABLES, Merged, Read, RegistryDB, SharedStorage, StampedTable, local_setting
from sessions.storage.stamps import STAMPS, field_stamp

__all__ = ["GROUPS", "Card", "EntryError", "Participant", "Registry", "read_capacity"]

#: Settings the app remembers by itself (last place, last activity): not worth an audit line.
UNAUDITED_SETTINGS = ("last_", "recent_", "camera_")
#: Settings whose values never go into the audit trail.
SECRET_SETTINGS = frozenset({"staff_pin"})


def _plain(doc: Any) -> dict[str, Any]:
    """A stored record without its stamps (which say when each field changed, for merging only)."""
    return {k: v for k, v in doc.items() if k != STAMPS}


class _Memory(MemoryStorage):
    """Local state for a registry opened without a folder of its own (a backup being read)."""


class Registry:
    """The registry file, with indexes so that a scan never searches a list."""

    def __init__(self, db: TinyDB, device: str, local: TinyDB | None = None) -> None:
        self.db = db
        self.device = device
        #: What this laptop keeps for itself: its own settings and the work it has open.
        self.local = local if local is not None else TinyDB(storage=_Memory)
        #: Who is at the keyboard ("staff", "instructor", ...), kept in the audit trail.
        self.acting_role = "app"
        #: Tables held between writes (each remembers its next id): let go whenever other laptops' records
        #: come in, since those take ids a held table does not know.
        self._tables: dict[str, StampedTable] = {}
        self._bulk = 0
        self._reindex()
        self.erased_elsewhere: list[tuple[Participant, set[str]]] = []
        #: Other laptops' registry files that could not be read at the last look (named, never changed).
        self.unreadable: list[DamagedFile] = []
        #: Registry files of another centre found in the folder (never merged): staff are told.
        self.other_centre: list[Path] = []

    @classmethod
    def open(
        cls,
        folder: Path,
        device: str,
        local: Path | None = None,
        *,
        read_only: bool = False,
        centre: str | None = None,
    ) -> Registry:
        """This laptop's registry file merged with every other laptop's, and its own local state.

        DamagedFile (naming it) when this laptop's file or its local state does
        not parse or is not of its shape. Another laptop's file that does not is
        left out for now and named in `unreadable`.
        """
        memory = None if read_only or local is None else Path(local).with_name("registry-read.json")
        db = RegistryDB(Path(folder), device, memory, centre, storage=SharedStorage)
        local_db = None
        try:
            shared = db.storage
            assert isinstance(shared, SharedStorage)
            check_shape(shared.path, shared.read() or {})
            if local is not None:
                local_db = TinyDB(local, storage=DurableStorage)
                check_shape(Path(local), local_db.storage.read() or {})
        except DamagedFile:
            db.close()
            if local_db is not None:
                local_db.close()
            raise
        # The others' files merged before the indexes are built, once; who was erased meanwhile is
        # told apart from this laptop's own file as it was.
        own = shared.read() or {}
        people, cards = dict(own.get("participants") or {}), dict(own.get("cards") or {})
        merged = shared.merge_others()
        registry = cls(db, device, local_db)
        registry._after_merge(merged, _erased_among(people), people, cards)
        return registry

    @property
    def storage(self) -> SharedStorage:
        storage = self.db.storage
        assert isinstance(storage, SharedStorage)
        return storage

    @property
    def path(self) -> Path:
        """This laptop's own registry file."""
        return self.storage.path

    def refresh(self, read: list[Read] | None = None) -> Merged:
        """Merge what other laptops wrote since the last look (`read`: files read off the writer thread)."""
        people = self.storage.read() or {}
        before, cards = dict(people.get("participants") or {}), dict(people.get("cards") or {})
        erased = self._erased
        merged = self.storage.merge_others(read)
        if merged:
            self._tables.clear()
            self._reindex()
        return self._after_merge(merged, erased, before, cards)

    def _after_merge(self, merged: Merged, erased: set[str], people: dict[str, Any], cards: dict[str, Any]) -> Merged:
        """What a merge leaves to do: who was erased elsewhere (as `people` knew them), own copies written in."""
        self.unreadable = merged.unreadable
        self.other_centre = sorted(set(self.other_centre) | set(merged.other_centre))
        # People erased on another laptop, as this laptop knew them (to find them in its files);
        # kept until privacy.erase_arrived has carried the erasure out here.
        waiting = {person.id for person, _codes in self.erased_elsewhere}
        newly = self._erased - erased - waiting
        if newly:
            known = {doc["id"]: doc for doc in people.values() if doc.get("id") in newly}
            self.erased_elsewhere += [
                (
                    Participant.from_doc(known[pid]),
                    {c["code"] for c in cards.values() if c.get("participant_id") == pid},
                )
                for pid in sorted(newly)
                if pid in known
            ]
        if merged.own_copies:
            # This laptop's own conflict copies: their records are in memory; once on disk, the copies go.
            with self.writing():
                self.storage.write(self.storage.read() or {})
            for copy in merged.own_copies:
                copy.unlink(missing_ok=True)
        return merged

    def absorb_file(self, path: Path) -> None:
        """Merge one more registry file into this one, in memory (a folder from before several laptops)."""
        from sessions.storage.durable import load_json

        theirs = check_shape(path, load_json(path) or {})
        if self.storage.absorb(theirs):
            self._tables.clear()
            self._reindex()

    def close(self) -> None:
        """Let go of the files; what was merged from other laptops is written into this laptop's file first."""
        if self.storage.unsaved and self.storage.memory is not None:
            try:
                with self.writing():
                    self.storage.write(self.storage.read() or {})
            except OSError:
                pass  # merged again at the next start
        self.db.close()
        self.local.close()

    def _reindex(self) -> None:
        self._participants: dict[str, Participant] = {}
        self._doc_ids: dict[tuple[str, str], int] = {}
        #: Each person's name key, made at the first search after a change (`find`).
        self._search_keys: dict[str, str] | None = None
        self._cards: dict[str, Card] = {}
        self._erased: set[str] = set()
        # Straight from the stored tables: TinyDB's all() would copy every record first.
        participants, cards = self._indexed_tables()
        for key, doc in (participants or {}).items():
            person = Participant.from_doc(doc)
            self._participants[person.id] = person
            self._doc_ids["participants", person.id] = int(key)
            if doc.get("erased_at"):
                self._erased.add(person.id)
        #: A code issued on two laptops at once for two people: (the card kept, the card to reissue, its record).
        self.clashes: list[tuple[Card, Card, dict[str, Any]]] = []
        docs = list((cards or {}).items())
        if len({doc.get("code") for _key, doc in docs}) < len(docs):
            # Oldest stamp first: of two cards with one code, the one issued first keeps it, on every laptop.
            docs.sort(key=lambda item: field_stamp(item[1], "code"))
        for key, doc in docs:
            card = Card(doc["code"], doc["participant_id"], doc["issued"], doc.get("revoked_at"), doc.get("printed_at"))
            kept = self._cards.get(card.code)
            if kept is not None:
                if kept.participant_id != card.participant_id and not card.revoked_at and not kept.revoked_at:
                    self.clashes.append((kept, card, doc))
                continue
            self._cards[card.code] = card
            self._doc_ids["cards", card.code] = int(key)

    def _indexed_tables(self) -> tuple[Any, Any]:
        data = self.storage.read() or {}
        return data.get("participants"), data.get("cards")

    @contextmanager
    def writing(self, now: datetime | None = None, *, erased: bool = False) -> Iterator[None]:
        """One durable write for the block, its fields stamped with `now`; indexes follow what is on disk."""
        before = self._indexed_tables()
        try:
            with self.storage.changing(now, erased=erased), self.storage.batch():
                yield
        except BaseException:
            self._tables.clear()
            self._reindex()
            raise
        if self._bulk:  # bulk() rebuilds the indexes once, at its end
            return
        # TinyDB replaces a table's dict whenever it writes to it: a session's
        # settings and open marker leave people and cards as they were.
        if any(now is not then for now, then in zip(self._indexed_tables(), before, strict=True)):
            self._reindex()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many additions in one durable write, the indexes rebuilt once at the end (an import).

        Inside the block the indexes lag behind: pass each new person a code
        known to be free (add_participant's `code=`).
        """
        self._bulk += 1
        try:
            with self.writing():
                yield
        finally:
            self._bulk -= 1
            if not self._bulk:
                self._reindex()

    def table(self, name: str) -> Any:
        if name in LOCAL_TABLES:
            return self.local.table(name, cache_size=0)
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = StampedTable(self.db.storage, name, cache_size=0)
        return table

    # participants -------------------------------------------------------

    def participants(self, *, include_archived: bool = True) -> list[Participant]:
        """Everyone, sorted by last and first name."""
        people = [p for p in self._participants.values() if include_archived or not p.archived]
        return sorted(people, key=lambda p: (search_key(p.last_name), search_key(p.first_name)))

    def participant(self, participant_id: str) -> Participant | None:
        return self._participants.get(participant_id)

    def find(self, text: str, *, limit: int | None = 8, include_archived: bool = False) -> list[Participant]:
        """People whose name holds every word of `text`, in either alphabet (`sessions.names.name_key`).

        Sorted by last and first name; at most `limit` of them (None: all).
        """
        words = name_key(text).split()
        if not words:
            return []
        if self._search_keys is None:  # once after a change; names_key remembers the names it has seen
            self._search_keys = {pid: names_key(p.first_name, p.last_name) for pid, p in self._participants.items()}
        hits = [
            self._participants[pid]
            for pid, name in self._search_keys.items()
            if all(word in name for word in words) and (include_archived or not self._participants[pid].archived)
        ]
        hits.sort(key=lambda p: (search_key(p.last_name), search_key(p.first_name)))
        return hits[:limit]

    def add_participant(self, now: datetime, *, code: str | None = None, **fields: Any) -> Participant:
        """Register a person and issue their first card (a new random code unless given)."""
        clean = clean_participant({"groups": [], "neighbourhood": "", "language": "lv", **fields})
        for required in ("first_name", "last_name"):
            if required not in clean:
                clean_participant({required: ""})
        record = new_record(self.device, now, archived_at=None, code=None, **clean)
        if code is None or code in self._cards:
            code = new_code(set(self._cards))
        record["code"] = code
        with self.writing(now):
            self.table("participants").insert(record)
            self.table("cards").insert(self._card_record(code, record["id"], now))
            self._audit(now, "add", f"participants:{record['id']}", None, {**clean, "code": code})
        return self._participants.get(record["id"]) or Participant.from_doc(record)

    def _card_record(self, code: str, participant_id: str, now: datetime) -> dict[str, Any]:
        return new_record(self.device, now, code=code, participant_id=participant_id, issued=iso(now), revoked_at=None)

    def update_participant(self, participant_id: str, now: datetime, **changes: Any) -> Participant:
        """Change a person's fields."""
        unknown = set(changes) - set(PARTICIPANT_FIELDS)
        if unknown:
            raise EntryError(sorted(unknown)[0], _("This field cannot be changed here."))
        clean = clean_participant(changes)
        doc_id = self._doc_ids["participants", participant_id]
        old = self.table("participants").get(doc_id=doc_id) or {}
        with self.writing(now):
            self.table("participants").update({**clean, "updated": iso(now)}, doc_ids=[doc_id])
            self._audit_change(now, "update", f"participants:{participant_id}", old, clean)
        return self._participants[participant_id]

    def archive_participant(self, participant_id: str, now: datetime, archived: bool = True) -> Participant:
        """Archive a person (their card then answers red), or bring them back."""
        doc_id = self._doc_ids["participants", participant_id]
        old = self.table("participants").get(doc_id=doc_id) or {}
        change = {"archived_at": iso(now) if archived else None}
        with self.writing(now):
            self.table("participants").update({**change, "updated": iso(now)}, doc_ids=[doc_id])
            self._audit_change(now, "archive" if archived else "restore", f"participants:{participant_id}", old, change)
        return self._participants[participant_id]

    # cards --------------------------------------------------------------

    def card(self, code: str) -> Card | None:
        """The card with this code, revoked or not; None when never issued."""
        return self._cards.get(code)

    def cards_of(self, participant_id: str) -> list[Card]:
        """Every code a person was ever given, oldest first."""
        return sorted(
            (c for c in self._cards.values() if c.participant_id == participant_id),
            key=lambda c: sort_instant(c.issued),
        )

    def participant_record(self, participant_id: str) -> dict[str, Any] | None:
        """A person's record as stored, every field (for the right of access and erasure)."""
        doc = self.table("participants").get(Query().id == participant_id)
        return _plain(doc) if doc is not None else None

    def card_records(self, participant_id: str) -> list[dict[str, Any]]:
        """Every card record of a person as stored, oldest first (for the right of access)."""
        docs = [_plain(d) for d in self.table("cards").all() if d["participant_id"] == participant_id]
        return sorted(docs, key=lambda d: sort_instant(d.get("issued")))

    def codes_given(self) -> set[str]:
        """Every code ever given to anyone, revoked ones too (a new card never reuses one)."""
        return {doc["code"] for doc in self.table("cards").all()}

    def mark_cards_printed(self, codes: Iterable[str], now: datetime) -> int:
        """Stamp these cards (those known) as printed now, in one write; return how many (sessions/card_sheets.py)."""
        known = sorted({code for code in codes if ("cards", code) in self._doc_ids})
        if known:
            with self.writing(now):
                self.table("cards").update({"printed_at": iso(now)}, doc_ids=[self._doc_ids["cards", c] for c in known])
        return len(known)

    def issue_card(self, participant_id: str, now: datetime) -> str:
        """Give a person a new code and revoke the old one (a lost card)."""
        person = self._participants[participant_id]
        code = new_code(set(self._cards))
        with self.writing(now):
            if person.code and ("cards", person.code) in self._doc_ids:
                self.table("cards").update({"revoked_at": iso(now)}, doc_ids=[self._doc_ids["cards", person.code]])
            self.table("cards").insert(self._card_record(code, participant_id, now))
            self.table("participants").update(
                {"code": code, "updated": iso(now)},
                doc_ids=[self._doc_ids["participants", participant_id]],
            )
            self._audit(now, "issue_card", f"participants:{participant_id}", {"code": person.code}, {"code": code})
        return code

    def reissue_clashes(self, now: datetime) -> list[tuple[Participant, str, str]]:
        """Give a new card to whoever this laptop gave a code that another laptop gave someone else at once.

        Only the laptop that issued the later card reissues it (so it happens
        once); (person, the code they lose, their new code) for each.
        """
        done = []
        for _kept, lost, doc in list(self.clashes):
            person = self._participants.get(lost.participant_id)
            if doc.get("device") != self.device or person is None or person.code != lost.code:
                continue
            with self.writing(now):
                self.table("cards").update({"revoked_at": iso(now)}, Query().id == doc.get("id"))
                code = new_code(set(self._cards) | {lost.code})
                self.table("cards").insert(self._card_record(code, person.id, now))
                self.table("participants").update(
                    {"code": code, "updated": iso(now)}, doc_ids=[self._doc_ids["participants", person.id]]
                )
                self._audit(now, "card_clash", f"participants:{person.id}", {"code": lost.code}, {"code": code})
            done.append((person, lost.code, code))
        return done

    # lists: activities, places, staff -----------------------------------

    @overload
    def items(self, kind: Literal["activities"], *, include_archived: bool = False) -> list[ActivityRecord]: ...
    @overload
    def items(self, kind: Literal["vehicles"], *, include_archived: bool = False) -> list[VehicleRecord]: ...
    @overload
    def items(self, kind: Literal["staff"], *, include_archived: bool = False) -> list[StaffRecord]: ...
    @overload
    def items(self, kind: str, *, include_archived: bool = False) -> list[ListEntry]: ...
    def items(self, kind: str, *, include_archived: bool = False) -> list[Any]:
        """Active entries of a staff-edited list ('activities', 'places', 'staff', ...).

        With `include_archived`, the entries taken off the list follow, for staff to put back.
        """
        docs = cast(list[ListEntry], [_plain(d) for d in self.table(kind).all()])
        return sorted(
            (d for d in docs if include_archived or not d.get("archived_at")),
            key=lambda d: (bool(d.get("archived_at")), search_key(d.get("name", ""))),
        )

    @overload
    def item(self, kind: Literal["activities"], item_id: str) -> ActivityRecord | None: ...
    @overload
    def item(self, kind: Literal["vehicles"], item_id: str) -> VehicleRecord | None: ...
    @overload
    def item(self, kind: Literal["staff"], item_id: str) -> StaffRecord | None: ...
    @overload
    def item(self, kind: str, item_id: str) -> ListEntry | None: ...
    def item(self, kind: str, item_id: str) -> ListEntry | None:
        """One entry of a staff-edited list, archived or not; None when there is none of that id."""
        for doc in self.table(kind).all():
            if doc["id"] == item_id:
                return cast(ListEntry, _plain(doc))
        return None

    def add_item(self, kind: str, now: datetime, **fields: Any) -> dict[str, Any]:
        """Add an activity (name, capacity), a place (name), a staff member (name, roles) ..."""
        name = self._list_name(kind, fields.get("name", ""))
        if "capacity" in fields:
            fields["capacity"] = read_capacity(fields["capacity"])
        return self.add_record(kind, now, **{**fields, "name": name})

    def _list_name(self, kind: str, typed: Any, item_id: str | None = None) -> str:
        """A list entry's name, tidied; refused when empty or already another entry's."""
        name = one_line(typed)
        if not name:
            raise EntryError("name", _("The name is missing."))
        if problem := too_long("name", name):
            raise EntryError("name", problem)
        if any(search_key(d["name"]) == search_key(name) and d["id"] != item_id for d in self.items(kind)):
            raise EntryError("name", _("“{name}” is already on the list.").format(name=name))
        return name

    def archive_item(self, kind: str, item_id: str, now: datetime) -> None:
        """Take an entry off its list; records that used it keep its name."""
        self.update_item(kind, item_id, now, archived_at=iso(now))

    def restore_item(self, kind: str, item_id: str, now: datetime) -> None:
        """Put an entry taken off its list back on it; refused while another entry has its name."""
        item = self.item(kind, item_id)
        if item is None:
            raise EntryError("name", _("This entry is no longer in the register."))
        self._list_name(kind, item["name"], item_id)
        self.update_item(kind, item_id, now, archived_at=None)

    def update_item(self, kind: str, item_id: str, now: datetime, **changes: Any) -> None:
        if "capacity" in changes:
            changes["capacity"] = read_capacity(changes["capacity"])
        if "name" in changes:
            changes["name"] = self._list_name(kind, changes["name"], item_id)
        self.change_record(kind, item_id, now, **changes)

    # records of the other shared tables (the timetable and its changes) -

    def records(self, table: str) -> list[dict[str, Any]]:
        """Every record of a shared table as stored (archived ones too), without its stamps."""
        return [_plain(d) for d in self.table(table).all()]

    def record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """One record of a shared table by its id; None when there is none."""
        for doc in self.table(table).all():
            if doc["id"] == record_id:
                return _plain(doc)
        return None

    def add_record(self, table: str, now: datetime, **fields: Any) -> dict[str, Any]:
        """Add a record (checked by its module) to a shared table, not archived, audited as added."""
        record = new_record(self.device, now, **{**fields, "archived_at": None})
        with self.writing(now):
            self.table(table).insert(record)
            self._audit(
                now,
                "add",
                f"{table}:{record['id']}",
                None,
                {k: v for k, v in record.items() if k not in ("id", "created", "device")},
            )
        return record

    def change_record(self, table: str, record_id: str, now: datetime, **changes: Any) -> None:
        """Change fields of a record (checked by its module), audited with what they held before."""
        tbl = self.table(table)
        docs = [d for d in tbl.all() if d["id"] == record_id]
        with self.writing(now):
            tbl.update({**changes, "updated": iso(now)}, doc_ids=[d.doc_id for d in docs])
            self._audit_change(now, "update", f"{table}:{record_id}", docs[0] if docs else {}, changes)

    # settings and open work ---------------------------------------------

    def _settings(self, key: str) -> Table:
        return self.local.table("settings", cache_size=0) if local_setting(key) else self.table("settings")

    def setting(self, key: str, default: Any = None) -> Any:
        for doc in self._settings(key).all():
            if doc["key"] == key:
                return doc["value"]
        return default

    def set_settings(self, values: dict[str, Any], now: datetime | None = None) -> None:
        """Remember several settings in one write (audited, but for what the app remembers itself)."""
        with self.writing(now):
            for key, value in values.items():
                table = self._settings(key)
                docs = [d for d in table.all() if d["key"] == key]
                if docs:
                    table.update({"value": value}, doc_ids=[d.doc_id for d in docs])
                else:
                    table.insert({"key": key, "value": value})
                old = docs[0]["value"] if docs else None
                if not key.startswith(UNAUDITED_SETTINGS) and old != value:
                    hide = key in SECRET_SETTINGS
                    self._audit(
                        now or clock_now(),
                        "setting",
                        f"settings:{key}",
                        None if hide else {"value": old},
                        None if hide else {"value": value},
                    )

    def erase_participant(
        self,
        participant_id: str,
        now: datetime,
        fields: dict[str, Any],
        scrub: Callable[[Any], Any],
        *,
        audited: bool = True,
    ) -> None:
        """Overwrite a person's record with `fields`, revoke their cards, `scrub` the audit lines about them.

        The stamps are an erasure's, which win over any change another laptop
        made at the same time: an erased person stays erased on every laptop.
        `audited=False` when another laptop's erasure is carried out here (it is
        in the audit trail once, where it was made).
        """
        target = f"participants:{participant_id}"
        with self.writing(now, erased=True):
            self.table("participants").update({**fields, "updated": iso(now)}, Query().id == participant_id)
            self.table("cards").update(
                {"revoked_at": iso(now)},
                (Query().participant_id == participant_id) & (Query().revoked_at == None),  # noqa: E711
            )
            audit = self.table("audit")
            for entry in audit.search(Query().target == target):
                scrubbed = {"before": scrub(entry.get("before")), "after": scrub(entry.get("after"))}
                if scrubbed != {"before": entry.get("before"), "after": entry.get("after")}:
                    audit.update(scrubbed, doc_ids=[entry.doc_id])
            if audited:
                self._audit(now, "erase", target, None, None)

    # the audit trail ----------------------------------------------------

    def _audit(self, now: datetime, action: str, target: str, before: Any, after: Any) -> None:
        """Keep who changed what, when, before and after (call inside `writing()`)."""
        record = new_record(
            self.device, now, who=self.acting_role, action=action, target=target, before=before, after=after
        )
        self.table("audit").insert(record)

    def _audit_change(self, now: datetime, action: str, target: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        changed = {k: v for k, v in new.items() if old.get(k) != v}
        if changed:
            self._audit(now, action, target, {k: old.get(k) for k in changed}, changed)

    def audit(self) -> list[AuditRecord]:
        """Every audited change to the registry, newest first."""
        entries = (_plain(d) for d in self.table("audit").all())
        return cast(list[AuditRecord], sorted(entries, key=lambda d: sort_instant(d.get("created")), reverse=True))

    def open_work(self, kind: str) -> list[OpenMarker]:
        """Sessions or trips started on this laptop and not yet closed."""
        return cast(list[OpenMarker], [dict(d) for d in self.table("open").all() if d["kind"] == kind])

    def mark_open(self, kind: str, record_id: str, week: str) -> None:
        with self.writing():
            self.table("open").insert({"kind": kind, "id": record_id, "week": week})

    def mark_closed(self, record_id: str) -> None:
        table = self.table("open")
        doc_ids = [d.doc_id for d in table.all() if d["id"] == record_id]
        if doc_ids:
            with self.writing():
                table.remove(doc_ids=doc_ids)

    def is_empty(self) -> bool:
        return not self._participants and not self.table("activities").all()


def _erased_among(people: dict[str, Any]) -> set[str]:
    return {doc["id"] for doc in people.values() if doc.get("erased_at")}


def read_capacity(value: Any) -> int:
    """A capacity as typed: a whole number from 1 to 500 (EntryError if not)."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 500:
        raise EntryError("capacity", _("The capacity must be a whole number from 1 to 500."))
    return int(text)


def iter_codes(people: Iterable[Participant]) -> Iterator[tuple[Participant, str]]:
    """Each person with a current code, for lists of cards."""
    for person in people:
        if person.code:
            yield person, person.code

"""Whose backup it is: a backup of another centre is refused before anything of it is merged in."""

from __future__ import annotations

import zipfile
from typing import Any

from sessions.backup_check import BackupRefused, read_checked
from sessions.centre import CENTRE_FILE
from sessions.i18n import _
from sessions.storage.durable import DamagedFile
from sessions.store import Store

__all__ = ["centre_to_take"]


def centre_to_take(store: Store, archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> str | None:
    """The backup's centre id when this folder should take it (it holds nothing yet); BackupRefused when foreign.

    A backup names its centre; one made before centres had ids (or a folder
    whose centre file is damaged) is judged by its people instead: none of
    its card codes may belong to someone else here, and when both hold
    people, at least one must be the same person.
    """
    theirs = read_checked(archive, entries[CENTRE_FILE])["centre"] if CENTRE_FILE in entries else None
    if theirs is not None and theirs == store.centre:
        return None
    if _holds_nothing(store):
        return theirs
    if theirs is not None and store.centre is not None:
        raise BackupRefused(
            _("it is a backup of another centre (centre {theirs}); this data folder belongs to centre {ours}").format(
                theirs=theirs[:8], ours=store.centre[:8]
            )
        )
    if "registry.json" in entries:
        _same_people(store, read_checked(archive, entries["registry.json"]))
    return None


def _holds_nothing(store: Store) -> bool:
    if store.registry.participants():
        return False
    for _week, _device, path in store.log_files():
        try:
            if any(store.read_log(path).values()):
                return False
        except DamagedFile:
            return False
    return True


def _same_people(store: Store, registry: dict[str, Any]) -> None:
    for doc in registry.get("cards", {}).values():
        card = store.registry.card(doc["code"])
        if card is not None and card.participant_id != doc["participant_id"]:
            message = _("card {code} belongs to another person in the backup than here: it is another centre's backup")
            raise BackupRefused(message.format(code=doc["code"]))
    people = [doc["id"] for doc in registry.get("participants", {}).values()]
    if people and store.registry.participants() and not any(store.registry.participant(p) for p in people):
        raise BackupRefused(_("no one in the backup is registered here: it is another centre's backup"))

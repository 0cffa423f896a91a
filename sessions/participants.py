"""Participants and their cards as the registry holds them, and the check of what staff type for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessions.i18n import _
from sessions.names import short_name

__all__ = [
    "GROUPS",
    "HEALTH_GROUPS",
    "PARTICIPANT_FIELDS",
    "Card",
    "EntryError",
    "Participant",
    "clean_participant",
]

#: Target groups funders count by. Disability and wheelchair are health data.
GROUPS = ("senior", "disability", "wheelchair")
HEALTH_GROUPS = frozenset({"disability", "wheelchair"})

PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "birth_year",
    "gender",
    "groups",
    "neighbourhood",
    "language",
    "consent_date",
)


class EntryError(ValueError):
    """A value a person typed that cannot be stored, with a sentence saying why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Participant:
    """A registered person with a card."""

    id: str
    first_name: str
    last_name: str
    birth_year: int | None
    gender: str | None
    groups: tuple[str, ...]
    neighbourhood: str
    language: str
    consent_date: str | None
    code: str | None
    archived_at: str | None
    created: str

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Participant:
        return cls(
            id=doc["id"],
            first_name=doc.get("first_name", ""),
            last_name=doc.get("last_name", ""),
            birth_year=doc.get("birth_year"),
            gender=doc.get("gender"),
            groups=tuple(doc.get("groups", ())),
            neighbourhood=doc.get("neighbourhood", ""),
            language=doc.get("language", "lv"),
            consent_date=doc.get("consent_date"),
            code=doc.get("code"),
            archived_at=doc.get("archived_at"),
            created=doc.get("created", ""),
        )

    @property
    def short_name(self) -> str:
        """First name and initial: all a full room may see."""
        return short_name(self.first_name, self.last_name)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def uses_wheelchair(self) -> bool:
        return "wheelchair" in self.groups


@dataclass(frozen=True, slots=True)
class Card:
    """A card code ever issued, to whom, and whether it was replaced."""

    code: str
    participant_id: str
    issued: str
    revoked_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def clean_participant(fields: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise participant fields; raise EntryError on the first bad one."""
    clean = dict(fields)
    for name in ("first_name", "last_name", "neighbourhood"):
        if name in clean:
            clean[name] = " ".join(str(clean[name] or "").split())
    if "first_name" in clean and not clean["first_name"]:
        raise EntryError("first_name", _("The first name is missing."))
    if "last_name" in clean and not clean["last_name"]:
        raise EntryError("last_name", _("The last name is missing."))
    if "birth_year" in clean and clean["birth_year"] not in (None, ""):
        year = str(clean["birth_year"]).strip()
        if not (year.isdigit() and 1900 <= int(year) <= 2030):
            raise EntryError("birth_year", _("The year of birth must be four digits, such as 1948."))
        clean["birth_year"] = int(year)
    elif "birth_year" in clean:
        clean["birth_year"] = None
    if "gender" in clean and clean["gender"] not in (None, "", "F", "M"):
        raise EntryError("gender", _("Gender is F, M or left empty."))
    if "gender" in clean:
        clean["gender"] = clean["gender"] or None
    if "groups" in clean:
        unknown = set(clean["groups"]) - set(GROUPS)
        if unknown:
            raise EntryError("groups", _("Unknown target group: {group}.").format(group=", ".join(sorted(unknown))))
        clean["groups"] = [g for g in GROUPS if g in clean["groups"]]
    return clean

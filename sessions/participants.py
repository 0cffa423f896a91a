"""Participants and their cards as the registry holds them, and the check of what staff type for them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sessions.i18n import N_, _, current_language
from sessions.limits import one_line, too_long
from sessions.names import short_name

__all__ = [
    "GROUPS",
    "HEALTH_GROUPS",
    "LANGUAGES",
    "PARTICIPANT_FIELDS",
    "Card",
    "EntryError",
    "Participant",
    "clean_participant",
    "read_date",
    "typed_date",
]

#: The languages a participant may prefer.
LANGUAGES = ("lv", "ru", "en", "lt")
#: Dates as staff type them: 23.11.2026 (or 23/11/2026, 23-11-2026) and 2026-11-23.
DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?$")
DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

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
    "contact",
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
    #: A phone number or a note on how to reach them (staff call a regular who stopped coming); older records lack it.
    contact: str = ""

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
            contact=doc.get("contact") or "",
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
    #: When the card was last sent to a printer (sessions/card_sheets.py); None while it never was.
    printed_at: str | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def clean_participant(fields: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise participant fields; raise EntryError on the first bad one."""
    clean = dict(fields)
    for name in ("first_name", "last_name", "neighbourhood", "contact"):
        if name in clean:
            clean[name] = one_line(clean[name])
            if problem := too_long(name, clean[name]):
                raise EntryError(name, problem)
    if "first_name" in clean and not clean["first_name"]:
        raise EntryError("first_name", _("The first name is missing."))
    if "last_name" in clean and not clean["last_name"]:
        raise EntryError("last_name", _("The last name is missing."))
    for name, problem in (
        ("first_name", N_("The first name has no letter.")),
        ("last_name", N_("The last name has no letter.")),
    ):
        if clean.get(name) and not any(c.isalpha() for c in clean[name]):
            raise EntryError(name, _(problem))
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
    if "language" in clean:
        clean["language"] = str(clean["language"] or "lv").strip().lower()
        if clean["language"] not in LANGUAGES:
            raise EntryError("language", _("The language is lv, ru, en or lt."))
    if "consent_date" in clean:
        clean["consent_date"] = _consent(clean["consent_date"])
    return clean


def typed_date(day: date) -> str:
    """A date as staff type it in a form and a printed list writes it: 23.11.2026, or 2026-11-23 in Lithuanian,
    which writes dates so; `read_date` reads both."""
    return day.strftime("%Y-%m-%d" if current_language() == "lt" else "%d.%m.%Y")


def read_date(text: str) -> date | None:
    """A date typed as 23.11.2026 or 2026-11-23; None when it is not one."""
    text = text.strip()
    try:
        if match := DATE_ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := DATE_DMY.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def _consent(value: Any) -> str | None:
    """The consent date as ISO, or None when left empty."""
    if value in (None, ""):
        return None
    parsed = read_date(str(value))
    if parsed is None:
        raise EntryError("consent_date", _("The consent date is a date such as 23.11.2026."))
    return parsed.isoformat()

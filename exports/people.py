"""Who a participant id is, for export rows: code, full name, target groups, age band."""

from __future__ import annotations

from datetime import date

from sessions.codes import format_code
from sessions.registry import Participant, Registry

__all__ = ["People", "age_band", "first_seen"]

SENIOR_AGE = 65


def age_band(person: Participant | None, on: date) -> str:
    """'65+', 'under_65' or 'age_unknown', by the year of birth (birthday taken as passed on `on`)."""
    if person is None or not person.birth_year:
        return "age_unknown"
    return "65+" if on.year - person.birth_year >= SENIOR_AGE else "under_65"


def first_seen(person: Participant) -> str:
    """The day a person joined: the consent date, else the day they were registered."""
    return (person.consent_date or person.created or "")[:10]


class People:
    """The registry's participants by id; ids from another laptop's registry stay unknown."""

    def __init__(self, registry: Registry) -> None:
        self.by_id = {p.id: p for p in registry.participants()}

    def get(self, participant_id: str) -> Participant | None:
        return self.by_id.get(participant_id)

    def code(self, participant_id: str) -> str:
        """The card code as printed (grouped digits, so a spreadsheet keeps it as text)."""
        person = self.by_id.get(participant_id)
        return format_code(person.code) if person and person.code else ""

    def name(self, participant_id: str) -> str:
        person = self.by_id.get(participant_id)
        return person.full_name if person else ""

    def groups(self, participant_id: str) -> tuple[bool, bool, bool]:
        """Senior, disability, wheelchair."""
        person = self.by_id.get(participant_id)
        held = person.groups if person else ()
        return "senior" in held, "disability" in held, "wheelchair" in held

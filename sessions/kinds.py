"""The records centrelog stores, described once: what each holds, field by field, and a scan's answers.

These are TypedDicts: at run time a record is the plain dict TinyDB reads and
writes, so describing it changes nothing on disk. A field marked NotRequired
is one a record gains later (a void, a change) or that older files lack;
sessions.storage.shapes checks the fields readers rely on when a file is read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NotRequired, TypedDict

__all__ = [
    "ActivityRecord",
    "AuditRecord",
    "BoardingRecord",
    "Change",
    "ChangeRecord",
    "CheckinRecord",
    "Colour",
    "CorrectionRecord",
    "ListEntry",
    "OpenMarker",
    "Outcome",
    "PlanRecord",
    "ProjectRecord",
    "ScanEvent",
    "SessionRecord",
    "StaffRecord",
    "Stamp",
    "TripRecord",
    "VehicleRecord",
]


class Colour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Outcome(StrEnum):
    """Every answer a scan can get (a scan event stores its value)."""

    CHECKED_IN = "checked_in"
    ALREADY_IN = "already_in"
    BOARDED = "boarded"
    ALREADY_ABOARD = "already_aboard"
    UNKNOWN_CARD = "unknown_card"
    REVOKED_CARD = "revoked_card"
    ARCHIVED = "archived"
    NOT_A_CARD = "not_a_card"
    FULL = "full"
    #: Seats are free, but every wheelchair place is taken.
    NO_WHEELCHAIR_PLACE = "no_wheelchair_place"
    CLOSED = "closed"
    NOT_SAVED = "not_saved"

    @property
    def over_capacity(self) -> bool:
        """True for a refusal F3 may override."""
        return self in (Outcome.FULL, Outcome.NO_WHEELCHAIR_PLACE)

    @property
    def colour(self) -> Colour:
        if self in (Outcome.CHECKED_IN, Outcome.BOARDED):
            return Colour.GREEN
        if self in (Outcome.ALREADY_IN, Outcome.ALREADY_ABOARD):
            return Colour.YELLOW
        return Colour.RED


class Stamp(TypedDict):
    """What every stored record carries: a UUID, its creation time (ISO) and the laptop that made it."""

    id: str
    created: str
    device: str


class SessionRecord(Stamp):
    """One run of an activity (a week log's "sessions"): open while `end` is None."""

    activity_id: str
    activity: str
    place: str
    instructor: str
    start: str
    end: str | None
    capacity: int
    note: str | None
    closed_at: NotRequired[str]
    #: Set by a staff correction only.
    voided_at: NotRequired[str | None]
    #: Started from the timetable: the plan (a "timetable" record, or an added date's "timetable_changes" record),
    #: the day the timetable put it on, when it was planned to end (an instant), and its funder project.
    #: An unplanned session has plan_id None; sessions from before the timetable have none of these.
    plan_id: NotRequired[str | None]
    planned_day: NotRequired[str | None]
    planned_end: NotRequired[str | None]
    project_id: NotRequired[str | None]


class CheckinRecord(Stamp):
    """Someone let into a session ("checkins"); a void marks it, never deletes it."""

    session_id: str
    participant_id: str
    at: str
    #: "scan" (a USB scanner), "camera" (the laptop's camera) or "manual" (by name): sessions/admission.py.
    method: str
    code: str | None
    override: bool
    voided_at: str | None
    voided_by: NotRequired[str]
    void_reason: NotRequired[str]


class ScanEvent(Stamp):
    """Every attempt at a scanner or by name, let in or refused ("scans"); it names its session or its trip."""

    session_id: NotRequired[str]
    trip_id: NotRequired[str]
    at: str
    #: As a check-in's: "scan", "camera" or "manual".
    method: str
    raw: str
    #: An Outcome's value.
    outcome: str
    #: A Colour's value.
    colour: str
    participant_id: str | None


# "return" is a Python keyword: these fields are declared in the functional syntax.
_TripFields = TypedDict(
    "_TripFields",
    {
        "vehicle_id": str,
        "vehicle": str,
        "plate": str,
        "seats": int,
        "wheelchair_places": int,
        "vehicle_lift": bool,
        "driver": str,
        "purpose": str,
        "destination": str,
        "departure": str,
        "return": str | None,
        "odometer_start": int,
        "odometer_end": int | None,
        "safety_check": bool,
        "guests": int,
        "note": str | None,
        "closed_at": str | None,
        "guests_override": NotRequired[bool],
        "voided_at": NotRequired[str | None],
        #: The funder project the trip is counted for (trips from before projects have none).
        "project_id": NotRequired[str | None],
    },
)


class TripRecord(Stamp, _TripFields):
    """One minibus trip ("trips"), the vehicle's capacity copied in when it opened; closed once `closed_at` is set."""


class BoardingRecord(Stamp):
    """A passenger on a trip ("boardings"), with wheelchair, lift and escorts; a void takes them off."""

    trip_id: str
    participant_id: str
    at: str
    method: str
    code: str | None
    wheelchair: bool
    lift: bool
    escorts: int
    override: bool
    voided_at: str | None
    voided_by: str | None
    void_reason: str | None
    updated: NotRequired[str]


class Change(TypedDict):
    """One field of a correction: what it held and what it holds now."""

    before: Any
    after: Any


class CorrectionRecord(Stamp):
    """A staff correction of a closed record ("corrections"): before and after per field, never an overwrite."""

    target_table: str
    target_id: str
    changes: dict[str, Change]
    by: str
    reason: str


class ListEntry(Stamp):
    """An entry of a staff-kept list in the registry (places, staff, purposes, and the two below)."""

    name: str
    archived_at: str | None
    updated: NotRequired[str]


class ActivityRecord(ListEntry):
    """An activity sessions are run of ("activities"); a capacity of 0 or none has no limit."""

    capacity: NotRequired[int]


class ProjectRecord(ListEntry):
    """A funder project sessions and trips are counted for ("projects"), such as LLI-550, with its title."""

    title: NotRequired[str | None]


class PlanRecord(Stamp):
    """A regular session of the week's timetable ("timetable"): it ends on `valid_to`; archived: entered by mistake.

    `weekday` is 1 (Monday) to 7 (Sunday); `start` and `end` are "HH:MM" on the centre's clock; days are
    "YYYY-MM-DD"; a capacity of None is the activity's; `regulars` are participant ids.
    """

    activity_id: str
    weekday: int
    start: str
    end: str
    place: str
    instructor: str
    capacity: int | None
    valid_from: str
    valid_to: str | None
    project_id: str | None
    regulars: list[str]
    archived_at: str | None
    updated: NotRequired[str]


class ChangeRecord(Stamp):
    """A date of the timetable changed ("timetable_changes"): cancelled, moved, or a session added; archived: withdrawn.

    `day` is the planned day it changes (for an added session, its day); a moved or added one says its
    `new_day`, `start` and `end` (None: as planned); an added one says what it is of (activity, place, ...).
    """

    plan_id: str | None
    day: str
    #: "cancelled", "moved" or "added".
    kind: str
    reason: str | None
    new_day: str | None
    start: str | None
    end: str | None
    activity_id: NotRequired[str | None]
    place: NotRequired[str | None]
    instructor: NotRequired[str | None]
    capacity: NotRequired[int | None]
    project_id: NotRequired[str | None]
    archived_at: str | None
    updated: NotRequired[str]


class StaffRecord(ListEntry):
    """A member of staff ("staff"): instructors and drivers are chosen by their roles."""

    roles: NotRequired[list[str]]


class AuditRecord(Stamp):
    """A change to the registry ("audit"): who made it, what it changed, its fields before and after."""

    who: str
    action: str
    #: "<table>:<id>" of what was changed.
    target: str
    before: Any
    after: Any


class OpenMarker(TypedDict):
    """A session or trip this laptop has open, and the week whose log holds it (the registry's "open")."""

    kind: str
    id: str
    week: str


class VehicleRecord(ListEntry):
    """A minibus ("vehicles"): what a trip copies of it when it opens."""

    plate: str
    seats: int
    wheelchair_places: int
    lift: bool
    odometer: int

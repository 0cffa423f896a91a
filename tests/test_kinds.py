"""The record descriptions agree with the shapes checked when a file is read: what the app writes, readers accept."""

from __future__ import annotations

import types
import typing

import pytest

from sessions import kinds
from sessions.storage import shapes

#: Each described record and the table shapes.py checks it in.
DESCRIBED = [
    (kinds.SessionRecord, shapes.WEEK_LOG["sessions"]),
    (kinds.CheckinRecord, shapes.WEEK_LOG["checkins"]),
    (kinds.ScanEvent, shapes.WEEK_LOG["scans"]),
    (kinds.TripRecord, shapes.WEEK_LOG["trips"]),
    (kinds.BoardingRecord, shapes.WEEK_LOG["boardings"]),
    (kinds.CorrectionRecord, shapes.WEEK_LOG["corrections"]),
    (kinds.ActivityRecord, shapes.REGISTRY["activities"]),
    (kinds.VehicleRecord, shapes.REGISTRY["vehicles"]),
    (kinds.StaffRecord, shapes.REGISTRY["staff"]),
    (kinds.ListEntry, shapes.REGISTRY["places"]),
    (kinds.ProjectRecord, shapes.REGISTRY["projects"]),
    (kinds.PlanRecord, shapes.REGISTRY["timetable"]),
    (kinds.ChangeRecord, shapes.REGISTRY["timetable_changes"]),
    (kinds.AuditRecord, shapes.REGISTRY["audit"]),
    (kinds.OpenMarker, shapes.REGISTRY["open"]),
]


def _runtime_types(hint: object) -> set[type]:
    """The run-time types a field's annotation allows (what `type(value)` may be)."""
    hint = (typing.get_origin(hint) is typing.NotRequired and typing.get_args(hint)[0]) or hint
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return set().union(*(_runtime_types(arg) for arg in typing.get_args(hint)))
    if hint is type(None) or hint is None:
        return {type(None)}
    origin = typing.get_origin(hint)
    return {origin if isinstance(origin, type) else typing.cast(type, hint)}


@pytest.mark.parametrize(("kind", "checked"), DESCRIBED, ids=[kind.__name__ for kind, _ in DESCRIBED])
def test_every_checked_field_is_described_and_accepted(kind: type, checked: dict[str, shapes.Field]) -> None:
    hints = typing.get_type_hints(kind)
    for name, field in checked.items():
        assert name in hints, f"{kind.__name__} does not describe {name!r}, which shapes.py checks"
        written = _runtime_types(hints[name])
        assert written <= field.types, f"{kind.__name__}.{name} may hold {written}; shapes.py accepts {field.types}"
        if name in kind.__optional_keys__:  # type: ignore[attr-defined]
            assert shapes._Missing in field.types, f"{kind.__name__}.{name} may be missing; shapes.py requires it"


def test_every_record_carries_its_stamp() -> None:
    for kind, _checked in DESCRIBED:
        if kind is kinds.OpenMarker:  # a marker, written by the registry itself
            continue
        assert {"id", "created", "device"} <= kind.__required_keys__  # type: ignore[attr-defined]


def test_trips_describe_the_return_field() -> None:
    assert typing.get_type_hints(kinds.TripRecord)["return"] == str | None

"""The centre's vehicles and the purposes a trip can have, as staff keep them in the registry."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sessions.i18n import _
from sessions.kinds import VehicleRecord
from sessions.limits import one_line, too_long
from sessions.readings import read_odometer
from sessions.registry import EntryError, Registry

__all__ = ["VEHICLE_FIELDS", "clean_vehicle", "save_vehicle"]

VEHICLE_FIELDS = ("name", "plate", "seats", "wheelchair_places", "lift", "odometer")


def _number(value: Any, field: str, lowest: int, highest: int, sentence: str) -> int:
    text = str(value).strip()
    if not text.isdigit() or not lowest <= int(text) <= highest:
        raise EntryError(field, sentence)
    return int(text)


def clean_vehicle(typed: dict[str, Any]) -> dict[str, Any]:
    """Check a vehicle's fields as typed; raise EntryError with a sentence on the first bad one."""
    name = one_line(typed.get("name", ""))
    if not name:
        raise EntryError("name", _("The name is missing."))
    plate = one_line(typed.get("plate", "")).upper()
    for field, text in (("name", name), ("plate", plate)):
        if problem := too_long(field, text):
            raise EntryError(field, problem)
    return {
        "name": name,
        "plate": plate,
        "seats": _number(typed.get("seats", ""), "seats", 1, 60, _("Seats: a whole number from 1 to 60.")),
        "wheelchair_places": _number(
            typed.get("wheelchair_places", ""),
            "wheelchair_places",
            0,
            10,
            _("Wheelchair places: a whole number from 0 to 10."),
        ),
        "lift": bool(typed.get("lift")),
        "odometer": read_odometer(typed.get("odometer", ""), "odometer"),
    }


def save_vehicle(registry: Registry, now: datetime, vehicle_id: str | None, **typed: Any) -> VehicleRecord:
    """Add a vehicle (`vehicle_id` None) or change one."""
    clean = clean_vehicle(typed)
    if vehicle_id is None:
        return cast(VehicleRecord, registry.add_item("vehicles", now, **clean))
    registry.update_item("vehicles", vehicle_id, now, **clean)
    return registry.item("vehicles", vehicle_id) or cast(VehicleRecord, clean)

"""What every stored record carries: a UUID, its creation time and its device."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sessions.clock import iso

__all__ = ["new_record"]


def new_record(device: str, created: datetime, **fields: Any) -> dict[str, Any]:
    """A record ready to store, so logs from several laptops merge without duplicates."""
    return {"id": uuid.uuid4().hex, "created": iso(created), "device": device, **fields}

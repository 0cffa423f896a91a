"""What other laptops have open, in sentences: "Gym is open on the hall laptop since 10:00."."""

from __future__ import annotations

from datetime import date

from sessions.elsewhere import OpenElsewhere
from sessions.i18n import _, format_datetime, format_time

__all__ = ["elsewhere_line", "since"]


def since(work: OpenElsewhere, today: date) -> str:
    """The time it was opened; with the day when that was not today."""
    started = work.started
    return format_time(started) if started.date() == today else format_datetime(started, year=False)


def elsewhere_line(work: OpenElsewhere, today: date) -> str:
    """One session or trip open on another laptop, in a sentence."""
    if work.kind == "session":
        return _("{activity} is open on “{laptop}” since {time}.").format(
            activity=work.record.get("activity", ""), laptop=work.laptop, time=since(work, today)
        )
    return _("The trip to {destination} is open on “{laptop}” since {time}.").format(
        destination=work.record.get("destination", ""), laptop=work.laptop, time=since(work, today)
    )

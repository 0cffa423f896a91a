"""The sentences a driver sees: boarding answers and what a trip carries."""

from __future__ import annotations

from sessions.checkin import Outcome, ScanResult
from sessions.i18n import _, format_time, ngettext
from sessions.trips import Load, OpenTrip
from tui.answers import sentence

__all__ = ["boarding_sentence", "load_text"]


def load_text(load: Load) -> str:
    """Seats and wheelchair places taken, as one short line."""
    return _("seats {seats}/{total} · wheelchair places {places}/{places_total}").format(
        seats=load.seats_used, total=load.seats, places=load.wheelchair, places_total=load.wheelchair_places
    )


def boarding_sentence(result: ScanResult, trip: OpenTrip) -> str:
    """One clear sentence for the answer to a scan on the boarding screen."""
    name = result.participant.short_name if result.participant else ""
    match result.outcome:
        case Outcome.BOARDED:
            boarding = trip.boarding_of(result.participant.id) if result.participant else None
            chair = _(" In a wheelchair.") if boarding and boarding.get("wheelchair") else ""
            aboard = ngettext("{count} aboard.", "{count} aboard.", trip.count).format(count=trip.count)
            return _("{name} — boarded.{chair} {aboard}").format(name=name, chair=chair, aboard=aboard)
        case Outcome.ALREADY_ABOARD:
            time = format_time(result.first_at) if result.first_at else ""
            return _("{name} is already aboard, since {time}.").format(name=name, time=time)
        case Outcome.FULL:
            load = trip.load()
            return _("The minibus is full: {seats} of {total} seats taken. F3 boards {name} anyway.").format(
                seats=load.seats_used, total=load.seats, name=name
            )
        case Outcome.NO_WHEELCHAIR_PLACE:
            load = trip.load()
            free = max(0, load.seats - load.seats_used)
            seats = ngettext("{n} seat free", "{n} seats free", free).format(n=free)
            return _(
                "No wheelchair place left: {places} of {places_total} taken ({seats}). F3 boards {name} anyway."
            ).format(places=load.wheelchair, places_total=load.wheelchair_places, seats=seats, name=name)
        case Outcome.CLOSED:
            return _("This trip is closed. Open a new one from the driver's screen.")
    return sentence(result)

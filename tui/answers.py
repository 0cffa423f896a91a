"""The sentence each scan answer is shown with."""

from __future__ import annotations

from sessions.checkin import Outcome, ScanResult
from sessions.codes import CodeProblem
from sessions.i18n import _, by_gender, format_date, format_time, pgettext

__all__ = ["sentence"]


def _count(result: ScanResult) -> str:
    if result.capacity:
        return _("{count} of {capacity}").format(count=result.count, capacity=result.capacity)
    return str(result.count)


def sentence(result: ScanResult) -> str:
    """One clear sentence for the answer to a scan."""
    name = result.participant.short_name if result.participant else ""
    gender = result.participant.gender if result.participant else None
    match result.outcome:
        case Outcome.CHECKED_IN:
            said = by_gender(
                gender,
                pgettext("female", "{name} — checked in. {count}"),
                pgettext("male", "{name} — checked in. {count}"),
                _("{name} — checked in. {count}"),
            )
            return said.format(name=name, count=_count(result))
        case Outcome.ALREADY_IN:
            time = format_time(result.first_at) if result.first_at else ""
            said = by_gender(
                gender,
                pgettext("female", "{name} is already checked in, since {time}."),
                pgettext("male", "{name} is already checked in, since {time}."),
                _("{name} is already checked in, since {time}."),
            )
            return said.format(name=name, time=time)
        case Outcome.UNKNOWN_CARD:
            return _("Unknown card. Ask staff to look at it.")
        case Outcome.REVOKED_CARD:
            day = format_date(result.revoked_at) if result.revoked_at else ""
            return _("This card was replaced on {day}. Please use the new card.").format(day=day)
        case Outcome.ARCHIVED:
            return _("{name} is archived in the register. Ask staff.").format(name=name)
        case Outcome.NOT_A_CARD:
            if result.problem is CodeProblem.CHECK_DIGIT:
                return _("The code does not add up. Scan again, or type the digits carefully.")
            return _("That is not a card. Scan the card again, or type a name and pick with ↓.")
        case Outcome.FULL:
            return _("The session is full ({count}). F3 lets {name} in anyway.").format(count=_count(result), name=name)
        case Outcome.CLOSED:
            return _("This session is closed. Start a new one from the home screen.")
        case Outcome.NOT_SAVED:
            return _("NOT saved: {reason}. Nothing was recorded. Try again or call staff.").format(
                reason=result.error or ""
            )
    return ""

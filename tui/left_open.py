"""Sessions the last run left open: gone on with or closed at start, and what waited looked at again later."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from sessions.attendance import LeftOpen, OpenSession, SessionSummary, close_left_open
from sessions.i18n import _, format_datetime, format_time, ngettext
from sessions.storage.disk import is_disk_full, write_problem
from sessions.storage.durable import DamagedFile

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["closed_notes", "goes_on_line", "retry_left_open", "waiting_note"]


def _closed_note(summary: SessionSummary) -> str:
    return ngettext(
        "{activity} from {time} was left open and has now been closed ({n} person checked in).",
        "{activity} from {time} was left open and has now been closed ({n} people checked in).",
        summary.attendances,
    ).format(activity=summary.activity, time=format_datetime(summary.started, year=False), n=summary.attendances)


def closed_notes(left_open: LeftOpen | None) -> list[partial[str]]:
    """One note per session closed; made when shown, so that they follow a change of language."""
    return [partial(_closed_note, summary) for summary in (left_open.closed if left_open else [])]


def goes_on_line(session: OpenSession) -> str:
    """The home screen's line for a session that was open when the app stopped and goes on; made when shown."""
    return ngettext(
        "{activity} from {time} was open when centrelog stopped and goes on ({n} checked in): "
        "press 1 to go on checking in.",
        "{activity} from {time} was open when centrelog stopped and goes on ({n} checked in): "
        "press 1 to go on checking in.",
        session.count,
    ).format(activity=session.record["activity"], time=format_time(session.started), n=session.count)


def waiting_note(left_open: LeftOpen | None) -> str:
    """What a refused write left waiting, in a sentence; "" when nothing waits."""
    if left_open is None or not left_open.waiting or left_open.problem is None:
        return ""
    n, reason = left_open.still_open, write_problem(left_open.problem)
    if n and is_disk_full(left_open.problem):
        return ngettext(
            "{n} session left open could not be closed: the disk is full. "
            "Nothing was changed; it is closed once there is room again.",
            "{n} sessions left open could not be closed: the disk is full. "
            "Nothing was changed; they are closed once there is room again.",
            n,
        ).format(n=n)
    if n:
        return ngettext(
            "{n} session left open could not be closed: {reason}. Nothing was changed; it is tried again later.",
            "{n} sessions left open could not be closed: {reason}. Nothing was changed; they are tried again later.",
            n,
        ).format(n=n, reason=reason)
    return _("The start could not save everything: {reason}. Nothing is lost; the rest is saved later.").format(
        reason=reason
    )


async def retry_left_open(app: CentrelogApp) -> bool:
    """Look again at what waited at start (False: nothing waits); the next start looks too.

    A close a refused write left waiting is tried again; a session whose week
    lay set aside as damaged goes on or is closed once the week is restored.
    """
    before: LeftOpen | None = app.left_open
    if before is None or not before.to_try_again:
        return False
    try:
        again = await app.write(close_left_open, app.store, app.clock(), only=before.to_try_again)
    except (OSError, DamagedFile):  # a week log that cannot be read now: the next start names it
        return True
    app.left_open = LeftOpen(
        before.closed + again.closed,
        again.waiting,
        again.still_open,
        again.problem,
        before.resumed + again.resumed,
        again.unread,
    )
    return True

"""The weekly bundle's timetable sheet: each planned session of the week, what became of it, who came."""

from __future__ import annotations

from operator import attrgetter

from exports.columns import Field, column, table
from exports.projects import ProjectCount, Timetable, project_name
from exports.readers import Logs
from exports.spreadsheet import Sheet
from sessions.i18n import N_
from sessions.timetable import Occurrence

__all__ = ["CHANGES", "STATUSES", "planned_sheet"]

#: What became of a planned session (sessions/planned.py), as its status says it to a person.
STATUSES = {
    "held": N_("held"),
    "holiday": N_("public holiday"),
    "cancelled": N_("cancelled"),
    "not_held": N_("not held"),
    "to_come": N_("still to come"),
}
#: How the timetable's date was changed: moved to another day or hour, or a session added once.
CHANGES = {"moved": N_("moved"), "added": N_("added (one-off)")}


def _held(logs: Logs) -> tuple[dict[tuple[str, str], list[str]], dict[str, set[str]]]:
    """Held sessions by the planned session they carry (plan_id, planned_day), and who came to each session."""
    held: dict[tuple[str, str], list[str]] = {}
    for sid, session in sorted(logs.sessions.items(), key=lambda item: str(item[1].get("start"))):
        if session.get("plan_id"):
            held.setdefault((str(session["plan_id"]), str(session.get("planned_day") or "")), []).append(sid)
    came: dict[str, set[str]] = {}
    for checkin in logs.checkins:
        came.setdefault(checkin["session_id"], set()).add(checkin["participant_id"])
    return held, came


def planned_sheet(logs: Logs, counted: ProjectCount, timetable: Timetable) -> Sheet:
    """One row per planned session of the week, by start: held (and by which session), a holiday, cancelled
    (with its reason), not held, or to come; people who came counted once."""
    held, came = _held(logs)
    statuses, projects = counted.figures.statuses, timetable.projects

    def sessions(o: Occurrence) -> list[str]:
        return held.get(o.key, []) if statuses.get(o.key) == "held" else []

    def people(o: Occurrence) -> int:
        return len(set().union(*(came.get(sid, set()) for sid in sessions(o))))

    fields: list[Field[Occurrence]] = [
        column("date", N_("Date"), lambda o: o.day.isoformat()),
        column("start", N_("Start"), lambda o: o.start.strftime("%H:%M")),
        column("end", N_("End"), lambda o: o.end.strftime("%H:%M")),
        column("activity", N_("Activity"), attrgetter("activity")),
        column("place", N_("Place"), attrgetter("place")),
        column("instructor", N_("Instructor"), attrgetter("instructor")),
        column("project", N_("Project"), lambda o: project_name(projects, o.project_id)),
        column("capacity", N_("Capacity"), attrgetter("capacity")),
        column("status", N_("Status"), lambda o: statuses.get(o.key, ""), words=STATUSES),
        column("reason", N_("Reason"), lambda o: o.holiday or o.reason),
        column("change", N_("Change"), lambda o: o.change if o.change in CHANGES else "", words=CHANGES),
        column("planned_day", N_("Planned for"), lambda o: o.planned_day.isoformat()),
        column("attendance", N_("Attendance"), people),
        column("session_id", N_("Session id"), lambda o: " ".join(sessions(o))),
    ]
    return table("timetable", N_("Timetable"), fields, timetable.planned)

"""Planned against held, recounted by the test from the files themselves and compared with the report's files.

The test reads the registry file and the week logs as JSON (no code of the app), expands the timetable by
the rule as the issue states it, and counts:

- a regular session takes place on its weekday from `valid_from` to `valid_to`; a date of it may be cancelled
  (with a reason) or moved (it keeps its planned day); a session may be added on a date; of two changes of
  one date the later stands, a withdrawn (archived) one does not; a plan withdrawn never took place;
- a planned date on a public holiday (the `holidays` library, the centre's country) is a holiday: not
  planned, not cancelled; a date moved takes place where it was put;
- a session held carries `plan_id` and `planned_day`: it holds that planned session (held even if it was
  cancelled: never both); one of no planned session of the period is unplanned, counted for its own project;
- a planned session neither held, nor a holiday, nor cancelled is "not held" once ended, else "to come";
- attendance is the people who came to a planned session (each once), against its capacity.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest

from exports.periods import Period, between
from exports.report import write_report
from exports.weekly import export_week
from sessions.demo import DEMO_WEEKS, seed_demo
from sessions.store import Store
from tests.conftest import MONDAY, Clock
from tests.export_helpers import read_csv
from tests.timetable_helpers import hand_made_history

Record = dict[str, Any]
RIGA = ZoneInfo("Europe/Riga")


# The files, read as JSON ---------------------------------------------------------------------------------------


def _registry(data: Path) -> dict[str, list[Record]]:
    (path,) = (data / "registry").glob("*.json")  # one laptop kept the registry
    tables = json.loads(path.read_text("utf-8"))
    return {name: list(rows.values()) for name, rows in tables.items() if isinstance(rows, dict)}


def _logs(data: Path) -> dict[str, dict[str, Record]]:
    assert not list((data / "logs").glob("*.journal")), "the test reads closed week files only"
    merged: dict[str, dict[str, Record]] = {"sessions": {}, "checkins": {}, "trips": {}, "boardings": {}}
    for path in sorted((data / "logs").glob("*.json")):
        tables = json.loads(path.read_text("utf-8"))
        for name, into in merged.items():
            for record in tables.get(name, {}).values():
                kept = into.get(record["id"])
                into[record["id"]] = record if kept is None or record.get("voided_at") else kept
    return merged


# The rule, as the issue states it ------------------------------------------------------------------------------


def _planned(registry: dict[str, list[Record]], period: Period) -> list[Record]:
    """Each planned session of the period: key, day, project, capacity, reason, status-to-be."""
    settings = {s["key"]: s["value"] for s in registry.get("settings", [])}
    country = settings.get("holiday_country") or "LV"
    days_off = holidays.country_holidays(country, years=range(period.start.year - 1, period.end.year + 2))
    activities = {a["id"]: a for a in registry["activities"]}
    latest: dict[tuple[str, str], Record] = {}
    for change in sorted(registry.get("timetable_changes", []), key=lambda c: (c["created"], c["device"], c["id"])):
        if not change.get("archived_at"):
            latest[change["plan_id"] or change["id"], change["day"]] = change
    found = []
    for plan in registry.get("timetable", []):
        if plan.get("archived_at"):
            continue
        day = date.fromisoformat(plan["valid_from"])
        day += timedelta(days=(plan["weekday"] - day.isoweekday()) % 7)
        ends = date.fromisoformat(plan["valid_to"]) if plan.get("valid_to") else period.end + timedelta(days=400)
        while day <= ends:
            change = latest.get((plan["id"], day.isoformat()), {})
            kind = change.get("kind")
            on = date.fromisoformat(change["new_day"]) if kind == "moved" and change.get("new_day") else day
            holiday = day in days_off and kind != "moved"
            end = change.get("end") if kind == "moved" and change.get("end") else plan["end"]
            if period.start <= on <= period.end:
                found.append(
                    {
                        "key": (plan["id"], day.isoformat()),
                        "end": datetime.combine(on, time.fromisoformat(end), tzinfo=RIGA),
                        "project": plan.get("project_id"),
                        "capacity": plan["capacity"] or activities[plan["activity_id"]].get("capacity"),
                        "plan": plan["id"],
                        "holiday": holiday,
                        "cancelled": kind == "cancelled",
                        "reason": change.get("reason"),
                    }
                )
            day += timedelta(weeks=1)
    for (change_id, day_text), change in latest.items():
        on = date.fromisoformat(day_text)
        if change["kind"] == "added" and period.start <= on <= period.end:
            ends_at = datetime.combine(on, time.fromisoformat(change["end"]), tzinfo=RIGA)
            found.append(
                {
                    "key": (change_id, day_text),
                    "end": ends_at,
                    "project": change.get("project_id"),
                    "capacity": change.get("capacity"),
                    "plan": None,
                    "holiday": False,
                    "cancelled": False,
                    "reason": None,
                }
            )
    return found


def _recount(data: Path, period: Period, now: datetime) -> dict[str, Any]:
    """The figures in total and per project id (None: no project), and per plan, counted from the files."""
    planned = _planned(_registry(data), period)
    logs = _logs(data)
    sessions = [
        s
        for s in logs["sessions"].values()
        if not s.get("voided_at") and period.start.isoformat() <= s["start"][:10] <= period.end.isoformat()
    ]
    came: dict[str, set[str]] = {}
    for checkin in logs["checkins"].values():
        if not checkin.get("voided_at"):
            came.setdefault(checkin["session_id"], set()).add(checkin["participant_id"])
    keys = {p["key"] for p in planned}
    held: dict[tuple[str, str], set[str]] = {}
    totals: dict[Any, Counter[str]] = {"all": Counter()}
    reasons: Counter[str] = Counter()
    for session in sessions:
        key = (session.get("plan_id") or "", session.get("planned_day") or "")
        if key in keys:
            held.setdefault(key, set()).update(came.get(session["id"], set()))
        else:
            for part in ("all", session.get("project_id")):
                totals.setdefault(part, Counter())["unplanned"] += 1
    plans: dict[str, Counter[str]] = {}
    for one in planned:
        if one["key"] in held:
            status = "held"
        elif one["holiday"]:
            status = "holidays"
        elif one["cancelled"]:
            status = "cancelled"
            reasons[one["reason"] or ""] += 1
        else:
            status = "not_held" if one["end"] <= now else "to_come"
        counts = [totals["all"], totals.setdefault(one["project"], Counter())]
        if one["plan"]:
            counts.append(plans.setdefault(one["plan"], Counter()))
        for counter in counts:
            counter[status] += 1
            counter["planned"] += status != "holidays"
        if one["plan"] and status == "held":
            plans[one["plan"]]["attendance"] += len(held[one["key"]])
            plans[one["plan"]]["places"] += one["capacity"] or 0
    return {"totals": totals, "reasons": reasons, "plans": plans}


# Compared with what the report wrote ----------------------------------------------------------------------------


MEASURES = {
    "planned": "planned",
    "planned_held": "held",
    "cancelled": "cancelled",
    "not_held": "not_held",
    "to_come": "to_come",
    "holidays": "holidays",
    "unplanned": "unplanned",
}


def _project_names(data: Path) -> dict[Any, str]:
    return {p["id"]: p["name"] for p in _registry(data).get("projects", [])} | {None: "no_project", "all": "all"}


def _compare(data: Path, period: Period, now: datetime) -> dict[str, Any]:
    expected = _recount(data, period, now)
    with Store(data, read_only=True) as store:
        result = write_report(store, period, now=now, column_keys=True, out=data.parent / "report")
    rows = read_csv(data.parent / "report" / "indicators.csv")
    figures = {(r["measure"], r["breakdown"]): int(r["value"]) for r in rows}
    names = _project_names(data)
    for project, counts in expected["totals"].items():
        for measure, status in MEASURES.items():
            assert figures.get((measure, names[project]), 0) == counts[status], (measure, names[project])
    assert figures["cancelled_reasons", "all"] == sum(expected["reasons"].values())
    for reason, count in expected["reasons"].items():
        assert figures["cancelled_reasons", reason or "no_reason"] == count
    written = read_csv(data.parent / "report" / "regular_sessions.csv")
    assert len(written) == len(expected["plans"])
    by_plan = {(p.weekday, p.start, p.activity): p.plan_id for p in result.indicators.plans}
    for row in written:
        counts = expected["plans"][by_plan[int(_weekday(row["weekday"])), row["start"], row["activity"]]]
        assert [int(row[k]) for k in ("planned", "held", "cancelled", "not_held", "holidays")] == [
            counts[k] for k in ("planned", "held", "cancelled", "not_held", "holidays")
        ]
        assert (int(row["attendance"]), int(row["places"])) == (counts["attendance"], counts["places"])
        fill = round(100 * counts["attendance"] / counts["places"]) if counts["places"] else ""
        assert row["fill"] == str(fill)
    return expected


def _weekday(name: str) -> int:
    return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").index(name) + 1


def test_the_hand_made_history_recounted_from_the_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        hand_made_history(store)
    now = datetime(2026, 11, 23, 9, 30, tzinfo=RIGA)
    expected = _compare(data, between(date(2026, 11, 2), date(2026, 11, 22)), now)
    totals = expected["totals"]["all"]
    # What the history was made to hold (tests/timetable_helpers.py), so that the recount has each case to count.
    assert (totals["planned"], totals["held"], totals["cancelled"], totals["holidays"], totals["unplanned"]) == (
        9,
        4,
        1,
        1,
        1,
    )
    assert totals["not_held"] == 4 and expected["reasons"] == Counter({"Instruktore slima": 1})


def test_the_hand_made_history_and_the_week_still_to_come(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        hand_made_history(store)
    # Monday morning of week 48: its gym, Cigun and pool are still to come.
    expected = _compare(data, between(date(2026, 11, 16), date(2026, 11, 29)), datetime(2026, 11, 23, 9, tzinfo=RIGA))
    assert expected["totals"]["all"]["to_come"] == 3


@pytest.mark.parametrize("weeks_back", [DEMO_WEEKS, 2])
def test_the_demo_recounted_from_the_files(tmp_path: Path, clock: Clock, weeks_back: int) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        seed_demo(store, clock())
    first = (clock() - timedelta(weeks=weeks_back)).date()
    expected = _compare(data, between(first, first + timedelta(weeks=weeks_back, days=6)), clock())
    totals = expected["totals"]["all"]
    assert totals["held"] and totals["cancelled"] + totals["holidays"] and totals["to_come"]


def test_the_weekly_export_says_what_became_of_each_planned_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        hand_made_history(store)
    now = datetime(2026, 11, 23, 9, 30, tzinfo=RIGA)
    with Store(data, read_only=True) as store:
        export_week(store, "2026-W47", column_keys=True, out=tmp_path / "week", now=now)
    planned = {
        (row["date"], row["activity"]): (row["status"], row["reason"], row["change"], row["attendance"])
        for row in read_csv(tmp_path / "week" / "timetable.csv")
    }
    assert planned == {
        ("2026-11-16", "Gym"): ("cancelled", "Instruktore slima", "", "0"),
        ("2026-11-18", "Cigun"): ("holiday", "Republic of Latvia Proclamation Day", "", "0"),
        ("2026-11-20", "Pool"): ("held", "", "moved", "4"),
        ("2026-11-21", "Cigun"): ("held", "", "added", "2"),
    }
    sessions = read_csv(tmp_path / "week" / "sessions.csv")
    assert sorted((s["date"], s["activity"], s["planned"], s["project"]) for s in sessions) == [
        ("2026-11-20", "Gym", "0", ""),
        ("2026-11-20", "Pool", "1", ""),
        ("2026-11-21", "Cigun", "1", "LLI-425"),
    ]
    trips = read_csv(tmp_path / "week" / "trips.csv")
    assert sorted(t["project"] for t in trips) == ["", "LLI-550"]
    summary = {(r["measure"], r["breakdown"]): r["value"] for r in read_csv(tmp_path / "week" / "summary.csv")}
    assert summary["planned", "all"] == "3" and summary["cancelled", "LLI-550"] == "1"
    assert summary["project_trips", "LLI-550"] == "1" and summary["unplanned", "no_project"] == "1"


def test_the_report_says_the_planned_figures_on_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    data = tmp_path / "data"
    with Store(data) as store:
        seed_demo(store, MONDAY)
    command = ["report", "--data-dir", str(data), "--lang", "en", "--from", "2026-11-02", "--to", "2026-11-22"]
    assert main(command) == 0
    said = capsys.readouterr().out
    assert "Planned sessions: " in said and "cancelled: 1" in said and "on public holidays: 1" in said

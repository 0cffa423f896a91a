"""On the demo centre: `centrelog export` and `centrelog report --all` against a count made straight from the files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessions.clock import week_key
from sessions.i18n import format_week
from sessions.storage.journal import read_log
from tests.export_helpers import read_csv
from tui.cli import main


def independent_count(data_dir: Path) -> dict[str, int]:
    """Count the demo's history from the JSON files alone, sharing no code with exports/."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted((data_dir / "logs").glob("*.json")):
        for name, records in (read_log(path) or {}).items():  # the file, then its journal
            for record in records.values():
                tables.setdefault(name, {})[record["id"]] = record
    trips = {k: dict(v) for k, v in tables.get("trips", {}).items()}
    for fix in sorted(tables.get("corrections", {}).values(), key=lambda c: c["created"]):
        if fix["target_table"] == "trips" and fix["target_id"] in trips:
            for name, change in fix["changes"].items():
                trips[fix["target_id"]][name] = change["after"]
    sessions = {k for k, v in tables.get("sessions", {}).items() if not v.get("voided_at")}
    checkins = [
        c for c in tables.get("checkins", {}).values() if c["session_id"] in sessions and not c.get("voided_at")
    ]
    trips = {k: v for k, v in trips.items() if not v.get("voided_at")}
    boardings = [b for b in tables.get("boardings", {}).values() if b["trip_id"] in trips and not b.get("voided_at")]
    km = 0
    for trip in trips.values():
        if trip.get("odometer_end") is not None and trip["odometer_end"] >= trip["odometer_start"]:
            km += trip["odometer_end"] - trip["odometer_start"]
    return {
        "sessions": len(sessions),
        "attendances": len(checkins),
        "unique_persons": len({c["participant_id"] for c in checkins} | {b["participant_id"] for b in boardings}),
        "unique_persons_sessions": len({c["participant_id"] for c in checkins}),
        "trips": len(trips),
        "boardings": len(boardings),
        "unique_passengers": len({b["participant_id"] for b in boardings}),
        "wheelchair_trips": len({b["trip_id"] for b in boardings if b.get("wheelchair")}),
        "km": km,
    }


def test_demo_export_and_whole_history_report_match_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "demo"
    before = date.today()
    assert main(["export", "--demo", "--data-dir", str(data_dir)]) == 0
    after = date.today()  # a run across midnight may see either day
    line = capsys.readouterr().out.strip()
    week = Path(line.rpartition(" files in ")[2].rstrip(".")).name  # the folder keeps the ISO week
    assert week in {week_key(day - timedelta(days=7)) for day in (before, after)}
    assert line.startswith(f"Exported {format_week(week, year=True)}: ")  # said as people say it
    attendance = read_csv(data_dir / "exports" / week / "attendance.csv")
    assert attendance and all(row["Name"] for row in attendance)
    assert any(ord(ch) > 0x400 for row in attendance for ch in row["Name"])  # Cyrillic names intact

    assert main(["report", "--all", "--column-keys", "--data-dir", str(data_dir)]) == 0
    folder = next((data_dir / "exports").glob("report-*"))
    figures = {r["measure"]: int(r["value"]) for r in read_csv(folder / "indicators.csv") if r["breakdown"] == "all"}
    expected = independent_count(data_dir)
    assert expected["attendances"] > expected["unique_persons_sessions"] > 0
    for measure, value in expected.items():
        assert figures[measure] == value, measure

"""The benchmark harness, end to end on one small week, so that it cannot rot (no timing asserted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.run import run
from benchmarks.table import missing, render, render_laptops


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One smoke run of the whole harness, one laptop and three, shared by the checks below."""
    return run(tmp_path_factory.mktemp("bench"), smoke=True, say=lambda _text: None)


def test_harness_produces_every_figure_and_the_burst_comes_through_whole(results: dict[str, Any]) -> None:
    assert missing(results) == []
    burst = results["app_ten_years"]["burst"]
    assert burst["sent"] == burst["logged"] == burst["checked_in"] > 0
    assert (burst["lost"], burst["reordered"], burst["merged"], burst["duplicated"]) == (0, 0, 0, 0)
    assert results["app_ten_years"]["exit_codes"] == [0] * len(results["app_ten_years"]["exit_codes"])
    assert results["reports"]["report_progress_calls"] > 0
    assert "| start → ready-to-scan" in render(results)


def test_the_three_laptop_centre_runs_as_the_hall_laptop_and_its_burst_comes_through_whole(
    results: dict[str, Any],
) -> None:
    three = results["app_three_laptops"]
    burst = three["burst"]
    assert burst["sent"] == burst["logged"] == burst["checked_in"] > 0
    assert (burst["lost"], burst["reordered"], burst["merged"], burst["duplicated"]) == (0, 0, 0, 0)
    assert three["exit_codes"] == [0] * len(three["exit_codes"])
    assert results["reports_three_laptops"]["report_progress_calls"] > 0
    assert "| start → ready-to-scan" in render_laptops(results)


def test_a_second_run_reuses_the_generated_centre(tmp_path: Path) -> None:
    from benchmarks.generate import Centre, ensure
    from sessions.clock import now

    centre = Centre.one_week(now().date())
    first = ensure(tmp_path, centre)
    marker = first.data_dir / "registry" / "hall-laptop.json"
    stamp = marker.stat().st_mtime_ns
    again = ensure(tmp_path, centre)
    assert again.counts == first.counts and marker.stat().st_mtime_ns == stamp
    log_tables = ("sessions", "checkins", "scans", "trips", "boardings", "corrections")
    assert first.records == sum(first.counts[t] for t in log_tables)


def test_the_three_laptop_centre_is_the_same_centre_as_three_laptops_leave_it(tmp_path: Path) -> None:
    import json

    from benchmarks.folder import device_of, registry_of
    from benchmarks.generate import Centre, ensure
    from benchmarks.three_laptops import LAPTOPS, OWNER, ensure_three
    from sessions.clock import now
    from sessions.storage.stamps import STAMPS

    one = ensure(tmp_path, Centre.one_week(now().date()))
    folder, counts = ensure_three(one)

    assert device_of(folder) == "hall-laptop"
    assert sorted(p.name for p in (folder / "registry").iterdir()) == [f"{d}.json" for d in LAPTOPS]
    # Registry edits on all three laptops, each file stamped by more than its own laptop (it read the others).
    assert all(sum(counts["changes"][d].values()) > 0 for d in LAPTOPS)
    for device in LAPTOPS:
        data = json.loads((folder / "registry" / f"{device}.json").read_text(encoding="utf-8"))
        docs = [doc for t in data.values() for doc in t.values() if isinstance(doc, dict)]  # not the _centre mark
        stampers = {s[3] for doc in docs for s in doc.get(STAMPS, {}).values()}
        assert device in stampers and len(stampers) > 1
    # Not every file knows everything: the hall must merge the others at its start.
    own = json.loads((folder / "registry" / "hall-laptop.json").read_text(encoding="utf-8"))
    merged = registry_of(folder)
    mine = {d["id"]: {k: v for k, v in d.items() if k != STAMPS} for d in own["participants"].values()}
    assert any(mine.get(d["id"]) != d for d in merged["participants"].values())
    # The same logs, each table in its writer's files, pointing at people the registry knows.
    people = {d["id"] for d in merged["participants"].values()}
    records = 0
    for path in (folder / "logs").glob("*.json"):
        device = path.name.split(".")[1]
        for table, rows in json.loads(path.read_text(encoding="utf-8")).items():
            assert OWNER[table] == device
            records += len(rows)
            assert all(r["device"] == device for r in rows.values())
            assert all(r.get("participant_id") in people | {None} for r in rows.values())
    assert records == one.records
    stamp = (folder / "registry" / "hall-laptop.json").stat().st_mtime_ns
    again, _counts = ensure_three(one)
    assert again == folder and (folder / "registry" / "hall-laptop.json").stat().st_mtime_ns == stamp

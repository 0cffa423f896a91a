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

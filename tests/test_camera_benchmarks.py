"""The camera's two benchmarks, end to end on a few frames and one small week, so that they cannot rot.

No timing is asserted; docs/benchmarks.md has the figures of full runs.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import camera_cards, camera_scans


def test_the_card_benchmark_reads_the_card_square_on_at_every_distance() -> None:
    results = camera_cards.measure(samples=1)
    assert [row["condition"] for row in results["rows"]] == [name for name, _look, _phone in camera_cards.CONDITIONS]
    assert results["rows"][0]["read"] == {str(d): 1.0 for d in camera_cards.DISTANCES_CM}
    table = camera_cards.render(results)
    assert table.startswith("| how the card is held") and table.count("\n| ") == len(camera_cards.CONDITIONS)


def test_the_scan_benchmark_runs_the_app_with_the_camera_off_and_on(tmp_path: Path) -> None:
    found = camera_scans.measure(tmp_path, smoke=True, say=lambda _text: None)
    off, on = found["off"], found["on"]
    assert off["exit_codes"] == on["exit_codes"] == [0]
    assert off["scan_to_answer"]["n"] == on["scan_to_answer"]["n"] == 5
    assert off["idle_camera_percent"] == 0 < on["idle_camera_percent"]  # the camera reads in its own process
    assert off["camera_memory_mb"] == 0 < on["camera_memory_mb"]
    assert not off["opencv_in_app"] and not on["opencv_in_app"]
    assert "| USB scan → answer on screen, p99" in camera_scans.render(found)

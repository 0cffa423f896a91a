"""A short run of the crash harness: the real app killed with SIGKILL while cards are scanned."""

from __future__ import annotations

from pathlib import Path

from tools.crash_harness import run


def test_kill_9_loses_no_green_check_in(tmp_path: Path) -> None:
    # A longer kill window than the full run, so that a slow machine still shows green answers.
    rounds = run(3, seed=7, data_dir=tmp_path / "data", kill_within_s=1.5)
    assert all(not r.note for r in rounds), [r.note for r in rounds]
    assert sum(len(r.green_names) for r in rounds) > 0  # the harness did see green answers
    assert [r.missing for r in rounds] == [[], [], []]
    assert [r.unreadable for r in rounds] == [[], [], []]
    # Each restart found the session the kill left open going on, with what the kill left on disk.
    assert [r.went_on_with for r in rounds] == [None, rounds[0].on_disk, rounds[1].on_disk]

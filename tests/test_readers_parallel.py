"""A long period is parsed by worker processes, and counts exactly what one process reading alone counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sessions.store import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one processor: the period is read alone")
def test_workers_read_the_same_records_as_one_process(demo_store: Store) -> None:
    demo_store.close()  # the report runs on its own, as `centrelog report` does
    script = textwrap.dedent(
        f"""
        import json
        from pathlib import Path
        import exports.readers as readers
        from exports.periods import between
        from sessions.store import Store
        from datetime import date

        with Store(Path({str(demo_store.data_dir)!r}), read_only=True) as store:
            period = between(date(2026, 1, 1), date(2026, 12, 31))
            found = {{}}
            for label, parallel_from in (("alone", 10**9), ("workers", 1)):
                logs = readers.load_logs(store, period, indicators_only=True, parallel_from=parallel_from)
                found[label] = {{
                    "workers": logs.workers,
                    "checkins": sorted(map(repr, map(sorted, (c.items() for c in logs.checkins)))),
                    "boardings": sorted(map(repr, map(sorted, (b.items() for b in logs.boardings)))),
                    "sessions": sorted(logs.sessions),
                    "trips": sorted(logs.trips),
                }}
        print(json.dumps(found))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    found = json.loads(done.stdout)
    alone, workers = found["alone"], found["workers"]
    assert alone.pop("workers") == 0 and workers.pop("workers") == 2
    assert alone["checkins"] and alone["boardings"]
    assert workers == alone


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one processor: the period is read alone")
def test_a_damaged_file_read_by_a_worker_is_named_not_waited_for(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir(parents=True)
    for n in range(120):
        (logs / f"2016-W{n % 52 + 1:02d}.d{n}.json").write_text('{"checkins":{}}', "utf-8")
    damaged = logs / "2016-W05.d4.json"
    damaged.write_text('{"checkins":{"1":', "utf-8")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        import exports.readers as readers
        from sessions.storage.durable import DamagedFile
        files = sorted(Path({str(logs)!r}).glob("*.json"))
        workers = readers._workers_for(files, indicators_only=True)
        try:
            list(readers._read_all(files, indicators_only=True, workers=workers))
        except DamagedFile as error:
            print("named", error.path, workers)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["named", str(damaged), "2"], done.stdout + done.stderr

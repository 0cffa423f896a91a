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
                readers.PARALLEL_FROM = parallel_from
                logs = readers.load_logs(store, period, slim=True)
                found[label] = {{
                    "workers": readers.last_workers,
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

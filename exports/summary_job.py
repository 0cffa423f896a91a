"""Summarise every closed week that has no summary, in a process of its own at low priority, beside the app.

    python -m exports.summary_job DATA_DIR NOW

prints one JSON line: how many weeks were summarised and how many stood already. The app
starts it a little after it starts (tui/summaries.py), so that the first report of the day
finds its summaries made; a scan never waits for it (another process, in the idle scheduling class).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sessions.storage.idle import only_when_idle

__all__ = ["summarise_in_child"]


def summarise_in_child(
    data_dir: Path, now: datetime, started: Callable[[subprocess.Popen[str]], None] | None = None
) -> dict[str, int]:
    """Run summarise_closed on `data_dir` in a child process at low priority: {"made": …, "stood": …}.

    `started` is handed the child as soon as it runs (the app stops it when it quits: the summaries
    are only derived data, made again at the next start). A damaged file stops nothing here:
    {"damaged": 1}; a child stopped or failed answers {"failed": 1}.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "exports.summary_job", str(data_dir), now.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    if started is not None:
        started(child)
    out, _err = child.communicate()
    try:
        return dict(json.loads(out.strip().splitlines()[-1]))
    except (IndexError, ValueError):
        return {"failed": 1}


def main(argv: list[str]) -> int:
    """The child: summarise `argv[0]`'s closed weeks as of `argv[1]`, answer in one JSON line."""
    only_when_idle()  # before the reports' modules are imported: the imports too give way to the app
    from exports.held_read import summarise_closed
    from sessions.storage.durable import DamagedFile
    from sessions.store import Store

    data_dir, moment = Path(argv[0]), datetime.fromisoformat(argv[1])
    try:
        with Store(data_dir, read_only=True) as store:
            made, stood = summarise_closed(store, moment, workers=False)
    except DamagedFile:
        print(json.dumps({"damaged": 1}))
        return 1
    print(json.dumps({"made": made, "stood": stood}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

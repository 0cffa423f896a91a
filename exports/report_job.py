"""Count a period report in a process of its own: ten years of logs never swell the app's memory."""

from __future__ import annotations

import base64
import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from exports.centres import NotACentre, open_centres
from exports.periods import Period
from exports.report import ReportResult, write_report
from sessions.clock import from_iso, iso
from sessions.clock import now as clock_now
from sessions.i18n import _, current_language, set_language
from sessions.storage.durable import DamagedFile
from sessions.store import Store

__all__ = ["ReportFailed", "report_in_child"]


class ReportFailed(Exception):
    """The child could not count or write the report; the message says why."""


def report_in_child(
    data_dir: Path,
    period: Period,
    *,
    progress: Callable[[int, int], None] | None = None,
    others: Sequence[Path] = (),
    now: datetime | None = None,
    summarising: Callable[[int, int], None] | None = None,
) -> ReportResult:
    """Run write_report on `data_dir` and other centres' folders `others` in a child process, passing progress on.

    `now` (default: the clock's) is the moment planned sessions are judged at: ended and not held, or to come.
    `summarising(done, total)` is told while closed weeks without a summary are summarised first.
    """
    with tempfile.TemporaryDirectory(prefix="centrelog-report-") as tmp:
        answer = Path(tmp) / "result.pickle"
        encoded = base64.b64encode(pickle.dumps(period)).decode()
        centres = json.dumps([str(folder) for folder in others])
        command = [
            sys.executable,
            "-m",
            "exports.report_job",
            str(data_dir),
            encoded,
            current_language(),
            str(answer),
            centres,
            iso(now or clock_now()),
        ]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for line in child.stdout:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "progress" and progress is not None:
                progress(int(parts[1]), int(parts[2]))
            elif len(parts) == 3 and parts[0] == "summarising" and summarising is not None:
                summarising(int(parts[1]), int(parts[2]))
        problem = child.stderr.read().strip() if child.stderr else ""
        if child.wait() != 0 or not answer.exists():
            raise ReportFailed(problem.splitlines()[-1] if problem else "the report stopped")
        result = pickle.loads(answer.read_bytes())
    assert isinstance(result, ReportResult)
    return result


def main(argv: list[str]) -> int:
    """The child: count the report, print progress lines, leave the result in a pickle."""
    os.umask(0o077)
    data_dir, encoded, language, answer, centres, moment = argv
    set_language(language)
    period = pickle.loads(base64.b64decode(encoded))

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    def summarising(done: int, total: int) -> None:
        print(f"summarising {done} {total}", flush=True)

    try:
        with Store(Path(data_dir), read_only=True) as store, open_centres(store, json.loads(centres)) as others:
            result = write_report(
                store, period, progress=progress, others=others, now=from_iso(moment), summarising=summarising
            )
    except NotACentre as error:  # the folder named in the last line
        print(error, file=sys.stderr)
        return 2
    except DamagedFile as error:  # named in the last line, which the screen shows
        print(
            _("A data file is damaged and was not changed: {path} ({reason}). Restore it from a backup.").format(
                path=error.path, reason=error.reason
            ),
            file=sys.stderr,
        )
        return 4
    Path(answer).write_bytes(pickle.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

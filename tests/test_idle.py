"""Backups and summaries run beside the app in a process that takes the processor only when it is idle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="the idle scheduling class is Linux's")
def test_work_beside_the_app_gives_way_to_it() -> None:
    script = (
        "import os\n"
        "from sessions.storage.idle import only_when_idle\n"
        "only_when_idle()\n"
        "print(os.sched_getscheduler(0) == os.SCHED_IDLE)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"

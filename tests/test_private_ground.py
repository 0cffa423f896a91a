"""Only the Pilot helpers (and the internals' guards) reach into Textual's private attributes."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ALLOWED = {"pilot_helpers.py", "test_internals.py", "test_private_ground.py"}
PRIVATE = re.compile(r"\._notifications\b|\._compositor\b|textual\.\w+\._\w+|widgets\._footer")


def test_no_test_but_the_helpers_touches_textual_privates() -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in ALLOWED
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert not found, "use tests/pilot_helpers.py instead:\n" + "\n".join(found)

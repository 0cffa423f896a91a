"""The command line: demo codes, a second copy, a damaged file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sessions.codes import is_valid
from sessions.store import Store
from tui.cli import EXIT_BUSY, EXIT_DAMAGED, main


def test_demo_codes_are_listed_and_stable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["participants", "--codes", "--demo"]) == 0
    first = capsys.readouterr().out
    codes = re.findall(r"^(\d{3} \d{3} \d{4})  ", first, re.M)
    assert len(codes) == 39 and all(is_valid(c.replace(" ", "")) for c in codes)
    assert main(["participants", "--codes", "--demo", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == first  # the same codes every time, to type in


def test_a_second_copy_is_told_in_plain_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with Store(tmp_path):
        assert main(["--data-dir", str(tmp_path)]) == EXIT_BUSY
    assert "already open" in capsys.readouterr().err


def test_a_damaged_registry_is_named_and_left_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "registry.json").write_text("{ broken", "utf-8")
    assert main(["participants", "--data-dir", str(tmp_path)]) == EXIT_DAMAGED
    assert "registry.json" in capsys.readouterr().err
    assert (tmp_path / "registry.json").read_text("utf-8") == "{ broken"

"""The command line: demo codes, a second copy, a damaged file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sessions.codes import is_valid
from sessions.store import Store
from tests.conftest import own_registry
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
    (tmp_path / "registry.json").write_text("{ broken", "utf-8")  # a folder from before several laptops
    assert main(["participants", "--data-dir", str(tmp_path)]) == EXIT_DAMAGED
    assert "registry.json" in capsys.readouterr().err
    assert (tmp_path / "registry.json").read_text("utf-8") == "{ broken"
    (tmp_path / "registry.json").unlink()
    with Store(tmp_path):
        pass
    own_registry(tmp_path).write_text("{ broken", "utf-8")  # and this laptop's own file, since
    assert main(["participants", "--data-dir", str(tmp_path)]) == EXIT_DAMAGED
    assert str(own_registry(tmp_path)) in capsys.readouterr().err
    assert own_registry(tmp_path).read_text("utf-8") == "{ broken"


def test_a_listing_cut_short_by_its_reader_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "tui", "participants", "--codes", "--demo", "--data-dir", str(tmp_path / "d")]
    listing = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).parents[1])
    assert listing.stdout is not None
    listing.stdout.close()  # the reader is gone before the first line is written (as `| head -0` does)
    _out, err = listing.communicate(timeout=120)
    assert listing.returncode == 0 and b"Traceback" not in err and b"BrokenPipe" not in err, err

"""The data folder: --data-dir first, then $CENTRELOG_DATA, then the platform's user data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.locations import DATA_ENV, default_data_dir, resolve_data_dir
from tui.cli import main


def test_the_order_of_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert resolve_data_dir(None) == default_data_dir()
    assert default_data_dir().name == "centrelog"
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"
    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"


def test_the_environment_variable_reaches_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "centre"))
    assert main(["participants", "--demo", "--data-dir", str(tmp_path / "demo")]) == 0
    assert main(["participants"]) == 0  # an empty folder named by the variable: no one yet
    assert "0 " in capsys.readouterr().out.splitlines()[-1]
    assert not (tmp_path / "centre" / "registry.json").exists()  # reading wrote nothing

"""Every command that shows personal data asks for the staff PIN once one is set."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.demo import seed_demo
from sessions.pin import FREE_TRIES, set_pin
from sessions.store import Store
from tests.conftest import Clock
from tui.cli import main
from tui.commands._pin import EXIT_PIN, PIN_ENV


@pytest.fixture
def guarded(tmp_path: Path, clock: Clock) -> tuple[Path, str]:
    data = tmp_path / "data"
    with Store(data) as store:
        seed_demo(store, clock())
        set_pin(store.registry, "9753", "9753")
        code = store.registry.participants(include_archived=False)[0].code or ""
    return data, code


@pytest.mark.parametrize(
    "command",
    [
        ["participants", "--codes"],
        ["cards", "--all", "--out", "{out}/cards.pdf"],
        ["card", "{code}", "--out", "{out}/card.png"],
        ["export", "--out", "{out}/week"],
        ["backup", "--to", "{out}/backups"],
    ],
)
def test_refused_without_the_pin_and_done_with_it(
    guarded: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    data, code = guarded
    out = tmp_path / "out"
    out.mkdir()
    argv = [part.format(out=out, code=code) for part in command] + ["--data-dir", str(data)]
    monkeypatch.delenv(PIN_ENV, raising=False)
    assert main(argv) == EXIT_PIN
    assert list(out.iterdir()) == []
    monkeypatch.setenv(PIN_ENV, "9753")
    assert main(argv) == 0
    assert list(out.iterdir()) != [] or command[0] == "participants"


def test_plain_backup_into_the_data_folder_needs_no_pin(
    guarded: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _code = guarded
    monkeypatch.delenv(PIN_ENV, raising=False)
    assert main(["backup", "--data-dir", str(data)]) == 0
    assert list((data / "backups").glob("centrelog-*.zip"))


def test_while_locked_even_the_right_pin_is_told_nothing_was_checked(
    guarded: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _code = guarded
    argv = ["participants", "--data-dir", str(data)]
    monkeypatch.setenv(PIN_ENV, "1111")
    for _try in range(FREE_TRIES):
        assert main(argv) == EXIT_PIN
    assert "Locked until" in capsys.readouterr().err
    monkeypatch.setenv(PIN_ENV, "9753")  # the right one, during the lock
    assert main(argv) == EXIT_PIN
    said = capsys.readouterr()
    assert "Still locked until" in said.err and "nothing was checked" in said.err
    assert "Wrong PIN" not in said.err and said.out == ""

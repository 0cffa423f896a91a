"""`--out` never lands on the data folder's own files, nor under a suffix the command does not write."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sessions.store import Store
from tests.conftest import MONDAY
from tests.export_helpers import Centre
from tui.cli import EXIT_USAGE, main


@pytest.fixture
def centre(tmp_path: Path) -> Centre:
    with Store(tmp_path / "data") as store:
        return Centre(store, MONDAY)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _commands(data: Path, centre: Centre, tmp_path: Path) -> list[list[str]]:
    listing = tmp_path / "list.csv"
    with listing.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([["Vārds", "Uzvārds"], ["Ilze", "Roze"]])
    link = tmp_path / "innocent.pdf"
    link.symlink_to(data / "registry.json")
    code = centre.anna.code or ""
    session = centre.gym["id"]
    return [
        ["sheet", session, "--out", str(data / "registry.json")],  # a PDF over the registry
        ["sheet", session, "--out", str(data / "registry.pdf")],
        ["sheet", session, "--out", str(link)],  # another name for the registry
        ["sheet", session, "--out", str(data / "exports" / ".." / "registry.pdf")],
        ["sheet", session, "--out", str(tmp_path / "sheet.png")],
        ["cards", "--all", "--out", str(data / "logs" / "cards.pdf")],
        ["cards", "--all", "--out", str(tmp_path / "cards.png")],
        ["card", code, "--out", str(data / "device.png")],
        ["card", code, "--out", str(tmp_path / "card.pdf")],
        ["import", str(listing), "--cards", str(data / "registry.json")],
        ["import", str(listing), "--cards", str(data / "cards.pdf")],
        ["import", str(listing), "--cards", str(tmp_path / "cards.png")],
        ["export", "--week", "2026-W47", "--out", str(data)],
        ["export", "--week", "2026-W47", "--out", str(data / "logs")],
        ["report", "--week", "2026-W47", "--out", str(data / "backups")],
    ]


def test_a_refused_out_is_a_usage_error_and_writes_nothing(
    centre: Centre, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    commands = _commands(data, centre, tmp_path)
    before = _files(data)
    outside = sorted(p.name for p in tmp_path.iterdir())
    for command in commands:
        assert main([*command, "--data-dir", str(data)]) == EXIT_USAGE, command
        said = capsys.readouterr().err
        assert "data folder" in said or "ending in" in said, command
        assert _files(data) == before, command
    assert sorted(p.name for p in tmp_path.iterdir()) == outside
    with Store(data, read_only=True) as store:
        assert not store.registry.find("ilze roze")  # the refused import registered nobody


def test_the_exports_folder_and_places_outside_are_fine(
    centre: Centre, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    exports = data / "exports"
    assert main(["sheet", centre.gym["id"], "--out", str(exports / "gym.pdf"), "--data-dir", str(data)]) == 0
    assert main(["cards", "--all", "--out", str(tmp_path / "cards.pdf"), "--data-dir", str(data)]) == 0
    assert main(["export", "--week", "2026-W47", "--out", str(exports / "mine"), "--data-dir", str(data)]) == 0
    assert (exports / "gym.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "cards.pdf").read_bytes().startswith(b"%PDF")
    assert (exports / "mine" / "attendance.csv").exists()

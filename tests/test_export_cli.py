"""`centrelog export`, `report`, `sheet` and `sessions`: exit codes and one-line messages for scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.store import Store
from tests.conftest import MONDAY
from tests.export_helpers import Centre, read_csv
from tui.cli import EXIT_DAMAGED, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_WRITE_FAILED, main


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with Store(tmp_path / "data") as store:
        Centre(store, MONDAY)
    return tmp_path / "data"


def test_export_a_week(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data-dir", str(data_dir), "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Exported week 47, 16–22 Nov 2026:") and len(out.splitlines()) == 1
    assert read_csv(data_dir / "exports" / "2026-W47" / "attendance.csv")


def test_export_runs_beside_an_open_app(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(data_dir):  # the app holds the folder's lock
        assert (
            main(
                [
                    "export",
                    "--data-dir",
                    str(data_dir),
                    "--week",
                    "2026-W47",
                    "--out",
                    str(tmp_path / "o"),
                    "--format",
                    "xlsx",
                    "--pseudonymise",
                ]
            )
            == 0
        )
    assert (tmp_path / "o" / "centrelog-2026-W47.xlsx").exists()


def test_an_empty_week_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data-dir", str(data_dir), "--week", "2026-W02", "--delimiter", ","]) == 0
    assert "headers only" in capsys.readouterr().out
    assert read_csv(data_dir / "exports" / "2026-W02" / "sessions.csv", delimiter=",") == []


def test_a_bad_week_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", "--data-dir", str(data_dir), "--week", "2026-47"])
    assert stop.value.code == EXIT_USAGE
    assert "ISO week" in capsys.readouterr().err


def test_report_periods(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--data-dir", str(data_dir), "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    assert "Report 2026-11-01–2026-11-30:" in capsys.readouterr().out
    assert main(["report", "--data-dir", str(data_dir), "--quarter", "2026-Q4", "--column-keys"]) == 0
    rows = read_csv(data_dir / "exports" / "report-2026-Q4" / "indicators.csv")
    assert list(rows[0]) == ["measure", "breakdown", "value"]
    assert main(["report", "--data-dir", str(data_dir), "--all"]) == 0
    assert main(["report", "--data-dir", str(data_dir)]) == EXIT_USAGE
    assert main(["report", "--data-dir", str(data_dir), "--from", "2026-11-30", "--to", "2026-11-01"]) == EXIT_USAGE
    assert "ends before it starts" in capsys.readouterr().err


def test_sheet_by_prefix_and_sessions_listing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "--data-dir", str(data_dir), "--week", "2026-W47"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[-1] == "3 sessions in week 47, 16–22 Nov 2026."
    short_id = listing[0].split()[0]
    out = tmp_path / "sheet.pdf"
    assert main(["sheet", short_id, "--data-dir", str(data_dir), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "written to" in capsys.readouterr().out
    assert main(["sheet", "0000000000", "--data-dir", str(data_dir)]) == EXIT_NOT_FOUND


@pytest.mark.parametrize(
    ("language", "words"), [("en", "that is a folder, not a file"), ("lv", "tā ir mape, nevis fails")]
)
def test_a_sheet_that_cannot_be_written_says_why_in_the_chosen_language(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, words: str
) -> None:
    assert main(["sessions", "--data-dir", str(data_dir), "--week", "2026-W47"]) == 0
    short_id = capsys.readouterr().out.splitlines()[0].split()[0]
    folder = tmp_path / "taken.pdf"
    folder.mkdir()  # a folder where the sheet's file would go
    command = ["sheet", short_id, "--data-dir", str(data_dir), "--out", str(folder), "--lang", language]
    assert main(command) == EXIT_WRITE_FAILED
    said = capsys.readouterr().err
    assert words in said and "Errno" not in said, said
    assert list(folder.iterdir()) == []


def test_a_week_whose_file_lies_set_aside_is_not_counted_as_whole(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    from sessions.storage.damage import pending_damaged, set_aside_if_damaged, set_aside_seen

    (path,) = sorted((data_dir / "logs").glob("2026-W47.*.json"))[:1]
    path.write_bytes(path.read_bytes()[:-40])  # damaged; the app sets it aside at its next start or backup
    aside = set_aside_if_damaged(path, datetime(2026, 11, 24, 9, 0))
    assert aside is not None and not path.exists()
    for command in (["export", "--week", "2026-W47"], ["report", "--all"], ["sessions", "--week", "2026-W47"]):
        assert main([*command, "--data-dir", str(data_dir)]) == EXIT_DAMAGED, command
        said = capsys.readouterr()
        assert aside.aside.name in said.err and "2026-W47" not in said.out, (command, said)
    assert not (data_dir / "exports" / "2026-W47").exists()
    set_aside_seen(*pending_damaged(data_dir))  # staff chose to keep it as it is: the rest is what there is
    assert main(["export", "--week", "2026-W47", "--data-dir", str(data_dir)]) == 0


def test_a_file_that_does_not_parse_is_named_in_the_chosen_language(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (path,) = sorted((data_dir / "logs").glob("2026-W47.*.json"))[:1]
    path.write_bytes(b"xxxxxxxx")
    assert main(["report", "--all", "--data-dir", str(data_dir), "--lang", "lv"]) == EXIT_DAMAGED
    said = capsys.readouterr().err
    assert path.name in said and "1. rindā" in said and "Expecting" not in said, said

"""`centrelog timetable`: the week as text, or as a PDF with --pdf / --out, beside an open app; exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sessions.store import Store
from sessions.timetable import move_date
from tests.conftest import MONDAY
from tests.timetable_helpers import CENTRE, GYM_CANCELLED, hand_made_timetable
from tui.cli import EXIT_USAGE, main
from tui.commands import timetable


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with Store(tmp_path / "data") as store:
        hand_made_timetable(store)
    return tmp_path / "data"


def _run(data_dir: Path, *args: str) -> int:
    return main(["timetable", "--data-dir", str(data_dir), "--lang", "en", *args])


def test_the_week_printed_as_a_table(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "--week", "2026-W47") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [CENTRE, "Timetable: week 47, 16–22 Nov 2026"]
    assert lines[3:] == [
        "Monday 16 Nov",
        "× 10:00–11:00  Gym    Sporta zāle   Olga Vasiļjeva  Cancelled: " + GYM_CANCELLED,
        "Tuesday 17 Nov",
        "  no sessions",
        "Wednesday 18 Nov — Republic of Latvia Proclamation Day",
        "× 11:00–12:00  Cigun  Sporta zāle   Kārlis Miezis   Public holiday",
        "Thursday 19 Nov",
        "× 14:00–15:00  Pool   Peldbaseins   Olga Vasiļjeva  Moved to Friday 20 Nov",
        "Friday 20 Nov",
        "  13:00–14:00  Pool   Peldbaseins   Olga Vasiļjeva  Moved from Thursday 19 Nov",
        "Saturday 21 Nov",
        "  10:00–11:00  Cigun  Stropu parks  Kārlis Miezis   Added",
    ]


def test_the_text_in_latvian_and_russian_writes_dates_as_each_language_does(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timetable", "--data-dir", str(data_dir), "--lang", "lv", "--week", "2026-W47"]) == 0
    latvian = capsys.readouterr().out
    assert "47. nedēļa, 2026. gada 16.–22. nov." in latvian and "16.11." in latvian  # the week, then each day
    assert "Latvijas Republikas Proklamēšanas diena" in latvian
    assert main(["timetable", "--data-dir", str(data_dir), "--lang", "ru", "--week", "2026-W47"]) == 0
    russian = capsys.readouterr().out
    assert "47-я неделя, 16–22 нояб. 2026 г." in russian and "16.11" in russian and "16.11." not in russian
    assert "День провозглашения Латвийской Республики" in russian


def test_this_week_by_default(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timetable, "now", lambda: MONDAY)  # Monday 23 November 2026: week 48
    assert _run(data_dir) == 0
    out = capsys.readouterr().out
    assert "Timetable: week 48, 23–29 Nov 2026" in out and "Monday 23 Nov" in out


def test_a_bad_week_is_said_and_exits_2(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for wrong in ("2026-49", "2026-W54", "next week"):
        with pytest.raises(SystemExit) as stop:
            _run(data_dir, "--week", wrong)
        assert stop.value.code == EXIT_USAGE
        assert f"“{wrong}” is not an ISO week such as 2026-W47." in capsys.readouterr().err


def test_out_writes_the_pdf_and_says_where(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "board" / "week-49.pdf"
    assert _run(data_dir, "--week", "2026-W49", "--out", str(out)) == 0
    said = capsys.readouterr().out.strip()
    assert said == f"The timetable for 2026-W49 is written to {out}."
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and "Timetable: week 49, 30 Nov – 6 Dec 2026" in reader.pages[0].extract_text()
    assert (out.stat().st_mode & 0o777) == 0o600


def test_pdf_writes_into_the_data_folders_exports(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timetable", "--data-dir", str(data_dir), "--lang", "ru", "--week", "2026-W47", "--pdf"]) == 0
    written = data_dir / "exports" / "timetable" / "timetable-2026-W47-ru.pdf"
    assert str(written) in capsys.readouterr().out
    assert "47-я неделя, 16–22 нояб. 2026 г." in PdfReader(written).pages[0].extract_text()


def test_out_must_be_a_pdf_outside_the_data_folders_records(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "--out", str(tmp_path / "week.txt")) == EXIT_USAGE
    assert "ending in .pdf" in capsys.readouterr().err
    assert _run(data_dir, "--out", str(data_dir / "logs" / "week.pdf")) == EXIT_USAGE
    assert "inside the data folder" in capsys.readouterr().err
    assert not (tmp_path / "week.txt").exists() and not (data_dir / "logs" / "week.pdf").exists()
    assert _run(data_dir, "--week", "2026-W47", "--out", str(data_dir / "exports" / "w.pdf")) == 0


def test_it_runs_beside_an_open_app(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(data_dir):  # the app holds the folder's lock
        assert _run(data_dir, "--week", "2026-W47") == 0
        assert _run(data_dir, "--week", "2026-W47", "--out", str(tmp_path / "w.pdf")) == 0
    assert "Cancelled: " + GYM_CANCELLED in capsys.readouterr().out


def test_a_centre_without_a_timetable_gets_an_empty_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(tmp_path / "data"):
        pass
    assert _run(tmp_path / "data", "--week", "2026-W47") == 0
    out = capsys.readouterr().out
    assert out.count("no sessions") == 5 and "Saturday" not in out


def test_a_session_moved_to_another_hour_of_its_day_says_from_when_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path / "data") as store:
        made = hand_made_timetable(store)
        gym = made.plans["Gym"]["id"]
        move_date(store.registry, gym, "2026-11-23", MONDAY, start="12:00", end="13:00", reason="Zāle aizņemta")
    assert _run(tmp_path / "data", "--week", "2026-W48") == 0
    lines = capsys.readouterr().out.splitlines()
    monday = lines.index("Monday 23 Nov")
    said = "12:00–13:00 Gym Sporta zāle Olga Vasiļjeva Moved from 10:00 (Zāle aizņemta)"
    assert lines[monday + 1].split() == said.split()
    assert lines[monday + 2] == "Tuesday 24 Nov"

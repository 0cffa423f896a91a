"""Closed weeks summarised once: kept on this laptop, read instead of the files, made again when the files change."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from exports.periods import between
from exports.report import period_report, period_report_from_files, write_report
from exports.summaries import summaries_dir, week_closed
from exports.summary_job import summarise_in_child
from sessions.store import Store
from tests.conftest import RIGA, Clock
from tests.export_helpers import at, checkin, correction, session, write_log
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.cli import EXIT_OK, main

YEAR = between(date(2026, 1, 1), date(2026, 12, 31))


def _made(store: Store) -> list[str]:
    return sorted(path.stem for path in summaries_dir(store.data_dir).glob("*-W*.json"))


def test_a_week_is_closed_two_days_after_its_sunday() -> None:
    assert not week_closed("2026-W47", datetime(2026, 11, 24, 23, 59, tzinfo=RIGA))  # Tuesday after it
    assert week_closed("2026-W47", datetime(2026, 11, 25, 0, 0, tzinfo=RIGA))  # Wednesday
    assert not week_closed("2026-W48", datetime(2026, 11, 25, 0, 0, tzinfo=RIGA))


def test_the_first_report_summarises_the_closed_weeks_and_the_next_reads_them(demo_store: Store, clock: Clock) -> None:
    now = clock() + timedelta(days=9)  # 2 December: the demo's weeks up to W47 are closed, W48 is not
    told: list[tuple[int, int]] = []
    first, files_first = period_report(demo_store, YEAR, now=now, summarising=lambda d, t: told.append((d, t)))
    made = _made(demo_store)
    assert made and "2026-W47" in made and "2026-W48" not in made
    assert told[0] == (0, len(made)) and told[-1] == (len(made), len(made))

    told.clear()
    again, files_again = period_report(demo_store, YEAR, now=now, summarising=lambda d, t: told.append((d, t)))
    assert told == []  # nothing left to summarise: nothing said
    assert files_again < files_first  # the closed weeks' files were not read
    assert again.rows == first.rows == period_report_from_files(demo_store, YEAR, now=now)[0].rows


def test_summaries_stay_off_the_sync_and_hold_no_names(demo_store: Store, clock: Clock) -> None:
    period_report(demo_store, YEAR, now=clock() + timedelta(days=9))
    kept = summaries_dir(demo_store.data_dir)
    assert kept.parent.name == "local" and "/local\n" in (demo_store.data_dir / ".stignore").read_text()
    text = "".join(path.read_text("utf-8") for path in kept.glob("*.json"))
    for person in demo_store.registry.participants():
        assert person.last_name not in text and person.first_name not in text


def test_a_file_that_arrives_late_makes_its_week_counted_again(demo_store: Store, clock: Clock) -> None:
    now = clock() + timedelta(days=9)
    before, _files = period_report(demo_store, YEAR, now=now)
    kept = summaries_dir(demo_store.data_dir) / "2026-W45.json"
    made_at = kept.stat().st_mtime_ns
    person = next(iter(demo_store.registry.participants()))
    late = session("office", at("2026-11-05", 10), "Gym")
    write_log(demo_store, "2026-W45", "office", {"sessions": [late], "checkins": [checkin("office", late, person.id)]})

    after, _files = period_report(demo_store, YEAR, now=now)
    assert after.value("sessions") == before.value("sessions") + 1
    assert after.value("attendances") == before.value("attendances") + 1
    assert kept.stat().st_mtime_ns != made_at  # made again from the files as they are now
    assert after.rows == period_report_from_files(demo_store, YEAR, now=now)[0].rows


def test_a_damaged_or_foreign_summary_is_passed_over(demo_store: Store, clock: Clock) -> None:
    now = clock() + timedelta(days=9)
    expected, _files = period_report_from_files(demo_store, YEAR, now=now)
    period_report(demo_store, YEAR, now=now)
    kept = summaries_dir(demo_store.data_dir)
    (kept / "2026-W45.json").write_text('{"format": 1, "files": [["2026', "utf-8")
    faked = json.loads((kept / "2026-W46.json").read_text("utf-8"))
    faked["part"]["activities"] = {"Gym": [999, 999]}  # a summary edited by hand: it no longer names its files
    faked["files"] = []
    (kept / "2026-W46.json").write_text(json.dumps(faked), "utf-8")
    found, _files = period_report(demo_store, YEAR, now=now)
    assert found.rows == expected.rows


def test_a_correction_made_weeks_later_reaches_a_summarised_week(demo_store: Store, clock: Clock) -> None:
    now = clock() + timedelta(days=9)
    period_report(demo_store, YEAR, now=now)  # summaries made
    gym = session("hall", at("2026-10-05", 10), "Gym")
    write_log(demo_store, "2026-W41", "hall", {"sessions": [gym]})
    period_report(demo_store, YEAR, now=now)
    moved = correction("office", at("2026-11-18", 12), gym)
    moved["target_table"] = "sessions"
    moved["changes"] = {"voided_at": {"before": None, "after": "2026-11-18T12:00:00+02:00"}}
    write_log(demo_store, "2026-W47", "office", {"corrections": [moved]})
    found, _files = period_report(demo_store, YEAR, now=now)
    assert found.rows == period_report_from_files(demo_store, YEAR, now=now)[0].rows


def test_another_centres_summaries_are_kept_here_and_its_folder_is_never_written(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with Store(other) as made:
        week = session("rezekne", at("2026-10-06", 10), "Gym")
        write_log(made, "2026-W41", "rezekne", {"sessions": [week]})
    before = sorted((p.relative_to(other), p.stat().st_mtime_ns) for p in other.rglob("*"))
    with Store(other, read_only=True) as centre:
        result = write_report(demo_store, YEAR, others=[centre], now=clock() + timedelta(days=9), out=tmp_path / "out")
    assert sorted((p.relative_to(other), p.stat().st_mtime_ns) for p in other.rglob("*")) == before
    kept = summaries_dir(demo_store.data_dir, other)
    assert (kept / "2026-W41.json").exists() and kept.is_relative_to(demo_store.data_dir)
    assert result.centres[1].indicators.value("sessions") == 1


def test_centrelog_report_says_it_summarises_the_first_time_only(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_store.close()  # the command runs beside the app, as staff run it
    command = ["report", "--data-dir", str(demo_store.data_dir), "--all"]
    assert main(command) == EXIT_OK
    said = capsys.readouterr().err
    assert "Summarising closed weeks once (later reports read the summaries): 0 of " in said
    total = said.split(": 0 of ")[1].split("…")[0]
    assert f": {total} of {total}…" in said
    assert main(command) == EXIT_OK
    assert "Summarising" not in capsys.readouterr().err
    assert os.listdir(summaries_dir(demo_store.data_dir))


def test_the_summary_job_summarises_every_closed_week_once(demo_store: Store, clock: Clock) -> None:
    demo_store.close()  # it runs beside the app, on the folder
    now = clock() + timedelta(days=9)
    first = summarise_in_child(demo_store.data_dir, now)
    assert first["made"] > 0 and first["stood"] == 0
    assert summarise_in_child(demo_store.data_dir, now) == {"made": 0, "stood": first["made"]}


async def test_the_app_summarises_closed_weeks_a_little_after_it_starts(
    demo_store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.summaries.FIRST_AFTER_S", 0.1)
    app = CentrelogApp(demo_store, clock=clock, summaries=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: len(_made(demo_store)) > 5 and not app.workers)
        await pilot.press("1")  # the app answers keys meanwhile and after
        assert app.is_running
    assert "2026-W46" in _made(demo_store)


def test_a_session_moved_into_another_week_counts_its_people_in_that_week(store: Store) -> None:
    registry = store.registry
    monday = datetime(2026, 11, 2, 9, tzinfo=RIGA)
    anna, ivan = (registry.add_participant(monday, first_name=n, last_name="K").id for n in ("Anna", "Ivan"))
    gym = session("hall", at("2026-11-10", 10), "Gym")
    cigun = session("hall", at("2026-11-17", 10), "Cigun")
    moved = correction("hall", at("2026-11-18", 12), cigun)
    moved["target_table"] = "sessions"
    moved["changes"] = {"start": {"before": cigun["start"], "after": "2026-11-11T10:00:00+02:00"}}  # a day put right
    write_log(store, "2026-W46", "hall", {"sessions": [gym], "checkins": [checkin("hall", gym, anna)]})
    write_log(
        store,
        "2026-W47",
        "hall",
        {"sessions": [cigun], "checkins": [checkin("hall", cigun, ivan)], "corrections": [moved]},
    )
    now, november = datetime(2026, 12, 2, 12, tzinfo=RIGA), between(date(2026, 11, 1), date(2026, 11, 30))
    period_report(store, november, now=now)  # both weeks summarised
    found, _files = period_report(store, november, now=now)
    w46 = next(w for w in found.weeks if w.week == "2026-W46")
    assert (w46.sessions, w46.unique_persons) == (2, 2)
    assert found.weeks == period_report_from_files(store, november, now=now)[0].weeks


def test_a_year_over_is_added_up_once_and_made_again_when_one_of_its_weeks_changes(
    demo_store: Store, clock: Clock
) -> None:
    now = datetime(2027, 1, 13, 12, tzinfo=RIGA)  # 2026 over: its last week closed
    period_report(demo_store, YEAR, now=now)  # every week summarised, then the year added up
    kept = summaries_dir(demo_store.data_dir)
    rolled = kept / "years" / "2026.json"
    assert rolled.exists()
    for week in kept.glob("2026-W*.json"):  # the year's roll-up stands for them: they are not read
        week.write_text("{", "utf-8")
    expected, _files = period_report_from_files(demo_store, YEAR, now=now)
    found, files = period_report(demo_store, YEAR, now=now)
    assert found.rows == expected.rows and files == 0

    made_at = rolled.stat().st_mtime_ns
    person = next(iter(demo_store.registry.participants()))
    late = session("office", at("2026-11-05", 10), "Gym")
    write_log(demo_store, "2026-W45", "office", {"sessions": [late], "checkins": [checkin("office", late, person.id)]})
    after, files = period_report(demo_store, YEAR, now=now)  # the weeks summarised again, the year added up again
    assert after.value("attendances") == expected.value("attendances") + 1
    assert after.rows == period_report_from_files(demo_store, YEAR, now=now)[0].rows
    assert files > 0 and rolled.stat().st_mtime_ns != made_at

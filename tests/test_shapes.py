"""Damaged and wrong-shaped files: every reader stops and names the file, the app sets it aside; journal-only weeks."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from exports.periods import parse_week
from exports.readers import load_logs
from exports.report_job import ReportFailed, report_in_child
from sessions.attendance import start_session
from sessions.checkin import Outcome, check_in
from sessions.clock import week_key
from sessions.i18n import format_week
from sessions.storage.damage import pending_damaged
from sessions.storage.journal import journal_path
from sessions.store import Store
from tests.conftest import MONDAY, Clock, own_registry
from tests.export_helpers import boarding, trip, write_log
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.cli import EXIT_DAMAGED, main

WEEK = week_key(MONDAY)
EXPORT = ["export", "--week", WEEK]
REPORT = ["report", "--all"]
SESSIONS = ["sessions", "--week", WEEK]
SHEET = ["sheet", "0"]  # looks through every week's sessions for the id
WEEK_START = (MONDAY - timedelta(days=MONDAY.weekday())).date().isoformat()


def _a_real_week(data: Path) -> Path:
    """A week as the app writes it: a session, its check-ins and scans, then four trips; its file's path."""
    with Store(data) as store:
        registry = store.registry
        people = [
            registry.add_participant(MONDAY, first_name=name, last_name="Kalniņa", birth_year=1950, groups=["senior"])
            for name in ("Anna", "Ilze", "Marta")
        ]
        gym = registry.add_item("activities", MONDAY, name="Gym", capacity=20)
        session = start_session(store, gym["id"], "Zāle", "Inga", MONDAY)
        for n, person in enumerate(people):
            assert person.code is not None
            result = check_in(session, registry, person.code, MONDAY + timedelta(minutes=n))
            assert result.outcome is Outcome.CHECKED_IN
        trips = [
            trip(store.device, MONDAY + timedelta(hours=2, days=day), (1000 + day * 50, 1040 + day * 50))
            for day in range(4)
        ]
        aboard = [boarding(store.device, t, people[0].id) for t in trips]
        return write_log(store, WEEK, store.device, {"trips": trips, "boardings": aboard})


@pytest.fixture
def week(tmp_path: Path) -> Path:
    return _a_real_week(tmp_path / "data")


def _cut_in(table: str) -> Callable[[bytes], bytes]:
    def cut(raw: bytes) -> bytes:
        start = raw.index(f'"{table}":{{'.encode())
        return raw[: start + 60]

    return cut


def _changed(change: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    """The week file parsed, one value put wrong, written back as valid JSON."""

    def put(raw: bytes) -> bytes:
        tables = json.loads(raw)
        change(tables)
        return json.dumps(tables).encode()

    return put


def _first(tables: dict, table: str) -> dict:
    return next(iter(tables[table].values()))


def _corrected(field: str, after: object) -> Callable[[dict], None]:
    def correct(tables: dict) -> None:
        target = _first(tables, "trips")
        fix = {"id": "fix1", "created": target["created"], "target_table": "trips", "target_id": target["id"]}
        tables["corrections"] = {"1": {**fix, "changes": {field: {"before": target[field], "after": after}}}}

    return correct


def _corrected_without(field: str) -> Callable[[dict], None]:
    def correct(tables: dict) -> None:
        _corrected("odometer_end", 5)(tables)
        del _first(tables, "corrections")[field]

    return correct


#: Valid JSON, every table a table, one value that would be counted wrong or drop a record.
WRONG_VALUES = {
    "a session's start not a time": lambda t: _first(t, "sessions").update(start="garbage"),
    "a check-in's person null": lambda t: _first(t, "checkins").update(participant_id=None),
    "a boarding's escorts below 0": lambda t: _first(t, "boardings").update(escorts=-50),
    "a trip's guests below 0": lambda t: _first(t, "trips").update(guests=-3),
    "a trip's guests true": lambda t: _first(t, "trips").update(guests=True),
    "a corrected departure a number": _corrected("departure", 12345),
    "a corrected reading text": _corrected("odometer_end", "abc"),
    "a correction without its changes": _corrected_without("changes"),
    "a correction without its time": _corrected_without("created"),
    "a trip without its departure": lambda t: _first(t, "trips").pop("departure"),
}

WEEK_DAMAGE = {
    **{name: _changed(change) for name, change in WRONG_VALUES.items()},
    "cut inside scans": _cut_in("scans"),
    "cut inside trips": _cut_in("trips"),
    "a list": lambda _raw: b"[]",
    "sessions a list": lambda _raw: b'{"sessions": [1, 2]}',
    "a 10-byte stub": lambda raw: raw[:10],
    "a check-in without an id": lambda raw: raw.replace(b'"checkins":{"1":{"id":', b'"checkins":{"1":{"idx":', 1),
}


def test_the_week_reads_whole_before_any_damage(week: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = week.parents[1]
    assert main([*EXPORT, "--data-dir", str(data)]) == 0
    assert "1 sessions, 3 attendances, 4 trips, 4 boardings" in capsys.readouterr().out
    assert b'"scans":{' in week.read_bytes()
    assert week.read_bytes().index(b'"scans":{') < week.read_bytes().index(b'"trips":{')  # scans come first


@pytest.mark.parametrize("damage", list(WEEK_DAMAGE))
@pytest.mark.parametrize("command", [EXPORT, REPORT, SESSIONS, SHEET], ids=["export", "report", "sessions", "sheet"])
def test_a_damaged_week_file_stops_every_reader_and_is_named(
    week: Path, damage: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = week.parents[1]
    week.write_bytes(WEEK_DAMAGE[damage](week.read_bytes()))
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    assert main([*command, "--data-dir", str(data)]) == EXIT_DAMAGED
    told = capsys.readouterr()
    assert str(week) in told.err and "damaged" in told.err
    assert "trips" not in told.out  # no figures at all, not smaller ones
    assert {path: path.read_bytes() for path in data.rglob("*") if path.is_file()} == before
    assert not (data / "exports").exists()


def test_the_reports_screen_names_the_damaged_file(week: Path) -> None:
    week.write_bytes(_cut_in("scans")(week.read_bytes()))
    with pytest.raises(ReportFailed) as failed:
        report_in_child(week.parents[1], parse_week(WEEK))
    assert str(week) in str(failed.value) and "damaged" in str(failed.value)


def test_a_damaged_week_stops_the_backup_command_after_backing_up_the_rest(
    week: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = week.parents[1]
    week.write_bytes(b'{"sessions": [1, 2]}')
    assert main(["backup", "--data-dir", str(data)]) == EXIT_DAMAGED
    told = capsys.readouterr().err
    assert str(week) in told and "damaged" in told and "“sessions” is not a table of records" in told
    assert "does not parse" not in told  # it parses: it is of the wrong shape, and says so
    assert week.read_bytes() == b'{"sessions": [1, 2]}'


REGISTRY_DAMAGE = {
    "tables of the wrong type": lambda _r: {"participants": "x", "cards": [1, 2]},
    "a last name that is a number": lambda r: {
        **r,
        "participants": {k: {**p, "last_name": 123} for k, p in r["participants"].items()},
    },
    "a birth year that is text": lambda r: {
        **r,
        "participants": {k: {**p, "birth_year": "1950"} for k, p in r["participants"].items()},
    },
    "a vehicle's seats below 0": lambda r: {**r, "vehicles": {"1": {"id": "v1", "name": "Bus", "seats": -8}}},
    "an open week that is a path": lambda r: {**r, "open": {"1": {"kind": "session", "id": "x", "week": "../x"}}},
}


@pytest.mark.parametrize("damage", list(REGISTRY_DAMAGE))
@pytest.mark.parametrize(
    "command",
    [EXPORT, REPORT, SESSIONS, ["participants"], ["cards", "--all"]],
    ids=["export", "report", "sessions", "participants", "cards"],
)
def test_a_wrong_shaped_registry_stops_every_command_and_is_named(
    week: Path, damage: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = week.parents[1]
    registry = own_registry(data)
    registry.write_text(json.dumps(REGISTRY_DAMAGE[damage](json.loads(registry.read_bytes()))), "utf-8")
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    assert main([*command, "--data-dir", str(data)]) == EXIT_DAMAGED
    assert str(registry) in capsys.readouterr().err
    assert {path: path.read_bytes() for path in data.rglob("*") if path.is_file()} == before


def test_a_device_id_that_is_a_path_is_named(week: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = week.parents[1]
    (data / "local" / "device.json").write_text('{"device": "../../../evil"}', "utf-8")
    assert main([*EXPORT, "--data-dir", str(data)]) == EXIT_DAMAGED
    assert str(data / "local" / "device.json") in capsys.readouterr().err
    assert (data / "local" / "device.json").read_text("utf-8") == '{"device": "../../../evil"}'


WRONG_AT_START = {
    "a trip's guests below 0": ("logs", _changed(WRONG_VALUES["a trip's guests below 0"])),
    "the week's sessions a list": ("logs", b'{"sessions": [1, 2]}'),
    "a registry of the wrong shape": ("registry", b'{"participants": "x", "cards": [1, 2]}'),
    "a device id that is a path": ("local/device.json", b'{"device": "../../../evil"}'),
}


@pytest.mark.parametrize("case", list(WRONG_AT_START))
async def test_the_app_sets_a_wrong_shaped_file_aside_names_it_and_a_session_saves(week: Path, case: str) -> None:
    data = week.parents[1]
    name, payload = WRONG_AT_START[case]
    wrong = week if name == "logs" else own_registry(data) if name == "registry" else data / name
    payload = payload if isinstance(payload, bytes) else payload(wrong.read_bytes())
    wrong.write_bytes(payload)
    with Store(data, repair=True, now=MONDAY) as store:
        assert [aside.original for aside in store.set_aside] == [wrong]
        assert [aside.aside.read_bytes() for aside in store.set_aside] == [payload]  # kept, never emptied
        app = CentrelogApp(store, clock=lambda: MONDAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: wrong.name in screen_text(app))
            assert "damaged" in screen_text(app)
        gym = store.registry.add_item("activities", MONDAY, name="Cigun", capacity=10)
        session = start_session(store, gym["id"], "Zāle", "Inga", MONDAY)  # the week log is usable again
        assert session.log.path.parent == data / "logs"
    assert [aside.original for aside in pending_damaged(data)] == [wrong]


def _journal_only(path: Path) -> None:
    """The state a crash (or a full disk) leaves between a week's first journal line and its first file."""
    tables = json.loads(path.read_bytes())
    journal_path(path).write_text(json.dumps({"s": tables}, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    path.unlink()


@pytest.mark.parametrize("app_open", [False, True], ids=["alone", "beside the app"])
def test_a_week_held_only_in_its_journal_is_exported_and_reported(
    week: Path, app_open: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    data = week.parents[1]
    app = Store(data) if app_open else None  # a running app holds the folder (its journal written meanwhile)
    _journal_only(week)
    journal = journal_path(week).read_bytes()
    try:
        assert main([*EXPORT, "--data-dir", str(data)]) == 0
        assert "1 sessions, 3 attendances, 4 trips, 4 boardings" in capsys.readouterr().out
        assert main([*REPORT, "--data-dir", str(data)]) == 0
        out = capsys.readouterr().out
        assert f"Report {WEEK_START}" in out and "1 sessions, 3 attendances" in out and "4 trips" in out
        assert main([*SESSIONS, "--data-dir", str(data)]) == 0
        listing = capsys.readouterr().out.splitlines()
        assert listing[-1] == f"1 sessions in {format_week(MONDAY, year=True)}."
        sheet = data.parent / "sheet.pdf"
        assert main(["sheet", listing[0].split()[0], "--data-dir", str(data), "--out", str(sheet)]) == 0
        assert "(participants: 3)" in capsys.readouterr().out
        assert journal_path(week).read_bytes() == journal and not week.exists()  # read, never folded
    finally:
        if app is not None:
            app.close()


JOURNAL_DAMAGE = {
    "of the wrong shape": b'{"s": {"sessions": {"1": "x"}}}\n',
    "a damaged line before whole ones": b'{"s": {}}\nxxxx\n{"s": {}}\n',
}


@pytest.mark.parametrize("damage", list(JOURNAL_DAMAGE))
def test_a_damaged_journal_only_week_names_the_journal(
    week: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = week.parents[1]
    week.unlink()
    journal_path(week).write_bytes(JOURNAL_DAMAGE[damage])
    assert main([*EXPORT, "--data-dir", str(data)]) == EXIT_DAMAGED
    told = capsys.readouterr().err
    assert str(journal_path(week)) in told and week.name not in told  # the file that is there, not one that is not


def test_a_journal_newer_than_its_file_is_read_with_it(week: Path) -> None:
    data = week.parents[1]
    tables = json.loads(week.read_bytes())
    later = trip("laptop", MONDAY + timedelta(days=5), (2000, 2010))
    journal_path(week).write_text(json.dumps({"s": {"trips": {"99": later}}}) + "\n", "utf-8")
    with Store(data, read_only=True) as reader:
        logs = load_logs(reader, parse_week(WEEK))
        assert len(logs.trips) == len(tables["trips"]) + 1
        assert [w for w, _d, _p in reader.log_files()] == [WEEK]


def test_a_journal_only_week_is_backed_up(week: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = week.parents[1]
    _journal_only(week)
    assert main(["backup", "--data-dir", str(data)]) == 0
    top = ["centre.json", "device.json", "registry.json"]  # the registry: every laptop's file, merged
    assert f"({len(top) + 1} files)" in capsys.readouterr().out


async def test_the_reports_screen_exports_and_counts_nothing_from_a_damaged_week(
    demo_store: Store, clock: Clock
) -> None:
    from tui.screens.staff.reports import ReportsScreen

    damaged = demo_store.log_path("2026-W47")
    damaged.write_bytes(_cut_in("scans")(damaged.read_bytes()))
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        await pilot.press("f2")  # last week's bundle
        await settle(pilot, lambda: "Nothing was exported" in screen_text(app))
        assert damaged.name in screen_text(app)
        await pilot.press("f5")  # the quarter
        await settle(pilot, lambda: "The report was not written" in screen_text(app))
        assert damaged.name in screen_text(app) and "damaged" in screen_text(app)
    assert not (demo_store.data_dir / "exports").exists()


def test_every_file_the_app_writes_has_its_shape(demo_store: Store) -> None:
    from sessions.storage.journal import read_log
    from sessions.storage.shapes import shape_problem

    data = demo_store.data_dir
    files = [demo_store.registry_path, data / "local" / "device.json", *(p for _w, _d, p in demo_store.log_files())]
    assert len(files) > 8
    assert {path.name: shape_problem(path, read_log(path)) for path in files} == dict.fromkeys(
        (path.name for path in files), None
    )


async def test_an_older_week_of_the_wrong_shape_is_set_aside_after_the_first_backup(week: Path) -> None:
    data = week.parents[1]
    older = week.with_name(week.name.replace(WEEK, "2026-W40"))
    older.write_bytes(b'{"sessions": [1, 2]}')  # not a week the app opens at start
    with Store(data, repair=True, now=MONDAY) as store:
        assert store.set_aside == []
        app = CentrelogApp(store, clock=lambda: MONDAY, backups=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: older.name in screen_text(app))
            assert "damaged" in screen_text(app)
    assert [aside.original for aside in pending_damaged(data)] == [older]
    assert [aside.aside.read_bytes() for aside in pending_damaged(data)] == [b'{"sessions": [1, 2]}']

"""Times are ordered by the moment they name, not by their text: the autumn clock change, laptops in other zones."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.periods import parse_week
from exports.readers import _apply_corrections
from exports.report import period_report
from exports.weekly import export_week
from sessions.attendance import open_sessions, start_session, undo_last
from sessions.clock import by_moment, instant, iso
from sessions.readings import read_time
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.trip_log import apply_corrections, correct_trip, trips_between
from sessions.trips import close_trip, open_trip
from tests.conftest import Clock
from tests.export_helpers import checkin, read_csv, session, write_log
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen

Record = dict[str, Any]

EEST, EET = timezone(timedelta(hours=3)), timezone(timedelta(hours=2))
#: 2026-10-25 04:00 summer time in Riga is 03:00 winter time: the hour from 03:00 happens twice.
FALL_BACK = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
W43 = "2026-W43"

# How laptops write a moment: Riga's own clock (either side of the change), a fixed offset, UTC two ways.
WRITERS = ("Europe/Riga", "+02:00", "+03:00", "Z", "+00:00")
_ZONES = {"Europe/Riga": ZoneInfo("Europe/Riga"), "+02:00": EET, "+03:00": EEST, "Z": UTC}


def written(moment: datetime, writer: str) -> str:
    """The moment as a laptop of that zone stores it."""
    text = iso(moment.astimezone(_ZONES.get(writer, UTC)))
    return text.replace("+00:00", "Z") if writer == "Z" else text


# Moments two hours either side of the change: any millisecond, or on ten-minute steps (so some coincide).
moments = st.one_of(
    st.integers(-7_200_000, 7_200_000).map(lambda ms: FALL_BACK + timedelta(milliseconds=ms)),
    st.integers(-12, 12).map(lambda n: FALL_BACK + timedelta(minutes=10 * n)),
)
stamps = st.tuples(moments, st.sampled_from(WRITERS))


def test_an_instant_is_the_moment_whatever_the_offset() -> None:
    assert "2026-10-25T03:10:00+02:00" < "2026-10-25T03:30:00+03:00"  # as text, the later one comes first
    assert instant("2026-10-25T03:10:00+02:00") > instant("2026-10-25T03:30:00+03:00")
    assert instant("2026-10-25T01:10:00Z") == instant("2026-10-25T01:10:00+00:00") == instant("2026-10-25T03:10+02:00")
    legacy = instant("2026-11-23T09:30:00")  # written before offsets were: local time, as it was then read
    assert legacy == datetime(2026, 11, 23, 9, 30).astimezone() and legacy.tzinfo is not None


def _correction(n: int, device: str, moment: datetime, writer: str) -> Record:
    return {
        "id": f"fix-{n}",
        "created": written(moment, writer),
        "device": device,
        "target_table": "trips",
        "target_id": "trip-1",
        "changes": {"odometer_end": {"before": None, "after": 2000 + n}},
    }


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(("laptop-a", "laptop-b")), stamps), min_size=1, max_size=12), st.data())
def test_corrections_apply_in_the_order_they_were_made(
    made: list[tuple[str, tuple[datetime, str]]], data: st.DataObject
) -> None:
    corrections = [_correction(n, device, *stamp) for n, (device, stamp) in enumerate(made)]
    # The last made, by the real moment; of one moment, the laptop named last; of one laptop, the last it wrote.
    last = max(range(len(made)), key=lambda n: (made[n][1][0], made[n][0], n))
    trip = {"id": "trip-1", "odometer_start": 1000, "odometer_end": 1040}
    # Each laptop's file keeps its own order; which file is read first differs from laptop to laptop.
    files = {device: [c for c in corrections if c["device"] == device] for device in ("laptop-a", "laptop-b")}
    turns = data.draw(st.permutations([c["device"] for c in corrections]))
    read = [files[device].pop(0) for device in turns]
    for order in (corrections, read):
        assert apply_corrections(trip, order)["odometer_end"] == 2000 + last
        raw: dict[str, dict[str, Record]] = {"trips": {"trip-1": dict(trip)}}
        _apply_corrections(raw, list(order))
        assert raw["trips"]["trip-1"]["odometer_end"] == 2000 + last


@settings(max_examples=25)
@given(st.lists(stamps, min_size=1, max_size=8))
def test_check_ins_read_back_in_the_order_they_happened(made: list[tuple[datetime, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder)) as store:
            activity = store.registry.add_item("activities", FALL_BACK, name="Gym", capacity=20)
            started = start_session(store, activity["id"], "Zāle", "Olga", FALL_BACK - timedelta(hours=2))
            file_order = [
                {**_checkin_of(started.id, n), "at": written(moment, writer)} for n, (moment, writer) in enumerate(made)
            ]
            started.log.table("checkins").insert_multiple(file_order)
        with Store(Path(folder)) as store:
            [resumed] = open_sessions(store)
            # By the moment; of two at one moment, the one written first stays first.
            expected = sorted(file_order, key=lambda c: made[int(c["participant_id"])][0])
            assert [c["id"] for c in resumed.checkins] == [c["id"] for c in expected]
            undone = undo_last(resumed, FALL_BACK + timedelta(hours=3), "Olga")
            assert undone is not None and undone["id"] == expected[-1]["id"]


def _checkin_of(session_id: str, n: int) -> Record:
    return {"id": f"c{n:02d}", "session_id": session_id, "participant_id": str(n), "method": "scan", "voided_at": None}


def test_sort_keys_put_unreadable_times_first_and_settle_ties_by_laptop() -> None:
    records = [
        {"id": "b", "device": "laptop-b", "at": "2026-10-25T03:10:00+02:00"},
        {"id": "a", "device": "laptop-a", "at": "2026-10-25T01:10:00Z"},
        {"id": "c", "device": "laptop-b", "at": "2026-10-25T03:30:00+03:00"},
        {"id": "d", "device": "laptop-b", "at": "yesterday"},
        {"id": "e", "device": "laptop-a"},
    ]
    assert [r["id"] for r in sorted(records, key=by_moment("at"))] == ["e", "d", "c", "a", "b"]


def _closed_w43_trip(store: Store) -> None:
    vehicle = store.registry.add_item(
        "vehicles", FALL_BACK, name="Renault Trafic", plate="HN-4521", seats=8, wheelchair_places=2, odometer=1000
    )
    left = datetime(2026, 10, 22, 9, 0, tzinfo=EEST)
    trip = open_trip(
        store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Rēzekne",
        departure=left,
        odometer_start="1000",
        safety_check=True,
        now=left,
    )
    close_trip(store, trip, returned=left + timedelta(hours=3), odometer_end="1040", now=left + timedelta(hours=3))


def test_two_corrections_across_the_clock_change_count_the_later_one(store: Store) -> None:
    _closed_w43_trip(store)
    week = (date(2026, 10, 19), date(2026, 10, 25))
    [row] = trips_between(store, *week)
    # Sunday night: 45 km at 03:30 summer time, then, forty minutes later, 47 km at 03:10 winter time.
    correct_trip(store, row, datetime(2026, 10, 25, 3, 30, tzinfo=EEST), "Inga", "read wrong", odometer_end="1045")
    [row] = trips_between(store, *week)
    second = correct_trip(store, row, datetime(2026, 10, 25, 3, 10, tzinfo=EET), "Inga", "again", odometer_end="1047")
    assert second["changes"]["odometer_end"] == {"before": 1045, "after": 1047}

    [row] = trips_between(store, *week)
    assert row.km == 47 and row.corrections == 2
    figures, _files = period_report(store, parse_week(W43))
    assert figures.value("km") == 47
    export_week(store, W43)
    [exported] = read_csv(store.data_dir / "exports" / W43 / "trips.csv")
    assert (exported["Odometer at end"], exported["Km"]) == ("1047", "47")


def test_the_attendance_sheet_lists_check_ins_in_the_order_they_happened(store: Store) -> None:
    gym = session(store.device, datetime(2026, 10, 25, 3, 0, tzinfo=EEST), "Gym")
    before = {**checkin(store.device, gym, "anna", 50), "at": "2026-10-25T03:50:00.000+03:00"}
    after = {**checkin(store.device, gym, "ivan", 65), "at": "2026-10-25T03:05:00.000+02:00"}
    elsewhere = {**checkin("laptop2", gym, "zane", 70), "at": "2026-10-25T01:10:00.000Z"}
    write_log(store, W43, store.device, {"sessions": [gym], "checkins": [after, before]})
    write_log(store, W43, "laptop2", {"checkins": [elsewhere]})
    export_week(store, W43, column_keys=True)
    rows = read_csv(store.data_dir / "exports" / W43 / "attendance.csv")
    assert [r["checked_in"] for r in rows] == ["03:50", "03:05", "01:10"]


async def test_f2_after_a_restart_in_the_repeated_hour_undoes_the_last_check_in(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 10, 25, 3, 40, tzinfo=EEST))
    with Store(tmp_path) as store:
        store.registry.add_item("activities", clock(), name="Gym", capacity=12)
        store.registry.add_item("places", clock(), name="Sporta zāle")
        store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
        anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        ivan = store.registry.add_participant(clock(), first_name="Иван", last_name="Петров")
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1", "enter")
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            assert isinstance(screen, CheckInScreen)
            clock.now = datetime(2026, 10, 25, 3, 50, tzinfo=EEST)
            await pilot.press(*anna.code, "enter")
            await settle(pilot, lambda: screen.session.count == 1)
            clock.now = datetime(2026, 10, 25, 3, 5, tzinfo=EET)  # the clocks went back at 04:00
            await pilot.press(*ivan.code, "enter")
            await settle(pilot, lambda: screen.session.count == 2)
    clock.now = datetime(2026, 10, 25, 3, 20, tzinfo=EET)
    with Store(tmp_path) as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1")  # the session left open goes on
            await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
            screen = app.screen
            assert isinstance(screen, CheckInScreen)
            await pilot.press("f2")
            await settle(pilot, lambda: screen.session.count == 1)
        checkins = (read_log(store.log_path(W43)) or {})["checkins"].values()
        voided = {c["participant_id"]: bool(c["voided_at"]) for c in checkins}
        assert voided == {anna.id: False, ivan.id: True}  # Ivan came in last, forty minutes after Anna


@pytest.fixture
def riga_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The laptop's own clock in Riga, as the centre's is."""
    monkeypatch.setenv("TZ", "Europe/Riga")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_typed_across_the_clock_change_takes_that_days_offset(riga_clock: None) -> None:
    monday = datetime(2026, 10, 26, 10, 0).astimezone()  # winter time, +02:00
    assert monday.utcoffset() == timedelta(hours=2)
    saturday = read_time("24.10 09:00", monday)  # summer time that day
    assert saturday.utcoffset() == timedelta(hours=3)
    assert saturday == datetime(2026, 10, 24, 6, 0, tzinfo=UTC)
    assert read_time("11:30", monday).utcoffset() == timedelta(hours=2)
    elsewhere = datetime(2026, 10, 26, 10, 0, tzinfo=timezone(timedelta(hours=5)))  # not this laptop's clock
    assert read_time("24.10 09:00", elsewhere).utcoffset() == timedelta(hours=5)


def test_an_old_override_is_read_by_the_moment_of_the_refusal_it_followed() -> None:
    from sessions.admission import how_admitted

    entry = {"method": "manual", "override": True, "participant_id": "p", "session_id": "s"}
    entry["at"] = "2026-11-02T10:30:00.000+00:00"
    refused = {"outcome": "full", "method": "scan", "participant_id": "p", "session_id": "s"}
    for at in ("2026-11-02T12:00:00.000+02:00", "2026-11-02T10:00:00.000+00:00"):  # one moment, two laptops
        assert how_admitted(entry, [{**refused, "at": at}]) == "scan", at
    later = "2026-11-02T12:40:00.000+02:00"  # 10:40Z: after the override, so not what it followed
    assert how_admitted(entry, [{**refused, "at": later}]) == "manual"


def test_a_day_and_time_as_lithuanian_writes_it_is_read_and_shown_back() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sessions.i18n import set_language
    from sessions.readings import read_time, show_moment, show_time

    base = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Vilnius"))
    set_language("lt")
    try:
        earlier = read_time("2026-11-20 09:30", base)
        assert (earlier.day, earlier.hour, earlier.minute) == (20, 9, 30)
        assert show_time(earlier, base) == show_moment(earlier) == "2026-11-20 09:30"
        assert read_time(show_moment(earlier), base) == earlier
    finally:
        set_language("en")
    assert show_moment(earlier) == "20.11.2026 09:30" and read_time("20.11.2026 09:30", base) == earlier

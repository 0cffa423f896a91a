"""kill -9 mid-session and mid-trip, the real app in a terminal: the next start goes on with what was there."""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from sessions.clock import now
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.trips import ensure_purposes, open_trip
from tools.crash_harness import F2, Terminal, noon_zone, prepare, short_names

HOME = "Who is at the keyboard"


def _app(data: Path, tz: str) -> Terminal:
    env = {**os.environ, "TERM": "xterm-256color", "TZ": tz}
    env.pop("CENTRELOG_PIN", None)
    argv = [sys.executable, "-m", "tui", "--data-dir", str(data), "--lang", "en"]
    return Terminal(argv, env)  # 80×24, as on the centre's laptop


def _shows(term: Terminal, needle: str, since: int = 0) -> None:
    """Wait until `needle` is shown, maybe wrapped over lines (any run of spaces may be a line's end)."""
    words = re.compile(r"\s+".join(map(re.escape, needle.split())))
    shown = term.wait_for_match(words, 20, since=since)
    assert shown is not None, f"not shown: {needle!r}\n{term.text()[since:][-1500:]}"


def _press(term: Terminal, keys: str, needle: str) -> None:
    """Keys as a person presses them (one at a time), then wait for `needle` to be shown."""
    mark = term.mark
    term.type(keys, per_char_s=0.15)
    _shows(term, needle, since=mark)


def _scan(term: Terminal, code: str, needle: str) -> None:
    """A card as a scanner types it (digits and CR, 1 ms apart), then wait for its answer."""
    mark = term.mark
    term.type(code + "\r")
    _shows(term, needle, since=mark)


def _logs(data: Path) -> dict[str, dict]:
    """Every table of this laptop's week logs, merged (file and journal, as the app reads them)."""
    merged: dict[str, dict] = {}
    for path in sorted((data / "logs").glob("*.json")):
        for table, records in (read_log(path) or {}).items():
            merged.setdefault(table, {}).update(records)
    return merged


def _today(data: Path, kind: str, after: datetime) -> list[dict]:
    return [r for r in _logs(data).get(kind, {}).values() if datetime.fromisoformat(r["created"]) >= after]


def test_kill_9_mid_session_then_a_restart_goes_on_with_its_check_ins(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cards = prepare(data)
    names = short_names(data)
    tz = noon_zone()  # the app's own clock, at about noon: the restart is on the same day, whenever this runs
    began = datetime.now(UTC)

    term = _app(data, tz)
    try:
        _shows(term, HOME)
        _press(term, "1", "Unplanned session")  # today's timetable: F2 starts a session of its own
        mark = term.mark
        term.type(F2, per_char_s=0)  # a function key's sequence arrives whole, as the terminal sends it
        _shows(term, "Start a session", since=mark)
        _press(term, "\r", "Ready: scan the first card.")
        for n, (code, _name) in enumerate(cards[:3], start=1):
            _scan(term, code, f"— checked in. {n}")
    finally:
        term.kill()  # SIGKILL: no chance to close anything
    [session] = _today(data, "sessions", began)
    assert session["end"] is None
    in_before = [c for c in _today(data, "checkins", began) if c["session_id"] == session["id"]]
    assert len(in_before) == 3

    term = _app(data, tz)
    try:
        _shows(term, "was open when centrelog stopped and goes on (3 checked in): press 1 to go on checking in.")
        _press(term, "1", "3 checked in; scan the next card.")
        _scan(term, cards[3][0], f"{cards[3][1]} — checked in. 4")
    finally:
        term.kill()
    [again] = _today(data, "sessions", began)  # the same session: no second one
    assert again["id"] == session["id"] and again["end"] is None and again.get("note") is None
    checkins = [c for c in _today(data, "checkins", began) if c["session_id"] == session["id"]]
    assert sorted(names[c["participant_id"]] for c in checkins) == sorted(name for _code, name in cards[:4])


def test_kill_9_mid_boarding_then_a_restart_keeps_the_trip_open_with_its_passengers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    prepare(data)
    with Store(data) as store:
        moment = now()
        vehicle = store.registry.items("vehicles")[0]
        trip = open_trip(
            store,
            vehicle_id=vehicle["id"],
            driver="Edgars Putniņš",
            purpose=ensure_purposes(store.registry, moment)[0]["name"],
            destination="Reģionālā slimnīca",
            departure=moment,
            odometer_start=int(vehicle["odometer"]),
            safety_check=True,
            now=moment,
        )
        # Walking passengers: a wheelchair user would be asked about the lift.
        walking = [
            (p.code, p.short_name, p.id)
            for p in store.registry.participants(include_archived=False)
            if p.code and "wheelchair" not in p.groups
        ]
    tz = noon_zone()

    term = _app(data, tz)
    try:
        _shows(term, HOME)
        _press(term, "2", "Reģionālā slimnīca, 0 aboard")
        _press(term, "\r", "Ready: scan the first passenger's card.")
        for n, (code, name, _id) in enumerate(walking[:2], start=1):
            _scan(term, code, f"{name} — boarded. {n} aboard.")
    finally:
        term.kill()

    term = _app(data, tz)
    try:
        _shows(term, "The trip to Reģionālā slimnīca is open since")
        _press(term, "2", "Reģionālā slimnīca, 2 aboard")
        _press(term, "\r", "2 aboard; scan the next card.")
        code, name, _id = walking[2]
        _scan(term, code, f"{name} — boarded. 3 aboard.")
    finally:
        term.kill()
    logs = _logs(data)
    [still_open] = [t for t in logs["trips"].values() if t["id"] == trip.id]
    assert (still_open["return"], still_open["closed_at"]) == (None, None)
    aboard = [b["participant_id"] for b in logs["boardings"].values() if b["trip_id"] == trip.id]
    assert sorted(aboard) == sorted(pid for _code, _name, pid in walking[:3])

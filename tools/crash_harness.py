"""Kill the real app at random moments while cards are scanned; check nothing shown green is lost.

Each round starts `centrelog` in a pseudo-terminal on one demo data folder,
starts a session, types card codes as a USB scanner does (digits and CR,
about 1 ms a character), watches the screen for "… — checked in. N", and
kills the app with SIGKILL at a random moment. Then every data file must
parse, and every check-in the screen had shown green must be on disk.

The session a round's kill left open goes on at the next start (the same
day, minutes later: sessions/resume.py). So a round first presses 1 and, when
that session's check-in screen comes up, reads how many it says are in
("N checked in; scan the next card."): it must be what the last round left
on disk. It then ends that session (F10, Y) and starts a new one, so that
every round scans into an empty session as the first did. The app runs in a
time zone where it is about noon (`noon_zone`), so that no run crosses
midnight, after which a session left open is closed instead.

    python -m tools.crash_harness --rounds 50 --report docs/reliability.md
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import random
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sessions.storage.durable import DamagedFile
from sessions.storage.journal import read_log

_ANSI = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
_GREEN = re.compile(r"(\S+ \S\.) — checked in\. (\d+)")
#: The check-in screen of a session taken up again: how many it says are in.
_GOES_ON = re.compile(r"(\d+) checked in; scan the next card\.|Ready: scan the first card\.")
_START_SCREEN = "Start a session"
#: What 1 opens in a centre with a timetable (the demo): F2 there opens the start form.
_TODAY_SCREEN = "Today, |Nothing is planned for today"
F2, F10 = "\x1bOQ", "\x1b[21~"
#: A card every ~50 ms: faster than any queue at the door, slow enough for each answer to be painted.
BETWEEN_CARDS_S = 0.04
#: Kills land while the cards are being typed (12 cards take about 0.6 s).
KILL_WITHIN_S = 0.7


@dataclass
class Round:
    """What one round saw on screen and found on disk."""

    killed_after_s: float
    typed: int = 0
    #: The check-in screen of a new session was shown: the kill left it open.
    scanning: bool = False
    green_names: list[str] = field(default_factory=list)
    green_count: int = 0
    on_disk: int = 0
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    temps_left: int = 0
    #: What the check-in screen of the session the last round left open said was in (None: none went on).
    went_on_with: int | None = None
    #: What the last round found on disk in that session (None: the first round, or one that went wrong).
    left_on_disk: int | None = None
    note: str = ""

    @property
    def went_on_wrong(self) -> bool:
        """The session went on with a count other than the check-ins on disk."""
        said, found = self.went_on_with, self.left_on_disk
        return said is not None and found is not None and said != found


class Terminal:
    """The app in a pseudo-terminal, 80×24, with its output collected as plain text."""

    def __init__(self, argv: list[str], env: dict[str, str], columns: int = 80, rows: int = 24) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.raw = bytearray()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _w, _x = select.select([self.master], [], [], 0.05)
                if ready:
                    chunk = os.read(self.master, 65536)
                    if not chunk:
                        return
                    with self.lock:
                        self.raw += chunk
            except OSError:
                return

    def text(self) -> str:
        with self.lock:
            return _ANSI.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    @property
    def mark(self) -> int:
        """Where the text shown so far ends: wait_for(since=mark) looks only at what comes after."""
        return len(self.text())

    def wait_for(self, needle: str, timeout: float, since: int = 0) -> bool:
        return self.wait_for_any([needle], timeout, since) is not None

    def wait_for_any(self, needles: list[str], timeout: float, since: int = 0) -> str | None:
        """The first of `needles` shown (after `since`) within `timeout` seconds; None if none was."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()[since:]
            found = [(text.index(n), n) for n in needles if n in text]
            if found:
                return min(found)[1]
            time.sleep(0.02)
        return None

    def wait_for_match(self, pattern: re.Pattern[str], timeout: float, since: int = 0) -> re.Match[str] | None:
        """The first match of `pattern` shown (after `since`) within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = pattern.search(self.text()[since:])
            if match:
                return match
            time.sleep(0.02)
        return None

    def type(self, text: str, per_char_s: float = 0.001) -> None:
        for char in text:
            os.write(self.master, char.encode())
            time.sleep(per_char_s)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join(timeout=2)
        os.close(self.master)


def noon_zone(moment: datetime | None = None) -> str:
    """A TZ setting in which it is between 11:30 and 12:30 at `moment` (default now): no run nearby crosses midnight.

    A session left open goes on at the next start only on the same day (sessions/resume.py); the real
    app reads the real clock, so a run started near midnight would find its sessions closed instead.
    """
    utc = (moment or datetime.now(UTC)).astimezone(UTC)
    east = 12 - round(utc.hour + utc.minute / 60)  # hours east of UTC, -12 to +12
    return f"NOON{-east:+d}"  # POSIX counts hours west of Greenwich


def prepare(data_dir: Path) -> list[tuple[str, str]]:
    """Seed the demo centre; (code, short name) of everyone who may check in."""
    from sessions.clock import now
    from sessions.demo import seed_demo
    from sessions.store import Store

    with Store(data_dir) as store:
        if store.registry.is_empty():
            seed_demo(store, now())
        return [(p.code, p.short_name) for p in store.registry.participants(include_archived=False) if p.code]


def check_folder(data_dir: Path) -> tuple[list[str], int]:
    """Files that do not parse, and temp files an interrupted write left."""
    bad, temps = [], 0
    for path in sorted(data_dir.rglob("*")):
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            temps += 1
        elif path.suffix == ".json" and path.is_file():
            try:
                read_log(path)  # a week log is its file and its journal
            except DamagedFile:
                bad.append(str(path.relative_to(data_dir)))
    return bad, temps


def session_checkins(data_dir: Path) -> list[str]:
    """Participant ids checked in to the session left open by the killed app."""
    device = json.loads((data_dir / "local" / "device.json").read_text("utf-8"))["device"]
    state = json.loads((data_dir / "local" / "state.json").read_text("utf-8"))  # the work this laptop has open
    found: list[str] = []
    for marker in state.get("open", {}).values():
        if marker["kind"] != "session":
            continue
        path = data_dir / "logs" / f"{marker['week']}.{device}.json"
        tables = read_log(path)
        if tables is not None:
            found += [
                c["participant_id"]
                for c in tables.get("checkins", {}).values()
                if c["session_id"] == marker["id"] and not c.get("voided_at")
            ]
    return found


def short_names(data_dir: Path) -> dict[str, str]:
    from sessions.names import short_name
    from sessions.storage.shared import merged_registry

    registry = merged_registry(data_dir / "registry")
    return {p["id"]: short_name(p["first_name"], p["last_name"]) for p in registry["participants"].values()}


def one_round(
    data_dir: Path,
    cards: list[tuple[str, str]],
    rng: random.Random,
    env: dict[str, str],
    kill_within_s: float = KILL_WITHIN_S,
) -> Round:
    argv = [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "--lang", "en"]
    term = Terminal(argv, env)
    kill_at = rng.uniform(0.0, kill_within_s)
    result = Round(killed_after_s=round(kill_at, 3))
    try:
        if not term.wait_for("Who is at the keyboard", 15):
            result.note = "home screen not shown"
            return result
        result.note = _end_what_goes_on(term, result)
        if result.note:
            return result
        mark = term.mark
        term.type("\r")
        if not term.wait_for("Ready: scan the first card.", 10, since=mark):
            result.note = "check-in screen not shown"
            return result
        result.scanning = True
        started = time.monotonic()
        chosen = rng.sample(cards, k=min(len(cards), 12))
        for code, _name in chosen:
            if time.monotonic() - started >= kill_at:
                break
            term.type(code + "\r")
            result.typed += 1
            time.sleep(BETWEEN_CARDS_S)
        while time.monotonic() - started < kill_at:
            time.sleep(0.005)
    finally:
        term.kill()
    # One answer may be painted more than once; its running count makes it unique.
    seen = sorted(set(_GREEN.findall(term.text())), key=lambda pair: int(pair[1]))
    result.green_names = [name for name, _n in seen]
    result.green_count = max((int(n) for _name, n in seen), default=0)
    result.unreadable, result.temps_left = check_folder(data_dir)
    if not result.unreadable:
        names = short_names(data_dir)
        on_disk = [names.get(pid, "?") for pid in session_checkins(data_dir)]
        result.on_disk = len(on_disk)
        left = list(on_disk)
        for name in result.green_names:
            if name in left:
                left.remove(name)
            else:
                result.missing.append(name)
        if result.green_count > result.on_disk:
            result.missing.append(f"count {result.green_count} > {result.on_disk} on disk")
        if result.missing:
            result.note = "not on disk: " + ", ".join(result.missing)
    return result


def _end_what_goes_on(term: Terminal, result: Round) -> str:
    """Press 1: the start screen, or the session the last kill left open, read, ended, and then the start screen.

    Returns what went wrong, in a few words ("" when the start screen is shown).
    """
    mark = term.mark
    term.type("1")
    match = term.wait_for_match(re.compile(f"{_START_SCREEN}|{_TODAY_SCREEN}|{_GOES_ON.pattern}"), 10, since=mark)
    if match is None:
        return "neither the start screen nor a session that goes on was shown"
    if not _GOES_ON.fullmatch(match.group(0)):
        return _start_form(term, match.group(0))
    result.went_on_with = int(match.group(1) or 0)
    mark = term.mark
    term.type(F10, per_char_s=0)
    if not term.wait_for("End the", 10, since=mark):
        return "the session that went on could not be ended"
    mark = term.mark
    term.type("y")
    if not term.wait_for("has ended", 10, since=mark):
        return "the session that went on did not end"
    mark = term.mark
    term.type("\r")
    if not term.wait_for("Who is at the keyboard", 10, since=mark):
        return "home screen not shown after the end"
    mark = term.mark
    term.type("1")
    shown = term.wait_for_match(re.compile(f"{_START_SCREEN}|{_TODAY_SCREEN}"), 10, since=mark)
    return _start_form(term, shown.group(0)) if shown else "start screen not shown"


def _start_form(term: Terminal, shown: str) -> str:
    """From what 1 showed to the start form: F2 on today's timetable (the harness starts a session of its own)."""
    if shown == _START_SCREEN:
        return ""
    mark = term.mark
    term.type(F2, per_char_s=0)
    return "" if term.wait_for(_START_SCREEN, 10, since=mark) else "start screen not shown"


def report(rounds: list[Round], command: str) -> str:
    """The results as Markdown."""
    green = sum(len(r.green_names) for r in rounds)
    lost = sum(len(r.missing) for r in rounds)
    unreadable = sum(len(r.unreadable) for r in rounds)
    lines = [
        "# Reliability: kill -9 while scanning",
        "",
        "The real app runs in a pseudo-terminal (80×24) on a demo data folder. Each round starts it,",
        "starts a session, types card codes as a USB scanner does (digits + CR, ~1 ms a character),",
        "reads the screen for the green answer (`<name> — checked in. <n>`), and kills the app with",
        f"SIGKILL at a random moment between 0 and {KILL_WITHIN_S} s after the check-in screen is ready",
        f"(a card every ~{int(BETWEEN_CARDS_S * 1000) + 11} ms, so kills land in the middle of scanning). The next",
        "round starts the app again on the same folder (which cleans temp files and sets aside anything",
        "damaged). The session the kill left open goes on (the same day, minutes later): the round",
        "presses 1, reads how many its check-in screen says are in (`<n> checked in; scan the next",
        "card.`), which must be the check-ins the last round left on disk, ends it (F10, Y) and starts",
        "a new session, so that every round scans into an empty one.",
        "",
        f"Reproduce: `{command}`",
        "",
        "| | |",
        "|---|---|",
        f"| rounds (kill -9) | {len(rounds)} |",
        f"| rounds that reached the check-in screen | {sum(1 for r in rounds if not r.note)} |",
        f"| cards typed | {sum(r.typed for r in rounds)} |",
        f"| check-ins shown green | {green} |",
        f"| shown green but not on disk | **{lost}** |",
        f"| data files that did not parse after a kill | **{unreadable}** |",
        f"| temp files left by a killed write (removed at the next start) | {sum(r.temps_left for r in rounds)} |",
        f"| rounds that found the last round's session going on | {sum(r.went_on_with is not None for r in rounds)} |",
        f"| of those, with a count other than the check-ins on disk | **{sum(r.went_on_wrong for r in rounds)}** |",
        "",
        "| round | went on with | killed after (s) | typed | green | on disk | lost | unreadable | note |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, r in enumerate(rounds, start=1):
        went_on = "" if r.went_on_with is None else str(r.went_on_with)
        note = "; ".join(filter(None, [r.note, f"{r.left_on_disk} were on disk" if r.went_on_wrong else ""]))
        lines.append(
            f"| {n} | {went_on} | {r.killed_after_s} | {r.typed} | {len(r.green_names)} | {r.on_disk} | "
            f"{len(r.missing)} | {len(r.unreadable)} | {note} |"
        )
    lines += [
        "",
        "## Also shown by the test suite",
        "",
        "- `tests/test_crash_smoke.py`: three rounds of this harness on every test run.",
        "- `tests/test_resume_kill.py`: kill -9 mid-session, then a restart: the home screen says the",
        "  session goes on, its check-in screen says how many are in, and the next card lands in the same",
        "  session; kill -9 mid-boarding, then a restart: the trip is still open with its passengers.",
        "- `tests/test_full_disk.py`: with `RLIMIT_FSIZE` (a full disk that binds root too) a scan answers",
        '  red "NOT saved", the file on disk is byte-for-byte unchanged, and the next scan after space',
        "  returns is green and on disk; a registry write that fails leaves the registry as it was.",
        "- `tests/test_damaged.py`: a torn week log is set aside at start (never replaced by an empty",
        "  file), the home screen names it and the backup that holds it, F5 restores it, every check-in",
        "  the backup held is back and every other file is byte-for-byte unchanged.",
        "- `tests/test_backup.py`: backups verify, rotate (14 days, 8 weeks), mirror; restore loses",
        "  nothing recorded after the backup.",
        "- `tests/test_fuzz.py`: hypothesis on `parse_scan` and `check_in`; random printable, control and",
        "  non-ASCII keys into the check-in and boarding screens: no crash, no check-in, no boarding.",
    ]
    return "\n".join(lines) + "\n"


def run(rounds: int, seed: int, data_dir: Path | None = None, kill_within_s: float = KILL_WITHIN_S) -> list[Round]:
    """Run the rounds on one data folder and return what each saw."""
    folder = data_dir or Path(tempfile.mkdtemp(prefix="centrelog-crash-"))
    cards = prepare(folder)
    rng = random.Random(seed)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "TZ": noon_zone()}
    env.pop("CENTRELOG_PIN", None)
    results: list[Round] = []
    for _ in range(rounds):
        result = one_round(folder, cards, rng, env, kill_within_s)
        last = results[-1] if results else None
        result.left_on_disk = last.on_disk if last is not None and last.scanning and not last.unreadable else None
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--report", type=Path, help="write the results as Markdown here")
    args = parser.parse_args(argv)
    results = run(args.rounds, args.seed, args.data_dir)
    text = report(
        results, f"python -m tools.crash_harness --rounds {args.rounds} --seed {args.seed} --report docs/reliability.md"
    )
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, "utf-8")
    print(text)
    bad = sum(len(r.missing) + len(r.unreadable) + r.went_on_wrong for r in results)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

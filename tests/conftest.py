"""Shared fixtures: real stores in tmp_path, a fixed clock, the demo centre."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings

from sessions.demo import seed_demo
from sessions.i18n import set_language
from sessions.store import Store
from tests.cups import CupsServer, start_cups
from tests.cups import missing as cups_missing
from tests.syncthing import Cluster, start_cluster, syncthing_binary

# A shared machine may stall any single example: hypothesis judges behaviour here, not speed.
settings.register_profile("centrelog", deadline=None)
settings.load_profile("centrelog")

RIGA = timezone(timedelta(hours=2))
#: A Monday morning, so that tests do not depend on when they run.
MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=RIGA)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime = MONDAY) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they switch; the system's locale does not leak in, nor one test's choice."""
    monkeypatch.setenv("LANGUAGE", "en")
    set_language("en")
    yield
    set_language("en")


#: A print server no one runs: what the tests reach unless they start their own (tests/cups.py).
NO_PRINT_SERVER = "/nonexistent/centrelog-tests/cups.sock"


@pytest.fixture(autouse=True)
def no_printer_of_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test prints on the machine's own printers: the print service the app reaches is none at all."""
    monkeypatch.setenv("CUPS_SERVER", NO_PRINT_SERVER)


def _required(problem: str | None, what: str) -> None:
    """Skip for `problem`, but fail under CI, which must run the test."""
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{problem}: .ci/run installs it, and CI must run the {what} tests")
    pytest.skip(problem)


@pytest.fixture
def cups_clients() -> None:
    """CUPS's own commands (lp, lpstat): the app runs them; skipped without them, failed under CI."""
    _required(None if shutil.which("lp") and shutil.which("lpstat") else "lp and lpstat are not installed", "CUPS")


@pytest.fixture(scope="session")
def cups_server() -> Iterator[CupsServer]:
    """A real cupsd of the tests' own on 127.0.0.1 (tests/cups.py) with cups-pdf printers: PDF (the default),
    Office, Refusing (takes no jobs) and Paused (holds them)."""
    _required(cups_missing(), "CUPS")
    with start_cups() as server:
        for name in ("PDF", "Office", "Refusing", "Paused"):
            server.add_pdf_printer(name, default=name == "PDF")
        server.refuse_jobs("Refusing")
        server.pause("Paused")
        yield server


@pytest.fixture
def cups(cups_server: CupsServer, monkeypatch: pytest.MonkeyPatch) -> CupsServer:
    """The tests' print server, the one the app reaches for this test (CUPS_SERVER)."""
    monkeypatch.setenv("CUPS_SERVER", cups_server.address)
    return cups_server


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def demo_store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store(tmp_path / "data") as opened:
        seed_demo(opened, clock())
        yield opened


def own_registry(data: Path) -> Path:
    """This laptop's own registry file in a data folder: registry/<its device id>.json."""
    return data / "registry" / f"{device_of(data)}.json"


def device_of(data: Path) -> str:
    """The id the laptop took in a data folder (local/device.json)."""
    return str(json.loads((data / "local" / "device.json").read_text("utf-8"))["device"])


@pytest.fixture
def syncthing_required() -> None:
    """Skips the test when syncthing is not on PATH, but fails it under CI, which must run it."""
    if syncthing_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("syncthing is not on PATH: .ci/run installs it, and CI must run the Syncthing tests")
        pytest.skip("syncthing is not on PATH (Debian: apt-get install syncthing)")


@pytest.fixture
def syncthing_pair(request: pytest.FixtureRequest, tmp_path: Path, syncthing_required: None) -> Iterator[Cluster]:
    """Two real Syncthing instances on 127.0.0.1, paired, sharing tmp_path/a and tmp_path/b, in sync.

    `@pytest.mark.syncthing(stignore="...")` writes that `.stignore` into both folders before they are shared.
    """
    marker = request.node.get_closest_marker("syncthing")
    stignore = marker.kwargs.get("stignore") if marker else None
    with start_cluster(tmp_path / "syncthing", [tmp_path / "a", tmp_path / "b"], stignore=stignore) as pair:
        yield pair

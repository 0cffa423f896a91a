"""The laptop's camera as the card reader, through the real app: a video made from rendered cards played as the camera.

The video (tests/camera_video.py) shows cards as a queue holds them up: each
held still for a while, some moving (blurred past reading) before they settle,
taken away, one shown again. The app opens it as it opens a camera (OpenCV's
VideoCapture), decodes it with zxing-cpp on its own thread, and answers each
card as a USB scan is answered.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sessions.clock import week_key
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.camera_video import blurred, card_video, gone, held
from tests.conftest import Clock
from tests.pilot_helpers import person_types, scanner_burst, screen_text, settle
from tests.trip_helpers import open_demo_trip
from tui.app import CentrelogApp
from tui.camera.view import CameraView
from tui.screens.dialogs.camera import CameraDialog
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.widgets.answer import Answer


def _people(store: Store, n: int) -> list:
    return store.registry.participants(include_archived=False)[:n]


def _queue_video(path: Path, codes: list[str]) -> Path:
    """Three cards, one after another, the first moving before it settles; then the first again."""
    a, b, c = codes
    shots = [gone(10), blurred(a), held(a, 30), blurred(a, 4), held(a, 10), gone(), held(b), gone(), blurred(c)]
    return card_video(path, [*shots, held(c), gone(), held(a), gone()])


async def _start_session(pilot, app: CentrelogApp) -> CheckInScreen:
    await pilot.press("1", "enter")
    await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
    screen = app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


async def _choose_in_dialog(pilot, app: CentrelogApp, typed: str) -> None:
    """F9, then the file or address typed on its line (Tab goes there) and Enter."""
    await pilot.press("f9")
    await settle(pilot, lambda: isinstance(app.screen, CameraDialog) and app.screen.query("#cameras"))
    app.screen.query_one("#camera-address").focus()
    await person_types(pilot, *typed, "enter")
    await settle(pilot, lambda: not isinstance(app.screen, CameraDialog))


async def test_a_queue_held_up_to_the_camera_is_checked_in_once_each_in_order(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    people = _people(demo_store, 3)
    video = _queue_video(tmp_path / "queue.avi", [p.code for p in people])
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start_session(pilot, app)
        colours: list[str] = []
        answer = screen.query_one(Answer)
        original_show = answer.show

        def noted(colour: str, sentence: str) -> None:
            colours.append(colour)
            original_show(colour, sentence)

        answer.show = noted  # type: ignore[method-assign]
        await _choose_in_dialog(pilot, app, str(video))
        await settle(pilot, lambda: screen.query(CameraView) and screen.query_one(CameraView).problem is not None)
        assert "has ended" in str(screen.query_one(CameraView).problem)

        scans = screen.session.scans
        assert [s["outcome"] for s in scans] == ["checked_in", "checked_in", "checked_in", "already_in"]
        assert [s["participant_id"] for s in scans] == [p.id for p in [*people, people[0]]]
        assert {s["method"] for s in scans} == {"camera"}
        assert [c["participant_id"] for c in screen.session.checkins] == [p.id for p in people]
        assert [c["code"] for c in screen.session.checkins] == [p.code for p in people]
        assert [c for c in colours if c != "idle"] == ["green", "green", "green", "yellow"]
        assert f"{people[0].short_name} is already checked in" in screen_text(app)

    # On disk as the screen showed it, marked as read by the camera; the camera is this laptop's own setting.
    log = read_log(demo_store.log_path(week_key(clock()))) or {}
    on_disk = [s for s in log["scans"].values() if s.get("session_id") == screen.session.id]
    assert [(s["method"], s["outcome"]) for s in on_disk] == [("camera", "checked_in")] * 3 + [("camera", "already_in")]
    assert demo_store.registry.setting("camera_source") == str(video)
    assert demo_store.registry.setting("camera_on_checkin") is True
    shared = (demo_store.data_dir / "registry" / f"{demo_store.device}.json").read_text("utf-8")
    assert "camera_source" not in shared and str(video) not in shared


async def test_the_camera_stays_on_for_the_screen_and_boards_a_trip(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    """Turned on for boarding on this laptop, the camera starts with the screen; the check-in screen stays without."""
    people = _people(demo_store, 3)
    video = _queue_video(tmp_path / "bus.avi", [p.code for p in people])
    registry = demo_store.registry
    registry.set_settings({"camera_source": str(video), "camera_on_boarding": True})
    trip = open_demo_trip(demo_store, clock())
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        boarding = BoardingScreen(trip)
        app.push_screen(boarding)
        await settle(pilot, lambda: len(boarding.trip.scans) == 4)
        assert [s["outcome"] for s in boarding.trip.scans] == ["boarded", "boarded", "boarded", "already_aboard"]
        assert {s["method"] for s in boarding.trip.scans} == {"camera"}
        assert [b["participant_id"] for b in boarding.trip.boardings] == [p.id for p in people]
        app.pop_screen()
        await settle(pilot, lambda: app.screen is not boarding)
        checkin = await _start_session(pilot, app)
        await pilot.pause()
        assert not checkin.query(CameraView)  # on for boarding only


async def test_a_missing_camera_is_said_and_the_scanner_goes_on(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    people = _people(demo_store, 4)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start_session(pilot, app)
        missing = tmp_path / "no-such-video.avi"
        await _choose_in_dialog(pilot, app, str(missing))
        said = f"There is no video file {missing}."
        await settle(pilot, lambda: screen.query_one(Answer).sentence == said)  # in the big line, nothing scanned yet
        assert said in str(screen.query_one("#camera-said").render())  # and in the camera's box
        scanner_burst(app, [p.code for p in people[:2]])
        await settle(pilot, lambda: screen.session.count == 2)
        assert [s["method"] for s in screen.session.scans] == ["scan", "scan"]
        assert "green" in screen.query_one(Answer).classes
        # A camera number with no device behind it: said the same way, and the burst still lands.
        await _choose_in_dialog(pilot, app, "63")
        view = screen.query_one(CameraView)
        await settle(pilot, lambda: view.problem is not None)
        if sys.platform.startswith("linux"):
            assert view.problem == "There is no camera 63 on this laptop."
        assert "The scanner and names still work" in str(screen.query_one("#camera-said").render())
        scanner_burst(app, [p.code for p in people[2:]])
        await settle(pilot, lambda: screen.session.count == 4)
        assert [s["outcome"] for s in screen.session.scans] == ["checked_in"] * 4


async def test_f9_off_turns_the_camera_off_and_this_laptop_remembers(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    people = _people(demo_store, 1)
    video = card_video(tmp_path / "long.avi", [gone(10), *([held(people[0].code, 50), gone(50)] * 4)])
    demo_store.registry.set_settings({"camera_source": str(video), "camera_on_checkin": True})
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start_session(pilot, app)
        await settle(pilot, lambda: len(screen.session.scans) >= 1)
        assert screen.session.scans[0]["method"] == "camera"
        await pilot.press("f9")
        await settle(pilot, lambda: isinstance(app.screen, CameraDialog) and app.screen.query("#cameras"))
        assert "(on now)" in screen_text(app)
        await pilot.press("enter")  # Off is offered first while the camera is on
        await settle(pilot, lambda: not screen.query(CameraView))
    assert demo_store.registry.setting("camera_on_checkin") is False
    assert demo_store.registry.setting("camera_source") == str(video)


async def test_without_opencv_the_app_says_how_to_add_it(
    demo_store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)  # as on a laptop installed without the camera extra
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_session(pilot, app)
        await pilot.press("f9")
        await settle(pilot, lambda: "install.py --camera" in screen_text(app).replace("\n", " "))
        assert "centrelog[camera]" in screen_text(app).replace("\n", " ")
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))


def test_the_camera_settings_are_this_laptops_alone(demo_store: Store) -> None:
    demo_store.registry.set_settings({"camera_source": "0", "camera_on_checkin": True})
    shared = json.loads((demo_store.data_dir / "registry" / f"{demo_store.device}.json").read_text("utf-8"))
    assert "camera_source" not in json.dumps(shared)
    assert demo_store.registry.setting("camera_source") == "0"


async def test_f1_on_the_scan_screens_tells_of_the_camera_key(demo_store: Store, clock: Clock) -> None:
    from tui.screens.dialogs.help import HelpDialog

    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_session(pilot, app)
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpDialog))
        extra = " ".join(str(w.render()) for w in app.screen.query(".help-extra"))
        assert "F9 turns the laptop's camera on or off" in extra
        assert ("f9", "Camera") in {(k.key, k.description) for k in app.screen.keys}
    assert BoardingScreen.HELP_EXTRA == CheckInScreen.HELP_EXTRA

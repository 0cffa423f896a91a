"""The camera's parts without the app: a card held up is one scan, the reading thread on a video, the sentences,
and the printed card read through a laptop's camera by the real decoder."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.camera_frames import Look, frame_with_card, phone_screen
from sessions.attendance import start_session
from sessions.checkin import check_in
from sessions.store import Store
from tests.camera_video import blurred, card_video, gone, held
from tests.conftest import Clock
from tui.camera.cards_in_view import GONE_AFTER_FRAMES, CardsInView
from tui.camera.reader import CameraReader
from tui.camera.source import CameraSource, why_not_opened
from tui.camera.watch import read_codes

A, B = "4837261950", "1203948571"


# a card held up is one scan -------------------------------------------------------


def test_a_card_held_for_seconds_is_one_scan_and_again_once_it_has_left() -> None:
    view = CardsInView()
    assert view.frame([A]) == [A]
    assert all(view.frame([A]) == [] for _ in range(90))  # three seconds at 30 frames a second
    for _ in range(GONE_AFTER_FRAMES - 1):  # a shake: a few frames without it
        assert view.frame([]) == []
    assert view.frame([A]) == []
    for _ in range(GONE_AFTER_FRAMES):  # taken away
        view.frame([])
    assert view.frame([A]) == [A]


def test_two_cards_in_one_picture_are_two_scans_in_the_order_read() -> None:
    view = CardsInView()
    assert view.frame([B, A, B]) == [B, A]
    assert view.frame([A]) == []


@given(st.lists(st.lists(st.sampled_from([A, B]), max_size=3), max_size=200), st.integers(1, 20))
def test_a_card_counts_each_time_it_comes_into_view(frames: list[list[str]], gone_after: int) -> None:
    """A card read in a frame is a scan exactly when it was never read before, or not in the `gone_after` before."""
    view = CardsInView(gone_after=gone_after)
    last_read: dict[str, int] = {}
    for index, codes in enumerate(frames):
        expected = [
            code for code in dict.fromkeys(codes) if code not in last_read or index - last_read[code] - 1 >= gone_after
        ]
        assert view.frame(codes) == expected
        last_read.update(dict.fromkeys(codes, index))


# the reading thread ------------------------------------------------------------------


def _read_all(
    source: CameraSource, quiet_until: float = 0.0, card: Callable[[CameraReader, str], object] = lambda *_: None
) -> tuple[list[str], list[str], int]:
    seen: list[str] = []
    said: list[str] = []
    done = threading.Event()
    pictures = [0]

    def stopped(sentence: str) -> None:
        said.append(sentence)
        done.set()

    def seen_card(code: str) -> None:
        seen.append(code)
        card(reader, code)

    reader = CameraReader(
        source, card=seen_card, picture=lambda *_: pictures.__setitem__(0, pictures[0] + 1), stopped=stopped
    )
    if quiet_until:
        reader.quiet(quiet_until)
    reader.start()
    assert done.wait(60), "the reader never stopped"
    reader.stop(wait=10)
    return seen, said, pictures[0]


def test_a_video_of_cards_is_read_card_by_card_in_order(tmp_path: Path) -> None:
    video = card_video(
        tmp_path / "cards.avi",
        [gone(5), blurred(A), held(A, 40), blurred(A, 3), held(A), gone(), held(B), gone(), held(A), gone(5)],
    )
    seen, said, pictures = _read_all(CameraSource(str(video)))
    assert seen == [A, B, A]
    assert said == ["The video cards.avi has ended."]
    assert pictures >= 3  # the preview, a few a second of the video's own pace


def test_while_a_scanner_s_card_is_answered_the_camera_decodes_nothing(tmp_path: Path) -> None:
    """Frames that come while the app says a scan is being answered go undecoded: no card, no preview."""
    video = card_video(tmp_path / "quiet.avi", [held(A, 30), gone(5)])
    seen, said, pictures = _read_all(CameraSource(str(video)), quiet_until=time.monotonic() + 3600)
    assert (seen, pictures) == ([], 0)
    assert said == ["The video quiet.avi has ended."]


def test_a_quiet_mark_sent_while_the_camera_reads_holds_back_the_next_card(tmp_path: Path) -> None:
    """The first card is read; the app marks a scan being answered for longer than the video: the second is not."""
    video = card_video(tmp_path / "marked.avi", [held(A, 10), gone(60), held(B, 30), gone(5)])
    seen, said, _pictures = _read_all(
        CameraSource(str(video)), card=lambda reader, _code: reader.quiet(time.monotonic() + 3600)
    )
    assert seen == [A]
    assert said == ["The video marked.avi has ended."]


@pytest.mark.skipif(not hasattr(os, "sched_getscheduler"), reason="Linux's scheduling classes")
def test_the_camera_is_read_in_a_process_of_its_own_that_only_takes_an_idle_processor(tmp_path: Path) -> None:
    video = card_video(tmp_path / "long.avi", [gone(600)])
    pictured = threading.Event()
    said: list[str] = []
    reader = CameraReader(CameraSource(str(video)), card=print, picture=lambda *_: pictured.set(), stopped=said.append)
    reader.start()
    try:
        assert pictured.wait(60), "no picture came"
        process = reader.process_id
        assert process is not None and process != os.getpid()
        assert os.sched_getscheduler(process) == os.SCHED_IDLE  # type: ignore[attr-defined,unused-ignore]
    finally:
        reader.stop(wait=10)
    assert not reader.running and not Path(f"/proc/{process}").exists()  # stopped: the process has ended
    assert said == []  # stopped by the app: nothing to say


def test_a_camera_process_that_dies_is_said_and_the_app_goes_on(tmp_path: Path) -> None:
    """A crash inside a camera's driver ends the camera's process only: the app is told the camera stopped."""
    video = card_video(tmp_path / "long.avi", [gone(600)])
    pictured, done = threading.Event(), threading.Event()
    said: list[str] = []

    def stopped(sentence: str) -> None:
        said.append(sentence)
        done.set()

    reader = CameraReader(CameraSource(str(video)), card=print, picture=lambda *_: pictured.set(), stopped=stopped)
    reader.start()
    assert pictured.wait(60), "no picture came"
    process = reader.process_id
    assert process is not None
    os.kill(process, signal.SIGKILL)
    assert done.wait(30), "the end was not said"
    reader.stop(wait=10)
    assert said == ["long.avi stopped sending pictures."]


def test_a_poster_behind_the_queue_is_no_scan(tmp_path: Path) -> None:
    """Only what a card can hold (digits) is handed on; a QR code of a web address is passed over."""
    import cv2
    import numpy as np
    import qrcode

    symbol = np.asarray(qrcode.make("https://example.org/timetable", border=4, box_size=8).get_image().convert("L"))
    frame = np.full((720, 1280), 128, np.uint8)
    frame[100 : 100 + symbol.shape[0], 100 : 100 + symbol.shape[1]] = symbol
    assert read_codes(frame) == ["https://example.org/timetable"]
    path = tmp_path / "poster.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 100, (1280, 720))
    for _ in range(20):
        writer.write(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))
    writer.release()
    seen, said, _pictures = _read_all(CameraSource(str(path)))
    assert seen == [] and said == ["The video poster.avi has ended."]


def test_a_camera_that_is_not_there_is_said(tmp_path: Path) -> None:
    seen, said, _pictures = _read_all(CameraSource(str(tmp_path / "nothing.avi")))
    assert said == [f"There is no video file {tmp_path / 'nothing.avi'}."] and seen == []
    seen, said, _pictures = _read_all(CameraSource("63"))
    if sys.platform.startswith("linux"):
        assert said == ["There is no camera 63 on this laptop."]
    assert len(said) == 1 and seen == []


def test_what_a_camera_setting_names() -> None:
    assert CameraSource("0").number == 0 and CameraSource("0").name() == "Camera 0"
    stream = CameraSource("rtsp://10.0.0.7/stream")
    assert stream.is_stream and stream.number is None and stream.opened_as() == "rtsp://10.0.0.7/stream"
    assert "did not open" in why_not_opened(stream)
    assert CameraSource("~/queue.avi").path == Path.home() / "queue.avi"


def test_a_camera_read_is_logged_as_one(store: Store, clock: Clock) -> None:
    gym = store.registry.add_item("activities", clock(), name="Gym", capacity=10)
    person = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    session = start_session(store, gym["id"], "Zāle", "Olga", clock())
    result = check_in(session, store.registry, person.code, clock(), method="camera")
    assert result.outcome.value == "checked_in"
    assert session.scans[-1]["method"] == session.checkins[-1]["method"] == "camera"
    assert session.scans[-1]["raw"] == person.code and session.checkins[-1]["code"] == person.code
    with pytest.raises(ValueError):
        check_in(session, store.registry, person.code, clock(), method="manual")


# the printed card through a laptop's camera ----------------------------------------------


@pytest.mark.parametrize(
    ("look", "phone"),
    [
        (Look(distance_cm=50, blur=1.2), False),  # soft focus at arm's length: never read with the cards before
        (Look(distance_cm=60, slant_deg=30), False),
        (Look(distance_cm=40, black=55, white=135, noise=8, blur=0.9), False),  # poor light
        (Look(distance_cm=60, black=10, white=255), True),  # the card's picture on a phone
    ],
)
def test_the_printed_card_reads_through_a_laptops_camera(look: Look, phone: bool) -> None:
    make = phone_screen if phone else frame_with_card
    for place in range(4):
        at = (0.4 + 0.07 * place, 0.45 + 0.04 * place)
        frame = make(A, Look(**{**look.__dict__, "at": at, "tilt_deg": 5 * place - 8}), seed=place)
        assert read_codes(frame) == [A], f"not read at {at}"

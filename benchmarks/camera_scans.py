"""USB scans while the camera reads and its preview paints: scan → answer, and what the camera costs the app.

    python -m benchmarks.camera_scans [--data DIR] [--smoke] [--rounds N]

The real app in an 80×24 pseudo-terminal on the ten-year centre (generated
by `python -m benchmarks`, or here, and reused; its closed weeks summarised
once before, as on a laptop's morning), started alternately with the
camera off and on. "On" is a 1280×720 video at 30 frames a second played as
the camera (a camera of its own gives frames at the same pace): an empty room,
and every three seconds a card held up for one second, a card nobody has, so
the app answers it red (with its bell) as it would a stranger's card. In
each start: the app's CPU while it waits (5 s, after the start-up backup),
as a share of one core, split into the event loop (which paints the preview)
and the other threads (the one that takes the camera's messages), and the
camera's own process (frames read and decoded); then single USB cards at a
queue's pace (0.1–0.6 s apart, so that scans fall on the preview's paints),
each timed from its Enter to its answer on screen.
No figure is asserted; tests/test_camera_screen.py checks the behaviour.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import cv2

from benchmarks.camera_frames import FRAME, Look, empty_frame, frame_with_card
from benchmarks.generate import BIG_DAY_CAPACITY, Centre, ensure
from benchmarks.latency import work_copy
from benchmarks.run import first_in_line, summary
from benchmarks.startup import AppRun, cards_to_scan, ready_to_scan, single_scans, wait_for_backup
from benchmarks.terminal import AppTerminal
from sessions.codes import new_code
from sessions.store import Store

__all__ = ["camera_video", "measure", "render"]

FPS = 30
#: Seconds the app is watched doing nothing, for its CPU.
IDLE_S = 5.0


def camera_video(path: Path, seconds: float, code: str) -> Path:
    """An MJPG video at 30 frames a second: a room, and `code`'s card held up 40 cm away for 1 s in every 3 s."""
    room = cv2.cvtColor(empty_frame(3), cv2.COLOR_GRAY2BGR)
    card = cv2.cvtColor(frame_with_card(code, Look(distance_cm=40), seed=3), cv2.COLOR_GRAY2BGR)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, FRAME)
    try:
        for frame in range(round(seconds * FPS)):
            writer.write(card if frame % (3 * FPS) >= 2 * FPS else room)
    finally:
        writer.release()
    return path


def threads_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user and system) each thread of the process has used so far, by its thread id."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[int, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a thread that ended meanwhile
            continue
        used[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick
    return used


def camera_process(pid: int) -> int | None:
    """The app's camera process (`python -m tui.camera.watch`), if it has one."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"tui.camera.watch" in command:
                return int(child)
    return None


def opencv_loaded(pid: int) -> bool:
    """Whether OpenCV's library is mapped into a process."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
    return "/cv2/" in maps


def process_cpu(pid: int | None) -> float:
    """CPU seconds (user and system) a process has used so far; 0 for none, or one that has ended."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_peak_mb(pid: int | None) -> float:
    """The highest resident memory of a process (VmHWM), in MB; 0 for none."""
    if pid is None:
        return 0.0
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)


def _split(pid: int, before: dict[int, float], after: dict[int, float], seconds: float) -> dict[str, float]:
    """The share of a core over `seconds`: the app's main thread (its event loop), and every other thread.

    Python names no thread to the system, so the camera's reading thread is told
    apart only as not the main one; the others (the writer, the backup's wait)
    are idle while the app waits. The camera reads in a process of its own.
    """
    delta = {tid: after[tid] - before.get(tid, 0.0) for tid in after}
    main = delta.pop(pid, 0.0)
    return {"main_thread": main / seconds, "other_threads": sum(delta.values()) / seconds}


def _queue(terminal: AppTerminal, cards: list[str], rng: random.Random) -> list[float]:
    """Seconds from each card's Enter to its answer (the running count), cards a queue's pace apart."""
    timings: list[float] = []
    for n, card in enumerate(cards):
        time.sleep(rng.uniform(0.1, 0.6))
        timings += single_scans(terminal, [card], BIG_DAY_CAPACITY, already=n)
    return timings


def _one_start(source: Path, work: Path, video: Path | None, singles: int, seed: int) -> dict[str, Any]:
    data_dir = work_copy(source, work)
    if video is not None:
        with Store(data_dir) as store:
            store.registry.set_settings({"camera_source": str(video), "camera_on_checkin": True})
    cards = cards_to_scan(data_dir, singles, seed=seed)
    terminal = ready_to_scan(data_dir, AppRun())
    try:
        wait_for_backup(data_dir)
        camera = camera_process(terminal.process.pid)
        cpu, threads = terminal.cpu_seconds(), threads_cpu(terminal.process.pid)
        camera_cpu = process_cpu(camera)
        time.sleep(IDLE_S)
        idle_cpu = (terminal.cpu_seconds() - cpu) / IDLE_S
        idle_camera = (process_cpu(camera) - camera_cpu) / IDLE_S
        idle_threads = _split(terminal.process.pid, threads, threads_cpu(terminal.process.pid), IDLE_S)
        mark = terminal.mark
        cpu, camera_cpu = terminal.cpu_seconds(), process_cpu(camera)
        started = time.perf_counter()
        timings = _queue(terminal, cards, random.Random(seed))
        queue_s = time.perf_counter() - started
        queue_cpu = (terminal.cpu_seconds() - cpu) / queue_s
        queue_camera = (process_cpu(camera) - camera_cpu) / queue_s
        camera_answers = terminal.text(mark).count("Unknown card")
        memory, camera_memory = terminal.peak_memory_mb(), process_peak_mb(camera)
        opencv_in_app = opencv_loaded(terminal.process.pid)
    finally:
        exit_code = terminal.quit()
    return {
        "scans_s": timings,
        "idle_cpu": idle_cpu,
        "idle_threads": idle_threads,
        "idle_camera": idle_camera,
        "queue_cpu": queue_cpu,
        "queue_camera": queue_camera,
        "camera_answers": camera_answers,
        "memory_mb": memory,
        "camera_memory_mb": camera_memory,
        "opencv_in_app": opencv_in_app,
        "exit_code": exit_code,
    }


def morning(source: Path, target: Path) -> Path:
    """The generated folder as a laptop finds it in the morning: its closed weeks summarised on an earlier day
    (by the job the app runs), so that each start's own summary job has only the current week to look at."""
    from exports.summary_job import summarise_in_child
    from sessions.clock import now

    folder = work_copy(source, target)
    summarise_in_child(folder, now())
    return folder


def measure(root: Path, *, smoke: bool = False, rounds: int = 2, say: Any = print) -> dict[str, Any]:
    """Alternate starts with the camera off and on; the figures of each, side by side."""
    today = date.today()
    centre = Centre.one_week(today) if smoke else Centre.ten_years(today)
    say(f"centre: {'one small week' if smoke else 'ten years'} under {root} (generated once, then reused)")
    generated = ensure(root / ("smoke" if smoke else "ten-years"), centre)
    runs = generated.root / "camera-runs"
    runs.mkdir(exist_ok=True)
    singles = 5 if smoke else 40
    with Store(generated.data_dir, read_only=True) as store:
        stranger = new_code({p.code for p in store.registry.participants() if p.code})
    video = camera_video(runs / "camera.avi", 25 if smoke else 60, stranger)
    source = morning(generated.data_dir, runs / "morning")
    starts: dict[str, list[dict[str, Any]]] = {"off": [], "on": []}
    for n in range(1 if smoke else rounds):
        for kind in ("off", "on"):
            say(f"round {n + 1}: camera {kind} …")
            camera = video if kind == "on" else None
            starts[kind].append(_one_start(source, runs / "app", camera, singles, seed=n))
    found: dict[str, Any] = {"command": " ".join(["python -m benchmarks.camera_scans", *sys.argv[1:]])}
    for kind, done in starts.items():
        found[kind] = {
            "scan_to_answer": summary([t for start in done for t in start["scans_s"]]),
            "idle_cpu_percent": 100 * max(start["idle_cpu"] for start in done),
            **{
                f"idle_{part}_percent": 100 * max(start["idle_threads"][part] for start in done)
                for part in ("main_thread", "other_threads")
            },
            "idle_camera_percent": 100 * max(start["idle_camera"] for start in done),
            "queue_cpu_percent": 100 * max(start["queue_cpu"] for start in done),
            "queue_camera_percent": 100 * max(start["queue_camera"] for start in done),
            "camera_answers": sum(start["camera_answers"] for start in done),
            "memory_mb": max(start["memory_mb"] for start in done),
            "camera_memory_mb": max(start["camera_memory_mb"] for start in done),
            "opencv_in_app": any(start["opencv_in_app"] for start in done),
            "exit_codes": [start["exit_code"] for start in done],
        }
    return found


def render(found: dict[str, Any]) -> str:
    """The figures as a Markdown table, camera off beside camera on."""
    off, on = found["off"], found["on"]
    rows = [
        ("USB scan → answer on screen, p50", "scan_to_answer.p50_ms", "{:.1f} ms"),
        ("USB scan → answer on screen, p99 (target ≤ 15 ms)", "scan_to_answer.p99_ms", "{:.1f} ms"),
        ("USB scan → answer on screen, slowest", "scan_to_answer.max_ms", "{:.1f} ms"),
        ("app CPU while waiting (highest of the starts)", "idle_cpu_percent", "{:.1f} %"),
        ("… of it the event loop (with the camera: the preview's paint)", "idle_main_thread_percent", "{:.1f} %"),
        ("… of it the other threads (with the camera: its messages taken)", "idle_other_threads_percent", "{:.1f} %"),
        ("the camera's process while the app waits (frames read, decoded)", "idle_camera_percent", "{:.1f} %"),
        ("app CPU during the queue", "queue_cpu_percent", "{:.1f} %"),
        ("the camera's process during the queue", "queue_camera_percent", "{:.1f} %"),
        ("camera answers during the queue (the stranger's card)", "camera_answers", "{}"),
        ("app's peak memory", "memory_mb", "{:.0f} MB"),
        ("the camera's process's peak memory", "camera_memory_mb", "{:.0f} MB"),
        ("OpenCV loaded in the app's process", "opencv_in_app", "{}"),
    ]

    def value(figures: dict[str, Any], path: str) -> Any:
        for key in path.split("."):
            figures = figures[key]
        return figures

    lines = ["| what | camera off | camera on |", "|---|---|---|"]
    for label, path, form in rows:
        shown = [
            ("yes" if figure else "no") if isinstance(figure, bool) else form.format(figure)
            for figure in (value(off, path), value(on, path))
        ]
        lines.append(f"| {label} | {shown[0]} | {shown[1]} |")
    lines.append(f"\n{off['scan_to_answer']['n']} USB scans each; `{found['command']}`.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.camera_scans", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("/tmp/centrelog-bench"), help="the generated centre")
    parser.add_argument("--smoke", action="store_true", help="one small week, a few cards")
    parser.add_argument("--rounds", type=int, default=2, help="starts with the camera off and on, alternating")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    first_in_line()
    found = measure(args.data, smoke=args.smoke, rounds=args.rounds, say=lambda t: print(t, file=sys.stderr))
    if args.json:
        args.json.write_text(json.dumps(found, indent=1))
    print(render(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

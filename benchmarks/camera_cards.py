"""How well the printed card reads through a laptop's camera: the real decoder on rendered frames.

    python -m benchmarks.camera_cards [--samples N]

For each way of holding the card (square on, slanted, out of focus, noisy,
in poor light, on a phone's screen) and each distance (30 to 60 cm), N frames
are made with the card at a different place and turn (benchmarks/camera_frames.py)
and read by zxing-cpp as the app reads them (tui/camera/reader.py): the share
of frames read, and the decoder's time per frame. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from benchmarks.camera_frames import Grey, Look, empty_frame, frame_with_card, phone_screen
from tui.camera.watch import read_codes

__all__ = ["CONDITIONS", "DISTANCES_CM", "measure", "render"]

DISTANCES_CM = (30, 40, 50, 60)
CODE = "4837261950"

#: Each way the card is held: its name, what the camera does to it, and whether it is on a phone.
CONDITIONS: tuple[tuple[str, Look, bool], ...] = (
    ("square on, in focus, good light", Look(), False),
    ("slanted 30°", Look(slant_deg=30), False),
    ("slanted 45°", Look(slant_deg=45), False),
    ("soft focus (blur σ 1.2 px)", Look(blur=1.2), False),
    ("out of focus or moving (blur σ 1.8 px)", Look(blur=1.8), False),
    ("noisy sensor (noise σ 10)", Look(noise=10), False),
    ("poor light (grey 55–135, noise σ 8, blur σ 0.9)", Look(black=55, white=135, noise=8, blur=0.9), False),
    ("poor light and slanted 30°", Look(black=55, white=135, noise=8, blur=0.9, slant_deg=30), False),
    ("phone screen (bright, moiré)", Look(black=10, white=255), True),
)


def _look_at(look: Look, distance: int, sample: int) -> Look:
    """The sample's own place in the frame and turn in its plane (±10°), the same for every condition."""
    return replace(
        look,
        distance_cm=distance,
        tilt_deg=(sample * 7) % 21 - 10,
        at=(0.35 + 0.3 * ((sample * 5) % 11) / 10, 0.35 + 0.3 * ((sample * 3) % 7) / 6),
    )


def _read(frame: Grey) -> tuple[list[str], float]:
    started = time.perf_counter()
    codes = read_codes(frame)
    return codes, time.perf_counter() - started


def measure(samples: int = 24, say: Callable[[str], None] = lambda _text: None) -> dict[str, Any]:
    """For each condition and distance: the share of frames read exactly (the card's code, nothing else)."""
    rows: list[dict[str, Any]] = []
    times: list[float] = []
    for name, look, on_phone in CONDITIONS:
        make = phone_screen if on_phone else frame_with_card
        read_at: dict[str, float] = {}
        for distance in DISTANCES_CM:
            read = 0
            for sample in range(samples):
                codes, seconds = _read(make(CODE, _look_at(look, distance, sample), seed=sample))
                read += codes == [CODE]
                times.append(seconds)
            read_at[str(distance)] = read / samples
        rows.append({"condition": name, "read": read_at})
        say(f"{name}: {read_at}")
    empty = [_read(empty_frame(seed))[1] for seed in range(samples)]
    return {
        "samples": samples,
        "rows": rows,
        "decode_ms_p50": statistics.median(times) * 1000,
        "decode_ms_max": max(times) * 1000,
        "empty_frame_ms_p50": statistics.median(empty) * 1000,
    }


def render(results: dict[str, Any]) -> str:
    """The figures as a Markdown table: one row a condition, one column a distance."""
    head = "| how the card is held | " + " | ".join(f"{d} cm" for d in DISTANCES_CM) + " |"
    lines = [head, "|---|" + "---|" * len(DISTANCES_CM)]
    for row in results["rows"]:
        cells = " | ".join(f"{row['read'][str(d)]:.0%}" for d in DISTANCES_CM)
        lines.append(f"| {row['condition']} | {cells} |")
    lines.append("")
    lines.append(
        f"{results['samples']} frames a cell. Decoding a 1280×720 frame: p50 {results['decode_ms_p50']:.1f} ms"
        f" (slowest {results['decode_ms_max']:.1f} ms); a frame without a card: p50"
        f" {results['empty_frame_ms_p50']:.1f} ms."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.camera_cards", description=__doc__)
    parser.add_argument("--samples", type=int, default=24, help="frames per condition and distance")
    args = parser.parse_args(argv)
    print(render(measure(args.samples, say=print)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""sessions/ and exports/ never import textual: the domain runs without a screen."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import exports
import sessions

REPO = Path(__file__).resolve().parents[1]


def _modules(package: object) -> list[str]:
    return [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]  # type: ignore[attr-defined]


def test_domain_and_exports_import_without_textual() -> None:
    names = ["sessions", "exports", *_modules(sessions), *_modules(exports)]
    script = (
        "import sys\n"
        + "".join(f"import {n}\n" for n in names)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert len(names) > 10


#: What starting the app and going to the check-in screen imports (the home screen asks sessions.timetable).
START = (
    "tui.cli",
    "tui.app",
    "tui.screens.home",
    "tui.screens.instructor.start_session",
    "tui.screens.instructor.checkin",
    "tui.summaries",
    "tui.backups",
    "tui.arrivals",
    "sessions.timetable",
)
#: Libraries and modules only exports, cards, the camera or the holidays need: imported when first used.
HEAVY = ("exports", "fpdf", "openpyxl", "PIL", "qrcode", "holidays", "cv2", "babel", "numpy", "fontTools")


def test_the_start_imports_nothing_heavy() -> None:
    script = (
        "import sys\n"
        + "".join(f"import {n}\n" for n in START)
        + f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

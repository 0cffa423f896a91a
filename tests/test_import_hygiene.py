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

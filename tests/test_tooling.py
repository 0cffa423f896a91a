"""Lint, format and type checks run with the tests, so CI runs them too."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = _run("ruff", "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_mypy_on_every_package() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


#: What `mypy --strict` turns on, less warn_redundant_casts, which is set for the whole run.
STRICT_FLAGS = {
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "check_untyped_defs",
    "disallow_untyped_decorators",
    "warn_unused_ignores",
    "warn_return_any",
    "no_implicit_reexport",
    "strict_equality",
    "extra_checks",
}


def test_the_domain_and_the_exports_are_checked_strictly() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    strict = [o for o in config.get("overrides", []) if {"sessions.*", "exports.*"} <= set(o["module"])]
    assert strict, "pyproject.toml has no mypy override for sessions.* and exports.*"
    assert {flag for flag in STRICT_FLAGS if strict[0].get(flag) is True} == STRICT_FLAGS
    assert config.get("warn_redundant_casts") is True


def test_screens_reach_the_app_typed() -> None:
    """No `Any` between a screen and the app: `app = getters.app(CentrelogApp)`, not an ignore or a cast to Any."""
    untyped = ("type: ignore[attr-defined]", ": Any = self.app", ": Any = screen.app", "def store(self) -> Any")
    found = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for path in sorted((REPO / "tui").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(text in line for text in untyped)
    ]
    assert not found, "\n".join(found)

"""The README's two lines: what they say, and the first one run with Debian's own Python as a laptop has it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEBIAN_PYTHON = Path("/usr/bin/python3")


def _quick_start() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.S)
    assert block, "README has no quick start block"
    return block.group(1).strip().splitlines()


def test_the_quick_start_is_two_lines_and_ci_runs_the_second() -> None:
    lines = _quick_start()
    assert lines == ["python3 install.py --demo", "python3 install.py --test && .venv/bin/python -m pytest"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == lines[1], ".ci/run must run the README's test line, nothing weaker"


def test_the_versions_last_tested_are_recorded_and_used() -> None:
    constraints = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = dict(line.split("==") for line in constraints if line and not line.startswith("#"))
    for package in ("textual", "tinydb", "babel", "pytest"):
        assert package in pinned, package
    source = (REPO / "install.py").read_text(encoding="utf-8")
    assert "--constraint" in source


def _externally_managed(python: Path) -> bool:
    if not python.exists():
        return False
    stdlib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"], capture_output=True, text=True
    ).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def _copy_of_the_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv*", "__pycache__", "*.egg-info", "build", ".*_cache")
    return Path(shutil.copytree(REPO, target, ignore=ignore))


def test_the_first_line_installs_and_starts_the_app_on_debians_own_python(tmp_path: Path) -> None:
    """PEP 668: Debian refuses `pip install .` into its Python; the first line must still work as written."""
    if not _externally_managed(DEBIAN_PYTHON):
        if os.environ.get("CI"):
            pytest.fail(f"{DEBIAN_PYTHON} is not an externally managed Debian Python: the test cannot run")
        pytest.skip("no externally managed system Python here")
    project = _copy_of_the_project(tmp_path / "centrelog")
    home = tmp_path / "home"
    home.mkdir()
    cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "XDG_", "CENTRELOG"))}
    env.update(HOME=str(home), PATH="/usr/bin:/bin", PIP_CACHE_DIR=cache.stdout.strip() or str(tmp_path / "cache"))

    refused = subprocess.run(
        [DEBIAN_PYTHON, "-m", "pip", "install", "--dry-run", "."], cwd=project, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "externally-managed-environment" in refused.stderr + refused.stdout

    # The first line, with a command that prints and ends instead of the screen: the demo's card codes.
    result = subprocess.run(
        [DEBIAN_PYTHON, "install.py", "participants", "--codes", "--demo"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d{3} \d{3} \d{4}  ", result.stdout, re.M), result.stdout  # card codes were listed
    app = home / ".local" / "share" / "centrelog-app"
    link = home / ".local" / "bin" / "centrelog"
    assert f"installed in {app}" in result.stdout
    assert link.resolve() == (app / "bin" / "centrelog").resolve()

    # The next day: the linked command starts on its own.
    again = subprocess.run([link, "sessions", "--demo"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr


def test_the_camera_is_an_extra_the_tests_install_and_the_first_line_leaves_out() -> None:
    """OpenCV is heavy (README): not among the app's own requirements, in the camera and test extras, pinned."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {
        key: {re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower() for requirement in requirements}
        for key, requirements in [("app", project["dependencies"]), *project["optional-dependencies"].items()]
    }
    camera = {"opencv-python-headless", "zxing-cpp"}
    assert not names["app"] & {"opencv-python-headless", "numpy"}
    assert camera <= names["camera"] and camera <= names["test"]
    constraints = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = {line.split("==")[0].lower() for line in constraints if "==" in line}
    assert camera | {"numpy"} <= pinned
    sys.path.insert(0, str(REPO))
    try:
        import install
    finally:
        sys.path.remove(str(REPO))
    assert install.app_requirement(["--demo"]) == (".", ["--demo"])
    assert install.app_requirement(["--camera", "--demo"]) == (".[camera]", ["--demo"])
    assert "install.py --camera" in (REPO / "README.md").read_text(encoding="utf-8")

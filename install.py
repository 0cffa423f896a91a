"""Install centrelog and start it, or install it with its test tools in .venv; plain Python, nothing else.

    python3 install.py --demo       install the app (and its `centrelog` command), then start it on demo data
    python3 install.py              the same, on the centre's own data
    python3 install.py --camera     the same, with the laptop's camera as a card reader (OpenCV: about 80 MB more);
                                    --camera goes with --demo too
    python3 install.py --test       install the app with its test tools into .venv here, for .venv/bin/python -m pytest
    python3 install.py --lock       record the newest versions the ranges in pyproject.toml allow in constraints.txt

Debian and Ubuntu refuse `pip install` into the system's Python (PEP 668), so the app gets a virtual
environment of its own in ~/.local/share/centrelog-app (inside an active virtual environment it is
installed there instead), and `centrelog` is linked into ~/.local/bin. Every install uses the versions
recorded in constraints.txt, the ones the tests last passed with; pyproject.toml keeps the open ranges.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONSTRAINTS = HERE / "constraints.txt"
TEST_ENV = HERE / ".venv"
#: The README's test line.
TEST_LINE = "python3 install.py --test && .venv/bin/python -m pytest"
NO_VENV = (
    "Python's venv module is missing. On Debian or Ubuntu: sudo apt install python3-venv — then run this line again."
)


def _in_a_virtual_environment() -> bool:
    return sys.prefix != sys.base_prefix


def app_home() -> Path:
    """Where the app's own environment lives: beside the user's data, never inside the data folder."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "centrelog-app"


def _python_of(environment: Path) -> Path:
    return environment / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


def _pip_works(python: Path) -> bool:
    return subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0


def make_environment(target: Path) -> Path:
    """A virtual environment at `target` with pip in it (made once, reused after); its Python."""
    python = _python_of(target)
    if python.exists() and _pip_works(python):
        return python
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(target)
    except (subprocess.CalledProcessError, OSError):
        # Debian without python3-venv has venv but no ensurepip; its own pip can still fill the environment.
        if not _pip_works(Path(sys.executable)):
            raise SystemExit(NO_VENV) from None
        venv.EnvBuilder(with_pip=False, clear=True).create(target)
    return python


def pip_install(python: Path, requirement: str, constraints: Path | None = CONSTRAINTS) -> None:
    """`pip install requirement` into the environment of `python`, with the tested versions."""
    command = [str(python), "-m", "pip", "install", "--quiet", requirement]
    if constraints is not None and constraints.exists():
        command += ["--constraint", str(constraints)]
    if not _pip_works(python):  # an environment made without ensurepip: the system's pip installs into it
        command = [sys.executable, "-m", "pip", "--python", str(python), *command[3:]]
    print(f"Installing {requirement} …", flush=True)
    if subprocess.run(command, cwd=HERE).returncode != 0:
        raise SystemExit("The install did not finish (see pip's message above); nothing was started.")


def _link_command(command: Path) -> Path | None:
    """`centrelog` in ~/.local/bin, unless something else already has that name there."""
    link = Path.home() / ".local" / "bin" / "centrelog"
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or not link.exists():
        link.unlink(missing_ok=True)
        link.symlink_to(command)
        return link
    return None


def install_app(requirement: str = ".") -> Path:
    """Install the app (`requirement`: "." or ".[camera]"); the path of its `centrelog` command."""
    if _in_a_virtual_environment():
        python = Path(sys.executable)
        pip_install(python, requirement)
        return python.parent / "centrelog"
    home = app_home()
    python = make_environment(home)
    pip_install(python, requirement)
    command = python.parent / "centrelog"
    link = _link_command(command)
    print(f"centrelog is installed in {home}.")
    if link is not None:
        print(f"To start it another day, type: centrelog   (or {link}, until you next log in)")
    else:
        print(f"To start it another day, type: {command}")
    return command


def install_tests() -> int:
    """Install the app with its test tools into .venv here, whatever environment runs this script."""
    pip_install(make_environment(TEST_ENV), ".[test]")
    print(f"The tests run with: {TEST_ENV.name}/bin/python -m pytest")
    return 0


def lock() -> int:
    """Resolve the newest versions pyproject.toml allows in a fresh environment and record them."""
    with tempfile.TemporaryDirectory(prefix="centrelog-lock-") as folder:
        python = make_environment(Path(folder))
        pip_install(python, ".[test]", constraints=None)
        frozen = subprocess.run(
            [str(python), "-m", "pip", "freeze", "--exclude", "centrelog"], capture_output=True, text=True, check=True
        ).stdout
    header = (
        "# The versions the test suite last passed with; install.py installs with them.\n"
        f"# Update: python3 install.py --lock && {TEST_LINE}\n"
    )
    CONSTRAINTS.write_text(header + frozen, encoding="utf-8")
    print(f"Recorded {len(frozen.splitlines())} versions in {CONSTRAINTS.name}; now run the tests: {TEST_LINE}")
    return 0


def app_requirement(argv: list[str]) -> tuple[str, list[str]]:
    """What to install ("." or, with --camera, ".[camera]") and the arguments left for the app."""
    rest = [arg for arg in argv if arg != "--camera"]
    return (".[camera]" if len(rest) < len(argv) else "."), rest


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before anything checks the version
        raise SystemExit(f"centrelog needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if argv[:1] == ["--test"]:
        return install_tests()
    if argv[:1] == ["--lock"]:
        return lock()
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    requirement, argv = app_requirement(argv)
    command = install_app(requirement)
    sys.stdout.flush()
    if shutil.which(str(command)) is None:
        raise SystemExit(f"The install finished but {command} is not there; nothing was started.")
    os.execv(command, [str(command), *argv])
    return 0  # not reached: the app took this process over


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

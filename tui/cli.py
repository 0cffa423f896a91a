"""The `centrelog` command: start the app, or run one of its subcommands."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessions.clock import now
from sessions.i18n import LANGUAGES, _, choose_language, set_language
from sessions.locations import resolve_data_dir
from sessions.storage.disk import write_problem
from sessions.storage.durable import DamagedFile
from sessions.store import AlreadyOpen, Store
from tui.pauses import hold_collector

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["main", "make_app", "open_store"]

#: Subcommand name → module under tui.commands. Each module has HELP,
#: add_arguments(parser) and run(args, store) -> exit code, and may set
#: READ_ONLY = True to run beside an open app (or a function of the arguments).
COMMANDS = {
    "participants": "participants",
    "cards": "cards",
    "card": "card",
    "import": "import_",
    "export": "export",
    "report": "report",
    "sheet": "sheet",
    "sessions": "sessions",
    "timetable": "timetable",
    "backup": "backup",
    "restore": "restore",
    "devices": "devices",
}

EXIT_OK, EXIT_USAGE, EXIT_BUSY, EXIT_DAMAGED = 0, 2, 3, 4
#: Exports: nothing matches what was asked for; a file could not be written.
EXIT_NOT_FOUND, EXIT_WRITE_FAILED = 6, 7


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar=_("DIR"),
        default=default,
        help=_("data folder (default: $CENTRELOG_DATA or the user data folder)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default if suppress else False,
        help=_("use demo data (a throwaway folder, removed at the end, unless --data-dir is given)"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=_("language of the screens and files"))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line, its help and argparse's own words in the current language; given `argv`, only the
    subcommand named in it is imported."""
    from tui.cli_words import speak_app_language

    speak_app_language()
    parser = argparse.ArgumentParser(
        prog="centrelog", description=_("Check-ins, minibus trips and reports for a day centre.")
    )
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    words = None if argv is None or {"-h", "--help"} & set(argv) else set(argv)
    for name, module_name in COMMANDS.items():
        if words is not None and name not in words:
            # Starting the app must not wait for every command's imports (PDF, spreadsheets).
            sub.add_parser(name)
            continue
        module = importlib.import_module(f"tui.commands.{module_name}")
        command = sub.add_parser(name, help=_(module.HELP), description=_(module.HELP))
        _common(command, suppress=True)
        module.add_arguments(command)
    return parser


class FolderNotOpened(Exception):
    """The data folder could not be opened or set up (a full disk, a folder that cannot be written)."""

    def __init__(self, data_dir: Path, error: OSError) -> None:
        super().__init__(
            _(
                "The data folder {folder} could not be opened: {reason}. The files already there were not changed."
            ).format(folder=data_dir, reason=write_problem(error))
        )


def is_throwaway(args: argparse.Namespace) -> bool:
    """Whether the arguments ask for demo data in a folder of its own, removed at the end (no --data-dir)."""
    return bool(args.demo and not args.data_dir)


def open_store(args: argparse.Namespace, *, read_only: bool = False, repair: bool = False) -> Store:
    """Open the data folder named by the arguments (`args.demo_dir` for a throwaway demo), seeding demo data."""
    if is_throwaway(args):
        from tui.demo_folder import make_demo_folder

        if getattr(args, "demo_dir", None) is None:
            args.demo_dir = make_demo_folder()  # called on its own (main makes it, and removes it)
        data_dir = Path(args.demo_dir)
    else:
        data_dir = resolve_data_dir(args.data_dir)
    try:
        # repair: damaged files are moved aside (never replaced by an empty one), stale temp files go.
        store = Store(data_dir, read_only=read_only and not args.demo, repair=repair)
        try:
            if args.demo and store.registry.is_empty():
                from sessions.demo import seed_demo

                seed_demo(store, now())
        except BaseException:
            store.close()
            raise
    except OSError as error:  # a full disk on a fresh folder or the demo, a folder that cannot be written
        raise FolderNotOpened(data_dir, error) from error
    set_language(choose_language(args.lang, store.registry.setting("language")))
    return store


def language_asked(argv: list[str]) -> str | None:
    """The language `--lang` names (read before the rest, so that --help and argparse's errors speak it), if known."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = argv[index + 1] if word == "--lang" and index + 1 < len(argv) else word.partition("--lang=")[2]
        if value in LANGUAGES:
            return value
    return None


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    # --lang, else the system's locale: the help and any mistake in the arguments are said in it.
    set_language(choose_language(language_asked(words)))
    args = build_parser(words).parse_args(words)
    os.umask(0o077)  # every file and folder the app makes (exports and backups too) is the owner's alone
    set_language(choose_language(args.lang))  # the saved choice applies once the store is open
    if not is_throwaway(args):
        return _run(args)
    from tui.demo_folder import make_demo_folder, remove_demo_folder, sweep_stale_demo_folders

    sweep_stale_demo_folders()  # what a killed run left behind
    args.demo_dir = make_demo_folder()
    try:
        return _run(args)
    finally:  # also after Ctrl+C or an error; a kill -9 leaves it to a later start's sweep
        remove_demo_folder(args.demo_dir)


def _run(args: argparse.Namespace) -> int:
    """The subcommand, or the app, with what goes wrong said in a sentence and an exit code."""
    try:
        if args.command:
            module = importlib.import_module(f"tui.commands.{COMMANDS[args.command]}")
            read_only = getattr(module, "READ_ONLY", False)
            if callable(read_only):
                read_only = read_only(args)
            with open_store(args, read_only=read_only, repair=getattr(module, "REPAIR", False)) as store:
                return int(module.run(args, store))
        return _run_app(args)
    except AlreadyOpen as error:
        print(error, file=sys.stderr)
        return EXIT_BUSY
    except DamagedFile as error:
        print(
            _("A data file is damaged and was not changed: {path} ({reason}). Restore it from a backup.").format(
                path=error.path, reason=error.reason
            ),
            file=sys.stderr,
        )
        return EXIT_DAMAGED
    except FolderNotOpened as error:
        print(error, file=sys.stderr)
        return EXIT_WRITE_FAILED
    except BrokenPipeError:
        # The reader stopped reading (`centrelog participants | head`): the rest goes nowhere, quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _demo_note(folder: Path, removed: bool) -> str:
    if removed:
        return _("Demo data in {folder}: a throwaway folder, removed when the app quits.").format(folder=folder)
    return _("Demo data in {folder}.").format(folder=folder)


def make_app(store: Store, *, demo: bool = False, throwaway: bool = False, **options: Any) -> CentrelogApp:
    """The app as `centrelog` starts it: what the last run left open goes on, or is closed first.

    A session still plausible by the app's clock (`options["clock"]`, else now) goes on; see sessions/resume.py.
    `throwaway`: the demo's folder goes when the app quits, and the home screen says so.
    """
    from sessions.attendance import close_left_open
    from tui.app import CentrelogApp

    # Notes are made when shown, so that they follow a change of language.
    notes: list[str | Callable[[], str]] = [partial(_demo_note, store.data_dir, throwaway)] if demo else []
    clock: Callable[[], datetime] = options.get("clock", now)
    return CentrelogApp(store, notes=notes, left_open=close_left_open(store, clock()), **options)


def _run_app(args: argparse.Namespace) -> int:
    hold_collector()  # until the first screen is up (tui/pauses.py)
    try:
        return _start_app(args)
    finally:
        gc.enable()


def _start_app(args: argparse.Namespace) -> int:
    with open_store(args, repair=True) as store:
        app = make_app(
            store, demo=args.demo, throwaway=is_throwaway(args), backups=True, summaries=True, short_pauses=True
        )
        if not is_throwaway(args):
            app.run()
            return EXIT_OK
        # A closed terminal (SIGHUP) or a plain `kill` (SIGTERM) quits as Ctrl+Q does, so the demo folder goes too.
        before = {sig: signal.signal(sig, lambda _sig, _frame: app.exit()) for sig in (signal.SIGHUP, signal.SIGTERM)}
        try:
            app.run()
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

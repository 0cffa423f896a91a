"""`centrelog backup`: zip the data folder now, verified, into backups/ or another folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sessions.clock import now
from sessions.i18n import N_, _
from sessions.storage.backup import BackupFailed, take_backup
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.cli import EXIT_DAMAGED, EXIT_OK, EXIT_WRITE_FAILED
from tui.commands._pin import EXIT_PIN, require_pin

READ_ONLY = True
HELP = N_("back up the data folder now (into DATA/backups, or --to DIR)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to",
        metavar=_("DIR"),
        help=_("folder for the backup (default: the data folder's backups/); needs the staff PIN"),
    )


def run(args: argparse.Namespace, store: Store) -> int:
    # The zip holds names, years of birth and groups: taking it out of the data folder is staff's call.
    if args.to and not require_pin(store):
        return EXIT_PIN
    mirror = store.registry.setting("backup_mirror") or None
    try:
        backup = take_backup(
            store.data_dir,
            now(),
            folder=Path(args.to).expanduser() if args.to else None,
            mirror=Path(mirror) if mirror and not args.to else None,
        )
    except (OSError, BackupFailed) as error:
        print(
            _("The backup failed and nothing was changed: {reason}.").format(reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    print(_("Backup written and checked: {path} ({n} files).").format(path=backup.path, n=len(backup.members)))
    for path, why in zip(backup.left_out, backup.left_out_why, strict=True):
        print(_("Left out, it is damaged: {path} ({reason}).").format(path=path, reason=why), file=sys.stderr)
    # A backup without a damaged file is not the whole folder: scripts are told, as every reader tells them.
    return EXIT_DAMAGED if backup.left_out else EXIT_OK

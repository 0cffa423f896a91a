"""`centrelog restore BACKUP`: bring back a backup; the current state is backed up first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sessions.backup_check import BackupRefused
from sessions.backup_pin import pin_to_restore
from sessions.clock import now
from sessions.i18n import N_, _
from sessions.restore import restore_backup
from sessions.storage.backup import BackupFailed
from sessions.store import Store
from tui.commands._pin import EXIT_PIN, require_pin

REPAIR = True
#: A backup that is damaged or not this centre's, as for a damaged data file: named, nothing changed.
EXIT_REFUSED = 4
HELP = N_("restore a backup zip (records missing now are added back; nothing newer is lost)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "backup", metavar=_("BACKUP"), help=_("the backup zip, such as DATA/backups/centrelog-20261123-093000.zip")
    )


def run(args: argparse.Namespace, store: Store) -> int:
    backup = Path(args.backup).expanduser()
    try:
        # A registry without a PIN (set aside, a new folder) is checked against the backup's.
        if not require_pin(store, pin_to_restore(store, backup)):
            return EXIT_PIN
        restored = restore_backup(store, backup, now())
    except BackupRefused as error:
        print(_("Nothing was restored: {reason}.").format(reason=error), file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, BackupFailed) as error:
        print(_("Nothing was restored: {reason}.").format(reason=error), file=sys.stderr)
        return 1
    print(_("The state before the restore was backed up to {path}.").format(path=restored.safety.path))
    print(
        _("Restored {files} files; {n} records added back.").format(files=len(restored.files), n=restored.records_added)
    )
    return 0

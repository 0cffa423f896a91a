"""The staff PIN for commands that show personal data: $CENTRELOG_PIN, or asked at the terminal."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import datetime
from typing import Any

from sessions.clock import now
from sessions.i18n import _
from sessions.pin import PIN_SETTING, check_stored, locked_until
from sessions.store import Store

__all__ = ["EXIT_PIN", "PIN_ENV", "require_pin"]

#: Environment variable a script sets to the staff PIN.
PIN_ENV = "CENTRELOG_PIN"
#: Exit code when the PIN is missing, wrong or locked.
EXIT_PIN = 8


def require_pin(store: Store, stored: dict[str, Any] | None = None) -> bool:
    """True when the staff PIN is given and right (or none is set yet).

    The PIN comes from $CENTRELOG_PIN, else it is asked at the terminal;
    with neither, the command refuses. Every refusal is said on stderr.
    `stored` is the PIN hash to check against when not the registry's own
    (a restore into a registry that has none checks the backup's).
    """
    stored = stored or store.registry.setting(PIN_SETTING)
    if not stored:
        return True
    until = locked_until(store.data_dir, now())
    if until is not None:
        _say_locked(until)
        return False
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        if not sys.stdin.isatty():
            print(
                _("This command shows personal data: set {env} to the staff PIN.").format(env=PIN_ENV), file=sys.stderr
            )
            return False
        pin = getpass.getpass(_("Staff PIN: "))
    result = check_stored(stored, store.data_dir, pin, now())
    if result.ok:
        return True
    if result.locked_until is not None and not result.counted:
        _say_locked(result.locked_until)
    elif result.locked_until is not None:
        print(
            _("Wrong PIN. Locked until {time}.").format(time=result.locked_until.strftime("%H:%M:%S")), file=sys.stderr
        )
    else:
        print(_("Wrong PIN."), file=sys.stderr)
    return False


def _say_locked(until: datetime) -> None:
    """The prompt is locked: no PIN was compared, so none was right or wrong."""
    print(
        _("Still locked until {time}: nothing was checked. Wait, then try again.").format(
            time=until.strftime("%H:%M:%S")
        ),
        file=sys.stderr,
    )

"""Damaged files set aside at start: what happened, which backup holds them, and the restore."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _, format_datetime
from sessions.restore import restore_backup
from sessions.storage.backup import BACKUPS, BackupFailed, backups_in, find_in_backups, taken_at
from sessions.storage.damage import SetAside, pending_damaged, set_aside_seen
from sessions.store import Store
from tui.app import CentrelogApp
from tui.saving import notice, save

__all__ = ["RestoreDamagedDialog", "backup_for", "damage_lines"]


def _set_aside_at(aside: SetAside) -> datetime | None:
    try:
        return datetime.strptime(aside.aside.name.rsplit(".damaged-", 1)[1][:15], "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None


def _holds(backup: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(backup) as archive:
            return member in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def backup_for(store: Store, aside: SetAside) -> Path | None:
    """The newest backup taken before the file was set aside that holds it (else the newest that holds it).

    A backup taken since holds the stand-in file, not what was lost.
    """
    folder = store.data_dir / BACKUPS
    moment = _set_aside_at(aside)
    for backup in backups_in(folder):
        taken = taken_at(backup)
        if moment is not None and taken is not None and taken <= moment and _holds(backup, aside.member):
            return backup
    return find_in_backups(folder, aside.member)


def _holder(store: Store, aside: SetAside) -> str:
    backup = backup_for(store, aside)
    moment = taken_at(backup) if backup else None
    if backup is None or moment is None:
        return _("no backup holds it")
    return _("backup {name} of {time} holds it").format(name=backup.name, time=format_datetime(moment))


def damage_lines(store: Store, waiting: list[SetAside]) -> list[str]:
    """One sentence per damaged file still waiting for staff (`waiting`: `pending_damaged`'s list)."""
    return [
        _("{file} was damaged and is kept aside as {aside}; {holder}. Staff: F5 to restore.").format(
            file=aside.member, aside=aside.aside.name, holder=_holder(store, aside)
        )
        for aside in waiting
    ]


class RestoreDamagedDialog(ModalScreen[None]):
    """Enter restores the chosen file from the newest backup that holds it; F8 keeps it as is."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "restore.tcss"
    BINDINGS = [
        Binding("f6", "other_backup", N_("Other backup…")),
        Binding("f8", "keep", N_("Keep as is")),
        Binding("escape", "dismiss", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Files found damaged at start are set aside, not lost. Choose one with ↑↓: Enter restores it from the newest"
        " backup that holds it; F6 restores it from a backup you choose, such as one on a USB stick; F8 keeps things"
        " as they are. Esc goes back."
    )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("Damaged files: Enter restores from the newest backup, F8 keeps things as they are."), classes="title"
            )
            yield OptionList(id="damaged")
            yield Static(id="restore-said")

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        self.pending = pending_damaged(self.app.store.data_dir)
        options = self.query_one("#damaged", OptionList)
        options.clear_options()
        for aside in self.pending:
            options.add_option(Option(f"{aside.member} — {_holder(self.app.store, aside)}"))
        if not self.pending:
            options.add_option(Option(_("No damaged files are waiting."), disabled=True))
        else:
            options.highlighted = 0
        options.focus()

    def _chosen(self) -> SetAside | None:
        index = self.query_one("#damaged", OptionList).highlighted
        return self.pending[index] if self.pending and index is not None else None

    @on(OptionList.OptionSelected, "#damaged")
    async def restore(self) -> None:
        aside = self._chosen()
        if aside is None:
            return
        backup = backup_for(self.app.store, aside)
        if backup is None:
            self.say(
                _("No backup holds {file}: F6 chooses one (a USB stick), F8 keeps things as they are.").format(
                    file=aside.member
                )
            )
            return
        await self.restore_from(aside, backup)

    def say(self, text: str) -> None:
        self.query_one("#restore-said", Static).update(text)

    def action_other_backup(self) -> None:
        """F6: the damaged file from a backup chosen in the file picker (a USB stick, another folder)."""
        from tui.screens.dialogs.file_picker import FilePickerDialog
        from tui.screens.staff.backups import LAST_RESTORE_FOLDER, backup_pin_then

        aside = self._chosen()
        if aside is None:
            return

        def chosen(backup: Path | None) -> None:
            if backup is None:
                return

            def go_on() -> None:
                self.run_worker(self.restore_from(aside, backup), exclusive=True)

            backup_pin_then(self.app, backup, go_on, self.say)

        title = _("Which backup holds {file}?").format(file=aside.member)
        picker = FilePickerDialog(title, endings=(".zip",), remember=LAST_RESTORE_FOLDER)
        self.app.push_screen(picker, chosen)

    async def restore_from(self, aside: SetAside, backup: Path) -> None:
        """Bring back the one damaged file from `backup` (checked whole first), merged with what is there now."""
        said = self.query_one("#restore-said", Static)
        app = self.app
        try:
            done = await app.write(restore_backup, self.app.store, backup, app.clock(), [aside.member])
        except (OSError, BackupFailed) as error:
            said.update(_("NOT restored: {reason}. Nothing was changed.").format(reason=error))
            return
        said.update(
            _("{file} restored from {backup}: {n} records brought back. The state before is in {safety}.").format(
                file=aside.member, backup=backup.name, n=done.records_added, safety=done.safety.path.name
            )
        )
        self.fill()

    async def action_keep(self) -> None:
        aside = self._chosen()
        if aside is not None:
            if await save(self.app, notice(self), set_aside_seen, aside) is None:
                return
            self.fill()

"""Backups for staff: save one to a USB stick, choose the stick every backup is copied to, restore one.

Every folder and zip is chosen in the file picker (tui/screens/dialogs/file_picker.py); what
a restore reads is checked as `centrelog restore` checks it (sessions/restore.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from sessions.backup_check import BackupRefused
from sessions.backup_pin import pin_to_restore
from sessions.i18n import N_, _, format_datetime
from sessions.pin import PIN_SETTING
from sessions.restore import restore_backup
from sessions.storage.backup import BACKUPS, Backup, BackupFailed, backups_in, copy_to, taken_at
from sessions.storage.backup_job import take_backup_in_child
from sessions.storage.disk import write_problem
from tui.app import CentrelogApp
from tui.backups import after_backup
from tui.folders import Place, is_folder, usual_places
from tui.open_folder import can_open, open_folder_sentence, where_written
from tui.saving import not_saved
from tui.widgets.footer import Footer

__all__ = ["BackupsScreen", "backup_pin_then"]

MIRROR = "backup_mirror"
#: The folders last chosen, on this laptop alone.
LAST_SAVE_FOLDER = "last_folder_backup"
LAST_RESTORE_FOLDER = "last_folder_restore"


def backup_pin_then(app: CentrelogApp, backup: Path, then: Callable[[], None], say: Callable[[str], None]) -> None:
    """Ask for the backup's PIN where it is not the one staff gave (a registry that stands in), then go on.

    A backup that a restore would refuse is named as refused here already.
    """
    from tui.screens.staff.pin import PinDialog

    try:
        stored = pin_to_restore(app.store, backup)
    except (OSError, BackupFailed) as error:  # BackupRefused too: what is wrong with it, by name
        say(_("Nothing was restored: {reason}.").format(reason=error))
        return
    if stored is not None and stored != app.store.registry.setting(PIN_SETTING):

        def checked(ok: bool | None) -> None:
            if ok:
                then()

        app.push_screen(PinDialog(against=stored), checked)
    else:
        then()


class BackupsScreen(Screen[None]):
    """What is backed up where; F3 saves a backup to a stick, F4 chooses the stick for every backup, F5 restores."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "backups.tcss"
    BINDINGS = [
        Binding("f3", "save_to", N_("Save to…")),
        Binding("f4", "stick", N_("Backup stick")),
        Binding("f5", "restore", N_("Restore…")),
        Binding("f7", "open_folder", N_("Open folder")),
        Binding("f8", "no_stick", N_("No stick")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Backups. The app backs up this laptop's data every day by itself. F3 takes a backup now and saves it to a"
        " folder you choose, such as a USB stick; F7 then opens that folder. F4 chooses a backup stick: every backup"
        " is then copied there too (F8 stops that). F5 restores from a backup zip you choose: the state now is backed"
        " up first, and nothing recorded since the backup is lost."
    )
    SCAN_HINT = N_(
        "A card was scanned, but this is the backups screen. Go back to the home screen (Esc) and press 1 to check"
        " people in."
    )

    #: The folder of the last backup saved from here, for F7.
    exported_to: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="backups-here", markup=False)
            yield Static(id="backup-stick", markup=False)
            yield Static(id="backups-said", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Backups")
        self.show()

    def on_screen_resume(self) -> None:
        self.show()

    @property
    def backups_folder(self) -> Path:
        return self.app.store.data_dir / BACKUPS

    def mirror(self) -> Path | None:
        folder = self.app.store.registry.setting(MIRROR) or None
        return Path(folder) if folder else None

    def show(self) -> None:
        """The newest backup on this laptop, and where each one is copied."""
        found = backups_in(self.backups_folder)
        moment = taken_at(found[0]) if found else None
        if found and moment is not None:
            here = _("Backups on this laptop: {n}; the newest {time} ({name}).").format(
                n=len(found), time=format_datetime(moment), name=found[0].name
            )
        else:
            here = _("No backup on this laptop yet.")
        self.query_one("#backups-here", Static).update(here)
        mirror = self.mirror()
        stick = (
            _("Every backup is also copied to {folder}.").format(folder=mirror)
            if mirror
            else _("No backup stick: backups stay on this laptop only. F4 chooses one.")
        )
        self.query_one("#backup-stick", Static).update(stick)
        self.refresh_bindings()

    def say(self, text: str, problem: bool = False) -> None:
        said = self.query_one("#backups-said", Static)
        said.set_class(problem, "error")
        said.update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_folder":
            return can_open(self.exported_to)
        if action == "no_stick":
            return self.mirror() is not None
        return True

    def _picker(self, title: str, **options: Any) -> Any:
        from tui.screens.dialogs.file_picker import FilePickerDialog

        return FilePickerDialog(title, **options)

    # F3: a backup now, saved to a chosen folder ---------------------------

    def action_save_to(self) -> None:
        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.say(_("Backing up to {folder} …").format(folder=folder))
                self.save_to(folder, self.app.clock())

        picker = self._picker(
            _("Where should the backup go? (a USB stick, for one)"), folders=True, remember=LAST_SAVE_FOLDER
        )
        self.app.push_screen(picker, chosen)

    @work(thread=True, exclusive=True, group="backup-to")
    def save_to(self, folder: Path, moment: datetime) -> None:
        """A backup now, in a process of its own and checked, then copied to `folder` and checked there too."""
        app = self.app
        try:
            backup = take_backup_in_child(app.store.data_dir, moment.replace(tzinfo=None))
            copy = copy_to(backup.path, folder)
        except (OSError, BackupFailed) as error:
            sentence = _("Nothing was saved to {folder}: {reason}.").format(folder=folder, reason=write_problem(error))
            app.call_from_thread(self.say, sentence, True)
            return
        app.call_from_thread(self.saved, backup, copy)

    def saved(self, backup: Backup, copy: Path) -> None:
        self.run_worker(after_backup(self.app, backup, None))  # what it found damaged is set aside, as always
        self.exported_to = copy.parent
        self.show()
        said = _("Backup saved and checked: {path}.").format(path=copy)
        self.say(f"{said}\n{where_written(copy.parent)}")

    def action_open_folder(self) -> None:
        self.say(open_folder_sentence(self.exported_to))

    # F4 / F8: the stick every backup is copied to -------------------------

    def action_stick(self) -> None:
        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.run_worker(self.set_mirror(str(folder)), exclusive=True, group="stick")

        mirror = self.mirror()
        picker = self._picker(
            _("Which folder gets a copy of every backup? (a USB stick)"),
            folders=True,
            start=mirror,
        )
        self.app.push_screen(picker, chosen)

    def action_no_stick(self) -> None:
        self.run_worker(self.set_mirror(""), exclusive=True, group="stick")

    async def set_mirror(self, folder: str) -> None:
        app = self.app
        try:
            await app.write(app.store.registry.set_settings, {MIRROR: folder}, app.clock())
        except OSError as error:
            self.say(not_saved(error), True)
            return
        self.show()
        self.say(
            _("From the next backup on, each is copied to {folder}.").format(folder=folder)
            if folder
            else _("Backups are no longer copied to a stick.")
        )

    # F5: restore from a chosen zip ----------------------------------------

    def action_restore(self) -> None:
        mirror = self.mirror()
        places = [*usual_places(), Place("backups", self.backups_folder, _("This laptop's backups"))]
        remembered = self.app.store.registry.setting(LAST_RESTORE_FOLDER)
        start = None if remembered else (mirror if mirror and is_folder(mirror) else self.backups_folder)
        picker = self._picker(
            _("Which backup should be restored?"),
            endings=(".zip",),
            remember=LAST_RESTORE_FOLDER,
            start=start,
            places=places,
        )
        self.app.push_screen(picker, self.restore_chosen)

    def restore_chosen(self, backup: Path | None) -> None:
        """The backup's PIN first where it is not the one given (a registry that stands in), then a question."""
        if backup is not None:
            backup_pin_then(self.app, backup, lambda: self.ask(backup), lambda said: self.say(said, True))

    def ask(self, backup: Path) -> None:
        from tui.screens.dialogs.common import ConfirmDialog

        moment = taken_at(backup)
        question = _(
            "Restore from {name}{taken}? The data as it is now is backed up first; records made since that backup stay."
        ).format(name=backup.name, taken=f" ({format_datetime(moment)})" if moment else "")

        def answered(yes: bool | None) -> None:
            if yes:
                self.restore(backup)

        self.app.push_screen(ConfirmDialog(question), answered)

    @work(exclusive=True, group="restore")
    async def restore(self, backup: Path) -> None:
        app = self.app
        self.say(_("Restoring from {name} …").format(name=backup.name))
        try:
            done = await app.write(restore_backup, app.store, backup, app.clock())
        except BackupRefused as error:
            self.say(_("Nothing was restored: {reason}.").format(reason=error), True)
            return
        except (OSError, BackupFailed) as error:
            self.say(_("Nothing was restored: {reason}.").format(reason=write_problem(error)), True)
            return
        self.show()
        self.say(
            "\n".join(
                [
                    _("Restored {files} files; {n} records added back.").format(
                        files=len(done.files), n=done.records_added
                    ),
                    _("The state before the restore was backed up to {path}.").format(path=done.safety.path),
                ]
            )
        )

"""Import participants from a spreadsheet: the file, its columns, a preview, then one write and the cards."""

from __future__ import annotations

from pathlib import Path

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, ProgressBar, Static

from exports.cards import default_sheet_path, write_card_sheet
from sessions.i18n import N_, _
from sessions.import_columns import guess_mapping
from sessions.importing import (
    ImportPlan,
    ImportProblem,
    SourceTable,
    describe_mapping,
    describe_source,
    import_participants,
    plan_import,
    read_table,
)
from sessions.limits import FIELD_LENGTHS, clipped
from sessions.storage.disk import write_problem
from tui.app import CentrelogApp
from tui.open_folder import can_open, open_folder_sentence, where_written
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.staff.import_columns import ColumnsDialog
from tui.widgets.footer import Footer

__all__ = ["ImportParticipantsScreen"]

_MARKS = {"ok": "✓", "error": "✗", "duplicate": "≈"}
#: The folder last imported from, on this laptop alone (a folder on one laptop means nothing on another).
LAST_IMPORT_FOLDER = "last_folder_import"


class ImportParticipantsScreen(Screen[None]):
    """Choose a file (F2) or type its path; nothing is written until F5 and a yes."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "import_participants.tcss"
    AUTO_FOCUS = "#path"
    BINDINGS = [
        Binding("f2", "choose_file", N_("Choose file")),
        Binding("f3", "columns", N_("Columns")),
        Binding("f4", "duplicates", N_("Duplicates in/out")),
        Binding("f5", "import", N_("Import")),
        Binding("f7", "open_folder", N_("Open folder")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Register many people at once from a spreadsheet (.csv or .xlsx): F2 (or Enter in the empty path field)"
        " chooses the file from your folders or a USB stick; its path may also be typed or pasted, then Enter."
        " The preview shows each row and what is wrong with it. F3 chooses which column fills which field; F4"
        " imports likely duplicates too, or leaves them out. Nothing is written until F5 and a yes; then the new"
        " people's cards are written to print, and F7 opens their folder where the computer has a desktop."
    )

    #: The folder of the cards written last, for F7.
    exported_to: Path | None = None

    def __init__(self) -> None:
        super().__init__()
        self.table: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.include_duplicates = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("F2 or Enter: choose a .csv or .xlsx file (or type its path)"), id="path")
        yield Static(id="summary")
        yield DataTable(id="preview", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Import participants from a spreadsheet")
        self.query_one("#progress").display = False
        self.query_one("#preview").display = False
        self.say(
            _(
                "The first row of the file names the columns: Vārds, Uzvārds, Dzimšanas gads … "
                "(or Имя, Фамилия, Год рождения …). Nothing is written before you confirm."
            )
        )

    def say(self, text: str, problem: bool = False) -> None:
        detail = self.query_one("#detail", Static)
        detail.set_class(problem, "error")
        detail.update(text)

    @on(Input.Submitted, "#path")
    def load(self, event: Input.Submitted) -> None:
        raw = event.value.strip().strip("'\"")
        if raw:
            self.read_file(Path(raw).expanduser())
        else:
            self.action_choose_file()

    def action_choose_file(self) -> None:
        """F2: the file picker, from the folder last imported from on this laptop."""
        from tui.screens.dialogs.file_picker import FilePickerDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.query_one("#path", Input).value = str(path)
                self.read_file(path)  # read with every check a typed path gets

        picker = FilePickerDialog(
            _("Choose the spreadsheet to import"), endings=(".csv", ".xlsx"), remember=LAST_IMPORT_FOLDER
        )
        self.app.push_screen(picker, chosen)

    @work(exclusive=True, group="import")
    async def read_file(self, path: Path) -> None:
        app = self.app
        self.say(_("Reading {path} …").format(path=path))
        try:
            table = await app.write(read_table, path)
        except ImportProblem as error:
            self.table = self.plan = None
            self.show_plan()
            self.say(str(error), problem=True)
            return
        self.table = table
        await self.check(guess_mapping(table.headers))

    async def check(self, mapping: dict[str, int]) -> None:
        """Check every row with `mapping` and show the preview."""
        app = self.app
        assert self.table is not None
        try:
            self.plan = await app.write(plan_import, self.table, mapping, self.app.store.registry, app.clock().date())
        except ImportProblem as error:
            self.plan = ImportPlan(self.table, mapping, [])
            self.show_plan()
            self.say(str(error) + " " + _("F3 chooses the columns."), problem=True)
            return
        self.show_plan()
        self.query_one("#preview", DataTable).focus()

    def show_plan(self) -> None:
        """The summary, the mapping and one table row per spreadsheet row."""
        preview = self.query_one("#preview", DataTable)
        preview.clear(columns=True)
        plan = self.plan
        preview.display = bool(plan and plan.rows)
        if plan is None:
            self.query_one("#summary", Static).update("")
            return
        ready = len(plan.ready(self.include_duplicates))
        counts = _("{ready} to import, {bad} with errors, {dup} likely duplicates ({what}).").format(
            ready=ready,
            bad=len(plan.bad),
            dup=len(plan.duplicates),
            what=_("imported too") if self.include_duplicates else _("left out"),
        )
        self.query_one("#summary", Static).update(
            "\n".join(
                [
                    describe_source(plan.source) + " " + counts,
                    _("Columns: ") + "; ".join(describe_mapping(plan.source.headers, plan.mapping)),
                ]
            )
        )
        preview.add_columns(_("Row"), " ", _("Last name"), _("First name"), _("Born"), _("Problem"))
        for row in plan.rows:
            problem = "; ".join(row.errors) or row.duplicate or ""
            preview.add_row(
                str(row.number),
                _MARKS[row.status],
                clipped(row.values.get("last_name", ""), FIELD_LENGTHS["last_name"]),
                clipped(row.values.get("first_name", ""), FIELD_LENGTHS["first_name"]),
                str(row.values.get("birth_year") or ""),
                problem.split(": ", 1)[-1],
                key=str(row.number),
            )
        first_problem = next((line for line in plan.problems()), "")
        self.say(first_problem or _("Every row can be imported. F5 imports them."), problem=bool(first_problem))

    @on(DataTable.RowHighlighted, "#preview")
    def explain(self, event: DataTable.RowHighlighted) -> None:
        if self.plan is None or event.row_key.value is None:
            return
        number = int(event.row_key.value)
        row = next((r for r in self.plan.rows if r.number == number), None)
        if row is not None:
            lines = [*row.errors, *([row.duplicate] if row.duplicate else [])]
            self.say("\n".join(lines) or _("Row {row} is ready.").format(row=number), problem=bool(lines))

    def action_columns(self) -> None:
        if self.table is None:
            self.say(_("First choose a file: F2."), problem=True)
            return
        mapping = self.plan.mapping if self.plan else guess_mapping(self.table.headers)

        def chosen(result: dict[str, int] | None) -> None:
            if result is not None:
                self.run_worker(self.check(result), exclusive=True, group="import")

        self.app.push_screen(ColumnsDialog(self.table.headers, mapping), chosen)

    def action_duplicates(self) -> None:
        self.include_duplicates = not self.include_duplicates
        self.show_plan()

    def action_import(self) -> None:
        plan = self.plan
        ready = len(plan.ready(self.include_duplicates)) if plan else 0
        if plan is None or not ready:
            self.say(_("There is nothing to import yet."), problem=True)
            return
        left_out = len(plan.rows) - ready
        question = _("Register {n} people and write their cards? {left} rows are left out.").format(
            n=ready, left=left_out
        )
        self.app.push_screen(ConfirmDialog(question), self.confirmed)

    def confirmed(self, yes: bool | None) -> None:
        if yes:
            self.write_plan()

    @work(exclusive=True, group="import")
    async def write_plan(self) -> None:
        """One durable write for every ready row, then the card sheet of the new people."""
        app = self.app
        plan, self.plan = self.plan, None
        assert plan is not None
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=len(plan.ready(self.include_duplicates)), progress=0)
        bar.display = True

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, progress=done)

        now = app.clock()
        try:
            added = await app.write(
                import_participants,
                self.app.store.registry,
                plan,
                now,
                include_duplicates=self.include_duplicates,
                progress=progress,
            )
        except OSError as error:
            self.plan = plan
            self.say(_("Nothing was written: {reason}.").format(reason=write_problem(error)), problem=True)
            return
        finally:
            bar.display = False
        self.show_plan()
        self.query_one("#path", Input).value = ""
        path = default_sheet_path(self.app.store.data_dir, "import", now)
        self.say(_("{n} participants added. Writing their cards …").format(n=len(added)))
        try:
            await app.write(write_card_sheet, path, self.app.store.registry, added)
        except OSError as error:
            self.say(
                _(
                    "{n} participants added. Their cards could not be written ({reason}): print them from Participants."
                ).format(n=len(added), reason=write_problem(error)),
                problem=True,
            )
            return
        self.exported_to = path.parent
        self.refresh_bindings()
        done = _("{n} participants added. Their cards: {path}").format(n=len(added), path=path)
        self.say(f"{done}\n{where_written(path.parent)}" if can_open(path.parent) else done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_folder":
            return can_open(self.exported_to)
        return True

    def action_open_folder(self) -> None:
        self.say(open_folder_sentence(self.exported_to))

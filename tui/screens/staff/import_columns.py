"""Choosing by hand which spreadsheet column fills which participant field."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _
from sessions.import_columns import FIELDS, field_label

__all__ = ["ColumnsDialog"]


class ColumnsDialog(ModalScreen[dict[str, int] | None]):
    """Enter on a field lists the columns; Enter on a column takes it; F5 keeps the choice."""

    CSS_PATH = "import_columns.tcss"
    BINDINGS = [
        Binding("f5", "keep", N_("Use these columns")),
        Binding("escape", "back", N_("Cancel")),
    ]
    HELP_TEXT = N_(
        "Which spreadsheet column fills each participant's field. Choose a field with ↑↓ and press Enter, then Enter"
        " on its column. F5 uses these columns; Esc leaves them as they were."
    )

    def __init__(self, headers: list[str], mapping: dict[str, int]) -> None:
        super().__init__()
        self.headers = headers
        self.mapping = dict(mapping)
        self.choosing: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="hint")
            yield OptionList(id="fields")
            yield OptionList(id="columns")

    def on_mount(self) -> None:
        self.show_fields()

    def show_fields(self, highlight: str | None = None) -> None:
        self.choosing = None
        self.query_one("#hint", Static).update(_("Which column fills each field? Enter changes it, F5 keeps them."))
        fields = self.query_one("#fields", OptionList)
        fields.clear_options()
        for name in FIELDS:
            column = self.headers[self.mapping[name]] if name in self.mapping else _("(no column)")
            fields.add_option(Option(f"{field_label(name)} ← {column}", id=name))
        self.query_one("#columns").display = False
        fields.display = True
        fields.highlighted = FIELDS.index(highlight) if highlight else 0
        fields.focus()

    @on(OptionList.OptionSelected, "#fields")
    def pick_field(self, event: OptionList.OptionSelected) -> None:
        self.choosing = str(event.option.id)
        self.query_one("#hint", Static).update(_("The column for “{field}”:").format(field=field_label(self.choosing)))
        columns = self.query_one("#columns", OptionList)
        columns.clear_options()
        columns.add_option(Option(_("(no column)"), id="none"))
        for index, header in enumerate(self.headers):
            columns.add_option(Option(f"{index + 1}. {header}", id=f"c{index}"))
        self.query_one("#fields").display = False
        columns.display = True
        current = self.mapping.get(self.choosing)
        columns.highlighted = 0 if current is None else current + 1
        columns.focus()

    @on(OptionList.OptionSelected, "#columns")
    def pick_column(self, event: OptionList.OptionSelected) -> None:
        field = self.choosing
        assert field is not None
        self.mapping.pop(field, None)
        if event.option.id != "none":
            index = int(str(event.option.id)[1:])
            for other, taken in list(self.mapping.items()):
                if taken == index:
                    del self.mapping[other]
            self.mapping[field] = index
        self.show_fields(highlight=field)

    def action_keep(self) -> None:
        self.dismiss(self.mapping)

    def action_back(self) -> None:
        if self.choosing:
            self.show_fields(highlight=self.choosing)
        else:
            self.dismiss(None)

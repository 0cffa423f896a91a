"""A list to choose from in a form where Enter sends the form: Enter opens the list only while nothing is chosen."""

from __future__ import annotations

from typing import TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import Select

# Select's two parts: what is chosen, and the list (Textual exports neither; see ARCHITECTURE.md).
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay

__all__ = ["Choice"]

T = TypeVar("T")


class Chosen(SelectCurrent):
    """What is chosen (or the prompt, dimmed) and ▼ (▲ while the list is open), drawn by one widget.

    Textual's SelectCurrent is a row of three widgets (the value and two arrows);
    on the start form their cost held up the form's first paint.
    """

    COMPONENT_CLASSES = {"chosen--prompt", "chosen--arrow"}
    DEFAULT_CSS = """
    Chosen {
        .chosen--prompt {
            color: $foreground 50%;
        }
        .chosen--arrow {
            color: $foreground 50%;
        }
    }
    """

    def compose(self) -> ComposeResult:
        return iter(())  # drawn by render()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width - 2))  # a long name wraps, as in Textual's row

    def update(self, label: RenderableType | NoSelection) -> None:
        """Show `label`, or the prompt when nothing is chosen."""
        self.label = label
        self.has_value = label is not Select.NULL
        self.refresh(layout=True)  # a longer name may take another line

    def watch_has_value(self, _has_value: bool) -> None:
        self.refresh()

    def render(self) -> Text:
        room = self.content_size.width - 2  # the arrow and the space before it
        open_ = isinstance(self.parent, Select) and self.parent.expanded
        arrow = Text(" ▲" if open_ else " ▼", self.get_component_rich_style("chosen--arrow"))
        lines = self._lines(room)
        for line in lines:
            line.truncate(room, pad=True)
        lines[0].append_text(arrow)
        return Text("\n").join(lines)

    def _lines(self, room: int) -> list[Text]:
        """What is chosen (or the prompt), folded to `room` columns."""
        label = self.placeholder if isinstance(self.label, NoSelection) else self.label
        shown = label.copy() if isinstance(label, Text) else Text(str(label))
        if not self.has_value:
            shown.stylize(self.get_component_rich_style("chosen--prompt"))
        return list(shown.wrap(self.app.console, max(room, 1))) or [Text()]


class Choice(Select[T]):
    """A `Select` that leaves a person's Enter to the form once something is chosen.

    ↓, ↑ and Space open the list as in any Select. Enter opens it while the field
    is still blank (the person is plainly asking for the list); with a value
    chosen, Enter goes on to the screen's own Enter (start, open, save). What is
    chosen is drawn by one widget (`Chosen`), the same to see as Textual's.
    """

    BINDINGS = [Binding("enter", "enter", show=False)]

    def compose(self) -> ComposeResult:
        yield Chosen(self.prompt)
        yield SelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def watch_expanded(self, _expanded: bool) -> None:
        for chosen in self.query(Chosen):
            chosen.refresh()  # ▲ while open, ▼ when closed

    def action_enter(self) -> None:
        """Open the list while nothing is chosen; otherwise let the screen have the Enter."""
        if not self.is_blank():
            raise SkipAction()
        self.action_show_overlay()

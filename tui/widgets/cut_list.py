"""A list as long as it grows, cut to the lines that fit: "+9 more" says what is not shown."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static

from sessions.i18n import ngettext

__all__ = ["CutList"]

#: One line of the list, drawn only when it is shown: (index) -> text.
Line = Callable[[int], Text | str]


class CutList(Static):
    """Shows as many lines of a list as fit, from `first`; the keyboard moves it by pages.

    Only the lines shown are drawn, so a list of hundreds costs what a screenful
    does. Where lines are cut off, the first or last line shown says how many,
    and the key that shows them ("↑ +3 more · PgUp", "↓ +9 more · PgDn").
    """

    def __init__(self, *, keys: tuple[str, str] = ("PgUp", "PgDn"), id: str | None = None) -> None:
        """`keys`: the keys, as the keyboard names them, that show the lines above and below."""
        super().__init__(id=id)
        self.keys = keys
        #: The index of the first line shown.
        self.first = 0
        self._count = 0
        self._line: Line = str
        self._empty = ""
        self._keep: int | None = None

    def show(self, count: int, line: Line, empty: str, *, keep: int | None = None) -> None:
        """Show a list of `count` lines, `line(i)` drawing line i; `empty` when there are none.

        `keep`: a line to keep in view (a chosen one), moving the lines shown as little as it takes.
        """
        self._count, self._line, self._empty, self._keep = count, line, empty, keep
        self._draw()

    def page(self, pages: int) -> None:
        """Move the lines shown by `pages` pages (a negative number: back to the first lines)."""
        self.first += pages * self.page_size
        self._keep = None
        self._draw()

    @property
    def page_size(self) -> int:
        """How many lines a page moves: those shown between "↑ +3 more" and "↓ +9 more"."""
        return max(1, self.rows - 2)

    def _keep_in_view(self, index: int) -> None:
        if index < self.first:
            self.first = index
        while index >= self.first + self._window(self.first)[1] and self.first < index:
            self.first += 1

    @property
    def rows(self) -> int:
        """How many lines fit (none before the screen is laid out)."""
        return self.content_size.height

    def on_resize(self) -> None:
        self._draw()

    def _window(self, first: int) -> tuple[bool, int, int]:
        """From `first`: whether lines above are cut off, how many are shown, how many below are not."""
        above = first > 0
        room = self.rows - above
        if self._count - first <= room:
            return above, self._count - first, 0
        shown = max(0, room - 1)
        return above, shown, self._count - first - shown

    def _draw(self) -> None:
        if self._count == 0:
            self.first = 0
            self.update(self._empty, layout=False)
            return
        if self.rows <= 0:
            return  # drawn once laid out (on_resize)
        # Scrolling stops where the last line is shown at the bottom.
        last = 0 if self._count <= self.rows else self._count - self.rows + 1
        self.first = max(0, min(self.first, last))
        if self._keep is not None and 0 <= self._keep < self._count:
            self._keep_in_view(self._keep)
        above, shown, below = self._window(self.first)
        up, down = self.keys
        lines = [Text(f"↑ {more(self.first)} · {up}", style="dim")] if above else []
        for index in range(self.first, self.first + shown):
            line = self._line(index)
            lines.append(line if isinstance(line, Text) else Text(line))
        if below:
            lines.append(Text(f"↓ {more(below)} · {down}", style="dim"))
        text = Text("\n", no_wrap=True, overflow="ellipsis").join(lines)
        self.update(text, layout=False)


def more(count: int) -> str:
    """ "+9 more": lines of a list that are not shown."""
    return ngettext("+{count} more", "+{count} more", count).format(count=count)

"""Put an answer on the terminal at once, instead of at the screen's next frame."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget

__all__ = ["paint_now"]


def paint_now(screen: Screen[Any], *widgets: Widget) -> bool:
    """Paint `widgets` now; anything else waiting to be painted keeps its frame.

    Textual paints changes on a timer, at most 60 times a second, and after
    a pause its next frame comes 17–33 ms after the one before: the answer
    to a scan would wait for it. This does what that frame would do, for
    these widgets only (their size must not have changed), and tells them
    their change is painted so that the frame does not paint them again.
    When nothing else is waiting, the next frame comes a whole frame later:
    until then the thread that writes to the terminal has the processor.

    Textual offers no public way to do this; it uses the screen's own frame
    step (`Screen._on_timer_update`). Returns False, changing nothing, when
    a layout is due (the frame will do it) or the screen is not the one on top (a dialog
    over it would be painted over).
    """
    if not screen.is_active or screen.app._batch_count:
        return False
    if screen._layout_required or any(widget._layout_required for widget in widgets):
        return False
    waiting = screen._dirty_widgets - set(widgets)
    screen._dirty_widgets -= waiting
    for widget in widgets:
        if widget.display and widget._repaint_required:
            widget._repaint_required = False
            screen._dirty_widgets.add(widget)
    screen._on_timer_update()
    screen._dirty_widgets |= waiting
    timer = screen._update_timer
    if waiting:
        timer.resume()
    else:
        timer.reset()
        timer.pause()
    return True

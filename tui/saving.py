"""Writing through the app's one writer thread, and saying a refused or failed write in the same words everywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sessions.i18n import _
from sessions.registry import EntryError
from sessions.storage.disk import write_problem

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app import CentrelogApp

__all__ = ["Written", "not_saved", "notice", "save", "scan_not_saved"]

T = TypeVar("T")


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write that went through, and what it gave back."""

    value: T


def not_saved(error: BaseException) -> str:
    """What a form or a notification says when the disk refused a write."""
    return _("Not saved: {reason}.").format(reason=write_problem(error))


def notice(widget: Widget) -> Callable[[str], None]:
    """Say a sentence as an error notification from `widget` (for `save`'s `say`)."""

    def say(text: str) -> None:
        widget.notify(text, severity="error")

    return say


def scan_not_saved(error: BaseException) -> str:
    """What the big red answer of a scan screen says when the disk refused a write."""
    return _("NOT saved: {reason}.").format(reason=write_problem(error))


async def save(
    app: CentrelogApp,
    say: Callable[[str], object],
    work: Callable[..., T],
    *args: Any,
    refused: Callable[[EntryError], object] | None = None,
    failed: Callable[[OSError], str] | None = None,
    **kwargs: Any,
) -> Written[T] | None:
    """Run `work` on the app's writer; None, with the reason said through `say`, when it was refused or failed.

    A refusal (an EntryError) says its own message, or goes to `refused` when given; a failed write says
    `not_saved`, or what `failed` makes of it where the sentence says more (what stays as it was).
    """
    try:
        return Written(await app.write(work, *args, **kwargs))
    except EntryError as error:
        if refused is None:
            say(error.message)
        else:
            refused(error)
    except OSError as error:
        say((failed or not_saved)(error))
    return None

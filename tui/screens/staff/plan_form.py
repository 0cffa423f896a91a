"""The timetable's forms: a regular session (added or changed from a day on), a session added on one date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from sessions.i18n import N_, _
from sessions.participants import read_date, typed_date
from sessions.registry import EntryError
from sessions.timetable import add_date, add_plan, replace_plan
from tui.saving import Written, save
from tui.screens.dialogs.common import SaveOnceForm
from tui.weekdays import weekday_name

__all__ = ["PlanForm", "shown_date"]

Mode = Literal["add", "edit", "one_off"]
#: What each mode asks, in the order Tab takes them.
_FIELDS: dict[Mode, tuple[str, ...]] = {
    "add": ("weekday", "start", "end", "activity_id", "place", "instructor", "capacity", "project_id", "valid_from",
            "valid_to"),
    "edit": ("weekday", "start", "end", "activity_id", "place", "instructor", "capacity", "project_id", "from_day"),
    "one_off": ("day", "start", "end", "activity_id", "place", "instructor", "capacity", "project_id", "reason"),
}  # fmt: skip
_SELECTS = ("weekday", "activity_id", "place", "instructor", "project_id")


def _label(field: str) -> str:
    return {
        "weekday": _("Weekday"),
        "day": _("Date"),
        "start": _("Starts at"),
        "end": _("Ends at"),
        "activity_id": _("Activity"),
        "place": _("Place"),
        "instructor": _("Instructor"),
        "capacity": _("Places"),
        "project_id": _("Project"),
        "valid_from": _("First day"),
        "valid_to": _("Last day"),
        "from_day": _("Changes from"),
        "reason": _("Reason"),
    }[field]


def shown_date(value: object) -> str:
    """A stored day ("2026-11-23") as people type it (23.11.2026; Lithuanian 2026-11-23); empty stays empty."""
    day = value if isinstance(value, date) else read_date(str(value or ""))
    return typed_date(day) if day else ""


class PlanForm(SaveOnceForm[bool]):
    """A regular session's fields, or a one-off's; F5 saves, Esc leaves it as it was.

    Adding a regular session asks for its first day (and a last day, if it has one).
    Changing one asks from which day the change applies: the weeks before keep the
    timetable they had (a day on or before its first day puts it right in every week).
    """

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but this form takes no cards: nothing in it changed. To check people in, go back to"
        " the home screen (Esc) and press 1."
    )

    CSS_PATH = "timetable.tcss"
    BINDINGS = [Binding("f5", "save", N_("Save")), Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "A session of the timetable: its weekday (or, for a one-off, its date), times as 10:00, activity, place,"
        " instructor, the places it has (empty: the activity's) and the funder project it counts for (empty: none)."
        " A regular session has a first day and, once it stops, a last day. A change applies from the day given:"
        " the weeks before keep what they had. Tab or Enter moves on; F5 saves; Esc leaves it as it was."
    )

    def __init__(self, mode: Mode, plan: Mapping[str, Any] | None = None, *, day: date | None = None) -> None:
        super().__init__()
        self.mode = mode
        self.plan = plan or {}
        self.day = day

    def heading(self) -> str:
        if self.mode == "one_off":
            return _("A session on one date only")
        return _("A regular session") if self.mode == "add" else _("Change a regular session")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading(), classes="title")
            for field in _FIELDS[self.mode]:
                with Horizontal(classes="field"):
                    yield Label(_label(field))
                    if field in _SELECTS:
                        yield self.select(field)
                    else:
                        yield Input(self.typed(field), id=field, compact=True, placeholder=self.hint(field))
            yield Static(id="problem", classes="error")
            yield Button(_("Save (F5)"), variant="primary", id="save", compact=True)

    def select(self, field: str) -> Select[Any]:
        """A field chosen from a list; a value no longer on its list is offered still, as it is."""
        registry = self.app.store.registry
        options: list[tuple[str, Any]]
        if field == "weekday":
            options = [(weekday_name(n), n) for n in range(1, 8)]
        elif field == "activity_id":
            options = [(a["name"], a["id"]) for a in registry.items("activities", include_archived=True)]
        elif field == "project_id":
            options = [(p["name"], p["id"]) for p in registry.items("projects", include_archived=True)]
        elif field == "place":
            options = [(p["name"], p["name"]) for p in registry.items("places")]
        else:
            staff = registry.items("staff")
            options = [(s["name"], s["name"]) for s in staff if "instructor" in s.get("roles", [])]
        value = self.plan.get(field)
        if value not in (None, "") and value not in [v for _l, v in options]:
            options.append((str(value), value))
        prompt = _("No project") if field == "project_id" else _("Choose")
        if value in (None, ""):
            return Select(options, id=field, prompt=prompt, compact=True)
        return Select(options, value=value, id=field, prompt=prompt, compact=True)

    def typed(self, field: str) -> str:
        """What a typed field starts with."""
        today = self.app.clock().date()
        if field == "day":
            return shown_date(self.day or today)
        if field == "valid_from":
            return shown_date(self.plan.get("valid_from") or today)
        if field == "valid_to":
            return shown_date(self.plan.get("valid_to"))
        if field == "from_day":
            first = read_date(str(self.plan.get("valid_from") or "")) or today
            return shown_date(max(first, today))
        value = self.plan.get(field)
        return "" if value is None else str(value)

    def hint(self, field: str) -> str:
        return {
            "capacity": _("empty: the activity's"),
            "valid_to": _("empty: no end"),
            "reason": _("optional"),
        }.get(field, "")

    def on_input_submitted(self) -> None:
        self.focus_next()

    def values(self) -> dict[str, Any]:
        """What the form holds, by field (a list left blank is None)."""
        found: dict[str, Any] = {}
        for field in _FIELDS[self.mode]:
            if field in _SELECTS:
                select = self.query_one(f"#{field}", Select)
                found[field] = None if select.is_blank() else select.value
            else:
                found[field] = self.query_one(f"#{field}", Input).value
        return found

    async def _save(self) -> None:
        app, values = self.app, self.values()
        registry, now = app.store.registry, app.clock()
        problem = self.query_one("#problem", Static)
        written: Written[object] | None

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            field = "from_day" if self.mode == "edit" and error.field == "valid_from" else error.field
            if field in _FIELDS[self.mode]:
                self.query_one(f"#{field}").focus()

        if self.mode == "add":
            written = await save(app, problem.update, add_plan, registry, now, refused=refused, **values)
        elif self.mode == "one_off":
            written = await save(app, problem.update, add_date, registry, now, refused=refused, **values)
        else:
            from_day = values.pop("from_day")
            changed = {k: v for k, v in values.items() if not _same(self.plan.get(k), v)}
            if not changed:
                self.dismiss(False)
                return
            plan_id = self.plan["id"]
            written = await save(
                app, problem.update, replace_plan, registry, plan_id, from_day, now, refused=refused, **changed
            )
        if written is not None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def _same(stored: Any, shown: Any) -> bool:
    """Whether a field still holds what the plan has (a blank capacity is the plan's None)."""
    if stored is None or shown is None:
        return (stored in (None, "")) and (shown in (None, ""))
    return str(stored).strip() == str(shown).strip()

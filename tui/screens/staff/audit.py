"""The audit trail for staff: who changed what, when, from what to what."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from sessions.audit import AUDIT_WORDS as WORDS
from sessions.audit import AuditLine, TwoLaptops, audit_trail, changed_on_two_laptops
from sessions.clock import from_iso
from sessions.i18n import N_, _, format_datetime
from sessions.registry import Registry
from sessions.storage.durable import DamagedFile
from sessions.store import Store
from tui.app import CentrelogApp
from tui.damaged import damaged_sentence
from tui.widgets.footer import Footer

__all__ = ["AuditScreen"]

SHOWN = 2000


def word(key: str) -> str:
    """The app's word for a key in the trail, translated; anything else (typed by staff) as it is."""
    return _(WORDS[key]) if key in WORDS else key


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return word(str(value))


def _values(values: Any, people: Registry) -> str:
    if not isinstance(values, dict):
        return _value(values)
    shown = []
    for key, value in values.items():
        if key == "participant_id":
            person = people.participant(value) if value else None
            value = person.full_name if person else ""
        elif key in _LISTED and value:
            item = people.item(_LISTED[key], str(value))
            value = item["name"] if item else value
        elif key == "regulars" and isinstance(value, list):
            value = [p.full_name for p in (people.participant(str(pid)) for pid in value) if p is not None]
        shown.append(f"{word(key)}: {_value(value)}")
    return "; ".join(shown)


#: Fields that hold an entry of a staff-kept list, shown by its name.
_LISTED = {"activity_id": "activities", "project_id": "projects"}


def _action(action: str) -> tuple[str, str]:
    """What was done, and why (a reason staff typed, or the app's word for it), apart."""
    kind, _sep, reason = action.partition(":")
    return word(kind), word(reason)


class AuditScreen(Screen[None]):
    """Newest first; registry changes, voids and corrections. Below, the highlighted change in full."""

    app = getters.app(CentrelogApp)

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    HELP_TEXT = N_(
        "Who changed what and when, newest first: the register, the lists, settings, check-ins taken back and trips"
        " corrected. ↑↓ move; below, the highlighted change in full: why, before and after. ⇄ marks a change made on"
        " two laptops at once."
    )
    CSS_PATH = "audit.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield Static(id="change")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit", DataTable)
        # Four columns fit 80; why, and what was before and after, go below for the highlighted line.
        table.add_columns(_("When"), _("Who"), _("What"), _("Of"))
        store = self.app.store
        self.changes: list[tuple[str, str, str]] = []
        try:
            lines = audit_trail(store)[:SHOWN]
        except DamagedFile as error:  # a trail without that file's voids and corrections would hide changes
            self.query_one("#change", Static).update(
                _("The audit trail is not shown: {reason}").format(reason=damaged_sentence(error))
            )
            return
        self.both: dict[str, TwoLaptops] = {}
        for pair in changed_on_two_laptops(store):
            self.both.update(dict.fromkeys(pair.idents, pair))
        self.idents: list[str] = []
        for line in lines:
            done, why = _action(line.action)
            if line.ident in self.both:
                done = f"⇄ {done}"  # changed on two laptops at once: said in full below
            table.add_row(format_datetime(from_iso(line.created)), word(line.who), done, self.label(store, line))
            self.changes.append((why, _values(line.before, store.registry), _values(line.after, store.registry)))
            self.idents.append(line.ident)
        table.focus()
        self.show_change(0)

    @on(DataTable.RowHighlighted, "#audit")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_change(event.cursor_row)

    def show_change(self, row: int) -> None:
        if not 0 <= row < len(self.changes):
            self.query_one("#change", Static).update("")
            return
        why, before, after = self.changes[row]
        text = Text()
        if why:
            text.append(_("Why") + ": ", style="bold")
            text.append(why + "\n")
        text.append(_("Before") + ": ", style="bold")
        text.append(before or "—")
        text.append("\n" + _("After") + ": ", style="bold")
        text.append(after or "—")
        pair = self.both.get(self.idents[row])
        if pair is not None:
            (one, first, _t1), (other, second, _t2) = pair.changes
            text.append("\n⇄ ", style="bold")
            text.append(
                _(
                    "{field} was changed on two laptops at once: {first} ({one}), {second} ({other}). Kept: {kept}."
                ).format(
                    field=word(pair.field),
                    first=_value(first) or "—",
                    one=one,
                    second=_value(second) or "—",
                    other=other,
                    kept=_value(pair.kept) or "—",
                )
            )
        self.query_one("#change", Static).update(text)

    @staticmethod
    def label(store: Store, line: AuditLine) -> str:
        """A person's or an item's name in place of its id, where the registry has it."""
        kind, _sep, ident = line.target.partition(":")
        if kind == "participants":
            person = store.registry.participant(ident)
            return person.full_name if person else _("unknown")
        if kind == "timetable":  # a regular session by its activity, day and time, short enough for the column
            from tui.weekdays import weekday_short

            plan = store.registry.record(kind, ident)
            activity = store.registry.item("activities", str((plan or {}).get("activity_id") or ""))
            if plan is None or activity is None:
                return word(kind)
            return f"{activity['name']} {weekday_short(plan['weekday'])} {plan['start']}"
        if kind in ("activities", "places", "staff", "vehicles", "projects"):
            item = store.registry.item(kind, ident)
            return f"{word(kind)} {item['name']}" if item else word(kind)
        if kind == "settings":
            return f"{word(kind)}: {word(ident)}"
        return word(kind)

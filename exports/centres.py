"""Several centres in one report: each centre's data folder (a read-only synced copy) counted apart, then added up."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from exports.columns import Field, column, table
from exports.indicators import MEASURES, WEEK_FIELDS, Indicators, WeekFigures, breakdown_label
from exports.projects import plan_rows, plan_sheet
from exports.readers import Progress
from exports.spreadsheet import Sheet
from sessions.centre import CENTRE_FILE, is_centre_file
from sessions.i18n import N_, _
from sessions.storage.durable import DamagedFile, load_json
from sessions.storage.shared import REGISTRY_FOLDER, registry_files
from sessions.store import Store

__all__ = [
    "TOTAL_NOTE",
    "CentreFigures",
    "NotACentre",
    "centre_name",
    "centre_names",
    "centre_sheets",
    "folder_problem",
    "open_centres",
    "total_of",
]

#: Said wherever a total across centres is shown: how its unique persons are counted.
TOTAL_NOTE = N_(
    "Unique persons, unique passengers and new participants are counted within each centre; "
    "the total across centres adds the centres' figures, so a person who came to two centres counts in both."
)


class NotACentre(Exception):
    """A folder given as another centre that cannot be counted; the message says why, naming it."""


@dataclass(frozen=True)
class CentreFigures:
    """One centre's indicators in a report of several centres."""

    name: str
    data_dir: Path
    indicators: Indicators
    files_read: int


def centre_name(store: Store) -> str:
    """The centre's `centre_name` setting, else its folder's name."""
    return str(store.registry.setting("centre_name", "") or "").strip() or store.data_dir.name


def centre_names(stores: Sequence[Store]) -> list[str]:
    """Each centre's name; two centres of one name are told apart by their folders."""
    names = [centre_name(store) for store in stores]
    return [
        f"{name} ({store.data_dir})" if names.count(name) > 1 else name
        for name, store in zip(names, stores, strict=True)
    ]


def _centre_id(folder: Path) -> str | None:
    """The folder's centre id; None when it has no centre file; DamagedFile naming a file that is not one."""
    path = folder / CENTRE_FILE
    data = load_json(path)
    if data is None:
        return None
    if not is_centre_file(data):
        raise DamagedFile(path, _("it holds no centre id"))
    return str(data["centre"])


def check_folder(folder: Path) -> None:
    """NotACentre unless `folder` is a centrelog data folder (it has its registry)."""
    if not (folder / "registry.json").is_file() and not registry_files(folder / REGISTRY_FOLDER):
        raise NotACentre(
            _("{folder} is not a centrelog data folder (it has no registry): nothing was counted.").format(
                folder=folder
            )
        )


def _known(own: Store) -> dict[str, Path]:
    """What tells this centre apart (its id and its folder) → its folder."""
    known = {str(own.data_dir.resolve()): own.data_dir}
    if own.centre:
        known[own.centre] = own.data_dir
    return known


def _admit(known: dict[str, Path], folder: Path) -> None:
    """Add `folder` to the centres `known`: NotACentre when it is not a data folder or a centre known already."""
    check_folder(folder)
    keys = [str(folder.resolve())]
    if centre := _centre_id(folder):
        keys.insert(0, centre)
    for key in keys:
        if key in known:
            raise NotACentre(
                _(
                    "{folder} is the same centre as {other} (the same centre id in centre.json): "
                    "each centre is counted once."
                ).format(folder=folder, other=known[key])
            )
    known.update(dict.fromkeys(keys, folder))


def folder_problem(own: Store, listed: Sequence[Path], folder: Path) -> str | None:
    """Why `folder` cannot be added to the other centres `listed` (a sentence naming it), or None."""
    known = _known(own)
    try:
        for each in listed:
            try:
                _admit(known, each)
            except (NotACentre, DamagedFile):
                continue  # a listed folder gone missing is said when the report counts
        _admit(known, folder)
    except NotACentre as error:
        return str(error)
    except DamagedFile as error:
        return _("A data file is damaged: {path} ({reason}).").format(path=error.path, reason=error.reason)
    return None


@contextmanager
def open_centres(own: Store, folders: Sequence[Path]) -> Iterator[list[Store]]:
    """The other centres' data folders, opened read-only (never locked, never written), closed after.

    A folder that is not a data folder, or a centre given twice (the same centre id,
    or the same folder), raises NotACentre naming it; a damaged file raises DamagedFile.
    """
    known = _known(own)
    with ExitStack() as stack:
        opened: list[Store] = []
        for folder in map(Path, folders):
            _admit(known, folder)
            opened.append(stack.enter_context(Store(folder, read_only=True)))
        yield opened


def centres_progress(progress: Progress | None, index: int, count: int) -> Progress | None:
    """One centre's progress as a part of the whole: each centre a hundred steps."""
    if progress is None:
        return None

    def step(done: int, total: int) -> None:
        progress(index * 100 + done * 100 // max(total, 1), count * 100)

    return step


def total_of(centres: Sequence[Indicators]) -> Indicators:
    """The centres' figures added up, measure by measure, breakdown by breakdown and week by week."""
    sums: dict[tuple[str, str], int] = {}
    for indicators in centres:
        for key, part, value in indicators.rows:
            sums[key, part] = sums.get((key, part), 0) + value
    order = list(MEASURES)
    rows = sorted(((k, p, v) for (k, p), v in sums.items()), key=lambda row: order.index(row[0]))
    weeks: dict[str, WeekFigures] = {}
    for indicators in centres:
        for week in indicators.weeks:
            into = weeks.setdefault(week.week, WeekFigures(week.week))
            into.sessions += week.sessions
            into.attendances += week.attendances
            into.unique_persons += week.unique_persons
            into.trips += week.trips
            into.boardings += week.boardings
    days: dict[str, int] = {}
    for indicators in centres:
        for day, attendances in indicators.days.items():
            days[day] = days.get(day, 0) + attendances
    return Indicators(rows, sorted(weeks.values(), key=attrgetter("week")), days=dict(sorted(days.items())))


def _of_week(field: Field[WeekFigures]) -> Callable[[tuple[str, WeekFigures]], Any]:
    """A weeks sheet's cell, of a (centre, week) row."""
    return lambda row: field.value(row[1])


def centre_sheets(centres: Sequence[CentreFigures], total: Indicators, *, column_keys: bool = False) -> list[Sheet]:
    """The indicators and weeks sheets with a centre column: each centre, then the total, then the note."""
    everyone = "all" if column_keys else _("All centres")
    labelled = [(c.name, c.indicators) for c in centres] + [(everyone, total)]
    figures: list[Field[tuple[str, str, str, int]]] = [
        column("centre", N_("Centre"), lambda row: row[0]),
        column("measure", N_("Measure"), lambda row: row[1] if column_keys else _(MEASURES[row[1]])),
        column("breakdown", N_("Breakdown"), lambda row: breakdown_label(row[2], column_keys)),
        column("value", N_("Value"), lambda row: row[3]),
    ]
    rows = [(name, *row) for name, indicators in labelled for row in indicators.rows]
    week_fields: list[Field[tuple[str, WeekFigures]]] = [column("centre", N_("Centre"), lambda row: row[0])]
    week_fields += [Field(f.column, _of_week(f)) for f in WEEK_FIELDS]
    week_rows = [(name, week) for name, indicators in labelled for week in indicators.weeks]
    plans = [row for c in centres for row in plan_rows(c.indicators, c.name)]
    sheets = [
        table("indicators", N_("Indicators"), figures, rows),
        table("weeks", N_("Weeks"), week_fields, week_rows),
        plan_sheet(plans, centres=True),
    ]
    note = ["note" if column_keys else _("Note"), _(TOTAL_NOTE)]
    for sheet in sheets[:2]:  # the last line of each sheet with a total says how it was counted
        sheet.rows.append(note + [""] * (len(sheet.columns) - len(note)))
    return sheets

"""Extract every marked string into the .pot, update every language's catalogue, report the gaps.

Run from the repository root:

    python -m tools.i18n            # extract, update every .po file, report
    python -m tools.i18n --check    # change nothing; exit 1 if anything is missing or stale
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from sessions.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, mo_bytes, mo_messages, mo_path, po_path

__all__ = ["Report", "extract", "main", "pseudo_po", "update"]

ROOT = Path(__file__).resolve().parents[1]
#: Packages whose strings the app shows or writes into files.
SOURCES = ("sessions", "exports", "tui")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"

#: Plural rules. Latvian follows CLDR: 0, 10–20, 30, … take the genitive ("10 dalībnieku").
PLURAL_FORMS = {
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10==0 || (n%100>=11 && n%100<=19) ? 2 : 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "en": "nplurals=2; plural=(n != 1);",
    # Lithuanian (CLDR one, few, many): 1, 21, 31 …; 2–9, 22–29 …; 0, 10–20, 30 … ("1 dalyvis, 2 dalyviai, 10 dalyvių").
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
}


def extract(root: Path = ROOT) -> Catalog:
    """Every `_()`, `N_()` and `ngettext()` string of the app, as a template catalogue."""
    template = Catalog(project="centrelog", version="0.1", domain=DOMAIN, charset="utf-8")
    template.header_comment = "# Every message centrelog shows or writes. Made by: python -m tools.i18n"
    for package in SOURCES:
        folder = root / package
        results = extract_from_dir(
            folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)
        )
        for filename, lineno, message, comments, context in results:
            location = (f"{package}/{filename}", lineno)
            template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def _new_catalogue(language: str) -> Catalog:
    return Catalog(locale=language, project="centrelog", version="0.1", domain=DOMAIN, charset="utf-8")


def _set_header(catalog: Catalog, language: str) -> None:
    """The header a PO editor (Poedit, Lokalize) and `msgfmt --check` want; what a translator's editor wrote stays."""
    catalog.header_comment = f"# The {language} catalogue of centrelog. Update with: python -m tools.i18n"
    catalog.fuzzy = False
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    if "EMAIL@ADDRESS" in str(catalog.last_translator):
        catalog.last_translator = "centrelog translators"
    if "LL@li.org" in str(catalog.language_team):
        catalog.language_team = f"centrelog {language}"
    if isinstance(catalog.revision_date, str):  # Babel's placeholder: the date a catalogue was first made
        catalog.revision_date = datetime.now(UTC)


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        catalog = _new_catalogue(language)
    else:
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN)
    _set_header(catalog, language)
    return catalog


def _is_translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return all(strings)


@dataclass
class Report:
    """What a catalogue lacks after an update."""

    language: str
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def lines(self) -> Iterable[str]:
        """The report as text, one finding a line."""
        yield (
            f"{self.language}: {len(self.untranslated)} untranslated, {len(self.fuzzy)} to review, "
            f"{len(self.stale)} stale"
        )
        findings = (("untranslated", self.untranslated), ("review (fuzzy)", self.fuzzy), ("stale", self.stale))
        for title, ids in findings:
            for msgid in ids:
                yield f"  {title}: {msgid!r}"


def _key(message: Message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def update(template: Catalog, language: str, path: Path) -> tuple[Catalog, Report]:
    """The catalogue of `language` brought up to the template, translations kept."""
    catalog = _read(path, language)
    known = {_key(m) for m in template if m.id}
    report = Report(language, stale=sorted(_key(m) for m in catalog if m.id and _key(m) not in known))
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    for message in catalog:
        if not message.id:
            continue
        if language == "en":
            # The msgids are the English text: nothing to translate, nothing to review.
            message.string = ("",) * 2 if message.pluralizable else ""
            message.flags.discard("fuzzy")
            continue
        if message.fuzzy:
            report.fuzzy.append(_key(message))
        elif not _is_translated(message):
            report.untranslated.append(_key(message))
    return catalog, report


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # Files but no line numbers: a catalogue changes when its texts do, not whenever code moves.
    write_po(
        buffer, catalog, width=100, sort_output=True, omit_header=False, ignore_obsolete=True, include_lineno=False
    )
    return buffer.getvalue()


def _undated(text: bytes) -> bytes:
    lines = text.splitlines(keepends=True)
    # The dates, and the generator's version that Babel writes into the header, are not the catalogue.
    return b"".join(line for line in lines if b"-Date:" not in line and b'"Generated-By:' not in line)


def pseudo_po(template: Catalog) -> bytes:
    """A pseudo-locale: every message wrapped in ⟦…⟧, so that unmarked text stands out."""
    catalog = Catalog(locale="en", domain=DOMAIN, charset="utf-8")
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS["en"])]
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            string: str | tuple[str, ...] = tuple(f"⟦{form}⟧" for form in message.id)
        else:
            string = f"⟦{message.id}⟧"
        catalog.add(message.id, string, context=message.context)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def run(check: bool, root: Path = ROOT) -> int:
    """Extract and update (or only check); print the report; 1 if anything is missing."""
    template = extract(root)
    outputs = {POT_PATH: _po_bytes(template)}
    reports = []
    for language in LANGUAGES:
        path = po_path(language)
        catalog, report = update(template, language, path)
        outputs[path] = _po_bytes(catalog)
        reports.append(report)
    changed = [p for p, data in outputs.items() if not p.exists() or _undated(p.read_bytes()) != _undated(data)]
    for language in LANGUAGES:  # the compiled catalogues the app reads, from the sources as written
        source = outputs[po_path(language)] if po_path(language) in changed else po_path(language).read_bytes()
        outputs[mo_path(language)] = mo_bytes(source)
        compiled = mo_path(language)
        if not compiled.exists() or mo_messages(compiled.read_bytes()) != mo_messages(outputs[compiled]):
            changed.append(mo_path(language))
    if not check:
        for path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(outputs[path])
    print(f"{sum(1 for m in template if m.id)} messages in {POT_PATH.relative_to(root)}")
    for report in reports:
        print("\n".join(report.lines()))
    if check and changed:
        print("out of date (run python -m tools.i18n): " + ", ".join(str(p.relative_to(root)) for p in changed))
    missing = any(r.untranslated or r.fuzzy or r.stale for r in reports)
    return 1 if (missing or (check and changed)) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if catalogues are out of date")
    args = parser.parse_args(argv)
    return run(args.check)


if __name__ == "__main__":
    sys.exit(main())

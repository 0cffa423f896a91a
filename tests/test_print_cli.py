"""`--print [PRINTER]` and `--copies N` on `cards`, `card`, `sheet` and `report`, on a real CUPS (tests/cups.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.printing import LAST_PRINTER
from sessions.store import Store
from tests.card_decoding import decode, pdf_pages
from tests.conftest import MONDAY, Clock
from tests.cups import CupsServer, printed_title, unlike
from tests.export_helpers import Centre
from tui.cli import EXIT_USAGE, main
from tui.commands._print import EXIT_NOT_PRINTED

JOB = re.compile(r"\(job (\S+)\)")


def _job(said: str) -> str:
    found = JOB.search(said)
    assert found, said
    return found[1]


def test_cards_print_on_the_printer_named_with_copies(
    cups: CupsServer, demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = demo_store.registry.participants(include_archived=False)[:2]
    out = tmp_path / "two.pdf"
    args = ["cards", "--data-dir", str(demo_store.data_dir), "--out", str(out)]
    codes = [part for p in people for part in ("--participant", p.code or "")]
    assert main([*args, *codes, "--print", "Office", "--copies", "2"]) == 0
    said = capsys.readouterr().out
    assert f"2 cards written to {out}" in said
    assert "Sent to Office: 2 copies (job Office-" in said and f"The PDF is saved: {out}" in said
    printed = cups.printed(_job(said))
    assert printed_title(printed) == "Card sheet: 2 cards"
    pages = pdf_pages(printed, 100)
    assert len(pages) == 2 and all(unlike(page, pdf_pages(out, 100)[0]) < 0.01 for page in pages)
    assert sorted(decode(pages[0])) == sorted(p.code for p in people)


def test_one_card_prints_on_the_printer_this_laptop_used_last(
    cups: CupsServer, demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    person = demo_store.registry.participants()[3]
    demo_store.registry.set_settings({LAST_PRINTER: "Office"}, clock())
    picture = tmp_path / "card.png"
    args = ["card", person.code or "", "--data-dir", str(demo_store.data_dir), "--out", str(picture), "--print"]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert picture.exists() and (tmp_path / "card.pdf").exists()
    assert "Sent to Office: 1 copy (job Office-" in said and f"The PDF is saved: {tmp_path / 'card.pdf'}" in said
    printed = cups.printed(_job(said))
    assert printed_title(printed) == f"Card of {person.full_name}"
    assert decode(pdf_pages(printed, 100)[0]) == [person.code]


def test_the_attendance_sheet_prints_on_the_default_printer(
    cups: CupsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path / "data") as store:
        centre = Centre(store, MONDAY)
    out = tmp_path / "sheet.pdf"
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["sheet", centre.gym["id"][:8], *data, "--out", str(out), "--print"]) == 0
    said = capsys.readouterr().out
    assert "Sent to PDF: 1 copy" in said
    printed = cups.printed(_job(said))
    assert printed_title(printed) == "Attendance sheet: Gym, 16 Nov 2026 10:00"
    assert unlike(pdf_pages(printed, 100)[0], pdf_pages(out, 100)[0]) < 0.01


def test_a_failed_print_exits_9_and_names_the_file_it_wrote(
    cups: CupsServer, demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.pdf"
    args = ["cards", "--all", "--data-dir", str(demo_store.data_dir), "--out", str(out)]
    assert main([*args, "--print", "Refusing"]) == EXIT_NOT_PRINTED
    said = capsys.readouterr()
    assert "cards written to" in said.out and out.exists()
    assert said.err.startswith("The printer Refusing does not take jobs now, so nothing was printed.")
    assert said.err.strip().endswith(f"The PDF is saved: {out}")
    assert main([*args, "--print", "Basement"]) == EXIT_NOT_PRINTED
    assert "There is no printer called “Basement”" in capsys.readouterr().err


def test_no_print_service_exits_9_with_the_sentence(
    cups_clients: None, demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = demo_store.registry.participants()[0]
    args = ["card", person.code or "", "--data-dir", str(demo_store.data_dir), "--out", str(tmp_path / "c.svg")]
    assert main([*args, "--print"]) == EXIT_NOT_PRINTED
    err = capsys.readouterr().err
    assert err.startswith("The print service (CUPS) is not running, so nothing was printed.")
    assert f"The PDF is saved: {tmp_path / 'c.pdf'}" in err and "Traceback" not in err


def test_copies_without_print_or_out_of_range_are_usage_errors(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["cards", "--all", "--data-dir", str(demo_store.data_dir), "--out", str(tmp_path / "x.pdf")]
    assert main([*args, "--copies", "2"]) == EXIT_USAGE
    assert "--copies goes with --print." in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit) as usage:
        main([*args, "--print", "--copies", "0"])
    assert usage.value.code == EXIT_USAGE


def test_a_report_prints_its_pdf(cups: CupsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(tmp_path / "data") as store:
        Centre(store, MONDAY)
    args = ["report", "--week", "2026-W47", "--data-dir", str(tmp_path / "data"), "--print", "PDF"]
    assert main(args) == 0
    said = capsys.readouterr().out
    saved = tmp_path / "data" / "exports" / "report-2026-W47" / "report-2026-W47.pdf"
    assert "Report 2026-11-16–2026-11-22" in said and f"The PDF is saved: {saved}" in said
    printed = cups.printed(_job(said))
    assert printed_title(printed) == "Report 2026-11-16–2026-11-22"
    assert "week 47, 16–22 Nov 2026" in PdfReader(saved).pages[0].extract_text()
    assert unlike(pdf_pages(printed, 100)[0], pdf_pages(saved, 100)[0]) < 0.01  # what was printed is that PDF

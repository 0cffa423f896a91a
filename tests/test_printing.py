"""Printing a PDF through a real CUPS server (tests/cups.py) and every way it can fail, said in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.cards import write_card_sheet
from exports.printing import Printers, PrintProblem, find_printers, pick_printer, print_pdf
from sessions.store import Store
from tests.card_decoding import decode, pdf_pages
from tests.cups import CupsServer, printed_title, start_cups, unlike


def _card_pdf(store: Store, folder: Path) -> tuple[Path, str, str]:
    """A one-card sheet of the demo's first person: the PDF, their name and their card code."""
    person = store.registry.participants()[0]
    pdf = folder / "card.pdf"
    write_card_sheet(pdf, store.registry, [person])
    assert person.code
    return pdf, person.full_name, person.code


def test_the_printers_of_the_print_server_and_its_default(cups: CupsServer) -> None:
    printers = find_printers()
    assert set(printers.names) == {"PDF", "Office", "Refusing", "Paused"}
    assert printers.default == "PDF"
    assert printers.problem is None and printers.sentence == ""
    assert pick_printer(printers, "Office") == "Office"  # the one this laptop printed on last
    assert pick_printer(printers, "Gone") == "PDF"  # else the default
    assert pick_printer(Printers(("A", "B")), None) == "A"
    assert pick_printer(Printers(), "A") is None


def test_a_card_printed_twice_comes_out_as_two_pages_of_that_card(
    cups: CupsServer, demo_store: Store, tmp_path: Path
) -> None:
    pdf, name, code = _card_pdf(demo_store, tmp_path)
    result = print_pdf(pdf, "Office", 2, f"Card of {name}")
    assert result.printed and result.job and result.job.startswith("Office-"), result.sentence()
    assert result.sentence() == f"Sent to Office: 2 copies (job {result.job}). The PDF is saved: {pdf}"
    printed = cups.printed(result.job)
    assert printed_title(printed) == f"Card of {name}"
    pages, saved = pdf_pages(printed, 100), pdf_pages(pdf, 100)
    assert len(pages) == 2  # CUPS made the copies: each is a page of the printed PDF
    for page in pages:
        assert unlike(page, saved[0]) < 0.01
        assert decode(page) == [code]  # the printed card scans as the person's card


def test_without_a_printer_named_the_default_one_prints(cups: CupsServer, demo_store: Store, tmp_path: Path) -> None:
    pdf, _name, _code = _card_pdf(demo_store, tmp_path)
    result = print_pdf(pdf, None, 1, "default")
    assert result.printer == "PDF" and result.job
    assert result.sentence().startswith(f"Sent to PDF: 1 copy (job {result.job}).")
    assert len(pdf_pages(cups.printed(result.job), 50)) == 1


def test_a_printer_that_does_not_exist_or_refuses_jobs_is_said_and_the_pdf_named(
    cups: CupsServer, demo_store: Store, tmp_path: Path
) -> None:
    pdf, _name, _code = _card_pdf(demo_store, tmp_path)
    unknown = print_pdf(pdf, "Basement", 1)
    assert unknown.problem is PrintProblem.UNKNOWN_PRINTER and not unknown.printed
    assert unknown.sentence("~/card.pdf") == (
        "There is no printer called “Basement” on this laptop: nothing was printed. The PDF is saved: ~/card.pdf"
    )
    refused = print_pdf(pdf, "Refusing", 1)
    assert refused.problem is PrintProblem.NOT_ACCEPTING and not refused.printed
    assert refused.sentence().startswith("The printer Refusing does not take jobs now, so nothing was printed.")
    assert refused.sentence().endswith(f"The PDF is saved: {pdf}")
    assert pdf.exists()


def test_a_paused_printer_takes_the_job_and_the_sentence_says_it_waits(
    cups: CupsServer, demo_store: Store, tmp_path: Path
) -> None:
    pdf, _name, _code = _card_pdf(demo_store, tmp_path)
    result = print_pdf(pdf, "Paused", 1)
    assert result.printed and result.paused
    assert "The printer is paused: the job waits until someone resumes it." in result.sentence()


def test_a_print_server_without_printers(cups_server: CupsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop whose CUPS runs but has no printer set up: a sentence, and no job."""
    with start_cups() as empty:
        monkeypatch.setenv("CUPS_SERVER", empty.address)
        printers = find_printers()
        assert printers.names == () and printers.problem is None
        assert printers.sentence.startswith("No printer is set up on this laptop, so nothing was printed.")
        pdf = empty.root / "nothing.pdf"
        pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
        result = print_pdf(pdf, None, 1)
        assert result.problem is PrintProblem.NO_PRINTER
        assert result.sentence().endswith(f"The PDF is saved: {pdf}")


def test_a_print_service_that_is_not_running(cups_clients: None, tmp_path: Path) -> None:
    """CUPS installed, its scheduler not running (the tests' CUPS_SERVER names none)."""
    assert find_printers().problem is PrintProblem.NOT_RUNNING
    assert find_printers().sentence.startswith("The print service (CUPS) is not running, so nothing was printed.")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    for printer in ("PDF", None):
        result = print_pdf(pdf, printer, 1)
        assert result.problem is PrintProblem.NOT_RUNNING, result.reason
        assert result.sentence().endswith(f"The PDF is saved: {pdf}")


def test_a_laptop_without_cups(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-commands-here"))
    assert find_printers().problem is PrintProblem.NO_CUPS
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = print_pdf(pdf, "PDF", 3)
    assert result.problem is PrintProblem.NO_CUPS and not result.printed
    assert result.sentence() == (
        "This laptop has no print service (CUPS), so nothing was printed. Ask for CUPS to be installed and the"
        f" printer added, or print the PDF from another computer. The PDF is saved: {pdf}"
    )


def test_copies_are_counted_from_one() -> None:
    with pytest.raises(ValueError, match="from 1 to 99"):
        print_pdf(Path("x.pdf"), "PDF", 0)

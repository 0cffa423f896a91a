"""Card sheets, card pictures and reissued cards, read back with a real QR decoder."""

from __future__ import annotations

import math
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image

from exports.cards import (
    CARD_SIZE_MM,
    MODULE_MM,
    QR_AT_MM,
    card_faces,
    card_sheet_pdf,
    qr_modules,
    write_card_image,
    write_card_sheet,
)
from sessions.attendance import start_session
from sessions.checkin import Colour, Outcome, check_in
from sessions.store import Store
from tests.card_decoding import decode, modules_image, pdf_pages, svg_qr_image
from tests.conftest import Clock
from tui.cli import main


def _active_codes(store: Store) -> set[str]:
    return {p.code for p in store.registry.participants(include_archived=False) if p.code}


def test_the_sheet_of_all_cards_decodes_to_exactly_the_active_codes(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    # The command reads beside the open store, as it would beside a running app.
    assert main(["cards", "--all", "--out", str(out), "--data-dir", str(demo_store.data_dir)]) == 0
    pages = pdf_pages(out)
    found = [decode(page) for page in pages]
    active = _active_codes(demo_store)
    assert len(pages) == math.ceil(len(active) / 10)
    assert all(len(codes) <= 10 for codes in found)
    flat = [code for codes in found for code in codes]
    assert sorted(flat) == sorted(active)  # each once, and none of the archived or revoked
    archived = [p for p in demo_store.registry.participants() if p.archived]
    assert archived and not {p.code for p in archived} & set(flat)


def test_the_sheet_embeds_latvian_and_cyrillic_names(demo_store: Store, tmp_path: Path) -> None:
    people = demo_store.registry.participants(include_archived=False)
    path = tmp_path / "cards.pdf"
    write_card_sheet(path, demo_store.registry, people)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    cyrillic = [p for p in people if any("\u0400" <= c <= "\u04ff" for c in p.full_name)]
    latvian = [p for p in people if any(c in "āčēģīķļņšūž" for c in p.full_name.lower())]
    assert cyrillic and latvian
    for person in [*cyrillic[:3], *latvian[:3]]:
        assert person.last_name in text
    assert demo_store.registry.setting("centre_name") in text


def test_a_chosen_few_cards(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = demo_store.registry.participants(include_archived=False)[3:5]
    out = tmp_path / "two.pdf"
    args = ["cards", "--data-dir", str(demo_store.data_dir), "--out", str(out)]
    assert main([*args, "--participant", people[0].code, "--participant", people[1].code]) == 0
    assert sorted(decode(pdf_pages(out)[0])) == sorted(p.code for p in people)
    assert "2 cards" in capsys.readouterr().out


def test_a_replaced_code_is_refused_and_nothing_written(
    demo_store: Store, clock: Clock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = demo_store.registry.participants(include_archived=False)[0]
    old = person.code
    new = demo_store.registry.issue_card(person.id, clock())
    out = tmp_path / "old.pdf"
    code = main(["cards", "--data-dir", str(demo_store.data_dir), "--out", str(out), "--participant", old or ""])
    assert code == 5 and not out.exists()
    err = capsys.readouterr().err
    assert "replaced" in err and new[:3] in err
    assert main(["cards", "--data-dir", str(demo_store.data_dir), "--out", str(tmp_path / "x.txt"), "--all"]) == 2


def test_one_card_as_png_and_svg_decodes(demo_store: Store, tmp_path: Path) -> None:
    person = next(p for p in demo_store.registry.participants(include_archived=False) if not p.full_name.isascii())
    png, svg = tmp_path / "card.png", tmp_path / "card.svg"
    args = ["--data-dir", str(demo_store.data_dir)]
    assert main(["card", person.code or "", "--out", str(png), *args]) == 0
    assert main(["card", person.code[:3], person.code[3:], "--out", str(svg), *args]) == 0  # type: ignore[index]
    with Image.open(png) as image:
        assert image.size[0] > image.size[1]  # a card lying down
        assert decode(image) == [person.code]
    assert decode(svg_qr_image(svg)) == [person.code]
    assert person.last_name in svg.read_text("utf-8")
    assert main(["card", person.code or "", "--out", str(tmp_path / "card.jpg"), *args]) == 2


def test_the_symbol_keeps_its_quiet_zone_and_size(demo_store: Store) -> None:
    person = demo_store.registry.participants()[0]
    modules = qr_modules(person.code or "")
    assert all(not any(row) for row in modules[:4] + modules[-4:])
    assert all(not any(row[:4]) and not any(row[-4:]) for row in modules)
    assert decode(modules_image(modules)) == [person.code]
    # Large enough for a laptop's camera at arm's length (docs/benchmarks.md), and fully error-corrected (H).
    assert MODULE_MM >= 1.6
    assert (len(modules) - 8) * MODULE_MM >= 33
    found = zxingcpp.read_barcodes(modules_image(modules))
    assert [(f.text, f.ec_level) for f in found] == [(person.code, "H")]
    x, y, size = QR_AT_MM[0], QR_AT_MM[1], len(modules) * MODULE_MM
    assert x >= 0 and y >= 0 and x + size <= CARD_SIZE_MM[0] and y + size <= CARD_SIZE_MM[1]
    faces = card_faces(demo_store.registry, [person])
    assert card_sheet_pdf(faces).startswith(b"%PDF")


def test_a_reissued_card_answers_red_and_the_new_one_green(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    person = registry.participants(include_archived=False)[0]
    old = person.code
    new = registry.issue_card(person.id, clock.tick(minutes=1))
    assert [c.code for c in registry.cards_of(person.id)][-2:] == [old, new]
    assert registry.card(old or "").revoked  # type: ignore[union-attr]
    gym = registry.items("activities")[0]
    session = start_session(demo_store, gym["id"], "Zāle", "Olga", clock.tick(minutes=1))
    refused = check_in(session, registry, old or "", clock.tick(seconds=5))
    assert refused.outcome is Outcome.REVOKED_CARD and refused.colour is Colour.RED
    assert check_in(session, registry, new, clock.tick(seconds=5)).colour is Colour.GREEN


def test_a_person_without_a_card_cannot_be_pictured(store: Store, clock: Clock, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_card_sheet(tmp_path / "none.pdf", store.registry, [])
    person = store.registry.add_participant(clock(), first_name="Ēriks", last_name="Ķēniņš")
    write_card_image(tmp_path / "one.png", store.registry, person)
    with pytest.raises(ValueError):
        write_card_image(tmp_path / "one.gif", store.registry, person)

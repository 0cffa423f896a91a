"""`centrelog --help`, each subcommand's help and argparse's own errors speak the language chosen (--lang or the
locale): every word of them passes through the catalogues."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from sessions.i18n import LANGUAGES, compile_po, current_language, register_translations, set_language
from tools.i18n import extract, pseudo_po
from tui.cli import COMMANDS, build_parser, language_asked, main
from tui.cli_words import ARGPARSE_WORDS

#: What stays as it is in any language: the program, commands, options, their choices and formats.
_UNTRANSLATED = re.compile(
    r"centrelog|--?[a-z][a-z-]*|\{[a-z,]+\}|YYYY-(?:Www|MM|Qn)|\bN\b|" + "|".join(rf"\b{name}\b" for name in COMMANDS)
)
#: argparse's English words, as they would show untranslated.
_ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments:", "show this help message and exit", "error:")


@pytest.fixture
def pseudo() -> Iterator[None]:
    """The pseudo-locale xx: every marked word shows wrapped in ⟦…⟧."""
    register_translations("xx", compile_po(pseudo_po(extract())))
    set_language("xx")
    yield
    set_language("en")


def _outside_the_catalogue(text: str) -> list[str]:
    """The words of `text` that no catalogue said: neither wrapped in ⟦…⟧ nor a command, option or format."""
    bare = text
    while re.search(r"⟦[^⟦⟧]*⟧", bare):  # a translated word inside a translated sentence: the inner one first
        bare = re.sub(r"⟦[^⟦⟧]*⟧", " ", bare)
    bare = _UNTRANSLATED.sub(" ", bare)
    return re.findall(r"[A-Za-z]{2,}", bare)


def _help(argv: list[str]) -> str:
    return build_parser(argv).format_help() if argv == [] else _subcommand_help(argv[0])


def _subcommand_help(name: str) -> str:
    parser = build_parser([name, "--help"])
    action = next(a for a in parser._actions if a.dest == "command")  # the subparsers
    return str(action.choices[name].format_help())  # type: ignore[index]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_word_of_the_help_passes_through_the_catalogues(pseudo: None, command: str) -> None:
    text = _help([command] if command else [])
    assert _outside_the_catalogue(text) == [], text
    assert "⟦usage: ⟧" in text and "⟦options⟧:" in text and "⟦show this help message and exit⟧" in text


def test_argparse_s_own_errors_pass_through_the_catalogues(pseudo: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser(["report", "--week"]).parse_args(["report", "--week"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "⟦expected one argument⟧" in err and "⟦argument %(argument_name)s: %(message)s⟧" not in err
    assert _outside_the_catalogue(err) == [], err
    with pytest.raises(SystemExit):
        build_parser(["nonsense"]).parse_args(["nonsense"])
    assert "⟦invalid choice: " in capsys.readouterr().err


def test_the_language_is_read_before_the_help_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    assert language_asked(["--lang", "lt", "--help"]) == "lt"
    assert language_asked(["report", "--lang=ru", "--help"]) == "ru"
    assert language_asked(["--lang", "xx"]) is None and language_asked(["--", "--lang", "lt"]) is None
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "lt_LT.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert current_language() == "lt"  # the locale's, with no --lang
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "--help"])
    assert current_language() == "ru"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_centrelog_help_in_a_language_shows_no_english_argparse_words(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", language, "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert not [word for word in _ARGPARSE_ENGLISH if word in out], out
    assert "Check-ins, minibus trips and reports for a day centre." not in out
    with pytest.raises(SystemExit):
        main(["--lang", language, "nonsense"])
    err = capsys.readouterr().err
    assert not [word for word in (*_ARGPARSE_ENGLISH, "invalid choice") if word in err], err


def test_argparse_s_words_are_the_ones_it_writes() -> None:
    """Each word listed for translation is argparse's own, as this Python writes it (or it would never show)."""
    import argparse
    import inspect

    source = inspect.getsource(argparse)
    assert [word for word in ARGPARSE_WORDS if repr(word) not in source and f'"{word}"' not in source] == []

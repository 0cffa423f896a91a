"""argparse's own words ("usage:", "options", its error messages) in the app's language.

argparse marks every word it shows with gettext and looks each up, when shown, through
the module's `_` and `ngettext` (the way Python's argparse how-to, "How to translate the
argparse output", describes). They are listed here, exactly as argparse writes them,
so that `python -m tools.i18n` puts them in centrelog's own catalogues beside the app's
words; `speak_app_language` makes argparse look them up there, in the language chosen
now (`sessions.i18n.set_language`). `tests/test_internals.py` checks that argparse still
looks its words up this way and still writes each of them.
"""

from __future__ import annotations

import argparse

from sessions.i18n import N_, _, ngettext

__all__ = ["ARGPARSE_PLURAL", "ARGPARSE_WORDS", "expected_arguments", "speak_app_language"]

#: What argparse says to a person (its help and its usage errors; not the errors only a programmer sees).
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
#: argparse's one message with a count, as (singular, plural).
ARGPARSE_PLURAL = ("expected %s argument", "expected %s arguments")


def expected_arguments(count: int) -> str:
    """argparse's "expected N arguments" in the current language (written out so that it is extracted)."""
    return ngettext("expected %s argument", "expected %s arguments", count) % count


def speak_app_language() -> None:
    """Make argparse say its words through the app's catalogues, in the current language, from now on."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's own lookup, a module global it reads when it speaks
    setattr(argparse, "ngettext", ngettext)  # noqa: B010

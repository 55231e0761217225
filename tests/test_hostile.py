"""Hostile and broken input: every refusal is the library's own error, and says why."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import gkdisclosure as gk
from gkdisclosure.catalog import Column, Row, Table
from gkdisclosure.testing import assert_findings, with_cell

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
REPORT = gk.load(SAMPLE)
RESULT = gk.validate(REPORT)
OTHER = with_cell(REPORT, "requests.received.natural_person", 1)
_A = Column("a", "甲", "A")

#: A call with a bad argument, the error it raises, the built-in it also is, and its message.
BAD_ARGUMENTS: list[tuple[Callable[[], Any], type[gk.GkDisclosureError], type[Exception], str]] = [
    (lambda: gk.validate(REPORT, profile="bogus"), gk.OptionError, ValueError, "'bogus'"),  # type: ignore[arg-type]
    (lambda: gk.validate(REPORT, severity={"x.y": "error"}), gk.OptionError, ValueError, "'x.y'"),
    (lambda: gk.render_report(REPORT, to="pdf"), gk.OptionError, ValueError, "'pdf'"),  # type: ignore[arg-type]
    (lambda: gk.read_html("<p>x</p>", edition="2020"), gk.OptionError, ValueError, "'2020'"),
    (lambda: gk.read_text("x", edition="2020"), gk.OptionError, ValueError, "'2020'"),
    (lambda: gk.Edition("2020"), gk.OptionError, ValueError, "'2019' or '2021'"),
    (lambda: gk.Severity("fatal"), gk.OptionError, ValueError, "'fatal'"),
    (lambda: gk.read_html(3), gk.ArgumentTypeError, TypeError, "not int"),  # type: ignore[arg-type]
    (lambda: gk.diagnose_report(OTHER, RESULT), gk.OptionError, ValueError, "another report"),
    (
        lambda: attrs.evolve(REPORT, edition=gk.Edition.E2019),
        gk.ArgumentTypeError,
        TypeError,
        "edition 2019 needs",
    ),
    (
        lambda: assert_findings(RESULT, rule="no.such.rule"),
        gk.OptionError,
        ValueError,
        "no.such.rule",
    ),
    (lambda: assert_findings(RESULT, cells="x"), gk.ArgumentTypeError, TypeError, "'x'"),
    (lambda: with_cell(REPORT, "requests.nothing", 1), gk.OptionError, ValueError, "nothing"),
    (
        lambda: Table("t", "一", "一、表", "T", (Row("x", "子", "X", (_A,)),) * 2),
        gk.OptionError,
        ValueError,
        "twice",
    ),
]


@pytest.mark.parametrize(("call", "error", "builtin", "words"), BAD_ARGUMENTS)
def test_a_bad_argument_raises_the_library_error(
    call: Callable[[], Any],
    error: type[gk.GkDisclosureError],
    builtin: type[Exception],
    words: str,
) -> None:
    """An argument the library does not take raises its own error, also the built-in it is."""
    with pytest.raises(error) as raised:
        call()
    assert isinstance(raised.value, gk.GkDisclosureError)
    assert isinstance(raised.value, builtin)
    assert words in str(raised.value)
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own object
    assert type(copy) is type(raised.value)
    assert str(copy) == str(raised.value)


def test_output_error_pickles_with_its_path_and_reason(tmp_path: Path) -> None:
    """OutputError keeps the path and the reason through pickling."""
    error = gk.OutputError(str(tmp_path), "a folder, not a file")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (copy.path, copy.reason) == (str(tmp_path), "a folder, not a file")
    assert str(copy) == f"{tmp_path}: a folder, not a file"
    assert str(gk.OutputError("", "no file name")) == "'': no file name"

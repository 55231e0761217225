"""Hostile and broken input: every refusal is the library's own error, and says why."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import gkdisclosure as gk
from gkdisclosure.catalog import Column, Row, Table
from gkdisclosure.limits import MAX_COUNT
from gkdisclosure.testing import assert_findings, with_cell

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
REPORT = gk.load(SAMPLE)
RESULT = gk.validate(REPORT)
OTHER = with_cell(REPORT, "requests.received.natural_person", 1)
_A = Column("a", "甲", "A")


def run_command(*argv: str, stdin: bytes = b"", timeout: float = 600) -> tuple[int, str, str]:
    """Run ``gkdisclosure`` in a new process; return its status, stdout and stderr."""
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "gkdisclosure", *argv],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "LANG": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


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


# --- 1. numbers beyond any count -------------------------------------------------------------

HUGE = 10**28


def huge_document(tmp_path: Path, name: str = "huge.json") -> Path:
    """The sample with a count of 10**28 in 一、本年新收 自然人."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["requests"]["received"]["natural_person"] = HUGE
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_count_beyond_the_bound_is_refused_at_load_where_it_is(tmp_path: Path) -> None:
    """A count of 10**28 is refused by load, with the path of its cell and the bound."""
    with pytest.raises(gk.ReportDataError) as raised:
        gk.load(huge_document(tmp_path))
    (error,) = raised.value.errors
    assert error.path == "requests.received.natural_person"
    assert f"{MAX_COUNT:,}" in error.message


@pytest.mark.parametrize("value", [HUGE, -HUGE, 10**4000, 10**12])
def test_formatting_never_raises_for_a_count_the_model_holds(value: int) -> None:
    """A report built in Python holds any int: describe, render and the notebook view work."""
    report = with_cell(REPORT, "requests.received.natural_person", value)
    result = gk.validate(report)
    assert not result.ok
    for finding in result:
        assert gk.describe(finding, "en")
    for to in ("html", "markdown"):
        assert f"{value:,}" in gk.render_report(report, to=to, locale="en", findings=result)
    assert report._repr_html_()
    assert result._repr_html_()


@pytest.mark.parametrize(
    "value", [Decimal("1" * 40), Decimal("1E+40"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_formatting_never_raises_for_an_amount_the_model_holds(value: Decimal) -> None:
    """An amount of any size, or not a number at all, still renders."""
    assert isinstance(REPORT.proactive, gk.Proactive2021)
    report = with_cell(REPORT, "proactive.fees.amount_10k_yuan", value)
    assert gk.render_report(report, to="markdown", locale="en")
    assert report._repr_html_()


def test_the_command_refuses_a_huge_count_on_one_line(tmp_path: Path) -> None:
    """validate, render and convert exit 2 with one line naming the cell: no traceback."""
    path = str(huge_document(tmp_path))
    for argv in (["validate", path], ["render", path], ["convert", path]):
        status, out, err = run_command(*argv)
        assert (status, out) == (2, ""), argv
        assert err.count("\n") == 1, err
        assert "requests.received.natural_person" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_a_batch_reports_a_huge_count_as_an_error_entry(tmp_path: Path, form: str) -> None:
    """In a batch of two processes the huge file is an error entry; the other is checked."""
    huge_document(tmp_path, "a.json")
    shutil.copy(SAMPLE, tmp_path / "b.json")
    status, out, err = run_command("validate", "--jobs", "2", "--format", form, str(tmp_path))
    assert status == 2
    assert "Traceback" not in err
    lines = json.loads(out) if form == "json" else [json.loads(line) for line in out.splitlines()]
    assert [Path(entry["file"]).name for entry in lines] == ["a.json", "b.json"]
    assert "requests.received.natural_person" in lines[0]["error"]
    assert lines[1]["ok"]

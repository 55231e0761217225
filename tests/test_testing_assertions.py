"""The kit's assertions and the pytest plugin: what they accept, and what a failure shows."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from gkdisclosure import (
    Finding,
    Report,
    Severity,
    Status,
    describe,
    iter_findings,
    load,
    validate,
)
from gkdisclosure.pytest_plugin import pytest_assertrepr_compare
from gkdisclosure.testing import assert_consistent, assert_findings, reports, with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = load(ROOT / "examples" / "2021-fujian-gxt.json")
HEADER = "福建省工业和信息化厅, report for 2021, edition 2021"


def broken(**changes: object) -> Report:
    """The sample with cells changed, by wire path with ``__`` for dots."""
    report = SAMPLE
    for path, value in changes.items():
        report = with_cell(report, path.replace("__", "."), value)
    return report


#: 表四 review total 1 → 2: one finding, of review_litigation.sum.
REVIEW = broken(review_litigation__review__total=2)
#: 表三 granted, research blank: two unassessable findings (info), nothing failed.
BLANK = broken(requests__granted__research=None)


# --- assert_consistent ----------------------------------------------------------------------


@given(reports())
def test_generated_consistent_reports_pass(report: Report) -> None:
    """Every consistent report of the strategies passes, even refusing mere unassessable ones."""
    assert_consistent(report, fail_on="info")


def test_a_failure_shows_the_findings_as_a_table() -> None:
    """The message: who and what failed, a table of the findings, then each in a sentence."""
    with pytest.raises(AssertionError) as caught:
        assert_consistent(REVIEW)
    (finding,) = validate(REVIEW)
    assert str(caught.value).splitlines() == [
        f"{HEADER}: 1 finding at or above error",
        (
            "  #  rule                   status  severity  cell                            actual"
            "  expected  delta  missing"
        ),
        (
            "  1  review_litigation.sum  failed  error     review_litigation.review.total       2"
            "         1     +1"
        ),
        f"  [1] {describe(finding, 'en')}",
    ]


@pytest.mark.parametrize(
    ("report", "options", "rules"),
    [
        (BLANK, {}, None),
        (BLANK, {"fail_on": "info"}, ["requests.handled_sum", "requests.applicant_sum"]),
        (BLANK, {"fail_on": Severity.INFO, "blank_as_zero": True}, ["report.incomplete_table"]),
        (BLANK, {"profile": "strict", "fail_on": "warning"}, ["requests.handled_sum"]),
        (REVIEW, {"severity": {"review_litigation.sum": "warning"}}, None),
        (REVIEW, {"severity": {"review_litigation.sum": "warning"}, "fail_on": "warning"},
         ["review_litigation.sum"]),
        (SAMPLE, {"previous": attrs.evolve(SAMPLE, year=2019)}, None),
        (SAMPLE, {"previous": attrs.evolve(SAMPLE, year=2019), "fail_on": "warning"},
         ["series.sequence"]),
    ],
    ids=["blank", "blank-info", "blank-as-zero", "strict", "override", "override-warning",
         "previous", "previous-warning"],
)  # fmt: skip
def test_the_options_are_those_of_check(
    report: Report, options: dict[str, Any], rules: list[str] | None
) -> None:
    """previous, blank_as_zero, profile, severity and fail_on work as for check()."""
    if rules is None:
        assert_consistent(report, **options)
        return
    with pytest.raises(AssertionError) as caught:
        assert_consistent(report, **options)
    for rule in rules:
        assert f"  {rule}  " in str(caught.value)


def test_a_bad_threshold_is_a_value_error() -> None:
    """fail_on must name a severity."""
    with pytest.raises(ValueError, match="'fatal' is not a valid Severity"):
        assert_consistent(SAMPLE, fail_on="fatal")


# --- assert_findings --------------------------------------------------------------------------


LEDGER = validate(broken(requests__received__natural_person=12))


@pytest.mark.parametrize(
    ("options", "count"),
    [
        ({}, 2),
        ({"rule": "requests.ledger"}, 1),
        ({"status": "failed"}, 2),
        ({"cells": ["requests.received.natural_person"]}, 2),
        ({"cells": ["requests.received.natural_person", "requests.carried_over.natural_person"],
          "rule": "requests.ledger", "status": Status.FAILED}, 1),
        ({"cells": ("requests.received.total", "requests.carried_forward.natural_person")}, 2),
    ],
)  # fmt: skip
def test_assert_findings_passes_and_returns_the_matching_findings(
    options: dict[str, Any], count: int
) -> None:
    """It holds when some finding matches and each cell is touched; it returns the matches."""
    found = assert_findings(LEDGER, **options)
    assert len(found) == count
    assert all(isinstance(finding, Finding) for finding in found)


@pytest.mark.parametrize(
    ("result", "options", "first_line"),
    [
        (LEDGER, {"rule": "review_litigation.sum"},
         "expected a finding of review_litigation.sum; none matches. The 2 findings:"),
        (LEDGER, {"status": "unassessable"},
         "expected a finding with status unassessable; none matches. The 2 findings:"),
        (LEDGER, {"rule": "requests.ledger", "cells": ["requests.received.total"]},
         ("expected a finding of requests.ledger touching requests.received.total; "
          "none touches requests.received.total. The 2 findings:")),
        (LEDGER, {"cells": ["requests.granted.total", "requests.received.total"]},
         ("expected a finding touching requests.granted.total, requests.received.total; "
          "none touches requests.granted.total. The 2 findings:")),
        (validate(SAMPLE), {}, "expected a finding; there are no findings"),
        (validate(SAMPLE), {"cells": ["requests.received.total"]},
         "expected a finding touching requests.received.total; there are no findings"),
    ],
)  # fmt: skip
def test_assert_findings_says_what_was_missed(
    result: Any, options: dict[str, Any], first_line: str
) -> None:
    """The message says what was expected, what is wrong, and lists every finding."""
    with pytest.raises(AssertionError) as caught:
        assert_findings(result, **options)
    lines = str(caught.value).splitlines()
    assert lines[0] == first_line
    if len(result):
        assert lines[1].split() == [
            "#",
            "rule",
            "status",
            "severity",
            "cell",
            "actual",
            "expected",
            "delta",
            "missing",
        ]
        assert len(lines) == 2 + 2 * len(result)


def test_assert_findings_takes_any_iterable_of_findings() -> None:
    """A generator of findings (iter_findings) or a list works as well as a result."""
    report = broken(requests__received__natural_person=12)
    assert assert_findings(iter_findings(report), rule="requests.ledger") == LEDGER.for_rule(
        "requests.ledger"
    )
    assert len(assert_findings(list(LEDGER))) == 2


def test_unassessable_findings_name_the_blank_cell_in_the_table() -> None:
    """The missing column of the table names the cell that is not reported."""
    with pytest.raises(AssertionError) as caught:
        assert_findings(validate(BLANK), rule="requests.applicant_sum", status="failed")
    rows = [line for line in str(caught.value).splitlines() if "unassessable" in line]
    assert len(rows) == 2
    assert all(row.endswith("requests.granted.research") for row in rows)


@pytest.mark.parametrize(
    ("result", "options", "error", "message"),
    [
        (SAMPLE, {}, TypeError, "expected a ValidationResult or findings, got Report"),
        ([1, 2], {}, TypeError, "expected a ValidationResult or findings, got list"),
        (LEDGER, {"rule": "requests.legder"}, ValueError, "unknown rule 'requests.legder'"),
        (LEDGER, {"status": "failing"}, ValueError, "'failing' is not a valid Status"),
        (LEDGER, {"cells": "requests.received.total"}, TypeError, "cells must be a collection"),
        (LEDGER, {"cells": ["requests.recieved.total"]}, ValueError,
         "'requests.recieved.total' is not a wire path"),
        (LEDGER, {"cells": [3]}, ValueError, "3 is not a wire path"),
    ],
)  # fmt: skip
def test_misuse_is_an_error_not_a_failed_assertion(
    result: Any, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A wrong type, an unknown rule, status or cell raises at once: a typo never passes."""
    with pytest.raises(error, match=message):
        assert_findings(result, **options)


@pytest.mark.parametrize(
    "cells",
    [["requests"], ["year"], ["previous.requests.carried_forward.total"],
     ["requests.other_handling.natural_person"]],
    ids=["a-table", "a-report-key", "last-year", "a-2019-row"],
)  # fmt: skip
def test_cells_may_name_tables_keys_and_last_years_cells(cells: list[str]) -> None:
    """Report-level and series findings are about tables, keys and last year's cells."""
    with pytest.raises(AssertionError, match="none touches"):
        assert_findings(LEDGER, cells=cells)


# --- the pytest plugin ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "left", "right"),
    [
        ("==", [1], []),
        ("==", list(LEDGER), [1]),
        ("!=", list(LEDGER), []),
        ("==", list(LEDGER), list(reversed(list(LEDGER)))),
        ("==", [], ()),
        ("==", LEDGER.findings[0], LEDGER.findings[1]),
    ],
    ids=["not-findings", "one-side-not-findings", "not-equality", "same-findings-reordered",
         "both-empty", "single-findings"],
)  # fmt: skip
def test_the_hook_leaves_other_comparisons_to_pytest(op: str, left: object, right: object) -> None:
    """Only == between two collections of findings that differ gets the table."""
    assert pytest_assertrepr_compare(None, op, left, right) is None  # type: ignore[arg-type]


def test_the_hook_shows_the_findings_only_on_each_side() -> None:
    """The summary counts both sides; then a table of what only the left has, and the right."""
    review = validate(REVIEW)
    lines = pytest_assertrepr_compare(None, "==", LEDGER, [*review, LEDGER.findings[0]])  # type: ignore[arg-type]
    assert lines is not None
    assert lines[0] == "2 findings == 2 findings"
    left = lines.index("Only on the left (1):")
    right = lines.index("Only on the right (1):")
    assert "requests.applicant_sum" in lines[left + 2]
    assert "review_litigation.sum" in lines[right + 2]
    assert lines[1] == ""


def test_the_hook_reads_an_empty_side_as_no_findings() -> None:
    """assert list(validate(report)) == [] explains itself as '2 findings == no findings'."""
    lines = pytest_assertrepr_compare(None, "==", list(LEDGER), [])  # type: ignore[arg-type]
    assert lines is not None
    assert lines[:3] == ["2 findings == no findings", "", "Only on the left (2):"]


def test_a_finding_built_by_hand_gets_a_row_without_a_sentence() -> None:
    """Findings without the arguments of a message still show in the table."""
    finding = Finding(
        rule="requests.ledger",
        severity=Severity.ERROR,
        status=Status.FAILED,
        path="requests.carried_forward.total",
        actual=Decimal("1.5"),
        delta=Decimal("0.5"),
    )
    lines = pytest_assertrepr_compare(None, "==", [finding], [])  # type: ignore[arg-type]
    assert lines is not None
    assert lines[-1].split() == [
        "1",
        "requests.ledger",
        "failed",
        "error",
        "requests.carried_forward.total",
        "1.5",
        "+0.5",
    ]


TEST_MODULE = """
from gkdisclosure import load, validate
from gkdisclosure.testing import assert_consistent, with_cell

REPORT = with_cell(load({sample!r}), "review_litigation.review.total", 2)

def test_plain_assert():
    assert list(validate(REPORT)) == []

def test_kit_assertion():
    assert_consistent(REPORT)
"""


def test_the_plugin_explains_plain_asserts_and_the_kit_hides_its_frames(tmp_path: Path) -> None:
    """In a real session: plain asserts on findings show the table; the kit's frames are hidden."""
    sample = str(ROOT / "examples" / "2021-fujian-gxt.json")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["gkdisclosure.pytest_plugin"]\n')
    (tmp_path / "test_report.py").write_text(textwrap.dedent(TEST_MODULE.format(sample=sample)))
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rN", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout
    assert done.returncode == 1, output
    assert "2 failed" in output
    assert "assert 1 finding == no findings" in output
    assert output.count("review_litigation.sum  failed  error") == 2, output
    assert "_assertions.py" not in output

"""Assertions for test suites: a report is consistent; a result has the findings expected."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from ..catalog import PREVIOUS, Edition
from ..catalog import edition as _spec
from ..errors import ArgumentTypeError, OptionError
from ..findings import Finding, Severity, Status, ValidationResult
from ..model import Report
from ..pytest_plugin import count_findings, findings_table
from ..rules import RULES, ProfileName, validate

__all__ = ["assert_consistent", "assert_findings"]

#: Every path a finding can name: the cells and tables of both editions, and the report's keys.
_PATHS: Final = frozenset(
    {cell.path for which in Edition for cell in _spec(which).cells()}
    | {table.key for table in _spec(Edition.E2021).tables}
    | {field.name for field in attrs.fields(Report)}
)


def _header(report: Report) -> str:
    return f"{report.agency}, report for {report.year}, edition {report.edition.value}"


def assert_consistent(  # noqa: PLR0913 - validate's options and the threshold
    report: Report,
    *,
    previous: Report | None = None,
    blank_as_zero: bool = False,
    profile: ProfileName = "default",
    severity: Mapping[str, Severity | str] | None = None,
    fail_on: Severity | str = Severity.ERROR,
) -> None:
    """Assert that :func:`~gkdisclosure.validate` finds nothing at or above ``fail_on``.

    The options are those of :func:`~gkdisclosure.check`: with the defaults,
    every identity that can be checked holds (a blank cell makes its
    identities unassessable, which is only ``info``); ``fail_on="info"``
    also refuses unassessable identities, so the report must be complete.

    On failure, raises :exc:`AssertionError` whose message lists the
    findings as a table and in sentences. pytest hides this function's frame
    from the traceback.

    >>> from gkdisclosure import load
    >>> from gkdisclosure.testing import with_cell
    >>> report = load("examples/2021-fujian-gxt.json")
    >>> assert_consistent(report)
    >>> assert_consistent(with_cell(report, "review_litigation.review.total", 2))
    Traceback (most recent call last):
    AssertionError: 福建省工业和信息化厅, report for 2021, edition 2021: 1 finding at or above error
      #  rule                   status  severity  cell                            actual  ...
      1  review_litigation.sum  failed  error     review_litigation.review.total       2  ...
      [1] Review: total is 2, but upheld 1 + ... = 1 (difference +1).
    """
    __tracebackhide__ = True
    threshold = Severity(fail_on)
    result = validate(
        report, previous=previous, blank_as_zero=blank_as_zero, profile=profile, severity=severity
    )
    serious = result.at_least(threshold)
    if serious:
        title = f"{_header(report)}: {count_findings(serious)} at or above {threshold.value}"
        raise AssertionError("\n".join([title, *findings_table(serious)]))


def _findings(result: object) -> tuple[Finding, ...]:
    if isinstance(result, ValidationResult):
        return result.findings
    if isinstance(result, Iterable):
        found = tuple(result)
        if all(isinstance(item, Finding) for item in found):
            return found
    raise ArgumentTypeError(
        f"expected a ValidationResult or findings, got {type(result).__name__} "
        "(validate a report first)"
    )


def _paths(cells: object) -> tuple[str, ...]:
    if isinstance(cells, str) or not isinstance(cells, Iterable):
        raise ArgumentTypeError(f"cells must be a collection of wire paths, got {cells!r}")
    paths = tuple(cells)
    for path in paths:
        if not isinstance(path, str) or path.removeprefix(PREVIOUS) not in _PATHS:
            raise OptionError(f"cells: {path!r} is not a wire path of a cell of either edition")
    return paths


def assert_findings(
    result: ValidationResult | Iterable[Finding],
    *,
    rule: str | None = None,
    cells: Iterable[str] = (),
    status: Status | str | None = None,
) -> tuple[Finding, ...]:
    """Assert that the result has a finding of ``rule`` and ``status`` touching each of ``cells``.

    ``result`` is a :class:`~gkdisclosure.ValidationResult` or any iterable
    of findings. A finding *matches* when it is of ``rule`` and has
    ``status`` (either may be ``None``: any); the assertion holds when some
    finding matches and, for each wire path in ``cells``, a matching finding
    touches that cell (:meth:`Finding.touches <gkdisclosure.Finding.touches>`:
    its target, an operand, a missing or an assumed-zero cell). With no
    argument but ``result``, it asserts there is a finding at all.

    Returns the matching findings. On failure, raises
    :exc:`AssertionError` whose message says what was expected and lists
    every finding as a table. An unknown ``rule``, ``status`` or cell path
    raises :exc:`~gkdisclosure.OptionError` and a ``cells`` given as a single string
    :exc:`~gkdisclosure.ArgumentTypeError`, so that a typo does not pass for a missed fault.

    >>> from gkdisclosure import load, validate
    >>> from gkdisclosure.testing import with_cell
    >>> report = load("examples/2021-fujian-gxt.json")
    >>> result = validate(with_cell(report, "requests.granted.research", 1))
    >>> [f.rule for f in assert_findings(result, cells=["requests.granted.research"])]
    ['requests.handled_sum', 'requests.applicant_sum']
    >>> assert_findings(result, rule="requests.ledger")
    Traceback (most recent call last):
    AssertionError: expected a finding of requests.ledger; none matches. The 2 findings:
    ...
    """
    __tracebackhide__ = True
    findings = _findings(result)
    if rule is not None and rule not in RULES:
        raise OptionError(f"unknown rule {rule!r}; the rules are gkdisclosure.rules.RULES")
    wanted = None if status is None else Status(status)
    paths = _paths(cells)
    matching = tuple(
        finding
        for finding in findings
        if (rule is None or finding.rule == rule) and (wanted is None or finding.status is wanted)
    )
    untouched = [path for path in paths if not any(f.touches(path) for f in matching)]
    if matching and not untouched:
        return matching
    expected = "expected a finding"
    if rule is not None:
        expected += f" of {rule}"
    if wanted is not None:
        expected += f" with status {wanted.value}"
    if paths:
        expected += f" touching {', '.join(paths)}"
    problem = f"none touches {', '.join(untouched)}" if matching else "none matches"
    if not findings:
        raise AssertionError(f"{expected}; there are no findings")
    title = f"{expected}; {problem}. The {count_findings(findings)}:"
    raise AssertionError("\n".join([title, *findings_table(findings)]))

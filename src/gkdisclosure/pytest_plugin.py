"""A pytest plugin: failed comparisons of findings explained as a table.

Turn it on in the ``conftest.py`` at the root of your tests::

    pytest_plugins = ["gkdisclosure.pytest_plugin"]

(or with ``-p gkdisclosure.pytest_plugin`` on the command line). Then when
a plain ``assert`` comparing findings fails (``assert list(validate(report))
== []``, ``assert result.findings == expected``), pytest shows the findings
on each side as a table of rule, status, cell and values, each with its
sentence in English, instead of their long reprs.

It adds nothing else: the assertions of :mod:`gkdisclosure.testing` raise
:exc:`AssertionError` with the same table themselves, under any test
runner. It is not loaded automatically (no ``pytest11`` entry point): a
plugin inside this package imports the whole package when pytest starts, in
every session of every environment it is installed in, and before
pytest-cov begins to measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .findings import Finding, ValidationResult
from .render import describe

if TYPE_CHECKING:
    import pytest

__all__ = ["count_findings", "findings_table", "pytest_assertrepr_compare"]

_HEADER = ("#", "rule", "status", "severity", "cell", "actual", "expected", "delta", "missing")
#: The columns aligned to the right: the numbers.
_NUMBERS = frozenset({0, 5, 6, 7})


def _value(value: object, *, signed: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and signed:
        return f"{value:+}"
    return str(value)


def _sentence(finding: Finding) -> str | None:
    try:
        return describe(finding, "en")
    except (LookupError, TypeError, ValueError):  # a finding built by hand, without its args
        return None


def findings_table(findings: Sequence[Finding], indent: str = "  ") -> list[str]:
    """The findings as an aligned table, then each finding's sentence, numbered alike."""
    rows = [
        (
            str(number),
            finding.rule,
            finding.status.value,
            finding.severity.value,
            finding.path,
            _value(finding.actual),
            _value(finding.expected),
            _value(finding.delta, signed=True),
            ", ".join(finding.missing),
        )
        for number, finding in enumerate(findings, 1)
    ]
    widths = [max(len(row[i]) for row in (_HEADER, *rows)) for i in range(len(_HEADER))]
    lines = [
        indent
        + "  ".join(
            text.rjust(width) if i in _NUMBERS else text.ljust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in (_HEADER, *rows)
    ]
    for number, finding in enumerate(findings, 1):
        sentence = _sentence(finding)
        if sentence is not None:
            lines.append(f"{indent}[{number}] {sentence}")
    return lines


def count_findings(findings: Sequence[Finding]) -> str:
    """``"no findings"``, ``"1 finding"``, ``"3 findings"``."""
    if not findings:
        return "no findings"
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"


def _findings(value: object) -> tuple[Finding, ...] | None:
    if isinstance(value, ValidationResult):
        return value.findings
    if isinstance(value, list | tuple) and all(isinstance(item, Finding) for item in value):
        return tuple(value)
    return None


def pytest_assertrepr_compare(
    config: pytest.Config,  # noqa: ARG001 - the hook's signature
    op: str,
    left: object,
    right: object,
) -> list[str] | None:
    """Explain ``left == right`` as tables when both sides are findings.

    A side is findings when it is a :class:`~gkdisclosure.ValidationResult`,
    or a list or tuple of :class:`~gkdisclosure.Finding` (empty included),
    and at least one side holds one. The table lists the findings only on
    the left, then those only on the right.
    """
    if op != "==":
        return None
    mine, theirs = _findings(left), _findings(right)
    if mine is None or theirs is None:
        return None
    only_left = [finding for finding in mine if finding not in theirs]
    only_right = [finding for finding in theirs if finding not in mine]
    if not only_left and not only_right:
        return None  # the same findings in another order or container: pytest's own diff
    lines = [f"{count_findings(mine)} == {count_findings(theirs)}"]
    for side, found in (("left", only_left), ("right", only_right)):
        if found:
            lines += ["", f"Only on the {side} ({len(found)}):", *findings_table(found)]
    return lines

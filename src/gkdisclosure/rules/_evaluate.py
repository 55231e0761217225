"""Turn an identity that did not pass into a Finding.

:func:`evaluate` is the reference semantics of every identity, taken from
:mod:`gkdisclosure.algebra`; the compiled checkers only pick which
identities to hand to it, and are tested against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import algebra
from ..algebra import Number, Verdict
from ..catalog import Identity
from ..findings import Finding, Severity, Status, fingerprint, new_finding

__all__ = ["evaluate", "make_finding"]


def evaluate(
    identity: Identity,
    report: Any,
    severities: dict[str, Severity],
    *,
    blank_as_zero: bool = False,
    previous: Any = None,
) -> Finding | None:
    """Return the finding for an identity, or ``None`` where it holds or does not apply."""
    values = algebra.lookup(report, previous)
    if identity.when is not None and values(identity.when) is None:
        return None
    found = algebra.evaluate(identity, values, blank_as_zero=blank_as_zero)
    if found.verdict is Verdict.HOLDS:
        return None
    status = Status.FAILED if found.verdict is Verdict.FAILS else Status.UNASSESSABLE
    return make_finding(
        identity, report, severities, status,
        expected=found.expected, actual=found.actual, operands=found.operands,
        missing=found.missing, zeroed=found.zeroed, shown=found.shown,
    )  # fmt: skip


def make_finding(  # noqa: PLR0913 - the parts of a finding
    identity: Identity,
    report: Any,
    severities: dict[str, Severity],
    status: Status,
    *,
    expected: Number | None = None,
    actual: Number | None,
    operands: dict[str, Number],
    missing: Iterable[str] = (),
    zeroed: Iterable[str] = (),
    shown: Iterable[tuple[int, str, Number | None]] = (),
) -> Finding:
    severity = severities[identity.rule if status is Status.FAILED else "unassessable"]
    return new_finding(
        identity.rule,
        severity,
        status,
        identity.target,
        identity.table,
        identity.row,
        identity.column,
        expected,
        actual,
        None if expected is None or actual is None else actual - expected,
        operands,
        tuple(missing),
        tuple(zeroed),
        {"edition": report.edition.value, "terms": tuple(shown)},
        fingerprint(report.agency, report.year, identity.rule, identity.target),
    )

"""Turn an identity that did not pass into a Finding, with generic code.

This is the reference semantics of every identity; the compiled checkers
only pick which identities to hand to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..catalog import PREVIOUS, Identity
from ..findings import Finding, Severity, Status, fingerprint

__all__ = ["evaluate", "read"]

Number = int | Decimal


def read(report: Any, path: str, previous: Any = None) -> Any:
    """The value at a wire path (``None`` where a table, row or cell is absent)."""
    if path.startswith(PREVIOUS):
        report, path = previous, path.removeprefix(PREVIOUS)
    value = report
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def evaluate(  # noqa: C901, PLR0912 - the whole three-valued semantics in one place
    identity: Identity,
    report: Any,
    severities: dict[str, Severity],
    *,
    blank_as_zero: bool = False,
    previous: Any = None,
) -> Finding | None:
    """Return the finding for an identity, or ``None`` where it holds or does not apply."""
    if identity.when is not None and read(report, identity.when) is None:
        return None
    target: Number | None = read(report, identity.target, previous)
    operands: dict[str, Number] = {}
    missing: list[str] = []
    zeroed: list[str] = []
    shown: list[tuple[int, str, Number | None]] = []
    if target is not None:
        operands[identity.target] = target
    if not identity.terms:
        if target is None or target >= 0:
            return None
        return _finding(
            identity, report, severities, Status.FAILED, actual=target, operands=operands
        )
    if target is None:
        (zeroed if blank_as_zero else missing).append(identity.target)
        target = 0 if blank_as_zero else None
    expected: Number = 0
    for term in identity.terms:
        values = [(path, read(report, path, previous)) for path in term.paths]
        fallback = None if term.fallback is None else read(report, term.fallback, previous)
        if fallback is not None and any(value is None for _, value in values):
            assert term.fallback is not None  # noqa: S101 - for the type checker
            values = [(term.fallback, fallback)]
        for path, value in values:
            if value is not None:
                operands[path] = value
            elif blank_as_zero:
                zeroed.append(path)
            else:
                missing.append(path)
            read_as = 0 if value is None and blank_as_zero else value
            shown.append((term.sign, path, read_as))
            expected += term.sign * (read_as or 0)
    if missing:
        return _finding(
            identity, report, severities, Status.UNASSESSABLE,
            actual=target, operands=operands, missing=missing, zeroed=zeroed, shown=shown,
        )  # fmt: skip
    if target == expected:
        return None
    return _finding(
        identity, report, severities, Status.FAILED,
        expected=expected, actual=target, operands=operands, zeroed=zeroed, shown=shown,
    )  # fmt: skip


def _finding(  # noqa: PLR0913 - the parts of a finding
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
    return Finding(
        rule=identity.rule,
        severity=severity,
        status=status,
        path=identity.target,
        table=identity.table,
        row=identity.row,
        column=identity.column,
        expected=expected,
        actual=actual,
        delta=None if expected is None or actual is None else actual - expected,
        operands=operands,
        missing=tuple(missing),
        assumed_zero=tuple(zeroed),
        args={"edition": report.edition.value, "terms": tuple(shown)},
        fingerprint=fingerprint(report.agency, report.year, identity.rule, identity.target),
    )

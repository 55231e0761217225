"""Findings: what the rules say about a report, as data."""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from ._views import html_view
from .errors import GkDisclosureError, OptionError
from .model import Report

__all__ = [
    "Finding",
    "InconsistentReportError",
    "Severity",
    "Status",
    "ValidationResult",
]

Value = int | Decimal | str | None
#: How many rules a result's ``repr`` names.
_SHOWN_RULES = 3


class Severity(enum.StrEnum):
    """How much a finding matters; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @classmethod
    def _missing_(cls, value: object) -> Severity:
        choices = ", ".join(repr(s.value) for s in cls)
        raise OptionError(f"{value!r} is not a valid Severity: the severities are {choices}")

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(enum.StrEnum):
    """The outcome of an identity that did not pass."""

    #: Every cell was reported and the identity does not hold.
    FAILED = "failed"
    #: Some cell is not reported, so the identity cannot be checked.
    UNASSESSABLE = "unassessable"


def fingerprint(agency: str, year: int, rule: str, path: str) -> str:
    """A short stable hash of a finding's report, rule and cell, for following it across runs.

    The hash is of the four texts joined by U+001F, encoded as UTF-8.
    """
    text = f"{agency}\x1f{year}\x1f{rule}\x1f{path}"
    return _blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


_blake2b = hashlib.blake2b


@frozen(kw_only=True)
class Finding:
    """One identity that failed or could not be checked, or one report-level problem.

    ``path`` is the wire path of the cell the identity puts on its left
    (the total it checks), or of the table or key a report-level rule is
    about; ``table``, ``row`` and ``column`` are its parts. ``expected`` is
    what the other cells add up to, ``actual`` what the report prints,
    ``delta`` their difference (``actual - expected``). ``operands`` maps the
    wire path of every reported cell of the identity to its value;
    ``missing`` lists those not reported; ``assumed_zero`` lists the cells
    that ``blank_as_zero=True`` read as 0. ``args`` holds the values the
    message is rendered from (see :func:`gkdisclosure.describe`).
    """

    rule: str
    severity: Severity
    status: Status
    path: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: Value = None
    actual: Value = None
    delta: int | Decimal | None = None
    operands: Mapping[str, int | Decimal] = field(factory=dict, hash=False)
    missing: tuple[str, ...] = ()
    assumed_zero: tuple[str, ...] = ()
    args: Mapping[str, Any] = field(factory=dict, hash=False)
    fingerprint: str = ""

    def __repr__(self) -> str:
        """``<Finding rule status severity at path: actual vs expected>``."""
        text = f"<Finding {self.rule} {self.status.value} {self.severity.value} at {self.path}"
        if self.actual is not None or self.expected is not None:
            text += f": actual {self.actual}, expected {self.expected}"
        return text + ">"

    def touches(self, path: str) -> bool:
        """Whether the finding is about this cell: its target, an operand, or a blank cell."""
        return (
            path == self.path
            or path in self.operands
            or path in self.missing
            or path in self.assumed_zero
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (amounts as strings)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "status": self.status.value,
            "path": self.path,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "expected": _json(self.expected),
            "actual": _json(self.actual),
            "delta": _json(self.delta),
            "operands": {path: _json(value) for path, value in self.operands.items()},
            "missing": list(self.missing),
            "assumed_zero": list(self.assumed_zero),
            "fingerprint": self.fingerprint,
        }


_new = object.__new__
(
    _set_rule,
    _set_severity,
    _set_status,
    _set_path,
    _set_table,
    _set_row,
    _set_column,
    _set_expected,
    _set_actual,
    _set_delta,
    _set_operands,
    _set_missing,
    _set_assumed_zero,
    _set_args,
    _set_fingerprint,
) = (Finding.__dict__[attribute.name].__set__ for attribute in Finding.__attrs_attrs__)


def new_finding(  # noqa: PLR0913, PLR0917 - every field of a finding, in order
    rule: str,
    severity: Severity,
    status: Status,
    path: str,
    table: str | None,
    row: str | None,
    column: str | None,
    expected: Value,
    actual: Value,
    delta: int | Decimal | None,
    operands: Mapping[str, int | Decimal],
    missing: tuple[str, ...],
    assumed_zero: tuple[str, ...],
    args: Mapping[str, Any],
    fingerprint: str,
) -> Finding:
    """A :class:`Finding` equal to ``Finding(...)`` with these fields, built for the hot path.

    ``Finding.__init__`` stores each field through ``object.__setattr__``
    by name; this stores it through its slot's own setter, which takes a
    third of the time. ``Finding`` has no validator, converter or
    ``__attrs_post_init__`` that this would skip (the tests hold the two
    equal).
    """
    finding = _new(Finding)
    _set_rule(finding, rule)
    _set_severity(finding, severity)
    _set_status(finding, status)
    _set_path(finding, path)
    _set_table(finding, table)
    _set_row(finding, row)
    _set_column(finding, column)
    _set_expected(finding, expected)
    _set_actual(finding, actual)
    _set_delta(finding, delta)
    _set_operands(finding, operands)
    _set_missing(finding, missing)
    _set_assumed_zero(finding, assumed_zero)
    _set_args(finding, args)
    _set_fingerprint(finding, fingerprint)
    return finding


def _json(value: Value) -> int | str | None:
    return format(value, "f") if isinstance(value, Decimal) else value


@frozen
class ValidationResult:
    """Every finding about one report, collected in one pass.

    Iterate it for the findings, ``len()`` counts them; :attr:`ok` is true
    when no finding is an error. The report is kept for presenting the
    findings beside their cells.
    """

    findings: tuple[Finding, ...]
    report: Report = field(eq=False, repr=False)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def ok(self) -> bool:
        """True when no finding has severity error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return self.at_least(Severity.ERROR)

    def at_least(self, severity: Severity | str) -> tuple[Finding, ...]:
        """The findings of this severity or worse."""
        rank = Severity(severity).rank
        return tuple(f for f in self.findings if f.severity.rank >= rank)

    def by_severity(self) -> dict[Severity, int]:
        """How many findings of each severity (every severity present, zero included)."""
        counts = Counter(f.severity for f in self.findings)
        return {severity: counts[severity] for severity in Severity}

    def by_rule(self) -> dict[str, int]:
        """How many findings of each rule, for the rules that have any."""
        return dict(Counter(f.rule for f in self.findings))

    def for_cell(self, path: str) -> tuple[Finding, ...]:
        """The findings that involve the cell at this wire path."""
        return tuple(f for f in self.findings if f.touches(path))

    def for_rule(self, rule: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule)

    def __repr__(self) -> str:
        """``<ValidationResult agency year: error=N warning=N info=N [rule ×n, ...]>``."""
        counts = " ".join(f"{s.value}={n}" for s, n in reversed(self.by_severity().items()))
        rules = sorted(self.by_rule().items(), key=lambda item: (-item[1], item[0]))
        shown = ", ".join(f"{rule} ×{count}" for rule, count in rules[:_SHOWN_RULES])
        if len(rules) > _SHOWN_RULES:
            shown += ", ..."
        who = f" {self.report.agency!r} {self.report.year}"
        return f"<ValidationResult{who}: {counts}" + (f" [{shown}]>" if shown else ">")

    def _repr_html_(self) -> str | None:
        """The report's tables with the failing cells marked, for notebooks (a registered view)."""
        return html_view(self)


class InconsistentReportError(GkDisclosureError, ValueError):
    """Raised by :func:`gkdisclosure.check` with the findings at or above its threshold."""

    findings: tuple[Finding, ...]

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        self.findings = tuple(findings)
        super().__init__(self.findings)

    def __str__(self) -> str:
        rules = ", ".join(sorted({f.rule for f in self.findings}))
        count = len(self.findings)
        return f"the report is inconsistent: {count} finding{'s' if count != 1 else ''} ({rules})"

    def __reduce__(self) -> tuple[type[InconsistentReportError], tuple[tuple[Finding, ...]]]:
        return (type(self), (self.findings,))

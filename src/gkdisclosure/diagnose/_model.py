"""What a diagnosis says: suspect cells, the values they probably had, and how sure it is."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any, Protocol

from attrs import field, frozen

from .._views import html_view
from ..catalog import Edition
from ..findings import Finding
from ..model import Report

__all__ = [
    "Applied",
    "CellChange",
    "CellOrigin",
    "Confidence",
    "DamagePattern",
    "Diagnosis",
    "DiagnosisProblem",
    "Origins",
    "Suspect",
]


class CellOrigin(Protocol):
    """Where a cell's value came from, as a reader of documents records it.

    :class:`gkdisclosure.ingest.CellSource` is one; any object with these
    two attributes will do.
    """

    @property
    def state(self) -> str:
        """How the printed text was read: ``"number"``, ``"inferred"``, ``"glued"`` and so on."""

    @property
    def raw(self) -> str:
        """The text as printed."""


class Origins(Protocol):
    """The origin of each cell by wire path: a mapping, or an ingest ``Provenance``.

    A value may also be a plain state string (``"inferred"``).
    """

    def __contains__(self, path: object, /) -> bool: ...

    def __getitem__(self, path: str, /) -> CellOrigin | str: ...


class Confidence(enum.StrEnum):
    """How sure a suspect is, from the arithmetic alone.

    The facts behind each grade are a suspect's ``checks``, ``excluded``
    and ``alternatives``, and :func:`gkdisclosure.describe_suspect` puts
    them into words.
    """

    #: The only repair of its size, and more identities check it than it has unknowns.
    HIGH = "high"
    #: The only repair of its size, but one identity alone gives a value, or
    #: other repairs were ruled out only because a count would be negative.
    MEDIUM = "medium"
    #: One of several repairs that fit the arithmetic equally well.
    AMBIGUOUS = "ambiguous"
    #: A repair of some failed identities, not all.
    LOW = "low"


class DamagePattern(enum.StrEnum):
    """A way numbers typically get damaged, recognised in a suggested change."""

    #: A number split in two across adjacent cells: ``20`` read as ``2 | 0``.
    SPLIT = "split"
    #: Digits of a neighbouring cell glued on: ``3`` and ``5`` read as ``35``.
    GLUED = "glued"
    #: One digit misread, lost, added or swapped: ``1`` ↔ ``10``, ``3`` ↔ ``8``.
    MISREAD = "misread"
    #: A total printed as ``0`` over parts that are not all ``0``.
    ZERO_TOTAL = "zero_total"
    #: A count entered in another column of the same row (``−n`` and ``+n``).
    WRONG_COLUMN = "wrong_column"
    #: A count entered in another row of the same column (``−n`` and ``+n``).
    WRONG_ROW = "wrong_row"
    #: A cell not reported that the identities determine.
    BLANK = "blank"
    #: Every row of 表三 holding its neighbour's numbers (numbers read before their labels).
    ROW_SHIFT = "row_shift"


@frozen(kw_only=True)
class CellChange:
    """One cell to change: its wire path, what the report prints, what it should probably be.

    ``printed`` is ``None`` for a cell not reported. ``patterns`` name the
    damage the change would undo, most telling first. ``raw`` and
    ``state`` come from the provenance, when the diagnosis was given one.
    """

    path: str
    printed: int | None
    suggested: int
    patterns: tuple[DamagePattern, ...] = ()
    raw: str | None = None
    state: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data."""
        return {
            "path": self.path,
            "printed": self.printed,
            "suggested": self.suggested,
            "patterns": [pattern.value for pattern in self.patterns],
            "raw": self.raw,
            "state": self.state,
        }


@frozen(kw_only=True)
class Suspect:
    """A cell, or a pair of cells, that would explain failed identities if changed.

    - ``changes``: the cells and their suggested values.
    - ``repairs``: the findings the changes would make pass (for a fill,
      the unassessable findings it makes checkable and passing);
      ``leaves``: the failed findings of the same problem that would still fail.
    - ``confidence`` and the facts it rests on: ``checks``, how many
      identities the suggested values satisfy; ``alternatives``, how many
      other repairs fit as well (0 unless ambiguous); ``excluded``, how many
      were ruled out only because a count would become negative;
      ``twins``, cells that appear in exactly the same identities in the
      same way as a changed cell, so that no arithmetic tells them apart.
    - ``pattern``: the damage the whole suspect matches (the first pattern
      of a single change; ``WRONG_COLUMN`` or ``WRONG_ROW`` for a pair).
    - ``edition``: the report's, for labelling the cells.
    """

    changes: tuple[CellChange, ...]
    repairs: tuple[Finding, ...]
    leaves: tuple[Finding, ...]
    confidence: Confidence
    checks: int
    edition: Edition
    alternatives: int = 0
    excluded: int = 0
    twins: tuple[str, ...] = ()
    pattern: DamagePattern | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        """The wire paths of the changed cells."""
        return tuple(change.path for change in self.changes)

    @property
    def values(self) -> dict[str, int]:
        """The suggested value of each changed cell, by wire path."""
        return {change.path: change.suggested for change in self.changes}

    @property
    def complete(self) -> bool:
        """Whether the suspect repairs every failed identity of its problem."""
        return not self.leaves

    def to_dict(self) -> dict[str, Any]:
        """The suspect as JSON-ready data (findings by rule and path)."""
        return {
            "changes": [change.to_dict() for change in self.changes],
            "confidence": self.confidence.value,
            "pattern": None if self.pattern is None else self.pattern.value,
            "repairs": [_reference(finding) for finding in self.repairs],
            "leaves": [_reference(finding) for finding in self.leaves],
            "checks": self.checks,
            "alternatives": self.alternatives,
            "excluded": self.excluded,
            "twins": list(self.twins),
        }


def _reference(finding: Finding) -> dict[str, str]:
    return {"rule": finding.rule, "path": finding.path}


@frozen(kw_only=True)
class DiagnosisProblem:
    """Failed identities that share cells, diagnosed together.

    Failures that share no cell are separate problems: a wrong cell of
    表三 and one of 表四 are two problems, each with its own suspects.
    ``suspects`` are ranked, best first; the leading ones tie when the
    problem is ambiguous.
    """

    failed: tuple[Finding, ...]
    suspects: tuple[Suspect, ...]

    @property
    def leading(self) -> tuple[Suspect, ...]:
        """The best suspects: one, or all that fit equally well."""
        if not self.suspects:
            return ()
        first = self.suspects[0]
        if first.confidence is not Confidence.AMBIGUOUS:
            return (first,)
        return tuple(s for s in self.suspects if s.confidence is Confidence.AMBIGUOUS)

    @property
    def ambiguous(self) -> bool:
        """Whether several repairs fit the arithmetic equally well."""
        return bool(self.suspects) and self.suspects[0].confidence is Confidence.AMBIGUOUS

    @property
    def explained(self) -> bool:
        """Whether the leading suspect repairs every failed identity of the problem."""
        return bool(self.suspects) and self.suspects[0].complete


@frozen(kw_only=True)
class Diagnosis:
    """Which cells probably break a report's identities, and what they should probably be.

    ``problems`` group the failed identities that share cells, in the
    order of the findings; ``fills`` are cells not reported that the
    identities determine, offered as suggestions (nothing is applied: see
    :func:`gkdisclosure.apply_repairs`). Iterating a diagnosis gives its suspects.
    """

    report: Report = field(repr=False)
    problems: tuple[DiagnosisProblem, ...]
    fills: tuple[Suspect, ...]

    def __iter__(self) -> Iterator[Suspect]:
        return iter(self.suspects)

    @property
    def suspects(self) -> tuple[Suspect, ...]:
        """Every suspect, problem by problem, each problem's best first."""
        return tuple(suspect for problem in self.problems for suspect in problem.suspects)

    @property
    def leading(self) -> tuple[Suspect, ...]:
        """The best suspects of every problem (all of them where a problem is ambiguous)."""
        return tuple(suspect for problem in self.problems for suspect in problem.leading)

    @property
    def ambiguous(self) -> bool:
        """Whether some problem has several equally good repairs."""
        return any(problem.ambiguous for problem in self.problems)

    @property
    def explained(self) -> bool:
        """Whether every problem's leading suspect repairs all its failed identities."""
        return all(problem.explained for problem in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The diagnosis as JSON-ready data."""
        return {
            "problems": [
                {
                    "failed": [_reference(finding) for finding in problem.failed],
                    "ambiguous": problem.ambiguous,
                    "explained": problem.explained,
                    "suspects": [suspect.to_dict() for suspect in problem.suspects],
                }
                for problem in self.problems
            ],
            "fills": [fill.to_dict() for fill in self.fills],
        }

    def _repr_html_(self) -> str | None:
        """The tables with the failed cells marked, then the suspects (a registered view)."""
        return html_view(self)


@frozen
class Applied:
    """A report with suggestions applied, and the changes made to it."""

    report: Report
    changes: tuple[CellChange, ...]

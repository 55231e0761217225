"""A report's identities as linear equations over its cells.

Every identity ``target == Σ sign × term`` becomes ``Σ coefficient × cell
== 0``: the target with +1, each term's cells with ``-sign``. A group term
reads its sub-rows, or its printed subtotal where a sub-row is not
reported, as the rules read it: both come from :mod:`gkdisclosure.algebra`.
The residual (the finding's ``delta``) is ``None`` when a cell is not
reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, partial
from typing import Final

from attrs import frozen

from .. import algebra
from ..catalog import Edition, Identity, ValueKind, edition, identities
from ..model import Report
from ..model.paths import get as read

__all__ = ["Equation", "System", "build", "solve_blanks"]

_NON_NEGATIVE: Final = "cells.non_negative"


@frozen
class Equation:
    """One identity of one report: coefficients by cell, and the residual."""

    index: int
    rule: str
    target: str
    coefficients: Mapping[str, int]
    residual: int | None
    unknown: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        """The rule and target path, as a finding names the identity."""
        return (self.rule, self.target)


@frozen
class _Shape:
    """What an edition's identities read, computed once per edition."""

    linear: tuple[tuple[int, Identity], ...]
    counts: tuple[str, ...]
    rows: dict[str, tuple[str, ...]]


@cache
def _shape(which: Edition) -> _Shape:
    spec = edition(which)
    numbered = identities(spec)
    linear = tuple((i, ident) for i, ident in enumerate(numbered) if ident.rule != _NON_NEGATIVE)
    counts = tuple(
        cell.path
        for cell in spec.cells()
        if cell.column.kind is ValueKind.COUNT and cell.table.key != "proactive"
    )
    rows: dict[str, tuple[str, ...]] = {}
    for table in (spec.requests, spec.review_litigation):
        for row in table.rows:
            rows[f"{table.key}.{row.key}"] = tuple(
                f"{table.key}.{row.key}.{column.key}" for column in row.columns
            )
    return _Shape(linear, counts, rows)


@frozen
class System:
    """The equations of one report, indexed by cell.

    ``values`` holds every count of 表三 and 表四 (``None`` where not
    reported); ``negative`` the cells printed below zero; ``neighbours``
    the cells printed beside each cell, in its row.
    """

    values: dict[str, int | None]
    equations: tuple[Equation, ...]
    by_cell: dict[str, tuple[Equation, ...]]
    negative: tuple[str, ...]
    neighbours: dict[str, tuple[str | None, str | None]]

    @property
    def assessable(self) -> tuple[Equation, ...]:
        """The equations whose every cell is reported."""
        return tuple(e for e in self.equations if e.residual is not None)

    def checked(self, path: str) -> tuple[Equation, ...]:
        """The assessable equations that read a cell."""
        return tuple(e for e in self.by_cell.get(path, ()) if e.residual is not None)


def build(report: Report) -> System:
    """Read a report's cells and turn its identities into equations."""
    shape = _shape(report.edition)
    values: dict[str, int | None] = {path: read(report, path) for path in shape.counts}
    equations: list[Equation] = []
    by_cell: dict[str, list[Equation]] = {}
    for index, identity in shape.linear:
        if identity.when is not None and read(report, identity.when) is None:
            continue
        equation = _equation(index, identity, values)
        equations.append(equation)
        for path in equation.coefficients:
            by_cell.setdefault(path, []).append(equation)
    negative = tuple(path for path, value in values.items() if value is not None and value < 0)
    neighbours: dict[str, tuple[str | None, str | None]] = {}
    for cells in shape.rows.values():
        for i, path in enumerate(cells):
            left = cells[i - 1] if i > 0 else None
            right = cells[i + 1] if i + 1 < len(cells) else None
            neighbours[path] = (left, right)
    return System(
        values,
        tuple(equations),
        {path: tuple(found) for path, found in by_cell.items()},
        negative,
        neighbours,
    )


def _equation(index: int, identity: Identity, values: Mapping[str, int | None]) -> Equation:
    coefficients = algebra.coefficients(identity, values.get)
    unknown = tuple(path for path in coefficients if values.get(path) is None)
    found = algebra.residual(coefficients, values.get)
    residual = None if found is None else int(found)
    return Equation(index, identity.rule, identity.target, coefficients, residual, unknown)


@frozen
class Fill:
    """A blank cell's value as the identities determine it.

    ``sources`` are the equations that gave the value, ``checks`` every
    equation with the cell that the fills complete (the sources among them).
    """

    path: str
    value: int
    sources: tuple[Equation, ...]
    checks: tuple[Equation, ...]


def solve_blanks(system: System, doubtful: frozenset[str] = frozenset()) -> list[Fill]:
    """Find the blank cells that the identities determine, one unknown at a time.

    An equation with one unknown left gives its value; one whose unknowns
    add up alike to 0 gives 0 for each (counts are never negative). Values
    that two equations give differently, or that are negative or not whole,
    are not given, nor is anything derived from them; once all are known,
    every equation they complete must hold, or the values in it go too.
    Equations that read a doubtful cell (a suspect) are not used at all.
    """
    usable = [
        e for e in system.equations if e.unknown and not doubtful.intersection(e.coefficients)
    ]
    by_cell: dict[str, list[Equation]] = {}
    for equation in usable:
        for path in equation.unknown:
            by_cell.setdefault(path, []).append(equation)
    known: dict[str, int] = {}
    sources: dict[str, list[Equation]] = {}
    depends: dict[str, frozenset[str]] = {}
    refused: set[str] = set()
    pending = usable
    while pending:
        found = _answers(pending, system, known, refused)
        before = frozenset(known)
        touched: dict[int, Equation] = {}
        for path, answers in found.items():
            given = {value for value, _ in answers}
            value = given.pop() if len(given) == 1 else None
            if value is None or value < 0:
                refused.add(path)
                continue
            known[path] = value
            sources[path] = [equation for _, equation in answers]
            used = {p for _, e in answers for p in e.unknown if p in before}
            depends[path] = frozenset(used).union(*(depends[p] for p in used))
            touched.update((e.index, e) for e in by_cell[path])
        pending = list(touched.values())
    _drop_contradicted(usable, system, known, depends)
    return [
        Fill(
            path,
            value,
            tuple(sources[path]),
            tuple(e for e in by_cell[path] if all(p in known for p in e.unknown)),
        )
        for path, value in known.items()
    ]


def _answers(
    pending: Iterable[Equation], system: System, known: Mapping[str, int], refused: set[str]
) -> dict[str, list[tuple[int | None, Equation]]]:
    """What each equation says about the unknowns it determines (``None``: not a whole number)."""
    found: dict[str, list[tuple[int | None, Equation]]] = {}
    for equation in pending:
        left = [p for p in equation.unknown if p not in known]
        if not left or any(p in refused for p in left):
            continue
        if len(left) == 1:
            (path,) = left
            value = _solve_for(equation, path, known, system)
            found.setdefault(path, []).append((value, equation))
        elif _all_zero(equation, left, known, system):
            for path in left:
                found.setdefault(path, []).append((0, equation))
    return found


def _value(system: System, known: Mapping[str, int], path: str) -> int:
    value = system.values[path]
    return known[path] if value is None else value


def _all_zero(
    equation: Equation, left: list[str], known: Mapping[str, int], system: System
) -> bool:
    """Whether unknowns that add up alike must sum to 0, so that each is 0 (counts are ≥ 0)."""
    signs = {equation.coefficients[path] for path in left}
    if len(signs) != 1:
        return False
    rest = sum(
        c * _value(system, known, p) for p, c in equation.coefficients.items() if p not in left
    )
    return rest == 0


def _solve_for(
    equation: Equation, path: str, known: Mapping[str, int], system: System
) -> int | None:
    return algebra.solve_for(equation.coefficients, path, partial(_value, system, known))


def _drop_contradicted(
    equations: list[Equation],
    system: System,
    known: dict[str, int],
    depends: dict[str, frozenset[str]],
) -> None:
    """Forget the values of every equation the fills complete but do not satisfy, and their kin."""
    changed = True
    while changed:
        changed = False
        for equation in equations:
            if not all(p in known for p in equation.unknown):
                continue
            if algebra.residual(equation.coefficients, partial(_value, system, known)):
                gone = set(equation.unknown)
                grown = True
                while grown:
                    more = {p for p in known if p not in gone and depends[p] & gone}
                    gone |= more
                    grown = bool(more)
                for path in gone:
                    known.pop(path, None)
                changed = True
                break


def related(system: System, paths: Iterable[str]) -> set[str]:
    """The cells that share an assessable equation with any of these cells."""
    found: set[str] = set()
    for path in paths:
        for equation in system.checked(path):
            found.update(equation.coefficients)
    return found

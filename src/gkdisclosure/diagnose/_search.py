"""Search for the fewest changes that repair a problem: one cell first, then pairs.

A change of cell ``c`` by ``d`` moves the residual of every equation that
reads ``c`` by ``coefficient × d``. One cell repairs a problem when every
failed equation reads it and asks for the same ``d``, and no equation that
holds reads it; two cells when the small linear system of the equations
that read them has one whole solution. A count never becomes negative.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from attrs import frozen

from ._system import Equation, System, related

__all__ = ["Candidate", "Constraint", "Search", "components"]

#: The key of the identity a negative count fails.
NON_NEGATIVE: Final = "cells.non_negative"

Key = tuple[str, str]


@frozen
class Constraint:
    """A failed identity of a report: its key and the cells it reads."""

    key: Key
    cells: frozenset[str]


@frozen
class Candidate:
    """Changes (cell, delta) and what they do: the failed identities repaired, the checks met.

    ``negative`` marks changes that would repair but leave a count below zero.
    """

    deltas: tuple[tuple[str, int], ...]
    repaired: frozenset[Key]
    checks: int
    negative: bool


def constraints(system: System) -> list[Constraint]:
    """Every failed identity of the system: equations that do not hold, negative counts."""
    found = [
        Constraint(e.key, frozenset(e.coefficients))
        for e in system.equations
        if e.residual is not None and e.residual != 0
    ]
    found.extend(Constraint((NON_NEGATIVE, path), frozenset({path})) for path in system.negative)
    return found


def components(system: System) -> list[list[Constraint]]:
    """The failed identities, grouped so that no repair of two cells spans two groups.

    Two failed identities go together when they read one cell, or cells
    that some identity reads together: ``+1`` in one column of a row and
    ``-1`` in another keep the row's total and fail both columns.
    """
    failed = constraints(system)
    parent = list(range(len(failed)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str | int, int] = {}
    for i, constraint in enumerate(failed):
        for cell in constraint.cells:
            links: list[str | int] = [cell]
            links.extend(equation.index for equation in system.checked(cell))
            for link in links:
                j = owner.setdefault(link, i)
                parent[root(i)] = root(j)
    groups: dict[int, list[Constraint]] = {}
    for i, constraint in enumerate(failed):
        groups.setdefault(root(i), []).append(constraint)
    return list(groups.values())


class Search:
    """The candidate repairs of one problem."""

    def __init__(
        self, system: System, problem: Iterable[Constraint], foreign: frozenset[str]
    ) -> None:
        self.system = system
        self.problem = tuple(problem)
        self.keys = frozenset(c.key for c in self.problem)
        self.cells = frozenset().union(*(c.cells for c in self.problem))
        self.foreign = foreign
        self.order = {path: i for i, path in enumerate(system.values)}
        self.failed: dict[str, list[Equation]] = {}
        for equation in system.assessable:
            if equation.residual:
                for path in equation.coefficients:
                    self.failed.setdefault(path, []).append(equation)

    def evaluate(self, deltas: Mapping[str, int]) -> Candidate | None:
        """What the changes do, or None if they break an identity that holds."""
        touched: dict[int, Equation] = {}
        for path in deltas:
            for equation in self.system.checked(path):
                touched[equation.index] = equation
        repaired: set[Key] = set()
        checks = 0
        for equation in touched.values():
            residual = equation.residual or 0
            moved = residual + sum(
                equation.coefficients.get(path, 0) * d for path, d in deltas.items()
            )
            if moved == 0:
                checks += 1
                if residual:
                    repaired.add(equation.key)
            elif residual == 0:
                return None
        negative = False
        for path, d in deltas.items():
            value = (self.system.values[path] or 0) + d
            negative = negative or value < 0
            if path in self.system.negative and value >= 0:
                repaired.add((NON_NEGATIVE, path))
        ordered = tuple(sorted(deltas.items(), key=lambda item: self.order[item[0]]))
        return Candidate(ordered, frozenset(repaired), checks, negative)

    def complete(self, candidate: Candidate) -> bool:
        """Whether the candidate repairs every failed identity of the problem."""
        return candidate.repaired == self.keys

    def singles(self) -> Iterator[Candidate]:
        """Every change of one cell that repairs some failed identity and breaks none."""
        for path in sorted(self.cells, key=self.order.__getitem__):
            proposals: set[int] = set()
            for equation in self.failed.get(path, ()):
                quotient, remainder = divmod(-(equation.residual or 0), equation.coefficients[path])
                if not remainder:
                    proposals.add(quotient)
            for d in sorted(proposals):
                candidate = self.evaluate({path: d})
                if candidate is not None and candidate.repaired:
                    yield candidate

    def pairs(self) -> Iterator[Candidate]:
        """Every change of two cells that repairs all the failed identities of the problem."""
        sets = [c.cells for c in self.problem]
        smallest = min(sets, key=lambda cells: (len(cells), sorted(cells)))
        seen: set[tuple[str, str]] = set()
        for a in sorted(smallest, key=self.order.__getitem__):
            rest = [cells for cells in sets if a not in cells]
            partners = frozenset.intersection(*rest) if rest else related(self.system, [a])
            for b in sorted(partners - self.foreign - {a}, key=self.order.__getitem__):
                pair = (a, b) if self.order[a] < self.order[b] else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                deltas = self._solve(*pair)
                if deltas is None:
                    continue
                candidate = self.evaluate(deltas)
                if candidate is not None and self.complete(candidate):
                    yield candidate

    def _solve(self, a: str, b: str) -> dict[str, int] | None:
        """The one whole solution for the deltas of a and b, if the equations give one."""
        equations = {e.index: e for e in (*self.system.checked(a), *self.system.checked(b))}
        rows = [
            (e.coefficients.get(a, 0), e.coefficients.get(b, 0), -(e.residual or 0))
            for e in equations.values()
        ]
        solution = _two_unknowns(rows)
        if solution is None:
            return None
        da, db = solution
        if not da or not db or any(p * da + q * db != s for p, q, s in rows):
            return None
        return {a: da, b: db}

    def twins(self, path: str) -> tuple[str, ...]:
        """The cells that appear in exactly the same checked identities as ``path``, alike."""
        mine = _signature(self.system.checked(path), path)
        return tuple(
            other
            for other in sorted(related(self.system, [path]), key=self.order.__getitem__)
            if other != path and _signature(self.system.checked(other), other) == mine
        )


def _two_unknowns(rows: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """Solve ``p·x + q·y = s`` from the first two independent rows; None if none or not whole."""
    for i, (p1, q1, s1) in enumerate(rows):
        for p2, q2, s2 in rows[i + 1 :]:
            det = p1 * q2 - p2 * q1
            if det:
                x, rx = divmod(s1 * q2 - s2 * q1, det)
                y, ry = divmod(p1 * s2 - p2 * s1, det)
                return None if rx or ry else (x, y)
    return None


def _signature(equations: Iterable[Equation], path: str) -> frozenset[tuple[int, int]]:
    """Which equations read a cell and with which sign, up to one sign for all."""
    pairs = sorted((e.index, e.coefficients[path]) for e in equations)
    flip = next((c for _, c in pairs), 1)
    return frozenset((index, c * flip) for index, c in pairs)

"""What an identity is: the cells it reads, its three-valued verdict, the unknown it determines.

An identity of the catalog says ``target == Σ sign × term``; a term is a
cell, or a group's rows with the group's printed subtotal standing in
when one of the rows is not reported. This module is the one place that
knows it. The rules' reference evaluator, the equations diagnose solves
and the values ingest infers all come from here, and the compiled
checkers are tested against it.

Values are looked up by wire path through a *lookup*: a function from a
path to a number, or ``None`` where the cell is not reported (or is not
trusted, as ingest's lost cells are).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from attrs import frozen

from .catalog import PREVIOUS, Identity
from .model import paths

__all__ = [
    "Evaluation",
    "Lookup",
    "Number",
    "Verdict",
    "cells",
    "coefficients",
    "evaluate",
    "lookup",
    "operands",
    "residual",
    "solve",
    "solve_for",
]

#: A count (``int``) or an amount (:class:`~decimal.Decimal`).
Number = int | Decimal
#: The value of a cell by wire path; ``None`` where it is not known.
Lookup = Callable[[str], Any]


def lookup(report: object, previous: object = None) -> Lookup:
    """Look cells up in a report; paths that start with ``previous.`` in the year before's."""

    def find(path: str) -> Any:
        if path.startswith(PREVIOUS):
            return paths.get(previous, path.removeprefix(PREVIOUS))
        return paths.get(report, path)

    return find


def cells(identity: Identity) -> tuple[str, ...]:
    """Every cell the identity reads: the target, then the terms' cells and fallbacks."""
    return identity.paths


def operands(identity: Identity, values: Lookup) -> list[tuple[int, str, Number | None]]:
    """The signed cells the terms add, each with its value, in the order of the terms.

    A term reads its cells, or its fallback (a group's printed subtotal)
    where one of its cells is not known and the fallback is.
    """
    found: list[tuple[int, str, Number | None]] = []
    for term in identity.terms:
        read = [(path, values(path)) for path in term.paths]
        if term.fallback is not None and any(value is None for _, value in read):
            fallback = values(term.fallback)
            if fallback is not None:
                read = [(term.fallback, fallback)]
        found.extend((term.sign, path, value) for path, value in read)
    return found


class Verdict(enum.Enum):
    """What an identity says about a report's values: it holds, it fails, or it cannot tell."""

    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"


@frozen
class Evaluation:
    """An identity evaluated over a report's values.

    ``actual`` is the target's value (0 where it is blank and blanks are
    read as 0); ``expected`` the terms' sum, given only when the identity
    fails and has terms. ``operands`` are the values read (the target
    first); ``missing`` the cells not known, ``zeroed`` those read as 0
    instead; ``shown`` each term's cell with its sign and the value added.
    """

    verdict: Verdict
    actual: Number | None
    expected: Number | None
    operands: dict[str, Number]
    missing: tuple[str, ...] = ()
    zeroed: tuple[str, ...] = ()
    shown: tuple[tuple[int, str, Number | None], ...] = ()


def evaluate(identity: Identity, values: Lookup, *, blank_as_zero: bool = False) -> Evaluation:
    """Evaluate the identity three-valued: a cell not known never counts as 0 unless asked.

    An identity without terms says its target is not negative.
    """
    target: Number | None = values(identity.target)
    known: dict[str, Number] = {} if target is None else {identity.target: target}
    if not identity.terms:
        verdict = Verdict.FAILS if target is not None and target < 0 else Verdict.HOLDS
        return Evaluation(verdict, target, None, known)
    missing: list[str] = []
    zeroed: list[str] = []
    if target is None:
        (zeroed if blank_as_zero else missing).append(identity.target)
        target = 0 if blank_as_zero else None
    expected: Number = 0
    shown: list[tuple[int, str, Number | None]] = []
    for sign, path, value in operands(identity, values):
        if value is not None:
            known[path] = value
        elif blank_as_zero:
            zeroed.append(path)
        else:
            missing.append(path)
        read_as = 0 if value is None and blank_as_zero else value
        shown.append((sign, path, read_as))
        expected += sign * (read_as or 0)
    verdict = Verdict.HOLDS if target == expected else Verdict.FAILS
    if missing:
        verdict = Verdict.UNKNOWN
    return Evaluation(
        verdict,
        target,
        expected if verdict is Verdict.FAILS else None,
        known,
        tuple(missing),
        tuple(zeroed),
        tuple(shown),
    )


def coefficients(identity: Identity, values: Lookup) -> dict[str, int]:
    """The identity as ``Σ coefficient × cell == 0``: the target +1, each operand ``-sign``.

    Which cells a group term brings (its rows, or its subtotal) is decided
    by the values, as :func:`operands` decides it; cells whose
    coefficients cancel are left out.
    """
    found = {identity.target: 1}
    for sign, path, _ in operands(identity, values):
        found[path] = found.get(path, 0) - sign
    return {path: c for path, c in found.items() if c}


def residual(equation: Mapping[str, int], values: Lookup) -> Number | None:
    """``Σ coefficient × cell``: 0 where the equation holds, ``None`` where a cell is not known."""
    total: Number = 0
    for path, c in equation.items():
        value = values(path)
        if value is None:
            return None
        total += c * value
    return total


def solve_for(equation: Mapping[str, int], path: str, values: Lookup) -> int | None:
    """The whole value of ``path`` that makes ``Σ coefficient × cell == 0``.

    ``None`` where ``path`` is not in the equation, another of its cells
    is not known, or the value would not be a whole number.
    """
    coefficient = equation.get(path)
    if coefficient is None:
        return None
    total = 0
    for other, c in equation.items():
        if other == path:
            continue
        value = values(other)
        if value is None:
            return None
        total += c * value
    quotient, remainder = divmod(-total, coefficient)
    return None if remainder else int(quotient)


def solve(identity: Identity, path: str, values: Lookup) -> int | None:
    """The value of ``path`` the identity forces, given every other cell it reads.

    ``path`` counts as unknown whatever ``values`` says of it.
    """

    def others(cell: str) -> Any:
        return None if cell == path else values(cell)

    return solve_for(coefficients(identity, others), path, others)

"""What the identities say about the readings of a material: solve a lost cell, keep or drop.

Every verdict and every forced value comes from :mod:`gkdisclosure.algebra`,
the same algebra the rules check reports with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Final

from attrs import frozen

from .. import algebra
from ..algebra import Verdict
from ..catalog import Identity, ValueKind
from ._material import Material, Value
from ._readings import FREE, Free, Reading

__all__ = [
    "Cell",
    "Pending",
    "check",
    "confirmed",
    "forced",
    "holds",
    "narrow",
    "number",
    "settled",
    "sums",
    "within",
]

#: A cell of a reading: a value, blank, or lost (to be solved for).
Cell = int | Decimal | None | Free


@frozen
class Pending:
    """A material read in several ways, and what the identities said about each way."""

    material: Material
    how: str
    candidates: tuple[Reading, ...]
    values: tuple[dict[str, Cell], ...]
    covered: tuple[frozenset[str], ...]
    rules: frozenset[str] = frozenset()

    @classmethod
    def of(cls, material: Material, how: str, readings: Sequence[Reading]) -> Pending:
        values = tuple(
            {path: c.value for path, c in zip(material.paths, reading, strict=True)}
            for reading in readings
        )
        return cls(material, how, tuple(readings), values, (frozenset(),) * len(readings))


#: The identities with terms and the set of cells each reads, by the id of the sequence they
#: come from (kept with them, so the id stays its own): the catalog's sequences are few and
#: live as long as the process.
_SUMS: Final[dict[int, tuple[Sequence[Identity], tuple[tuple[Identity, frozenset[str]], ...]]]] = {}
_SUMS_MAX: Final = 64


def sums(identities: Sequence[Identity]) -> tuple[tuple[Identity, frozenset[str]], ...]:
    """The identities that sum terms, each with the set of cells it reads, worked out once.

    A reader asks, for every row, which identities lie within it or reach
    across it; most identities (a cell not negative) have no terms and never do.
    """
    known = _SUMS.get(id(identities))
    if known is not None and known[0] is identities:
        return known[1]
    if len(_SUMS) >= _SUMS_MAX:
        _SUMS.clear()
    found = tuple((i, frozenset(i.paths)) for i in identities if i.terms)
    _SUMS[id(identities)] = (identities, found)
    return found


def within(material: Material, identities: Sequence[Identity]) -> list[Identity]:
    """The identities over cells of this material only (the row identities)."""
    paths = set(material.paths)
    return [i for i, cells in sums(identities) if cells <= paths]


def narrow(item: Pending, identities: Sequence[Identity], known: Mapping[str, Value]) -> Pending:
    """Check the readings left against identities across rows, now that other rows are known."""
    paths = set(item.material.paths)
    across = [
        i for i, cells in sums(identities) if not paths.isdisjoint(cells) and not cells <= paths
    ]
    return check(item, across, {k: v for k, v in known.items() if k not in paths})


def check(item: Pending, identities: Sequence[Identity], known: Mapping[str, Value]) -> Pending:
    """Keep the readings no identity refutes; record which cells identities checked."""
    kept: list[tuple[Reading, dict[str, Cell], frozenset[str]]] = []
    rules = set(item.rules)
    for candidate, values, seen in zip(item.candidates, item.values, item.covered, strict=True):
        solved = _solve(values, identities, known, item.material)
        if solved is None:
            continue
        verdict = _verdicts(solved, identities, known)
        if verdict is None:
            continue
        covered, used = verdict
        rules |= used
        kept.append((candidate, solved, seen | covered))
    return Pending(
        item.material,
        item.how,
        tuple(k[0] for k in kept),
        tuple(k[1] for k in kept),
        tuple(k[2] for k in kept),
        frozenset(rules),
    )


def _solve(
    values: dict[str, Cell],
    identities: Sequence[Identity],
    known: Mapping[str, Value],
    material: Material,
) -> dict[str, Cell] | None:
    """Give a lost cell the value an identity forces; None if that value is impossible."""
    lost = [path for path, value in values.items() if value is FREE]
    if not lost:
        return values
    path = lost[0]
    merged = {**known, **values}
    for identity in identities:
        value = forced(identity, path, merged)
        if value is None:
            continue
        kind = material.kinds[material.paths.index(path)]
        if value < 0 and kind is not ValueKind.SIGNED:
            return None
        return {**values, path: value}
    return values


def forced(identity: Identity, path: str, values: Mapping[str, object]) -> int | None:
    """The value of ``path`` that makes the identity hold, if every other operand is known."""
    return algebra.solve(identity, path, partial(_count, values))


def _count(values: Mapping[str, object], path: str) -> int | None:
    """A cell's count, if it is settled (a reading not yet chosen, or an amount, is not)."""
    value = values.get(path)
    return value if type(value) is int else None


def _verdicts(
    values: Mapping[str, Cell], identities: Sequence[Identity], known: Mapping[str, Value]
) -> tuple[frozenset[str], frozenset[str]] | None:
    """The cells checked by identities that hold and their rules; None if one fails."""
    merged = {**known, **values}
    covered: set[str] = set()
    rules: set[str] = set()
    for identity in identities:
        if identity.when is not None and not any(p.startswith(identity.when) for p in merged):
            continue
        verdict = holds(identity, merged)
        if verdict is False:
            return None
        if verdict:
            covered.update(identity.paths)
            rules.add(identity.rule)
    return frozenset(covered), frozenset(rules)


def number(value: object) -> int | Decimal | None:
    """A cell's value if it is a number (not blank, not lost)."""
    return value if isinstance(value, int | Decimal) and not isinstance(value, bool) else None


def holds(identity: Identity, values: Mapping[str, object]) -> bool | None:
    """Whether the identity holds over the values; None if a cell it needs is not a number."""
    verdict = algebra.evaluate(identity, lambda path: number(values.get(path))).verdict
    return None if verdict is Verdict.UNKNOWN else verdict is Verdict.HOLDS


def settled(item: Pending) -> bool:
    """Whether the identities checked every reading left and they all read alike."""
    return confirmed(item) and all(values == item.values[0] for values in item.values)


def confirmed(item: Pending) -> bool:
    """Whether readings are left and identities checked every cell of each."""
    wanted = set(item.material.paths)
    return bool(item.candidates) and all(wanted <= seen for seen in item.covered)

"""Where a fault can go in a report, so that a checker can find it, and how to say what it did."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Final

from attrs import frozen

from ..catalog import TOTAL, Edition, identities
from ..catalog import edition as _spec
from ..model import Report
from ..model.paths import get as read
from ._cells import with_cell
from ._planted import FaultKind

__all__ = ["Place", "note", "places_for", "seeded"]


@frozen
class _Row:
    """A row of 表三 or 表四 that the report has, and its values."""

    path: str
    columns: tuple[str, ...]
    values: tuple[int, ...]
    #: For each cell: whether an identity of its column reads it (表三's ledger,
    #: outcome total and group subtotals).
    checked: tuple[bool, ...]

    def cell(self, index: int) -> str:
        return f"{self.path}.{self.columns[index]}"

    def detectable(self, indexes: tuple[int, ...], planted: tuple[int | None, ...]) -> bool:
        """Whether an identity that reads each cell fails (or, for a blank, cannot be checked).

        The row's own identity (its total is the sum of the other cells)
        reads every cell of the row, and fails when the damage changes the
        row's balance. Otherwise a changed cell of 表三 still breaks the
        identity of its column, since the damage changes no other cell of
        that column; 表四 has no such identity.
        """
        if None in planted:
            return True
        change = 0
        for index, new in zip(indexes, planted, strict=True):
            assert new is not None  # noqa: S101 - for the type checker
            moved = new - self.values[index]
            change += moved if self.columns[index] == TOTAL else -moved
        return change != 0 or all(
            self.checked[i] and new != self.values[i]
            for i, new in zip(indexes, planted, strict=True)
        )


@frozen
class Place:
    """Damage that could go into a row: which cells, and their new values."""

    row: _Row
    indexes: tuple[int, ...]
    planted: tuple[int | None, ...]
    #: Which way a shift went: ``"right"`` or ``"left"``.
    way: str = ""

    @property
    def original(self) -> tuple[int, ...]:
        return tuple(self.row.values[i] for i in self.indexes)


@functools.cache
def _column_cells(which: Edition) -> frozenset[str]:
    """The cells that an identity of a single column reads (not as a fallback)."""
    return frozenset(
        path
        for identity in identities(_spec(which))
        if identity.terms and identity.column is not None
        for path in (identity.target, *(p for term in identity.terms for p in term.paths))
    )


@functools.cache
def _sum_targets(which: Edition) -> frozenset[str]:
    """The cells an identity defines as a sum of others (every term added)."""
    return frozenset(
        identity.target
        for identity in identities(_spec(which))
        if identity.terms and all(term.sign > 0 for term in identity.terms)
    )


def _rows(report: Report, tables: tuple[str, ...]) -> list[_Row]:
    spec = _spec(report.edition)
    checked = _column_cells(report.edition)
    found = []
    for table in (spec.table(key) for key in tables):
        for row in table.rows:
            path = f"{table.key}.{row.key}"
            obj = read(report, path)
            if obj is None:
                continue
            columns = tuple(column.key for column in row.columns)
            found.append(
                _Row(
                    path,
                    columns,
                    tuple(getattr(obj, column) for column in columns),
                    tuple(f"{path}.{column}" in checked for column in columns),
                )
            )
    return found


#: Where damage could go in a row: the indexes of its cells, their new values, and a word
#: on the way a shift went.
_Candidate = tuple[tuple[int, ...], tuple[int | None, ...], str]


def _one_cell(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    # The new value of an OFF_BY is drawn later; here it stands blank.
    return (((i,), (None,), "") for i in range(len(row.values)))


def _splits(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    for i, value in enumerate(row.values[:-1]):
        digits = str(value)
        for cut in range(1, len(digits)):
            yield (i, i + 1), (int(digits[:cut]), int(digits[cut:])), ""


def _glues(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    values = row.values
    return (
        ((i, i + 1), (int(f"{values[i]}{values[i + 1]}"), 0), "")
        for i in range(len(values) - 1)
        if values[i] > 0
    )


def _shifts(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    width = len(row.values)
    for first in range(width):
        for last in range(first + 1, width):
            run = row.values[first : last + 1]
            for way, planted in (("right", (0, *run[:-1])), ("left", (*run[1:], 0))):
                if planted != run:
                    yield tuple(range(first, last + 1)), planted, way


def _zeroed_totals(row: _Row, targets: frozenset[str]) -> Iterator[_Candidate]:
    return (
        ((i,), (0,), "")
        for i, value in enumerate(row.values)
        if value > 0 and row.cell(i) in targets
    )


#: Where each kind of damage could go in a row (before the check that it is detectable).
_CANDIDATES: Final[dict[FaultKind, Callable[[_Row, frozenset[str]], Iterator[_Candidate]]]] = {
    FaultKind.OFF_BY: _one_cell,
    FaultKind.SPLIT_DIGITS: _splits,
    FaultKind.GLUED_DIGITS: _glues,
    FaultKind.SHIFTED_COLUMN: _shifts,
    FaultKind.ZEROED_TOTAL: _zeroed_totals,
    FaultKind.BLANKED_CELL: _one_cell,
}


def places_for(
    report: Report, kind: FaultKind, tables: tuple[str, ...]
) -> list[tuple[_Row, _Candidate]]:
    targets = _sum_targets(report.edition)
    return [
        (row, candidate)
        for row in _rows(report, tables)
        for candidate in _CANDIDATES[kind](row, targets)
        if row.detectable(*candidate[:2])
    ]


def seeded(report: Report, amount: int, key: str) -> Report:
    """The report with ``amount`` more in the first column and the total of some rows of a table.

    表三: requests received and carried forward, so each column's ledger
    still balances; 表四: the first block. Each row still adds up.
    """
    table = _spec(report.edition).table(key)
    roles = {"received", "carried_forward"}
    rows = [row for row in table.rows if row.role in roles] or [table.rows[0]]
    for row in rows:
        for column in (row.columns[0].key, TOTAL):
            path = f"{table.key}.{row.key}.{column}"
            report = with_cell(report, path, read(report, path) + amount)
    return report


# --- the notes --------------------------------------------------------------------------


def note(place: Place, kind: FaultKind, new: tuple[int | None, ...]) -> str:
    cells = tuple(place.row.cell(i) for i in place.indexes)
    first, last, old = cells[0], cells[-1], place.original
    if kind is FaultKind.OFF_BY:
        assert new[0] is not None  # noqa: S101 - for the type checker
        return f"{first} is off by {new[0] - old[0]:+d}: {old[0]} reads {new[0]}"
    if kind is FaultKind.SPLIT_DIGITS:
        return (
            f"the {old[0]} of {first} is split into {new[0]} | {new[1]} over it and {last}, "
            f"which held {old[1]}"
        )
    if kind is FaultKind.GLUED_DIGITS:
        return (
            f"the {old[0]} of {first} and the {old[1]} of {last} are glued into {new[0]} "
            f"in {first}; {last} reads 0"
        )
    if kind is FaultKind.SHIFTED_COLUMN:
        return f"{first} to {last} moved one column to the {place.way}: {old} reads {new}"
    if kind is FaultKind.ZEROED_TOTAL:
        return f"the total {first} reads 0 instead of {old[0]}"
    return (
        f"{first} ({old[0]}) is not reported: validate finds the identities that read it "
        f"unassessable, with {first} in missing, and none failed"
    )

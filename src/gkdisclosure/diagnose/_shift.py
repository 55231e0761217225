"""A whole-row shift: every row of 表三 holding the numbers of its neighbour.

Text extracted without the page's layout may print each row's numbers
before its label; read label by label, every row then takes the next
row's numbers (or the previous row's, when a label runs ahead). Each row
still adds up, so no change of one or two cells explains the failures;
moving every row back by one does, when the identities then hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from attrs import frozen

from ..catalog import Edition, edition
from ._system import Equation, System

__all__ = ["RowShift", "row_shift"]

#: At least this many identities must hold once the rows are moved back.
_MIN_CHECKS = 2


@frozen
class RowShift:
    """Rows read one off: ``step`` is +1 when each row holds the next row's numbers.

    ``values`` are the cells moved back into place (``None`` where the
    moved rows leave a row unknown); ``holds`` the identities that hold
    then, and that failed as printed.
    """

    step: int
    values: Mapping[str, int | None]
    checks: int
    repaired: frozenset[tuple[str, str]]


def _rows(which: Edition) -> list[tuple[str, ...]]:
    table = edition(which).requests
    return [
        tuple(f"{table.key}.{row.key}.{column.key}" for column in row.columns)
        for row in table.rows
        if row.role != "subtotal"
    ]


def _residual(equation: Equation, values: Mapping[str, int | None]) -> int | None:
    total = 0
    for path, coefficient in equation.coefficients.items():
        value = values.get(path)
        if value is None:
            return None
        total += coefficient * value
    return total


def _moved(
    rows: Sequence[tuple[str, ...]], values: Mapping[str, int | None], step: int
) -> Iterator[tuple[str, int | None]]:
    for index, cells in enumerate(rows):
        source = index - step
        for column, path in enumerate(cells):
            inside = 0 <= source < len(rows) and len(rows[source]) == len(cells)
            yield path, values.get(rows[source][column]) if inside else None


def row_shift(system: System, which: Edition) -> RowShift | None:
    """The shift of every row of 表三 by one that makes its failed identities hold, if any.

    Moved, every identity assessable as printed must still be assessable and
    hold, save those reading the row the shift leaves empty; so blanks moved
    around never pass for a repair.
    """
    rows = _rows(which)
    paths = {path for cells in rows for path in cells}
    own = [e for e in system.equations if set(e.coefficients) <= paths]
    failed = {e.key for e in own if e.residual not in (None, 0)}
    if not failed:
        return None
    for step in (1, -1):
        vacated = set(rows[0] if step == 1 else rows[-1])
        values = {**system.values, **dict(_moved(rows, system.values, step))}
        residuals = [(e, _residual(e, values)) for e in own]
        if any(r not in (None, 0) for _, r in residuals):
            continue
        kept = all(
            r == 0
            for e, r in residuals
            if e.residual is not None and not vacated & set(e.coefficients)
        )
        holding = {e.key for e, r in residuals if r == 0}
        if kept and len(holding) >= _MIN_CHECKS and failed & holding:
            return RowShift(step, values, len(holding), frozenset(failed & holding))
    return None

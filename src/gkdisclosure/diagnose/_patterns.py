"""Typical damage, recognised in a suggested change: split, glued or misread digits, and more.

The arithmetic decides which changes repair a report; these names only
say what kind of slip each change would undo, for people reading it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..catalog import TOTAL
from ._model import CellChange, DamagePattern

__all__ = ["change_patterns", "pair_pattern"]


def _proper_end(part: str, whole: str) -> bool:
    """Whether ``part`` is a proper prefix or suffix of ``whole``."""
    return len(part) < len(whole) and (whole.startswith(part) or whole.endswith(part))


def _one_edit(a: str, b: str) -> bool:
    """Whether one digit substituted, inserted, deleted or two adjacent swapped turn a into b."""
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2  # noqa: PLR2004 - two positions, swapped
            and diffs[1] == diffs[0] + 1
            and (a[diffs[0]], a[diffs[1]]) == (b[diffs[1]], b[diffs[0]])
        )
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def change_patterns(
    printed: int | None, suggested: int, *, total: bool
) -> tuple[DamagePattern, ...]:
    """The patterns a change of one cell fits, most telling first.

    ``total`` says whether the cell is the total of an identity the change repairs.
    """
    if printed is None:
        return (DamagePattern.BLANK,)
    found: list[DamagePattern] = []
    if total and printed == 0 and suggested > 0:
        found.append(DamagePattern.ZERO_TOTAL)
    if printed < 0:
        return tuple(found)
    shown, meant = str(printed), str(suggested)
    if _proper_end(shown, meant):
        found.append(DamagePattern.SPLIT)
    if _proper_end(meant, shown):
        found.append(DamagePattern.GLUED)
    if _one_edit(shown, meant):
        found.append(DamagePattern.MISREAD)
    return tuple(found)


def _split(path: str) -> tuple[str, str]:
    row, _, column = path.rpartition(".")
    return row, column


def _digits(value: int | None) -> str:
    return "" if value is None or value < 0 else str(value)


def _torn(left: CellChange, right: CellChange) -> DamagePattern | None:
    """Split or glued digits across two adjacent cells, left to right."""
    printed = _digits(left.printed) + _digits(right.printed)
    if (
        left.printed is not None
        and right.printed is not None
        and printed
        in {
            str(left.suggested),
            str(right.suggested),
        }
    ):
        return DamagePattern.SPLIT
    glued = str(left.suggested) + str(right.suggested)
    if glued in {_digits(left.printed), _digits(right.printed)}:
        return DamagePattern.GLUED
    return None


def pair_pattern(
    first: CellChange, second: CellChange, neighbours: Mapping[str, tuple[str | None, str | None]]
) -> DamagePattern | None:
    """The pattern of a change of two cells.

    A number split across two adjacent cells or two numbers glued into
    one (the cells side by side in a row), or a count moved within a row
    or a column (``+n`` in one cell, ``-n`` in the other).
    """
    if neighbours.get(first.path, (None, None))[1] == second.path:
        torn = _torn(first, second)
        if torn is not None:
            return torn
    da = first.suggested - (first.printed or 0)
    db = second.suggested - (second.printed or 0)
    if da != -db:
        return None
    (row_a, column_a), (row_b, column_b) = _split(first.path), _split(second.path)
    if row_a == row_b and TOTAL not in {column_a, column_b}:
        return DamagePattern.WRONG_COLUMN
    if column_a == column_b and first.path.split(".", 1)[0] == second.path.split(".", 1)[0]:
        return DamagePattern.WRONG_ROW
    return None

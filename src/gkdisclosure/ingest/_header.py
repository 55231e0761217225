"""The header of an HTML or Word table: the columns its rows name, and the one over each cell."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from attrs import frozen

from ..catalog import Column
from ._cells import is_value_like
from ._labels import ColumnMatch, RowMatch, TableIndex
from ._markup import Grid, GridCell

__all__ = ["Leaf", "header_leaves", "label_cells", "overlap", "shown", "under_header"]


@frozen
class Leaf:
    """A column of a header: what it names and the grid columns it covers."""

    column: Column | None
    row: str | None
    label: str
    columns: frozenset[int]
    row_label: str = ""


def shown(text: str) -> str:
    return " ".join(text.split())


def label_cells(cells: Sequence[GridCell]) -> list[GridCell]:
    """The cells left of the first value-like cell: the row's labels, merged ones included."""
    labels: list[GridCell] = []
    for cell in cells:
        if is_value_like(cell.text):
            break
        labels.append(cell)
    return labels


def header_leaves(grid: Grid, rows: Sequence[int], labels: TableIndex) -> list[Leaf]:
    """The columns a block of header rows names, left to right (the deepest label wins).

    A cell spanning many columns is matched once (its matches are kept by text).
    """
    found: dict[tuple[str | None, str | None], Leaf] = {}
    covered: dict[tuple[str | None, str | None], list[int]] = {}
    matches: dict[str, tuple[ColumnMatch | None, RowMatch | None]] = {}
    for column in range(grid.columns):
        named: Column | None = None
        printed = ""
        extra = False
        row_key: str | None = None
        row_printed = ""
        texts: list[str] = []
        for row in rows:
            cell = grid.slot(row, column)
            if cell is None:
                continue
            if not texts or texts[-1] != cell.text:
                texts.append(cell.text)
            match, row_match = _matched(labels, cell.text, matches)
            if match is not None:
                named, printed, extra = match.column, shown(cell.text), match.column is None
            if row_match is not None:
                row_key, row_printed = row_match.row.key, shown(cell.text)
        if named is None and not extra and len(texts) > 1:
            match = labels.match_column("".join(texts[-2:]))
            if match is not None:
                named, printed, extra = (
                    match.column,
                    shown(" ".join(texts[-2:])),
                    match.column is None,
                )
        if named is None and not extra:
            continue
        key = (named.key if named else "(extra)", row_key)
        covered.setdefault(key, []).append(column)
        found[key] = Leaf(named, row_key, printed, frozenset(), row_printed)
    leaves = [attrs.evolve(leaf, columns=frozenset(covered[key])) for key, leaf in found.items()]
    return sorted(leaves, key=lambda leaf: min(leaf.columns))


def _matched(
    labels: TableIndex, text: str, memo: dict[str, tuple[ColumnMatch | None, RowMatch | None]]
) -> tuple[ColumnMatch | None, RowMatch | None]:
    """The column and the row a header cell's text names, each text matched once."""
    found = memo.get(text)
    if found is None:
        found = memo[text] = (labels.match_column(text), labels.match_row(text))
    return found


def under_header(
    values: Sequence[GridCell], header: Sequence[Leaf], columns: Sequence[Column]
) -> list[tuple[GridCell, Leaf | None]]:
    """Each value cell with the header column over it: in order when the counts agree."""
    if len(values) == len(header):
        return list(zip(values, header, strict=True))
    if not header and len(values) == len(columns):
        return [
            (cell, Leaf(column, None, column.zh, frozenset()))
            for cell, column in zip(values, columns, strict=True)
        ]
    return [(cell, overlap(cell, header)) for cell in values]


def overlap(cell: GridCell, leaves: Sequence[Leaf]) -> Leaf | None:
    """The one header column over a cell, if exactly one covers it."""
    over = [leaf for leaf in leaves if leaf.columns & set(cell.columns)]
    return over[0] if len(over) == 1 else None

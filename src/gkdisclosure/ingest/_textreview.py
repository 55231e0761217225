"""表四 read from text: a header naming three blocks of five results, then fifteen numbers."""

from __future__ import annotations

from collections.abc import Sequence

from ..catalog import Column, Row, Table
from ._labels import TableIndex
from ._material import Material
from ._readings import Piece
from ._textitems import Gathered, Item, Token, Words

__all__ = ["Review"]


class Review:
    """表四: a header naming three blocks of five results, then fifteen numbers.

    Printed as three small tables instead (行政复议, 未经复议直接起诉,
    复议后起诉, each with its own header and five numbers), each block's
    numbers are read under its own label.
    """

    def __init__(self, walker: Gathered, labels: TableIndex) -> None:
        self.walker = walker
        self.labels = labels
        self.table: Table = labels.table

    def read(self, items: Sequence[Item]) -> None:
        order, printed, blocks = self._blocks(items)
        if not blocks:
            return
        columns = {column.key: column for column in self.table.rows[0].columns}
        if sorted(order) != sorted(columns):
            order = list(columns)
        rows = [row for row, _ in blocks]
        if len(blocks) > 1 and len({row.key for row in rows if row is not None}) == len(blocks):
            for row, tokens in blocks:
                if row is not None:
                    self._material([row], order, columns, printed, tokens)
        else:
            tokens = [token for _, block in blocks for token in block]
            self._material(list(self.table.rows), order, columns, printed, tokens)
        self.walker.found.add(self.table.key)

    def _blocks(
        self, items: Sequence[Item]
    ) -> tuple[list[str], dict[str, str], list[tuple[Row | None, list[Token]]]]:
        """The columns in printed order, the labels as printed, and each block's numbers."""
        order: list[str] = []
        printed: dict[str, str] = {}
        blocks: list[tuple[Row | None, list[Token]]] = [(None, [])]
        width = len(self.table.rows[0].columns)
        for item in items:
            if isinstance(item, Token):
                blocks[-1][1].append(item)
                continue
            if isinstance(item, Words):
                if blocks[-1][1]:
                    break
                continue
            column, row = item.hit.column, item.hit.row
            if row is not None:
                printed.setdefault(row.key, item.text)
                if blocks[-1][1]:
                    blocks.append((row, []))
                else:
                    blocks[-1] = (row, [])
            elif blocks[-1][1] and column is None:
                break
            if column is not None and len(order) < width and column.key not in order:
                order.append(column.key)
                printed[column.key] = item.text
        return order, printed, [block for block in blocks if block[1]]

    def _material(
        self,
        rows: Sequence[Row],
        order: Sequence[str],
        columns: dict[str, Column],
        printed: dict[str, str],
        tokens: Sequence[Token],
    ) -> None:
        paths = tuple(f"{self.table.key}.{row.key}.{key}" for row in rows for key in order)
        self.walker.materials.append(
            Material(
                paths=paths,
                kinds=tuple(columns[key].kind for _ in rows for key in order),
                units=(None,) * len(paths),
                row_labels=tuple(printed.get(row.key, row.zh) for row in rows for _ in order),
                column_labels=tuple(
                    printed.get(key, columns[key].zh) for _ in rows for key in order
                ),
                pieces=tuple(Piece(token.text, token.position) for token in tokens),
                bound=False,
                position=tokens[0].position,
            )
        )

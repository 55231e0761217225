"""The walk through an HTML or Word document: tables found by their labels, cells by header."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from ..catalog import EditionSpec, Row
from ._cells import is_value_like, label_unit
from ._classify import Tables
from ._grid import row_paths
from ._header import Leaf, header_leaves, label_cells, overlap, shown, under_header
from ._labels import TABLE_OF_SECTION, RowMatch, section_of
from ._markup import NESTED, Document, Grid, GridCell, Paragraph
from ._material import Material
from ._readings import Piece
from ._result import IngestNote, Position

__all__ = ["Walker"]

#: The most header rows read together: 表三 and 表四 print three.
_HEADER_DEPTH: Final = 8


class Walker:
    """Goes through a page's blocks in order, collecting materials for the tables found."""

    def __init__(self, spec: EditionSpec, document: Document) -> None:
        self.spec = spec
        self.document = document
        self.tables = Tables(spec.edition)
        self.indexes = self.tables.indexes
        self.kind: str | None = None
        self.header: list[Leaf] = []
        self.header_rows: list[int] = []
        self.materials: list[Material] = []
        self.found: set[str] = set()
        self.notes: list[IngestNote] = []
        self.paragraphs: list[str] = []
        #: The text outside the tables, for the narrative: a block each, or for a document
        #: of printed lines, the lines between two tables together.
        self.prose: list[str] = []
        self._running = False  # whether the last block was text of a document of lines
        self._noted: set[tuple[str, str]] = set()

    def walk(self) -> None:
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self._text(block.text)
            else:
                self._grid(block)

    def _text(self, text: str) -> None:
        prose = "\n".join(line for line in text.split("\n") if not line.startswith(NESTED))
        if self._running:  # the next printed line of a document of lines
            self.prose[-1] += f"\n{prose}"
        else:
            self.prose.append(prose)
        self._running = self.document.wrapped
        for line in text.split("\n"):
            if line.startswith(NESTED):
                number = int(line.removeprefix(NESTED))
                self._grid(self.document.grids[number])
                continue
            shown = line.strip()
            if not shown:
                continue
            self.paragraphs.append(shown)
            section = section_of(shown)
            if section is not None:
                self.kind = TABLE_OF_SECTION.get(section)
                self.header = []
                self.header_rows = []

    def _grid(self, grid: Grid) -> None:
        self._running = False
        kind = self.tables.classify(grid, self.kind)
        if kind is None:
            for cell in grid.cells:  # a layout table: each cell's text stands alone
                self._text(cell.text)
                self._running = False
            return
        if kind != self.kind:
            self.header = []
        self.kind = kind
        self.header_rows = []
        for row in range(grid.rows):
            self._row(grid, row)

    def _row(self, grid: Grid, row: int) -> None:
        cells = grid.row(row)
        own = [cell for cell in cells if cell.top == row]
        if not own:
            return
        strong = self.tables.opened(own)
        if strong is not None and strong != self.kind:
            self.kind = strong or None
            self.header = []
            self.header_rows = []
        blank = all(not cell.text.strip() for cell in own)
        if self.kind is None or (blank and self.kind != "review_litigation"):
            return
        labels = label_cells(cells)
        values = [cell for cell in own if cell not in labels]
        texts = any(cell.text.strip() and not is_value_like(cell.text) for cell in values)
        numbers = any(cell.text.strip() for cell in values) and not texts
        if self.kind == "review_litigation":
            if texts or not values:
                self._header_row(grid, row, own)
            else:
                self._review(grid, values)
            return
        own_labels = [cell for cell in labels if cell.top == row]
        found = self._match(self.kind, own_labels) if values else None
        if found is not None:
            self._labelled(grid, found, values)
        elif numbers:
            self._unknown(own_labels)
        else:
            self._header_row(grid, row, own)

    def _header_row(self, grid: Grid, row: int, own: Sequence[GridCell]) -> None:
        labels = self.indexes[self.kind or ""]
        if any(labels.match_group(cell.text) for cell in own) and self.kind == "proactive":
            self.header = []
            self.header_rows = []
            return
        if self.header_rows and self.header_rows[-1] != row - 1:
            self.header_rows = []
        # a header is a few rows; the last few are enough, and bound the work per row
        self.header_rows = [*self.header_rows[-(_HEADER_DEPTH - 1) :], row]
        leaves = header_leaves(grid, self.header_rows, self.indexes[self.kind or ""])
        if leaves:
            self.header = leaves

    def _unknown(self, labels: Sequence[GridCell]) -> None:
        """A row with numbers whose label the format does not know (FORMAT.md §6 D11)."""
        kind = self.kind or ""
        self.header_rows = []
        heading = self.spec.table(kind).heading
        printed = " ".join(shown(cell.text) for cell in labels) or "(no label)"
        message = f"the row {printed!r} in {heading} is not in the format; ignored"
        self.notes.append(IngestNote("row.unknown", (kind,), message))

    def _labelled(
        self, grid: Grid, found: tuple[RowMatch, GridCell], values: Sequence[GridCell]
    ) -> None:
        kind = self.kind or ""
        self.header_rows = []
        table = self.spec.table(kind)
        match, label = found
        target = match.row
        paths = row_paths(table, target)
        pieces = list(self._place(grid, target, paths, values))
        if not pieces:
            return
        self.materials.append(
            Material(
                paths=paths,
                kinds=tuple(column.kind for column in target.columns),
                units=tuple(label_unit(column.zh) for column in target.columns),
                row_labels=(shown(label.text),) * len(paths),
                column_labels=self._column_labels(target),
                pieces=tuple(pieces),
                bound=True,
                position=Position(grid.index, label.top, label.left),
            )
        )
        self.found.add(kind)
        if match.how != "exact":
            message = f"{shown(label.text)!r} read as {target.zh!r} ({match.how})"
            if match.annotation:
                message += f"; the annotation {match.annotation!r} is not part of the label"
            self.notes.append(IngestNote("label.variant", (f"{kind}.{target.key}",), message))

    def _match(self, kind: str, labels: Sequence[GridCell]) -> tuple[RowMatch, GridCell] | None:
        """The row named by the rightmost label cell of the row itself that names one."""
        found = self.indexes[kind]
        for cell in reversed(labels):
            match = found.match_row(cell.text)
            if match is not None and (match.row.role != "subtotal" or cell is labels[-1]):
                return match, cell
        return None

    def _place(
        self, grid: Grid, row: Row, paths: Sequence[str], values: Sequence[GridCell]
    ) -> Iterator[Piece]:
        keys = {column.key: path for column, path in zip(row.columns, paths, strict=True)}
        row_path = paths[0].rsplit(".", 1)[0]
        for cell, leaf in under_header(values, self.header, row.columns):
            position = Position(grid.index, cell.top, cell.left)
            if leaf is not None and leaf.column is None:
                message = f"the column {leaf.label!r} is not in the format; ignored"
                self._note_once("column.extra", row_path.split(".", 1)[0], message)
                continue
            path = keys.get(leaf.column.key) if leaf is not None and leaf.column else None
            if path is not None:
                yield Piece(cell.text, position, path)
            elif cell.text.strip():
                message = f"{shown(cell.text)!r} is under no column of this row; ignored"
                self._note_once("cell.unplaced", row_path, message)

    def _column_labels(self, row: Row) -> tuple[str, ...]:
        printed = {leaf.column.key: leaf.label for leaf in self.header if leaf.column}
        return tuple(printed.get(column.key, column.zh) for column in row.columns)

    def _review(self, grid: Grid, values: Sequence[GridCell]) -> None:
        table = self.spec.review_litigation
        leaves = [leaf for leaf in self.header if leaf.column is not None and leaf.row]
        if not leaves:
            leaves = [
                Leaf(column, row.key, column.zh, frozenset())
                for row in table.rows
                for column in row.columns
            ]
        if len(leaves) != len(values):
            leaves_by_cell = [(cell, overlap(cell, leaves)) for cell in values]
        else:
            leaves_by_cell = list(zip(values, leaves, strict=True))
        placed: dict[str, Piece] = {}
        labels: dict[str, str] = {}
        rows: dict[str, str] = {}
        for cell, leaf in leaves_by_cell:
            if leaf is None or leaf.column is None or leaf.row is None:
                continue
            path = f"{table.key}.{leaf.row}.{leaf.column.key}"
            placed[path] = Piece(cell.text, Position(grid.index, cell.top, cell.left), path)
            labels[path] = leaf.label
            rows[path] = leaf.row_label
        if not placed:
            return
        for target in table.rows:
            paths = row_paths(table, target)
            if not placed.keys() & set(paths):
                continue
            self.materials.append(
                Material(
                    paths=paths,
                    kinds=tuple(column.kind for column in target.columns),
                    units=(None,) * len(paths),
                    row_labels=tuple(rows.get(path) or target.zh for path in paths),
                    column_labels=tuple(
                        labels.get(p, c.zh) for p, c in zip(paths, target.columns, strict=True)
                    ),
                    pieces=tuple(placed[p] for p in paths if p in placed),
                    bound=True,
                )
            )
        self.found.add(table.key)

    def _note_once(self, code: str, path: str, message: str) -> None:
        if (code, path) not in self._noted:
            self._noted.add((code, path))
            self.notes.append(IngestNote(code, (path,), message))

"""Read a report from an HTML page: tables found by their labels, cells by their headers.

Each ``<table>`` is expanded into a grid (row and column spans) and told
apart by its labels — a block caption "第二十条第（一）项", the corner
note of 表三, the "未经复议直接起诉" header of 表四 — or, for the second
half of a table split in two, by the section heading above it. Each row
is found by its label, each cell by the header over it, never by
counting numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs
from attrs import frozen

from ..catalog import Column, Edition, EditionSpec, Row, edition
from ..catalog import vocabulary as vocab
from ._cells import is_value_like, label_unit
from ._decode import NO_EDITION, Source, guarded, read_source
from ._grid import NO_TABLE, assemble, edition_notes, identify, row_paths
from ._labels import (
    TABLE_OF_SECTION,
    ColumnMatch,
    RowMatch,
    TableIndex,
    detect_edition,
    index,
    section_of,
    squeeze,
)
from ._markup import NESTED, Document, Grid, GridCell, Paragraph, parse_html
from ._material import Material
from ._narrative import extract_narrative
from ._readings import Piece
from ._result import IngestError, IngestNote, IngestResult, Position

__all__ = ["read_document", "read_html"]

_KINDS = ("proactive", "requests", "review_litigation")
_INFO_CONTENT = squeeze(vocab.INFO_CONTENT)
# Header words of 表三 that other tables print too, or that open no table by themselves.
_SHARED_HEADERS = frozenset({_INFO_CONTENT, squeeze(vocab.ORGANISATIONS)})
#: Two labels make a table; one may be chance.
_ENOUGH_LABELS = 2
#: The most header rows read together: 表三 and 表四 print three.
_HEADER_DEPTH = 8
#: No label is this long; a layout table's cell is.
_LONGEST_LABEL = 200


def read_html(
    source: Source,
    *,
    agency: str | None = None,
    year: int | None = None,
    edition: Edition | str | None = None,
    infer: bool = True,
) -> IngestResult:
    """Read a report from an HTML page (a whole saved page or an article fragment).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the page's
    bytes or a binary file (the encoding is detected, ``<meta charset>``
    included), or :class:`io.StringIO` holding the page. ``agency`` and ``year``
    replace what the title says (and are needed when it says nothing);
    ``edition`` replaces the edition the labels point to. With
    ``infer=False`` no cell is ever inferred.

    Raises :exc:`IngestError` when the path cannot be read, no statutory
    table, no title or no edition can be found, or the page is too large
    or not a page at all; :exc:`~gkdisclosure.OptionError` for an edition other
    than ``"2019"`` or ``"2021"``.
    """
    which = None if edition is None else Edition(edition)
    text, name, notes = read_source(source, markup=True)
    given = (agency, year, which)
    return guarded(lambda: _read(text, name, notes, given, infer=infer), name, "page")


def _read(
    text: str,
    name: str | None,
    notes: list[IngestNote],
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
) -> IngestResult:
    return read_document(parse_html(text), name, notes, given, infer=infer)


def read_document(  # noqa: PLR0913 - what was read, where from, and the reader's options
    document: Document,
    name: str | None,
    notes: list[IngestNote],
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
    fallback: str = "",
) -> IngestResult:
    """Read a report from paragraphs and table grids (an HTML page's, a Word file's).

    ``fallback`` is a title to read the agency and year from when neither
    the document's title nor its text names them (a file's title property).
    """
    agency, year, which = given
    guess = detect_edition(cell.text for grid in document.grids for cell in grid.cells)
    chosen = Edition(which) if which is not None else guess.edition
    walker = _Walker(edition(chosen or Edition.E2021), document)
    walker.walk()
    if not walker.found:
        raise IngestError(NO_TABLE, name)
    if chosen is None:
        raise IngestError(NO_EDITION, name)
    candidates = [document.title or "", *walker.paragraphs, fallback]
    agency, year = identify(candidates, agency, year, name)
    return assemble(
        spec=walker.spec,
        agency=agency,
        year=year,
        materials=walker.materials,
        found=walker.found,
        notes=[*notes, *edition_notes(guess.markers), *walker.notes],
        narrative=extract_narrative(walker.paragraphs),
        infer=infer,
        source=name,
    )


@frozen
class _Leaf:
    """A column of a header: what it names and the grid columns it covers."""

    column: Column | None
    row: str | None
    label: str
    columns: frozenset[int]
    row_label: str = ""


class _Walker:
    """Goes through a page's blocks in order, collecting materials for the tables found."""

    def __init__(self, spec: EditionSpec, document: Document) -> None:
        self.spec = spec
        self.document = document
        self.indexes = {key: index(spec.edition, key) for key in _KINDS}
        self.kind: str | None = None
        self.header: list[_Leaf] = []
        self.header_rows: list[int] = []
        self.materials: list[Material] = []
        self.found: set[str] = set()
        self.notes: list[IngestNote] = []
        self.paragraphs: list[str] = []
        self._noted: set[tuple[str, str]] = set()

    def walk(self) -> None:
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self._text(block.text)
            else:
                self._grid(block)

    def _text(self, text: str) -> None:
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
        kind = self._classify(grid)
        if kind is None:
            for cell in grid.cells:
                self._text(cell.text)
            return
        if kind != self.kind:
            self.header = []
        self.kind = kind
        self.header_rows = []
        for row in range(grid.rows):
            self._row(grid, row)

    def _classify(self, grid: Grid) -> str | None:
        """The statutory table a grid holds, by its labels; the section's for a headless half."""
        scores = dict.fromkeys(_KINDS, 0)
        for cell in grid.cells:
            for kind in _KINDS:
                scores[kind] += self._names(kind, cell.text)
        best = max(_KINDS, key=lambda kind: scores[kind])
        if scores[best] >= _ENOUGH_LABELS:
            return best
        return self.kind if scores[best] or _numbers_only(grid) else None

    def _names(self, kind: str, text: str) -> int:
        labels = self.indexes[kind]
        if len(text) > _LONGEST_LABEL:
            return 0
        found = (
            labels.match_row(text) is not None
            or labels.match_group(text) is not None
            or labels.is_header_word(text)
        )
        return int(found)

    def _strong(self, cells: Sequence[GridCell]) -> str | None:
        """The table a row opens by itself: 表二's caption, 表三's corner, 表四's header.

        A section heading printed in a row opens its section ("" for one
        without a table).
        """
        for cell in cells:
            section = section_of(cell.text)
            if section is not None:
                return TABLE_OF_SECTION.get(section, "")
            text = squeeze(cell.text)
            proactive = self.indexes["proactive"]
            if proactive.match_group(cell.text) is not None or text == _INFO_CONTENT:
                return "proactive"
            if text in self.indexes["requests"].headers and text not in _SHARED_HEADERS:
                return "requests"
            review = self.indexes["review_litigation"]
            row = review.match_row(cell.text)
            if review.match_group(cell.text) is not None or (row and row.row.group):
                return "review_litigation"
        return None

    def _row(self, grid: Grid, row: int) -> None:
        cells = grid.row(row)
        own = [cell for cell in cells if cell.top == row]
        if not own:
            return
        strong = self._strong(own)
        if strong is not None and strong != self.kind:
            self.kind = strong or None
            self.header = []
            self.header_rows = []
        blank = all(not cell.text.strip() for cell in own)
        if self.kind is None or (blank and self.kind != "review_litigation"):
            return
        labels = _label_cells(cells)
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
        leaves = _leaves(grid, self.header_rows, self.indexes[self.kind or ""])
        if leaves:
            self.header = leaves

    def _unknown(self, labels: Sequence[GridCell]) -> None:
        """A row with numbers whose label the format does not know (FORMAT.md §6 D11)."""
        kind = self.kind or ""
        self.header_rows = []
        heading = self.spec.table(kind).heading
        printed = " ".join(_shown(cell.text) for cell in labels) or "(no label)"
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
                row_labels=(_shown(label.text),) * len(paths),
                column_labels=self._column_labels(target),
                pieces=tuple(pieces),
                bound=True,
                position=Position(grid.index, label.top, label.left),
            )
        )
        self.found.add(kind)
        if match.how != "exact":
            message = f"{_shown(label.text)!r} read as {target.zh!r} ({match.how})"
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
        for cell, leaf in _map(values, self.header, row.columns):
            position = Position(grid.index, cell.top, cell.left)
            if leaf is not None and leaf.column is None:
                message = f"the column {leaf.label!r} is not in the format; ignored"
                self._note_once("column.extra", row_path.split(".", 1)[0], message)
                continue
            path = keys.get(leaf.column.key) if leaf is not None and leaf.column else None
            if path is not None:
                yield Piece(cell.text, position, path)
            elif cell.text.strip():
                message = f"{_shown(cell.text)!r} is under no column of this row; ignored"
                self._note_once("cell.unplaced", row_path, message)

    def _column_labels(self, row: Row) -> tuple[str, ...]:
        printed = {leaf.column.key: leaf.label for leaf in self.header if leaf.column}
        return tuple(printed.get(column.key, column.zh) for column in row.columns)

    def _review(self, grid: Grid, values: Sequence[GridCell]) -> None:
        table = self.spec.review_litigation
        leaves = [leaf for leaf in self.header if leaf.column is not None and leaf.row]
        if not leaves:
            leaves = [
                _Leaf(column, row.key, column.zh, frozenset())
                for row in table.rows
                for column in row.columns
            ]
        if len(leaves) != len(values):
            leaves_by_cell = [(cell, _overlap(cell, leaves)) for cell in values]
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


def _shown(text: str) -> str:
    return " ".join(text.split())


def _numbers_only(grid: Grid) -> bool:
    """Whether a grid prints numbers and nothing else (a table with its header lost)."""
    return bool(grid.cells) and all(is_value_like(cell.text) for cell in grid.cells)


def _label_cells(cells: Sequence[GridCell]) -> list[GridCell]:
    """The cells left of the first value-like cell: the row's labels, merged ones included."""
    labels: list[GridCell] = []
    for cell in cells:
        if is_value_like(cell.text):
            break
        labels.append(cell)
    return labels


def _leaves(grid: Grid, rows: Sequence[int], labels: TableIndex) -> list[_Leaf]:
    """The columns a block of header rows names, left to right (the deepest label wins).

    A cell spanning many columns is matched once (its matches are kept by text).
    """
    found: dict[tuple[str | None, str | None], _Leaf] = {}
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
                named, printed, extra = match.column, _shown(cell.text), match.column is None
            if row_match is not None:
                row_key, row_printed = row_match.row.key, _shown(cell.text)
        if named is None and not extra and len(texts) > 1:
            match = labels.match_column("".join(texts[-2:]))
            if match is not None:
                named, printed, extra = (
                    match.column,
                    _shown(" ".join(texts[-2:])),
                    match.column is None,
                )
        if named is None and not extra:
            continue
        key = (named.key if named else "(extra)", row_key)
        covered.setdefault(key, []).append(column)
        found[key] = _Leaf(named, row_key, printed, frozenset(), row_printed)
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


def _map(
    values: Sequence[GridCell], header: Sequence[_Leaf], columns: Sequence[Column]
) -> list[tuple[GridCell, _Leaf | None]]:
    """Each value cell with the header column over it: in order when the counts agree."""
    if len(values) == len(header):
        return list(zip(values, header, strict=True))
    if not header and len(values) == len(columns):
        return [
            (cell, _Leaf(column, None, column.zh, frozenset()))
            for cell, column in zip(values, columns, strict=True)
        ]
    return [(cell, _overlap(cell, header)) for cell in values]


def _overlap(cell: GridCell, leaves: Sequence[_Leaf]) -> _Leaf | None:
    """The one header column over a cell, if exactly one covers it."""
    over = [leaf for leaf in leaves if leaf.columns & set(cell.columns)]
    return over[0] if len(over) == 1 else None

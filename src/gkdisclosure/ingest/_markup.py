"""An HTML page as paragraphs and table grids, with the standard library's parser.

No network, no entities beyond HTML's own, no external parser. Row and
column spans are expanded into a grid; text inside a cell keeps its line
breaks (``<p>``, ``<br>``), spans and Word's inline markup are joined.
Tables inside a cell (layout tables) are kept apart and referenced from
the cell's text by a marker line, so that document order survives.
"""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Final

from attrs import define, field, frozen

from ..limits import MAX_ELEMENTS, MAX_TITLE_CHARS
from ._result import IngestError

__all__ = ["Document", "Grid", "GridCell", "Paragraph", "SpanCell", "build_grid", "parse_html"]

#: More table cells than this in a page is no report page (a report has a few hundred).
MAX_CELLS: Final = 20_000
#: The largest ``colspan`` and ``rowspan`` read; a larger one is read as this.
MAX_COLSPAN: Final = 100
MAX_ROWSPAN: Final = 500
#: More grid slots than this over all the tables of a page (a cell of ``colspan=2
#: rowspan=3`` takes six) is no report page: spans cannot multiply the work.
MAX_SLOTS: Final = 200_000
#: Tables nested deeper than this are no report page.
MAX_NESTING: Final = 32
#: A line of a cell's text that stands for the table nested there: the marker, then its index.
NESTED: Final = "\x00table:"

_SKIP: Final = frozenset(
    {"script", "style", "template", "noscript", "textarea", "select", "svg", "math", "object"}
)
_BREAKS: Final = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
        "h6", "section", "article", "header", "footer", "blockquote", "pre", "hr", "center",
        "form", "nav", "aside", "main", "figure", "figcaption", "caption", "address", "tr",
        "tbody", "thead", "tfoot", "body", "html", "head",
    }
)  # fmt: skip


@frozen
class Paragraph:
    """Text outside the tables, one block (a ``<p>``, a heading, a line)."""

    text: str


@frozen
class GridCell:
    """A table cell and the grid slots it covers: rows ``top`` … ``top + height - 1``."""

    text: str
    top: int
    left: int
    height: int
    width: int

    @property
    def columns(self) -> range:
        """The grid columns the cell covers."""
        return range(self.left, self.left + self.width)


@frozen
class Grid:
    """A ``<table>`` with its spans expanded; ``index`` counts tables in document order."""

    index: int
    cells: tuple[GridCell, ...]
    rows: int
    columns: int
    _slots: dict[tuple[int, int], GridCell] = field(repr=False, eq=False)

    def slot(self, row: int, column: int) -> GridCell | None:
        """The cell covering a grid slot, if any."""
        return self._slots.get((row, column))

    def row(self, row: int) -> list[GridCell]:
        """The distinct cells covering a grid row, left to right (spanned ones included)."""
        found: list[GridCell] = []
        for column in range(self.columns):
            cell = self._slots.get((row, column))
            if cell is not None and (not found or found[-1] is not cell):
                found.append(cell)
        return found


@frozen
class Document:
    """A parsed page: its ``<title>``, its top-level blocks, and every table by index."""

    title: str | None
    blocks: tuple[Paragraph | Grid, ...]
    grids: tuple[Grid, ...]
    #: Whether each paragraph is one printed line (a PDF's text between its tables), so that
    #: a sentence may run on over the next paragraphs.
    wrapped: bool = False


@define
class _RawCell:
    rowspan: int
    colspan: int
    parts: list[str] = field(factory=list)


@define
class _Table:
    index: int
    depth: int
    rows: list[list[_RawCell]] = field(factory=list)
    cell: _RawCell | None = None


def _span(value: str | None, most: int) -> int:
    digits = "".join(ch for ch in (value or "").strip()[:6] if ch.isascii() and ch.isdigit())
    return min(max(int(digits), 1), most) if digits else 1


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Paragraph | Grid | int] = []
        self.grids: dict[int, Grid] = {}
        self.title: list[str] | None = None
        self.title_text: str | None = None
        self.paragraph: list[str] = []
        self.stack: list[_Table] = []
        self.skip = 0
        self.count = 0
        self.cells = 0
        self.slots = 0
        self.elements = 0
        self.title_chars = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise IngestError(f"more than {MAX_ELEMENTS:,} elements (MAX_ELEMENTS): no report page")
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title" and self.title_text is None:
            self.title = []
        elif tag == "table":
            self._open_table()
        elif tag == "tr" and self.stack:
            self._close_cell()
            self.stack[-1].rows.append([])
        elif tag in {"td", "th"} and self.stack:
            self._open_cell(dict(attrs))
        elif tag in _BREAKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs  # a void element carries no text; its attributes do not matter
        if tag in _BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag == "title" and self.title is not None:
            self.title_text = "".join(self.title)
            self.title = None
        elif tag == "table" and self.stack:
            self._close_table()
        elif tag in {"td", "th"} and self.stack:
            self._close_cell()
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.title is not None:
            self.title.append(data)
            self.title_chars += len(data)
            if self.title_chars > MAX_TITLE_CHARS:
                raise IngestError(
                    f"a title of more than {MAX_TITLE_CHARS:,} characters (MAX_TITLE_CHARS): "
                    "no report page"
                )
            return
        table = self.stack[-1] if self.stack else None
        if table is None:
            self.paragraph.append(data)
        elif table.cell is not None:
            table.cell.parts.append(data)

    def _break(self) -> None:
        if self.stack and self.stack[-1].cell is not None:
            self.stack[-1].cell.parts.append("\n")
        elif not self.stack:
            self._flush()

    def _flush(self) -> None:
        text = "".join(self.paragraph).strip()
        self.paragraph = []
        if text:
            self.blocks.append(Paragraph(text))

    def _open_table(self) -> None:
        if len(self.stack) >= MAX_NESTING:
            raise IngestError(
                f"tables nested more than {MAX_NESTING} deep (MAX_NESTING): no report page"
            )
        self._flush()
        index = self.count
        self.count += 1
        if self.stack:
            outer = self.stack[-1]
            if outer.cell is None:
                self._open_cell({})
            if outer.cell is not None:
                outer.cell.parts.append(f"\n{NESTED}{index}\n")
        else:
            self.blocks.append(index)
        self.stack.append(_Table(index, len(self.stack)))

    def _open_cell(self, attrs: dict[str, str | None]) -> None:
        table = self.stack[-1]
        self._close_cell()
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise IngestError(f"more than {MAX_CELLS:,} table cells (MAX_CELLS): no report page")
        if not table.rows:
            table.rows.append([])
        cell = _RawCell(
            _span(attrs.get("rowspan"), MAX_ROWSPAN), _span(attrs.get("colspan"), MAX_COLSPAN)
        )
        table.rows[-1].append(cell)
        table.cell = cell

    def _close_cell(self) -> None:
        if self.stack:
            self.stack[-1].cell = None

    def _close_table(self) -> None:
        table = self.stack.pop()
        rows = [
            [SpanCell("".join(raw.parts), raw.rowspan, raw.colspan) for raw in row]
            for row in table.rows
        ]
        grid = build_grid(table.index, rows, MAX_SLOTS - self.slots)
        self.slots += sum(cell.height * cell.width for cell in grid.cells)
        self.grids[table.index] = grid

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close_table()
        self._flush()


@frozen
class SpanCell:
    """A cell as a table lists it, row by row: its text, its spans, and where it starts.

    ``left`` is the grid column the cell starts at, where the source says
    (a Word row skipping columns); ``None`` for the first free column, as
    in HTML.
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    left: int | None = None


def build_grid(index: int, rows: Sequence[Sequence[SpanCell]], budget: int = MAX_SLOTS) -> Grid:
    """Expand the spans of a table's rows into a grid (a span past the last row is cut).

    Raises :exc:`IngestError` past ``budget`` slots: what the page has left of
    :data:`MAX_SLOTS` (all of it by default), and for a grid of more than
    :data:`MAX_SLOTS` slots (rows × columns, empty ones included).
    """
    slots: dict[tuple[int, int], GridCell] = {}
    used = 0
    cells: list[GridCell] = []
    height_of_table = len(rows)
    for top, row in enumerate(rows):
        left = 0
        for raw in row:
            if raw.left is not None:
                left = max(left, raw.left)
            while (top, left) in slots:
                left += 1
            cell = GridCell(
                raw.text,
                top,
                left,
                min(raw.rowspan, height_of_table - top),
                raw.colspan,
            )
            used += cell.height * cell.width
            if used > budget:
                raise IngestError(
                    f"tables of more than {MAX_SLOTS:,} slots in all (MAX_SLOTS): no report page"
                )
            for row_index in range(top, top + cell.height):
                for column in cell.columns:
                    slots.setdefault((row_index, column), cell)
            cells.append(cell)
            left += cell.width
    columns = 1 + max((column for _, column in slots), default=-1)
    if height_of_table * columns > MAX_SLOTS:
        # the readers walk every slot of every row: rows × columns bounds their work
        reason = (
            f"a table of {height_of_table:,} rows and {columns:,} columns, more than "
            f"{MAX_SLOTS:,} slots (MAX_SLOTS): no report page"
        )
        raise IngestError(reason)
    return Grid(index, tuple(cells), height_of_table, columns, slots)


def parse_html(text: str) -> Document:
    """Parse a page; raise :exc:`IngestError` for markup that cannot be a report page."""
    parser = _Parser()
    try:
        parser.feed(text)
        parser.close()
    except IngestError:
        raise
    except (AssertionError, ValueError, IndexError) as error:  # pragma: no cover - parser quirks
        raise IngestError(f"the markup cannot be parsed: {error}") from error
    blocks = tuple(
        parser.grids[block] if isinstance(block, int) else block for block in parser.blocks
    )
    grids = tuple(parser.grids[index] for index in sorted(parser.grids))
    title = parser.title_text.strip() if parser.title_text else None
    return Document(title or None, blocks, grids)

"""The ruled tables of a PDF as grids, and the text around them as paragraphs.

Each page's rules (lines and the edges of thin rectangles) are turned
into cell boxes by pdfplumber's table finder; a table whose rules run off
the top or bottom of the page (a table continued from or on another page)
is closed there by a rule of its own. The cell boxes of a table are laid
on the grid of all their edges, so a box over several slots becomes a
cell with a row or column span; a table continued on the next page is
joined to its first part (on the union of both parts' column edges). A
glyph belongs to the cell its centre lies in; a cell without glyphs stays
blank. The result is the same :class:`~._markup.Document` the HTML reader
walks, with the page and box of every grid cell beside it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

from attrs import define, field, frozen

from ..catalog import vocabulary as vocab
from ..limits import (
    MAX_PDF_PAGE_RULE_PAIRS,
    MAX_PDF_PAGE_RULES,
    MAX_PDF_PAGE_SLOTS,
    MAX_PDF_PAGE_TABLES,
)
from ._cells import is_value_like
from ._markup import MAX_CELLS, Document, Grid, GridCell, Paragraph
from ._result import IngestError

__all__ = ["Box", "Layout", "lay_out"]

#: Two edges closer than this (in points) are one.
_SNAP: Final = 2.0
#: Two parts of a table on consecutive pages whose edges are this close share them.
_ALIGN: Final = 4.0
#: Shorter rules are ticks, underlines or glyph parts, not table rules.
_SHORTEST_RULE: Final = 5.0
#: A filled rectangle at most this thick is a rule; a thicker one is a background.
_THICKEST_RULE: Final = 2.5
#: A table is at least this wide; narrower rules frame a box, not a table.
_NARROWEST_TABLE: Final = 20.0
_ONE_COLUMN: Final = 2
#: Rules are compared only with rules in the same of this many bands across the page.
_BANDS: Final = 64

#: Where a cell was printed: ``(page, (x0, top, x1, bottom))``, page from 1, box in points.
Box = tuple[int, tuple[float, float, float, float]]


@frozen
class Layout:
    """A PDF as a document to walk, with where each grid cell was printed.

    ``boxes`` maps ``(grid, row, column)`` of a cell's top-left slot to its
    page and box; ``lines`` are the text lines outside the tables, page by
    page, in reading order; ``clipped`` the cells cut off by a page's edge
    (read as blank: what is not printed is not known).
    """

    document: Document
    boxes: dict[tuple[int, int, int], Box]
    lines: tuple[str, ...]
    clipped: frozenset[tuple[int, int, int]] = frozenset()


@define
class _Cell:
    text: str
    top: int
    left: int
    height: int
    width: int
    page: int
    box: tuple[float, float, float, float]
    clipped: bool = False


@define
class _Part:
    """A ruled table as printed on one page (or several, once joined)."""

    xs: list[float]
    rows: int
    cells: list[_Cell]
    page: int
    x0: float
    x1: float
    open_top: bool
    open_bottom: bool
    last_page: int = field(default=0)
    bbox: tuple[float, float, float, float] = field(default=(0.0, 0.0, 0.0, 0.0))


def lay_out(
    pages: Iterable[Any], starts_row: Callable[[str], bool], plain: Mapping[int, Sequence[str]]
) -> Layout:
    """Lay out the pages (pdfplumber pages): tables joined across pages, text lines between.

    ``starts_row`` tells whether a text is a row label (a row cut by a
    page break prints part of its label on each page); ``plain`` gives
    the lines of the pages (by number, from 1) not to be parsed, as they
    hold no table.
    """
    blocks: list[_Part | str] = []
    lines: list[str] = []
    count = 0
    for number, page in enumerate(pages, start=1):
        first = True
        found = list(plain[number]) if number in plain else _page_blocks(page, number)
        for block in found:
            if isinstance(block, str):
                lines.append(block)
                if _furniture(block):
                    continue
            else:
                count += len(block.cells)
                if count > MAX_CELLS:
                    raise IngestError(f"more than {MAX_CELLS:,} table cells (MAX_CELLS): no report")
                previous = blocks[-1] if blocks else None
                if first and isinstance(previous, _Part) and _continues(previous, block):
                    _join(previous, block, starts_row)
                    first = False
                    continue
            first = False
            blocks.append(block)
    return _document(blocks, tuple(lines))


def _furniture(line: str) -> bool:
    return any(pattern.fullmatch(line.strip()) for pattern in vocab.PAGE_FURNITURE)


def _page_blocks(page: Any, number: int) -> list[_Part | str]:
    """A page's tables and text lines, top to bottom."""
    width, height = float(page.width), float(page.height)
    # what lies off the page is not printed
    chars = [c for c in page.chars if _inside(c, (0.0, 0.0, width, height))]
    parts = list(_tables(page, chars, number))
    for part in parts:
        for cell in part.cells:
            x0, top, x1, bottom = cell.box
            if x0 < -_SNAP or top < -_SNAP or x1 > width + _SNAP or bottom > height + _SNAP:
                cell.clipped, cell.text = True, ""
    outside = [c for c in chars if not any(_inside(c, part.bbox) for part in parts)]
    placed: list[tuple[float, _Part | str]] = [(part.bbox[1], part) for part in parts]
    placed += list(_lines(outside))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _tables(page: Any, chars: Sequence[dict[str, Any]], number: int) -> Iterator[_Part]:
    """The ruled tables of a page: each group of rules that touch one another.

    A page of more rules, pairs of rules to compare, tables or slots than
    its limit is refused (:mod:`gkdisclosure.limits`) before the work they
    would take.
    """
    rules = _rules(page)
    if len(rules) > MAX_PDF_PAGE_RULES:
        reason = f"page {number} has more than {MAX_PDF_PAGE_RULES:,} rules (MAX_PDF_PAGE_RULES)"
        raise IngestError(f"{reason}: no report")
    slots = tables = 0
    for group in _touching(rules, float(page.width), number):
        part = _part(group, chars, number, MAX_PDF_PAGE_SLOTS - slots)
        if part is not None:
            tables += 1
            if tables > MAX_PDF_PAGE_TABLES:
                reason = f"page {number} has more than {MAX_PDF_PAGE_TABLES} ruled tables"
                raise IngestError(f"{reason} (MAX_PDF_PAGE_TABLES): no report")
            slots += part.rows * (len(part.xs) - 1)
            yield part


def _rules(page: Any) -> list[_Rule]:
    """The page's rules: lines, stroked rectangles' sides, thin filled rectangles.

    A filled rectangle thicker than a rule is a background, not a border.
    The same rule drawn twice is one.
    """
    rules = [_rule(line["x0"], line["top"], line["x1"], line["bottom"]) for line in page.lines]
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke"):
            rules += [
                _rule(x0, top, x1, top),
                _rule(x0, bottom, x1, bottom),
                _rule(x0, top, x0, bottom),
                _rule(x1, top, x1, bottom),
            ]
        elif min(x1 - x0, bottom - top) <= _THICKEST_RULE:
            rules.append(_rule(x0, top, x1, bottom))
    return list(dict.fromkeys(rule for rule in rules if rule.length >= _SHORTEST_RULE))


def _rule(x0: float, top: float, x1: float, bottom: float) -> _Rule:
    """A rule along the longer side of a box, through its middle."""
    if x1 - x0 >= bottom - top:
        middle = (top + bottom) / 2
        return _Rule(horizontal=True, x0=x0, top=middle, x1=x1, bottom=middle)
    middle = (x0 + x1) / 2
    return _Rule(horizontal=False, x0=middle, top=top, x1=middle, bottom=bottom)


@frozen
class _Rule:
    horizontal: bool
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def length(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)

    def touches(self, other: _Rule) -> bool:
        return (
            self.x0 - _SNAP <= other.x1
            and other.x0 - _SNAP <= self.x1
            and self.top - _SNAP <= other.bottom
            and other.top - _SNAP <= self.bottom
        )


def _touching(rules: Sequence[_Rule], width: float, number: int) -> list[list[_Rule]]:
    """The rules in groups that touch one another, in first-drawn order.

    Rules are compared only within the bands across the page they reach
    into (a long rule reaches into several), each band's rules from the
    top down while they can still touch: n·log n in the rules, but for
    rules that lie on one another, whose pairs are counted against
    :data:`~gkdisclosure.limits.MAX_PDF_PAGE_RULE_PAIRS`.
    """
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _near(rules, width, number):
        if rules[i].touches(rules[j]):
            parent[root(i)] = root(j)
    groups: dict[int, list[_Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _near(rules: Sequence[_Rule], width: float, number: int) -> Iterator[tuple[int, int]]:
    """The pairs of rules near enough to touch: in one band, one starting above the other's end."""
    size = max(width, 1.0) / _BANDS
    bands: dict[int, list[int]] = {}
    for i, rule in enumerate(rules):
        for band in range(_band(rule.x0 - _SNAP, size), _band(rule.x1 + _SNAP, size) + 1):
            bands.setdefault(band, []).append(i)
    pairs = 0
    for members in bands.values():
        members.sort(key=lambda i: rules[i].top)
        for at, i in enumerate(members):
            for j in itertools.islice(members, at + 1, None):
                if rules[j].top - _SNAP > rules[i].bottom:
                    break
                pairs += 1
                yield i, j
            if pairs > MAX_PDF_PAGE_RULE_PAIRS:
                reason = (
                    f"page {number} has rules lying on one another, more than "
                    f"{MAX_PDF_PAGE_RULE_PAIRS:,} pairs (MAX_PDF_PAGE_RULE_PAIRS): no report"
                )
                raise IngestError(reason)


def _band(x: float, size: float) -> int:
    """The band a coordinate lies in; everything left or right of the page in the first or last."""
    return min(max(int(x // size), -1), _BANDS)


def _inside(char: dict[str, Any], box: Sequence[float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _snap(values: Iterable[float], within: float = _SNAP) -> list[float]:
    snapped: list[float] = []
    for value in sorted(values):
        if not snapped or value - snapped[-1] > within:
            snapped.append(value)
    return snapped


def _index(edges: Sequence[float], value: float) -> int:
    """The edge nearest a coordinate."""
    at = bisect.bisect_left(edges, value)
    near = [i for i in (at - 1, at) if 0 <= i < len(edges)]
    return min(near, key=lambda i: abs(edges[i] - value))


def _part(
    rules: Sequence[_Rule], chars: Sequence[dict[str, Any]], number: int, slots: int
) -> _Part | None:
    """A table from its rules: slots between all edges, joined where no rule parts them.

    Vertical rules running past the last horizontal one (a table cut by
    the page's edge) close the table where they end; the part is *open*
    there. A table of more than ``slots`` slots (what the page has left of
    :data:`~gkdisclosure.limits.MAX_PDF_PAGE_SLOTS`) is refused.
    """
    verticals = [r for r in rules if not r.horizontal]
    horizontals = [r for r in rules if r.horizontal]
    if len(verticals) < 2 or not horizontals:  # noqa: PLR2004 - a box needs two sides
        return None
    xs = _snap(x for r in rules for x in (r.x0, r.x1))
    ruled = _snap(y for r in horizontals for y in (r.top, r.bottom))
    top, bottom = min(r.top for r in verticals), max(r.bottom for r in verticals)
    ys = _snap([*ruled, top, bottom])
    if xs[-1] - xs[0] < _NARROWEST_TABLE or len(ys) < 2:  # noqa: PLR2004 - one row at least
        return None
    if len(xs) <= _ONE_COLUMN:  # a table of one column is a frame around text
        return None
    if (len(xs) - 1) * (len(ys) - 1) > slots:
        reason = (
            f"page {number}'s ruled tables have more than {MAX_PDF_PAGE_SLOTS:,} slots "
            "(MAX_PDF_PAGE_SLOTS): no report"
        )
        raise IngestError(reason)
    spans = _spans(xs, ys, _Borders(verticals, xs, vertical=True), _Borders(horizontals, ys))
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    held = _placed(chars, xs, ys, spans)
    cells: list[_Cell] = []
    for (r0, c0, r1, c1), inside in zip(spans, held, strict=True):
        box = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        text = _cell_text([line for _, line in _lines(inside)])
        cells.append(_Cell(text, r0, c0, r1 - r0 + 1, c1 - c0 + 1, number, box))
    return _Part(
        xs=xs,
        rows=len(ys) - 1,
        cells=cells,
        page=number,
        x0=xs[0],
        x1=xs[-1],
        open_top=ruled[0] - top > _SNAP,
        open_bottom=bottom - ruled[-1] > _SNAP,
        last_page=number,
        bbox=bbox,
    )


def _placed(
    chars: Sequence[dict[str, Any]],
    xs: Sequence[float],
    ys: Sequence[float],
    spans: Sequence[tuple[int, int, int, int]],
) -> list[list[dict[str, Any]]]:
    """The glyphs of each cell: a glyph is in the slot its centre lies in, so in its cell."""
    at: dict[tuple[int, int], int] = {}
    for which, (r0, c0, r1, c1) in enumerate(spans):
        for row in range(r0, r1 + 1):
            for column in range(c0, c1 + 1):
                at.setdefault((row, column), which)
    held: list[list[dict[str, Any]]] = [[] for _ in spans]
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    for char in chars:
        if _inside(char, bbox):
            x = (char["x0"] + char["x1"]) / 2
            y = (char["top"] + char["bottom"]) / 2
            row = min(max(bisect.bisect_left(ys, y) - 1, 0), len(ys) - 2)
            column = min(max(bisect.bisect_left(xs, x) - 1, 0), len(xs) - 2)
            found = at.get((row, column))
            if found is not None:
                held[found].append(char)
    return held


def _cell_text(lines: Sequence[str]) -> str:
    """A cell's lines; a number wrapped digit by digit in a narrow cell is one number."""
    if len(lines) > 1 and all(line.isascii() and line.isdigit() for line in lines):
        return "".join(lines)
    return "\n".join(lines)


class _Borders:
    """Where rules run along each edge of a grid, to ask in log time whether one parts two slots.

    A rule runs along an edge when it lies within :data:`_SNAP` of it; the
    stretches it covers along the edge are kept merged and sorted.
    """

    def __init__(
        self, rules: Sequence[_Rule], edges: Sequence[float], *, vertical: bool = False
    ) -> None:
        covered: dict[int, list[tuple[float, float]]] = {}
        for r in rules:
            low, high = (r.x0, r.x1) if vertical else (r.top, r.bottom)
            stretch = (r.top, r.bottom) if vertical else (r.x0, r.x1)
            first = bisect.bisect_left(edges, low - _SNAP)
            last = bisect.bisect_right(edges, high + _SNAP)
            for edge in range(first, last):
                covered.setdefault(edge, []).append(stretch)
        self._starts: dict[int, list[float]] = {}
        self._ends: dict[int, list[float]] = {}
        for edge, stretches in covered.items():
            merged: list[list[float]] = []
            for start, end in sorted(stretches):
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self._starts[edge] = [start for start, _ in merged]
            self._ends[edge] = [end for _, end in merged]

    def crossed(self, edge: int, middle: float) -> bool:
        """Whether a rule runs along the edge through ``middle`` (a border between two slots)."""
        starts = self._starts.get(edge)
        if not starts:
            return False
        at = bisect.bisect_right(starts, middle) - 1
        return at >= 0 and middle <= self._ends[edge][at]


def _spans(
    xs: Sequence[float],
    ys: Sequence[float],
    verticals: _Borders,
    horizontals: _Borders,
) -> list[tuple[int, int, int, int]]:
    """The cells as (first row, first column, last row, last column) of the slots they cover.

    Slots side by side with no rule between them make one run of a row;
    a run goes on down into the run below when that one covers the same
    columns and no rule parts them — so every cell is a rectangle.
    """
    open_runs: dict[tuple[int, int], list[int]] = {}
    spans: list[tuple[int, int, int, int]] = []
    for row in range(len(ys) - 1):
        middle = (ys[row] + ys[row + 1]) / 2
        runs: list[tuple[int, int]] = []
        first = 0
        for column in range(1, len(xs)):
            if column == len(xs) - 1 or verticals.crossed(column, middle):
                runs.append((first, column - 1))
                first = column
        still: dict[tuple[int, int], list[int]] = {}
        for c0, c1 in runs:
            above = open_runs.pop((c0, c1), None)
            parted = any(
                horizontals.crossed(row, (xs[c] + xs[c + 1]) / 2) for c in range(c0, c1 + 1)
            )
            if above is not None and not parted:
                above[2] = row
                still[c0, c1] = above
                continue
            if above is not None:
                spans.append((above[0], above[1], above[2], above[3]))
            still[c0, c1] = [row, c0, row, c1]
        spans.extend((s[0], s[1], s[2], s[3]) for s in open_runs.values())
        open_runs = still
    spans.extend((s[0], s[1], s[2], s[3]) for s in open_runs.values())
    return spans


def _lines(chars: Iterable[dict[str, Any]]) -> Iterator[tuple[float, str]]:
    """Glyphs gathered into lines by their centres, each line's glyphs left to right."""
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        centre = (char["top"] + char["bottom"]) / 2
        if rows:
            last = rows[-1][0]
            if (
                abs(centre - (last["top"] + last["bottom"]) / 2)
                <= (last["bottom"] - last["top"]) / 2
            ):
                rows[-1].append(char)
                continue
        rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text: list[str] = []
        for before, char in zip([None, *row], row, strict=False):
            gap = 0.0 if before is None else char["x0"] - before["x1"]
            if gap > (char["x1"] - char["x0"]) / 2 and text and not text[-1].isspace():
                text.append(" ")
            text.append(char["text"])
        line = "".join(text).replace("\x00", "").strip()
        if line:
            yield row[0]["top"], line


def _continues(first: _Part, second: _Part) -> bool:
    """Whether a table at the top of a page goes on from one at the bottom of the page before."""
    overlap = min(first.x1, second.x1) - max(first.x0, second.x0)
    return second.page == first.last_page + 1 and overlap > (second.x1 - second.x0) / 2


def _join(first: _Part, second: _Part, starts_row: Callable[[str], bool]) -> None:
    """Append the second part's rows to the first, on the union of both parts' column edges.

    A row cut by the page break (both parts open there, or a label that
    only names a row together with the one above) is one row, its text
    read on; an empty label cell under a label goes on with it.
    """
    xs = _snap([*first.xs, *second.xs], _ALIGN)
    for cell in (*first.cells, *second.cells):
        _regrid(cell, second.xs if cell.page == second.page else first.xs, xs)
    above = {(c.left, c.width): c for c in first.cells if c.top + c.height == first.rows}
    cut = (first.open_bottom and second.open_top) or _label_cut(above, second, starts_row)
    offset = first.rows - 1 if cut else first.rows
    labels = _label_columns(second)
    for cell in second.cells:
        if cell.top == 0:
            upper = above.get((cell.left, cell.width))
            if upper is not None and (cut or (not cell.text and cell.left in labels)):
                upper.text = ("" if cut else "\n").join(t for t in (upper.text, cell.text) if t)
                upper.height += cell.height - (1 if cut else 0)
                continue
        cell.top += offset
        first.cells.append(cell)
    first.xs = xs
    first.rows = offset + second.rows
    first.open_bottom = second.open_bottom
    first.last_page = second.page
    first.x0, first.x1 = min(first.x0, second.x0), max(first.x1, second.x1)


def _label_cut(
    above: dict[tuple[int, int], _Cell], second: _Part, starts_row: Callable[[str], bool]
) -> bool:
    """Whether the second part's first label is the end of the label above it."""
    row = sorted((c for c in second.cells if c.top == 0), key=lambda c: c.left)
    label = None
    for cell in row:
        if cell.text and is_value_like(cell.text):
            break
        if cell.text:
            label = cell
    if label is None or starts_row(label.text):
        return False
    upper = above.get((label.left, label.width))
    return upper is not None and bool(upper.text) and starts_row(upper.text + label.text)


def _regrid(cell: _Cell, old: Sequence[float], new: Sequence[float]) -> None:
    left = _index(new, old[cell.left])
    right = _index(new, old[cell.left + cell.width])
    cell.left, cell.width = left, max(right - left, 1)


def _label_columns(part: _Part) -> set[int]:
    """The columns left of the first number in the part's first row (its label cells)."""
    first = sorted((c for c in part.cells if c.top == 0), key=lambda c: c.left)
    columns: set[int] = set()
    for cell in first:
        if cell.text and is_value_like(cell.text):
            break
        columns.add(cell.left)
    return columns


def _document(blocks: Sequence[_Part | str], lines: tuple[str, ...]) -> Layout:
    out: list[Paragraph | Grid] = []
    grids: list[Grid] = []
    boxes: dict[tuple[int, int, int], Box] = {}
    clipped: set[tuple[int, int, int]] = set()
    for block in blocks:
        if isinstance(block, str):
            out.append(Paragraph(block))
            continue
        grid = _grid(len(grids), block)
        grids.append(grid)
        out.append(grid)
        for cell in block.cells:
            boxes[grid.index, cell.top, cell.left] = (cell.page, _rounded(cell.box))
            if cell.clipped:
                clipped.add((grid.index, cell.top, cell.left))
    document = Document(None, tuple(out), tuple(grids), wrapped=True)
    return Layout(document, boxes, lines, frozenset(clipped))


def _without_leading_blanks(cells: Sequence[_Cell]) -> list[_Cell]:
    """The cells but the empty ones left of a row's label (the rest of a label cut by a page)."""
    rows: dict[int, list[_Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.top, []).append(cell)
    kept: list[_Cell] = []
    for row in rows.values():
        row.sort(key=lambda c: c.left)
        first = next((c for c in row if c.text), None)
        labelled = first is not None and not is_value_like(first.text)
        kept += [c for c in row if c.text or c.clipped or not labelled or c.left > first.left]  # type: ignore[union-attr]
    return kept


def _rounded(box: Sequence[float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (round(float(value), 2) for value in box)
    return x0, top, x1, bottom


def _grid(index: int, part: _Part) -> Grid:
    slots: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    for raw in sorted(_without_leading_blanks(part.cells), key=lambda c: (c.top, c.left)):
        cell = GridCell(raw.text, raw.top, raw.left, raw.height, raw.width)
        for row in range(cell.top, cell.top + cell.height):
            for column in cell.columns:
                slots.setdefault((row, column), cell)
        cells.append(cell)
    columns = max(len(part.xs) - 1, 0)
    return Grid(index, tuple(cells), part.rows, columns, slots)

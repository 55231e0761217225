"""Two readings of one PDF made into one: the tables' geometry, checked cell by cell by its text.

The geometry reading is kept where it found a cell; a row or table it did
not find is taken from the text reading. Where both read a number for a
cell and the numbers differ, neither is trusted: the cell is not reported
and a note names both readings.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Final

from attrs import evolve

from ..catalog import Edition, edition
from ..model import paths
from ._grid import row_paths
from ._pdf_tables import Layout
from ._result import CellSource, CellState, IngestError, IngestNote, IngestResult, Provenance
from .html import read_document
from .text import _read as read_text_document

__all__ = ["read_both"]

_NOT_READ: Final = frozenset({CellState.MISSING})


def read_both(  # noqa: PLR0913 - the two readings and what they share
    layout: Layout | None,
    texts: Sequence[str],
    name: str | None,
    given: tuple[str, int, Edition | None],
    *,
    infer: bool,
    geometry_error: IngestError | None,
) -> IngestResult:
    """Read the geometry and the text; raise the first error when neither finds a table."""
    error = geometry_error
    geometry: IngestResult | None = None
    if layout is not None:
        try:
            geometry = read_document(layout.document, name, [], given, infer=infer)
        except IngestError as problem:
            error = problem
    agency, year, which = given
    chosen = which or (Edition(geometry.report.edition) if geometry is not None else None)
    joined = "\n".join(texts)
    starts = list(itertools.accumulate((text.count("\n") + 1 for text in texts), initial=1))
    try:
        text = read_text_document(joined, name, [], (agency, year, chosen), infer=infer)
    except IngestError as problem:
        text, error = None, error or problem
    if geometry is None:
        if text is None:
            raise error or IngestError("no statutory table was found", name)
        if geometry_error is not None:
            message = (
                f"the tables' rules could not be read ({geometry_error.reason}): "
                "read from the text layer"
            )
            text = evolve(text, notes=(*text.notes, IngestNote("pdf.text", (), message)))
        return _placed(text, None, starts)
    if text is None:
        return _placed(geometry, layout, starts)
    return _placed(_merge(geometry, text), layout, starts)


def _placed(result: IngestResult, layout: Layout | None, starts: Sequence[int]) -> IngestResult:
    """Each cell with the page (and, for a grid cell, the box) it was printed in."""
    cells: list[CellSource] = []
    notes = list(result.notes)
    boxes = layout.boxes if layout is not None else {}
    clipped = layout.clipped if layout is not None else frozenset()
    for cell in result.provenance:
        position = cell.position
        if position is None or cell.page is not None:
            cells.append(cell)
        elif position.table is None:
            cells.append(evolve(cell, page=bisect.bisect_right(starts, position.row)))
        else:
            key = (position.table, position.row, position.column)
            place = boxes.get(key)
            placed = cell
            if key in clipped and cell.state is CellState.BLANK:
                reason = "the cell is cut off by the page's edge: what is not printed is not known"
                placed = evolve(cell, state=CellState.UNREADABLE, reason=reason)
                notes.append(IngestNote("pdf.clipped", (cell.path,), reason))
            if place is not None:
                placed = evolve(placed, page=place[0], box=place[1])
            cells.append(placed)
    return evolve(result, provenance=Provenance(tuple(cells)), notes=tuple(notes))


def _merge(geometry: IngestResult, text: IngestResult) -> IngestResult:
    """The geometry's reading, rows it missed from the text, disagreements unreported."""
    report = geometry.report
    values = {cell.path: value for cell, value in paths.cells(report)}
    other = {cell.path: value for cell, value in paths.cells(text.report)}
    cells: dict[str, CellSource] = {cell.path: cell for cell in geometry.provenance}
    notes = list(geometry.notes)
    filled: set[str] = set()
    for cell in text.provenance:
        mine = cells.get(cell.path)
        theirs = other.get(cell.path)
        if mine is None or (mine.state in _NOT_READ and cell.state not in _NOT_READ):
            report = paths.replace(report, cell.path, theirs, build=True)
            cells[cell.path] = cell
            if cell.state not in _NOT_READ:
                filled.add(cell.path.rsplit(".", 1)[0])
            continue
        if mine.state in _NOT_READ:
            continue
        ours = values.get(cell.path)
        if ours is None or theirs is None or ours == theirs:
            continue
        reason = (
            f"the table's rules place {mine.raw!r} here, its text {cell.raw!r}; "
            "the two readings disagree"
        )
        cells[cell.path] = evolve(mine, state=CellState.UNREADABLE, reason=reason)
        report = paths.replace(report, cell.path, None)
        notes.append(IngestNote("pdf.disagree", (cell.path,), f"{reason}: not reported"))
    if filled:
        notes = [note for note in notes if not _answered(note, filled)]
        for row in sorted(filled):
            message = "no ruled table gives this row: read from the text layer"
            notes.append(IngestNote("pdf.text", (row,), message))
    spec = edition(Edition(geometry.report.edition))
    order = {
        path: number
        for number, path in enumerate(
            path for table in spec.tables for row in table.rows for path in row_paths(table, row)
        )
    }
    ordered = sorted(cells.values(), key=lambda cell: order[cell.path])
    return evolve(
        geometry, report=report, provenance=Provenance(tuple(ordered)), notes=tuple(notes)
    )


def _answered(note: IngestNote, rows: set[str]) -> bool:
    """A note that a table or row was not found, for one the text gave."""
    if note.code not in {"row.missing", "table.missing"}:
        return False
    return all(any(row == p or row.startswith(p + ".") for row in rows) for p in note.paths)

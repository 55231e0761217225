"""What the readers return: the report, where each cell came from, notes and narrative figures."""

from __future__ import annotations

import enum
from collections.abc import Iterator

from attrs import field, frozen

from ..errors import IngestError
from ..model import Report
from ..narrative import NarrativeFigure, NarrativeKind

__all__ = [
    "CellSource",
    "CellState",
    "IngestError",
    "IngestNote",
    "IngestResult",
    "NarrativeFigure",
    "NarrativeKind",
    "Position",
    "Provenance",
]


class CellState(enum.StrEnum):
    """How the printed text of a cell was read."""

    #: A number, read as printed.
    NUMBER = "number"
    #: Nothing printed (an empty cell, ``&nbsp;``): not reported.
    BLANK = "blank"
    #: A sign for "nothing" printed instead of a number ("/", "—", "-", "无"): not reported.
    PLACEHOLDER = "placeholder"
    #: A number followed by words, "22（其中修订16件）": the number is kept.
    ANNOTATED = "annotated"
    #: Text that is no number, or digits that could not be told apart: not reported.
    UNREADABLE = "unreadable"
    #: A number the printed text allows in one way only, given the identities; see ``reason``.
    INFERRED = "inferred"
    #: The row or table was not found in the document: not reported.
    MISSING = "missing"


@frozen
class Position:
    """Where printed text was found.

    In an HTML page: ``table`` is the index of the ``<table>`` element in
    document order, ``row`` and ``column`` the grid position once row and
    column spans are expanded (all from 0). In plain text: ``table`` is
    ``None``, ``row`` the line and ``column`` the character of the line
    (both from 1).
    """

    table: int | None
    row: int
    column: int

    def __str__(self) -> str:
        if self.table is None:
            return f"line {self.row}, column {self.column}"
        return f"table {self.table}, row {self.row}, column {self.column}"


@frozen(kw_only=True)
class CellSource:
    """The provenance of one cell: what was printed, how it was read, where it was found.

    ``row_label`` and ``column_label`` are the labels as printed (the
    catalog's label when the document printed none); ``unit`` is a unit
    printed in the cell ("元"); ``reason`` explains an inferred or
    unreadable cell. For a cell read from a PDF, ``page`` is the page it
    was printed on (from 1) and ``box`` the cell's box on that page,
    ``(x0, top, x1, bottom)`` in points from the top-left corner (``None``
    for a cell read from the text layer alone, and for other documents).
    """

    path: str
    state: CellState
    raw: str
    row_label: str
    column_label: str
    position: Position | None
    unit: str | None = None
    annotation: str | None = None
    reason: str | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None


@frozen
class Provenance:
    """The :class:`CellSource` of every cell of the tables found, in catalog order."""

    cells: tuple[CellSource, ...]
    _by_path: dict[str, CellSource] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_path", {cell.path: cell for cell in self.cells})

    def __getitem__(self, path: str) -> CellSource:
        return self._by_path[path]

    def __contains__(self, path: object) -> bool:
        return path in self._by_path

    def __iter__(self) -> Iterator[CellSource]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def paths(self, state: CellState) -> tuple[str, ...]:
        """The paths of the cells read in this state, in catalog order."""
        return tuple(cell.path for cell in self.cells if cell.state is state)


@frozen
class IngestNote:
    """Something the reader did or could not do, for people to look at.

    ``code`` is stable (``"cells.inferred"``, ``"row.missing"``, …; see
    the how-to for the list), ``paths`` the wire paths concerned (cells,
    rows or tables), ``message`` a plain sentence.
    """

    code: str
    paths: tuple[str, ...]
    message: str


@frozen(kw_only=True)
class IngestResult:
    """A report read from a document, with the provenance of every cell, notes and narrative."""

    report: Report
    provenance: Provenance
    notes: tuple[IngestNote, ...]
    narrative: tuple[NarrativeFigure, ...]

    def notes_about(self, code: str) -> tuple[IngestNote, ...]:
        """The notes with this code (``"cells.inferred"``) or code prefix (``"cells."``)."""
        return tuple(
            note
            for note in self.notes
            if note.code == code or (code.endswith(".") and note.code.startswith(code))
        )

"""What a document printed for a run of cells, and the cell read from it with its provenance."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from attrs import frozen

from ..catalog import ValueKind
from ._readings import Candidate, Piece
from ._result import CellSource, CellState, Position

__all__ = ["KNOWN", "Material", "Resolved", "Value", "plain", "resolved"]

Value = int | Decimal | None
#: The states of a cell that carry a value.
KNOWN: Final = frozenset({CellState.NUMBER, CellState.ANNOTATED, CellState.INFERRED})


@frozen(kw_only=True)
class Material:
    """What a document printed for a run of cells, and where.

    ``paths``, ``kinds``, ``units``, ``row_labels`` and ``column_labels``
    run in parallel, one entry per cell. ``bound`` pieces name their cell
    (an HTML grid); unbound pieces come in the cells' order (text).
    """

    paths: tuple[str, ...]
    kinds: tuple[ValueKind, ...]
    units: tuple[str | None, ...]
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    pieces: tuple[Piece, ...]
    bound: bool
    position: Position | None = None
    placed: bool = False
    refused: str | None = None

    @property
    def text(self) -> str:
        """The printed pieces, as one line."""
        return " ".join(piece.text.strip() for piece in self.pieces)


@frozen
class Resolved:
    """One cell as read: its value and its provenance."""

    value: Value
    source: CellSource


def resolved(material: Material, index: int, candidate: Candidate, reason: str | None) -> Resolved:
    """The cell ``index`` of a material as one candidate reads it."""
    piece = material.pieces[candidate.piece] if candidate.piece is not None else None
    value = candidate.value
    source = CellSource(
        path=material.paths[index],
        state=candidate.state,
        raw=candidate.raw,
        row_label=material.row_labels[index],
        column_label=material.column_labels[index],
        position=_shift(piece.position, candidate.offset) if piece else None,
        unit=candidate.unit,
        annotation=candidate.annotation,
        reason=reason,
    )
    if candidate.state not in KNOWN or not isinstance(value, int | Decimal):
        return Resolved(None, source)
    return Resolved(value, source)


def _shift(position: Position | None, offset: int) -> Position | None:
    if position is None or not offset:
        return position
    return Position(position.table, position.row, position.column + offset)


def plain(material: Material, index: int, state: CellState, reason: str) -> Resolved:
    """A cell whose printed text is the whole material (no one piece is its own)."""
    first = material.pieces[0].position if material.pieces else material.position
    source = CellSource(
        path=material.paths[index],
        state=state,
        raw=material.text,
        row_label=material.row_labels[index],
        column_label=material.column_labels[index],
        position=first,
        reason=reason,
    )
    return Resolved(None, source)

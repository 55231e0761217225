"""The ways printed pieces of text can fill a run of cells.

A row of a PDF extraction may print its digits glued together
("7000007" for seven cells), lose a cell ("0 0 0 0 0 0" for seven), or
split one number in two ("1 2"). Each way of reading the pieces is a
*reading*: one candidate per cell. Whether a reading is taken is for the
identities to say (see :mod:`._resolve`); this module only enumerates.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

from attrs import frozen

from ..catalog import ValueKind
from ..catalog import vocabulary as vocab
from ._cells import MAX_DIGITS, CellReading, read_cell
from ._result import CellState, Position

__all__ = [
    "FREE",
    "Candidate",
    "Free",
    "Piece",
    "Reading",
    "TooManyReadings",
    "enumerate_readings",
]

#: Stop enumerating past this many readings: so many cannot single one out.
MAX_READINGS: Final = 5000
#: Try at most this many ways of cutting or joining pieces; beyond, there are too many.
MAX_TRIALS: Final = 100_000
#: A cell is presumed lost only when the pieces cannot fill the row otherwise; at most this many.
MAX_LOST: Final = 1

_DIGITS: Final = re.compile(
    rf"(?P<digits>[0-9]+)(?P<suffix>(?:\.[0-9]+)?(?:{'|'.join(vocab.MONEY_UNITS)})?)"
)


class TooManyReadings(Exception):  # noqa: N818 - a signal, not an error
    """More ways to read the pieces than are worth trying; ``how`` as for the readings."""

    def __init__(self, how: str) -> None:
        self.how = how
        super().__init__(how)


class Free:
    """The value of a cell lost in extraction: unknown until an identity gives it."""

    def __repr__(self) -> str:
        return "FREE"


#: The value of a lost cell (see :class:`Free`).
FREE: Final = Free()


@frozen
class Piece:
    """Printed text of one cell, or of several glued cells, and where it was found.

    ``path`` is the cell it belongs to when the layout says so (an HTML
    grid); text pieces come in order and are distributed over the cells.
    """

    text: str
    position: Position | None
    path: str | None = None


@frozen
class Candidate:
    """One cell of a reading: its value and the printed text it comes from.

    ``piece`` is the index of the piece read (None for a lost cell) and
    ``offset`` where in it the digits begin; ``state`` is how a piece
    read on its own was read, :attr:`CellState.INFERRED` for a part of
    glued digits, a joined number or a lost cell.
    """

    value: int | Decimal | Free | None
    raw: str
    piece: int | None
    offset: int = 0
    unit: str | None = None
    state: CellState = CellState.INFERRED
    annotation: str | None = None

    @classmethod
    def read(cls, reading: CellReading, piece: int) -> Candidate:
        """A piece read as one cell on its own, as it was read."""
        return cls(
            reading.value,
            reading.raw,
            piece,
            unit=reading.unit,
            state=reading.state,
            annotation=reading.annotation,
        )


#: One candidate per cell, in the cells' order.
Reading = tuple[Candidate, ...]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _number(digits: str, kind: ValueKind) -> int | Decimal | None:
    """A part of glued digits as a value of this kind, or None if no number reads so."""
    whole = digits.split(".", 1)[0]
    if not whole or len(whole) > MAX_DIGITS or (len(whole) > 1 and whole.startswith("0")):
        return None
    if kind is ValueKind.AMOUNT:
        return Decimal(digits)
    return None if "." in digits else int(digits)


def _single(text: str, kind: ValueKind, index: int, unit: str | None) -> Candidate | None:
    """A piece read as one cell on its own, if it reads at all."""
    reading = read_cell(text, kind, unit)
    if reading.state is CellState.UNREADABLE:
        return None
    return Candidate.read(reading, index)


def _splits(
    text: str, kinds: Sequence[ValueKind], index: int, budget: list[int]
) -> Iterator[tuple[Candidate, ...]]:
    """Every way to cut a piece of glued digits into ``len(kinds)`` numbers.

    No part but "0" itself starts with 0; a decimal fraction and a unit
    stay with the last part. The ways tried are charged to ``budget``.
    """
    clean = _clean(text)
    match = _DIGITS.fullmatch(clean)
    if match is None:
        return
    digits, suffix = match.group("digits"), match.group("suffix")
    unit = next((u for u in vocab.MONEY_UNITS if suffix.endswith(u)), None)
    fraction = suffix.removesuffix(unit) if unit else suffix
    count = len(kinds)
    budget[0] -= math.comb(len(digits) - 1, count - 1)
    if budget[0] < 0:
        raise TooManyReadings("glued")
    for cuts in itertools.combinations(range(1, len(digits)), count - 1):
        bounds = (0, *cuts, len(digits))
        parts = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        parts[-1] += fraction
        values = [_number(part, kind) for part, kind in zip(parts, kinds, strict=True)]
        if any(value is None for value in values):
            continue
        yield tuple(
            Candidate(value, part, index, start, unit if i == count - 1 else None)
            for i, (value, part, start) in enumerate(zip(values, parts, bounds[:-1], strict=True))
        )


def enumerate_readings(
    pieces: Sequence[Piece], kinds: Sequence[ValueKind], units: Sequence[str | None]
) -> tuple[list[Reading], str]:
    """Every reading of pieces printed in order for ``len(kinds)`` cells, and how they were got.

    ``how`` is ``"glued"`` (fewer pieces than cells, digits cut apart),
    ``"lost"`` (a cell presumed lost), ``"split"`` (more pieces than
    cells, neighbours joined) or ``"direct"`` (as many pieces as cells).
    """
    count = len(kinds)
    if len(pieces) == count:
        single = [
            _single(piece.text, kind, index, unit)
            for index, (piece, kind, unit) in enumerate(zip(pieces, kinds, units, strict=True))
        ]
        if all(c is not None for c in single):
            return [tuple(c for c in single if c is not None)], "direct"
        return [], "direct"
    if len(pieces) > count:
        return _joined(pieces, kinds), "split"
    cutter = _Cutter(pieces, kinds, units)
    readings = list(itertools.islice(cutter.readings(0, 0), MAX_READINGS + 1))
    if readings:
        return readings, "glued"
    if count - len(pieces) <= MAX_LOST:
        return _lost(pieces, kinds, units), "lost"
    return [], "glued"


class _Cutter:
    """Readings cutting each piece into one or more cells, filling every cell.

    The cuts of a piece for a run of cells are worked out once; all the
    cuts tried are charged to one budget of :data:`MAX_TRIALS`.
    """

    def __init__(
        self, pieces: Sequence[Piece], kinds: Sequence[ValueKind], units: Sequence[str | None]
    ) -> None:
        self.pieces = pieces
        self.kinds = kinds
        self.units = units
        self.budget = [MAX_TRIALS]
        self.cuts: dict[tuple[int, int, int], list[Reading]] = {}

    def heads(self, index: int, start: int, take: int) -> list[Reading]:
        key = (index, start, take)
        if key not in self.cuts:
            text = self.pieces[index].text
            if take == 1:
                single = _single(text, self.kinds[start], index, self.units[start])
                self.cuts[key] = [] if single is None else [(single,)]
            else:
                kinds = self.kinds[start : start + take]
                self.cuts[key] = list(_splits(text, kinds, index, self.budget))
        return self.cuts[key]

    def readings(self, index: int, start: int) -> Iterator[Reading]:
        if index == len(self.pieces):
            if start == len(self.kinds):
                yield ()
            return
        remaining = len(self.pieces) - index - 1
        most = len(self.kinds) - start - remaining
        for take in range(most if not remaining else 1, most + 1):
            for head in self.heads(index, start, take):
                for tail in self.readings(index + 1, start + take):
                    yield head + tail


def _lost(
    pieces: Sequence[Piece], kinds: Sequence[ValueKind], units: Sequence[str | None]
) -> list[Reading]:
    """Readings with one cell lost, anywhere: the pieces as printed fill the others."""
    found: list[Reading] = []
    for gap in range(len(kinds)):
        others = [i for i in range(len(kinds)) if i != gap]
        cells: list[Candidate] = []
        for index, (piece, cell) in enumerate(zip(pieces, others, strict=True)):
            single = _single(piece.text, kinds[cell], index, units[cell])
            if single is None:
                return []
            cells.append(single)
        cells.insert(gap, Candidate(FREE, "", None))
        found.append(tuple(cells))
    return found


def _joined(pieces: Sequence[Piece], kinds: Sequence[ValueKind]) -> list[Reading]:
    """Readings joining neighbouring pieces of digits back into single numbers."""
    found: list[Reading] = []
    joins = len(pieces) - len(kinds)
    if math.comb(len(pieces) - 1, joins) > MAX_TRIALS:
        raise TooManyReadings("split")
    join = _Joiner(pieces, kinds)
    for glue in itertools.combinations(range(1, len(pieces)), joins):
        groups: list[list[int]] = []
        for index in range(len(pieces)):
            if index in glue:
                groups[-1].append(index)
            else:
                groups.append([index])
        reading = join.reading(groups)
        if reading is not None:
            found.append(reading)
        if len(found) > MAX_READINGS:
            break
    return found


class _Joiner:
    """The cell that a run of pieces reads as, worked out once for every way of joining them."""

    def __init__(self, pieces: Sequence[Piece], kinds: Sequence[ValueKind]) -> None:
        self.pieces = pieces
        self.kinds = kinds
        self.texts = [_clean(piece.text) for piece in pieces]
        self.cells: dict[tuple[int, int, int], Candidate | None] = {}

    def reading(self, groups: list[list[int]]) -> Reading | None:
        """The cells of these groups of pieces, one group a cell; None if one does not read."""
        cells: list[Candidate] = []
        for cell, group in enumerate(groups):
            key = (group[0], len(group), cell)
            if key not in self.cells:
                self.cells[key] = self._cell(group, self.kinds[cell])
            candidate = self.cells[key]
            if candidate is None:
                return None
            cells.append(candidate)
        return tuple(cells)

    def _cell(self, group: list[int], kind: ValueKind) -> Candidate | None:
        texts = [self.texts[i] for i in group]
        if len(group) == 1:
            return _single(texts[0], kind, group[0], None)
        if not all(t.isascii() and t.isdigit() for t in texts):
            return None
        value = _number("".join(texts), kind)
        if value is None:
            return None
        return Candidate(value, " ".join(self.pieces[i].text.strip() for i in group), group[0])

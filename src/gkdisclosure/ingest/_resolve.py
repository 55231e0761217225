"""From printed pieces to cell values: read what is plain, infer only what the identities force.

A *material* is what a document printed for a run of cells (one row of
表三, the fifteen cells of 表四, …). When its pieces fill its cells one to
one, each cell is read on its own. Otherwise (digits glued, a cell lost,
a number split) every reading of the pieces is enumerated, and a cell
takes a value only when

* every reading left is checked by identities covering all its cells —
  first those within the material (总计 = the sum of the others), then
  those across rows (the ledger, the outcome sum) once the other rows
  are known — and
* all the readings left give the cell the same value.

The value is then marked :attr:`CellState.INFERRED` with the reason.
Anything else leaves the cells unreported, with a note. ``infer=False``
turns inference off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from ..catalog import Identity
from ._cells import read_cell
from ._inference import Pending, check, confirmed, holds, narrow, number, settled, sums, within
from ._material import KNOWN, Material, Resolved, Value, resolved
from ._outcome import TOO_MANY, decide, rule_words, unchecked, unresolved
from ._readings import MAX_READINGS, Candidate, Reading, TooManyReadings, enumerate_readings
from ._result import CellState, IngestNote

__all__ = ["resolve"]


def resolve(
    materials: Sequence[Material], identities: Sequence[Identity], *, infer: bool
) -> tuple[dict[str, Resolved], list[IngestNote]]:
    """Read every material; return the cells by path and the notes about them."""
    cells: dict[str, Resolved] = {}
    notes: list[IngestNote] = []
    pending: list[Pending] = []
    for material in materials:
        outcome = _read(material, identities, infer=infer, notes=notes)
        if isinstance(outcome, Pending):
            pending.append(outcome)
        else:
            cells.update(outcome)
    while pending:
        known = {path: cell.value for path, cell in cells.items() if cell.source.state in KNOWN}
        placed = _with_placed(known, pending)
        still: list[Pending] = []
        progress = False
        for item in pending:
            narrowed = narrow(item, identities, placed if item.how == "placed" else known)
            progress |= len(narrowed.candidates) < len(item.candidates)
            if not narrowed.candidates:
                cells.update(unresolved(narrowed, notes, "no reading keeps the identities"))
            elif settled(narrowed):
                cells.update(decide(narrowed, notes))
                progress = True
            else:
                still.append(narrowed)
        if not progress:
            for item in still:
                if confirmed(item):
                    cells.update(decide(item, notes))
                else:
                    cells.update(unresolved(item, notes, "no identity tells the readings apart"))
            break
        pending = still
    return cells, notes


def _with_placed(known: Mapping[str, Value], pending: Sequence[Pending]) -> dict[str, Value]:
    """The cells known, and those of rows placed by their neighbours (checked together)."""
    placed = dict(known)
    for item in pending:
        if item.how == "placed" and len(item.candidates) == 1:
            values = {path: number(value) for path, value in item.values[0].items()}
            placed.update({path: value for path, value in values.items() if value is not None})
    return placed


def _read(
    material: Material, identities: Sequence[Identity], *, infer: bool, notes: list[IngestNote]
) -> dict[str, Resolved] | Pending:
    if material.refused is not None:
        readings: list[Reading] = []
        how = "shifted"
    elif material.bound:
        readings, how = _bound_readings(material)
    else:
        try:
            readings, how = enumerate_readings(material.pieces, material.kinds, material.units)
        except TooManyReadings as signal:
            item = Pending.of(material, signal.how, [])
            return unresolved(item, notes, TOO_MANY)
    if material.placed or material.refused is not None:
        return _placed(material, readings, identities, infer=infer, notes=notes)
    if how == "direct":
        return _direct_or_refused(material, readings, identities, notes)
    item = Pending.of(material, how, readings[: MAX_READINGS + 1])
    refusal = _refusal(item, identities, infer=infer)
    if refusal is not None:
        return unresolved(item, notes, refusal)
    item = check(item, within(material, identities), {})
    if not item.candidates:
        return unresolved(item, notes, "no reading keeps the identities")
    return decide(item, notes) if settled(item) else item


def _direct_or_refused(
    material: Material,
    readings: list[Reading],
    identities: Sequence[Identity],
    notes: list[IngestNote],
) -> dict[str, Resolved]:
    broken = None if material.bound else _broken(material, readings, identities)
    if broken is not None:
        return unresolved(Pending.of(material, "disordered", readings), notes, broken)
    return _direct(material, readings, notes)


def _broken(
    material: Material, readings: Sequence[Reading], identities: Sequence[Identity]
) -> str | None:
    """Why numbers read one to one from text are refused: an identity of their own fails.

    In extracted text, numbers that break 总计 = the sum of the others were
    most often read out of order or from another row; such a row is left
    unreported rather than read wrong (a page's grid is not second-guessed).
    """
    if len(readings) != 1:
        return None
    values = {path: c.value for path, c in zip(material.paths, readings[0], strict=True)}
    for identity in within(material, identities):
        if holds(identity, values) is False:
            return f"{rule_words([identity.rule])} does not hold"
    return None


def _placed(
    material: Material,
    readings: list[Reading],
    identities: Sequence[Identity],
    *,
    infer: bool,
    notes: list[IngestNote],
) -> dict[str, Resolved] | Pending:
    """A row placed by its neighbours: taken only once identities across rows confirm it.

    A row refused outright (its numbers precede its label) is left unreported.
    """
    if material.refused is not None:
        return unresolved(Pending.of(material, "shifted", []), notes, material.refused)
    single = [
        tuple(attrs.evolve(cell, state=CellState.INFERRED) for cell in reading)
        for reading in readings
    ]
    item = Pending.of(material, "placed", single)
    if not infer:
        return unresolved(item, notes, "inference is turned off")
    if len(single) != 1:
        return unresolved(item, notes, "the printed numbers do not fill the row one to one")
    item = check(item, within(material, identities), {})
    if not item.candidates:
        return unresolved(item, notes, "no reading keeps the identities")
    # only identities across rows can confirm where the numbers belong
    return attrs.evolve(item, covered=(frozenset(),) * len(item.candidates))


def _refusal(item: Pending, identities: Sequence[Identity], *, infer: bool) -> str | None:
    """Why no reading will be taken, whatever the identities say; None if one may be."""
    paths = set(item.material.paths)
    if not infer:
        return "inference is turned off"
    if not item.candidates:
        return "the printed digits cannot fill the cells"
    if len(item.candidates) > MAX_READINGS:
        return TOO_MANY
    if all(paths.isdisjoint(cells) for _, cells in sums(identities)):
        return unchecked(item)
    return None


def _bound_readings(material: Material) -> tuple[list[Reading], str]:
    """One reading of cells whose pieces name them; a number split by a space is joined."""
    cells: list[Candidate] = []
    how = "direct"
    for path, kind, unit in zip(material.paths, material.kinds, material.units, strict=True):
        index = next((i for i, p in enumerate(material.pieces) if p.path == path), None)
        if index is None:
            cells.append(Candidate(None, "", None, state=CellState.MISSING))
            continue
        text = material.pieces[index].text
        cell = read_cell(text, kind, unit)
        joined = read_cell("".join(text.split()), kind, unit)
        if cell.problem == _SPLIT_PROBLEM and joined.state is CellState.NUMBER:
            cells.append(Candidate(joined.value, cell.raw, index))
            how = "split"
            continue
        cells.append(Candidate.read(cell, index))
    return [tuple(cells)], how


_SPLIT_PROBLEM: Final = "several numbers in one cell"


def _direct(
    material: Material, readings: list[Reading], notes: list[IngestNote]
) -> dict[str, Resolved]:
    """Cells read one piece each; unreadable pieces stay unreported, with a note."""
    if readings:
        candidates = list(readings[0])
    else:
        candidates = [
            Candidate.read(read_cell(piece.text, kind, unit), index)
            for index, (piece, kind, unit) in enumerate(
                zip(material.pieces, material.kinds, material.units, strict=True)
            )
        ]
    found: dict[str, Resolved] = {}
    for index, (path, candidate) in enumerate(zip(material.paths, candidates, strict=True)):
        problem = None
        if candidate.piece is None:
            problem = "no cell printed under this column"
        elif candidate.state is CellState.UNREADABLE:
            text = material.pieces[candidate.piece].text
            problem = read_cell(text, material.kinds[index], material.units[index]).problem
        found[path] = resolved(material, index, candidate, problem)
        if candidate.state is CellState.UNREADABLE:
            message = f"{candidate.raw!r} is {problem}: left unreported"
            notes.append(IngestNote("cells.unreadable", (path,), message))
    return found

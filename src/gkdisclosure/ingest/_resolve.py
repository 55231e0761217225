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

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Final

import attrs
from attrs import frozen

from .. import algebra
from ..algebra import Verdict
from ..catalog import Edition, Identity, ValueKind, edition
from ._cells import read_cell
from ._readings import (
    FREE,
    MAX_READINGS,
    Candidate,
    Free,
    Piece,
    Reading,
    TooManyReadings,
    enumerate_readings,
)
from ._result import CellSource, CellState, IngestNote, Position

__all__ = ["Material", "Resolved", "resolve"]

Value = int | Decimal | None
_Cell = int | Decimal | None | Free
_KNOWN: Final = frozenset({CellState.NUMBER, CellState.ANNOTATED, CellState.INFERRED})
_TOTAL: Final = edition(Edition.E2021).requests.row("received").columns[-1].zh
_HANDLED: Final = edition(Edition.E2021).requests.row("total_handled").zh
_RULES: Final = {
    "requests.applicant_sum": f"{_TOTAL} = the sum of the applicant columns",
    "review_litigation.sum": f"{_TOTAL} = the sum of the results",
    "requests.ledger": "the ledger: received + carried over = handled + carried forward",
    "requests.handled_sum": f"{_HANDLED} = the sum of the outcomes",
    "requests.group_sum": "a group's subtotal = the sum of its rows",
}
_TOO_MANY: Final = "there are too many ways to read them"
_HOW: Final = {
    "glued": "digits printed with no separators between cells",
    "lost": "fewer numbers printed than cells (a cell lost in extraction)",
    "split": "more numbers printed than cells (a number split in two)",
    "placed": "numbers printed with no row label, placed by the rows around them",
    "shifted": "numbers printed before their row labels",
    "disordered": "numbers that break an identity of their own row (in extracted text, "
    "a sign of numbers read out of order or from another row)",
}


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


@frozen
class _Pending:
    """A material read in several ways, and what the identities said about each way."""

    material: Material
    how: str
    candidates: tuple[Reading, ...]
    values: tuple[dict[str, _Cell], ...]
    covered: tuple[frozenset[str], ...]
    rules: frozenset[str] = frozenset()

    @classmethod
    def of(cls, material: Material, how: str, readings: Sequence[Reading]) -> _Pending:
        values = tuple(
            {path: c.value for path, c in zip(material.paths, reading, strict=True)}
            for reading in readings
        )
        return cls(material, how, tuple(readings), values, (frozenset(),) * len(readings))


def resolve(
    materials: Sequence[Material], identities: Sequence[Identity], *, infer: bool
) -> tuple[dict[str, Resolved], list[IngestNote]]:
    """Read every material; return the cells by path and the notes about them."""
    cells: dict[str, Resolved] = {}
    notes: list[IngestNote] = []
    pending: list[_Pending] = []
    for material in materials:
        outcome = _read(material, identities, infer=infer, notes=notes)
        if isinstance(outcome, _Pending):
            pending.append(outcome)
        else:
            cells.update(outcome)
    while pending:
        known = {path: cell.value for path, cell in cells.items() if cell.source.state in _KNOWN}
        placed = _with_placed(known, pending)
        still: list[_Pending] = []
        progress = False
        for item in pending:
            narrowed = _narrow(item, identities, placed if item.how == "placed" else known)
            progress |= len(narrowed.candidates) < len(item.candidates)
            if not narrowed.candidates:
                cells.update(_unresolved(narrowed, notes, "no reading keeps the identities"))
            elif _settled(narrowed):
                cells.update(_decide(narrowed, notes))
                progress = True
            else:
                still.append(narrowed)
        if not progress:
            for item in still:
                if _confirmed(item):
                    cells.update(_decide(item, notes))
                else:
                    cells.update(_unresolved(item, notes, "no identity tells the readings apart"))
            break
        pending = still
    return cells, notes


def _with_placed(known: Mapping[str, Value], pending: Sequence[_Pending]) -> dict[str, Value]:
    """The cells known, and those of rows placed by their neighbours (checked together)."""
    placed = dict(known)
    for item in pending:
        if item.how == "placed" and len(item.candidates) == 1:
            values = {path: _number(value) for path, value in item.values[0].items()}
            placed.update({path: value for path, value in values.items() if value is not None})
    return placed


def _read(
    material: Material, identities: Sequence[Identity], *, infer: bool, notes: list[IngestNote]
) -> dict[str, Resolved] | _Pending:
    if material.refused is not None:
        readings: list[Reading] = []
        how = "shifted"
    elif material.bound:
        readings, how = _bound_readings(material)
    else:
        try:
            readings, how = enumerate_readings(material.pieces, material.kinds, material.units)
        except TooManyReadings as signal:
            item = _Pending.of(material, signal.how, [])
            return _unresolved(item, notes, _TOO_MANY)
    if material.placed or material.refused is not None:
        return _placed(material, readings, identities, infer=infer, notes=notes)
    if how == "direct":
        return _direct_or_refused(material, readings, identities, notes)
    item = _Pending.of(material, how, readings[: MAX_READINGS + 1])
    refusal = _refusal(item, identities, infer=infer)
    if refusal is not None:
        return _unresolved(item, notes, refusal)
    item = _check(item, _within(material, identities), {})
    if not item.candidates:
        return _unresolved(item, notes, "no reading keeps the identities")
    return _decide(item, notes) if _settled(item) else item


def _direct_or_refused(
    material: Material,
    readings: list[Reading],
    identities: Sequence[Identity],
    notes: list[IngestNote],
) -> dict[str, Resolved]:
    broken = None if material.bound else _broken(material, readings, identities)
    if broken is not None:
        return _unresolved(_Pending.of(material, "disordered", readings), notes, broken)
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
    for identity in _within(material, identities):
        if _holds(identity, values) is False:
            return f"{_RULES.get(identity.rule, identity.rule)} does not hold"
    return None


def _placed(
    material: Material,
    readings: list[Reading],
    identities: Sequence[Identity],
    *,
    infer: bool,
    notes: list[IngestNote],
) -> dict[str, Resolved] | _Pending:
    """A row placed by its neighbours: taken only once identities across rows confirm it.

    A row refused outright (its numbers precede its label) is left unreported.
    """
    if material.refused is not None:
        return _unresolved(_Pending.of(material, "shifted", []), notes, material.refused)
    single = [
        tuple(attrs.evolve(cell, state=CellState.INFERRED) for cell in reading)
        for reading in readings
    ]
    item = _Pending.of(material, "placed", single)
    if not infer:
        return _unresolved(item, notes, "inference is turned off")
    if len(single) != 1:
        return _unresolved(item, notes, "the printed numbers do not fill the row one to one")
    item = _check(item, _within(material, identities), {})
    if not item.candidates:
        return _unresolved(item, notes, "no reading keeps the identities")
    # only identities across rows can confirm where the numbers belong
    return attrs.evolve(item, covered=(frozenset(),) * len(item.candidates))


def _refusal(item: _Pending, identities: Sequence[Identity], *, infer: bool) -> str | None:
    """Why no reading will be taken, whatever the identities say; None if one may be."""
    paths = set(item.material.paths)
    if not infer:
        return "inference is turned off"
    if not item.candidates:
        return "the printed digits cannot fill the cells"
    if len(item.candidates) > MAX_READINGS:
        return _TOO_MANY
    if all(paths.isdisjoint(_cells(identity)) for identity in identities if identity.terms):
        return _unchecked(item)
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
        found[path] = _resolved(material, index, candidate, problem)
        if candidate.state is CellState.UNREADABLE:
            message = f"{candidate.raw!r} is {problem}: left unreported"
            notes.append(IngestNote("cells.unreadable", (path,), message))
    return found


def _resolved(material: Material, index: int, candidate: Candidate, reason: str | None) -> Resolved:
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
    if candidate.state not in _KNOWN or not isinstance(value, int | Decimal):
        return Resolved(None, source)
    return Resolved(value, source)


def _shift(position: Position | None, offset: int) -> Position | None:
    if position is None or not offset:
        return position
    return Position(position.table, position.row, position.column + offset)


#: The cells each identity reads, as a set, by the identity's id (the identity is kept with it,
#: so the id stays its own); the catalog's identities are few and live as long as the process.
_CELLS: Final[dict[int, tuple[Identity, frozenset[str]]]] = {}
_CELLS_MAX: Final = 4096


def _cells(identity: Identity) -> frozenset[str]:
    """The set of cells the identity reads (its target, terms and fallbacks), worked out once."""
    known = _CELLS.get(id(identity))
    if known is not None and known[0] is identity:
        return known[1]
    if len(_CELLS) >= _CELLS_MAX:
        _CELLS.clear()
    cells = frozenset(identity.paths)
    _CELLS[id(identity)] = (identity, cells)
    return cells


def _within(material: Material, identities: Sequence[Identity]) -> list[Identity]:
    """The identities over cells of this material only (the row identities)."""
    paths = set(material.paths)
    return [i for i in identities if i.terms and _cells(i) <= paths]


def _narrow(item: _Pending, identities: Sequence[Identity], known: Mapping[str, Value]) -> _Pending:
    """Check the readings left against identities across rows, now that other rows are known."""
    paths = set(item.material.paths)
    across = [
        i
        for i in identities
        if i.terms and not paths.isdisjoint(_cells(i)) and not _cells(i) <= paths
    ]
    return _check(item, across, {k: v for k, v in known.items() if k not in paths})


def _check(item: _Pending, identities: Sequence[Identity], known: Mapping[str, Value]) -> _Pending:
    """Keep the readings no identity refutes; record which cells identities checked."""
    kept: list[tuple[Reading, dict[str, _Cell], frozenset[str]]] = []
    rules = set(item.rules)
    for candidate, values, seen in zip(item.candidates, item.values, item.covered, strict=True):
        solved = _solve(values, identities, known, item.material)
        if solved is None:
            continue
        verdict = _verdicts(solved, identities, known)
        if verdict is None:
            continue
        covered, used = verdict
        rules |= used
        kept.append((candidate, solved, seen | covered))
    return _Pending(
        item.material,
        item.how,
        tuple(k[0] for k in kept),
        tuple(k[1] for k in kept),
        tuple(k[2] for k in kept),
        frozenset(rules),
    )


def _solve(
    values: dict[str, _Cell],
    identities: Sequence[Identity],
    known: Mapping[str, Value],
    material: Material,
) -> dict[str, _Cell] | None:
    """Give a lost cell the value an identity forces; None if that value is impossible."""
    lost = [path for path, value in values.items() if value is FREE]
    if not lost:
        return values
    path = lost[0]
    merged = {**known, **values}
    for identity in identities:
        value = _forced(identity, path, merged)
        if value is None:
            continue
        kind = material.kinds[material.paths.index(path)]
        if value < 0 and kind is not ValueKind.SIGNED:
            return None
        return {**values, path: value}
    return values


def _forced(identity: Identity, path: str, values: Mapping[str, object]) -> int | None:
    """The value of ``path`` that makes the identity hold, if every other operand is known."""
    return algebra.solve(identity, path, partial(_count, values))


def _count(values: Mapping[str, object], path: str) -> int | None:
    """A cell's count, if it is settled (a reading not yet chosen, or an amount, is not)."""
    value = values.get(path)
    return value if type(value) is int else None


def _verdicts(
    values: Mapping[str, _Cell], identities: Sequence[Identity], known: Mapping[str, Value]
) -> tuple[frozenset[str], frozenset[str]] | None:
    """The cells checked by identities that hold and their rules; None if one fails."""
    merged = {**known, **values}
    covered: set[str] = set()
    rules: set[str] = set()
    for identity in identities:
        if identity.when is not None and not any(p.startswith(identity.when) for p in merged):
            continue
        holds = _holds(identity, merged)
        if holds is False:
            return None
        if holds:
            covered.update(identity.paths)
            rules.add(identity.rule)
    return frozenset(covered), frozenset(rules)


def _number(value: object) -> int | Decimal | None:
    return value if isinstance(value, int | Decimal) and not isinstance(value, bool) else None


def _holds(identity: Identity, values: Mapping[str, object]) -> bool | None:
    verdict = algebra.evaluate(identity, lambda path: _number(values.get(path))).verdict
    return None if verdict is Verdict.UNKNOWN else verdict is Verdict.HOLDS


def _settled(item: _Pending) -> bool:
    """Whether the identities checked every reading left and they all read alike."""
    return _confirmed(item) and all(values == item.values[0] for values in item.values)


def _confirmed(item: _Pending) -> bool:
    wanted = set(item.material.paths)
    return bool(item.candidates) and all(wanted <= seen for seen in item.covered)


def _decide(item: _Pending, notes: list[IngestNote]) -> dict[str, Resolved]:
    """Take every value the readings left agree on; leave the others unreported."""
    material = item.material
    found: dict[str, Resolved] = {}
    inferred: list[str] = []
    for index, path in enumerate(material.paths):
        values = [values[path] for values in item.values]
        value = _number(values[0])
        agreed = value is not None and all(v == value and _number(v) is not None for v in values)
        picks = {(c[index].piece, c[index].offset, c[index].state) for c in item.candidates}
        candidate = item.candidates[0][index]
        if not agreed:
            found[path] = _plain(
                material, index, CellState.UNREADABLE, _reason(item, inferred=False)
            )
        elif len(picks) == 1 and candidate.state is not CellState.INFERRED:
            found[path] = _resolved(material, index, candidate, None)
        else:
            inferred.append(path)
            reason = _reason(item, inferred=True)
            cell = (
                _resolved(material, index, candidate, reason).source
                if len(picks) == 1
                else _plain(material, index, CellState.INFERRED, reason).source
            )
            found[path] = Resolved(value, cell)
    if inferred:
        notes.append(IngestNote("cells.inferred", tuple(inferred), _message(item, inferred)))
    left = tuple(p for p in material.paths if found[p].source.state is CellState.UNREADABLE)
    if left:
        why = f"{len(item.candidates)} readings remain and disagree on these cells"
        notes.append(IngestNote(f"cells.{item.how}", left, _sentence(item, why)))
    return found


def _plain(material: Material, index: int, state: CellState, reason: str) -> Resolved:
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


def _rule_words(rules: Iterable[str]) -> str:
    return "; ".join(_RULES.get(rule, rule) for rule in sorted(rules)) or "the identities"


def _reason(item: _Pending, *, inferred: bool) -> str:
    if inferred:
        return f"{_HOW[item.how]}; the only value the identities allow ({_rule_words(item.rules)})"
    return f"{_HOW[item.how]}; the identities do not single out one reading"


def _sentence(item: _Pending, why: str) -> str:
    material = item.material
    return f"{_HOW[item.how]}: {material.text!r} for {len(material.paths)} cells; {why}"


def _message(item: _Pending, inferred: list[str]) -> str:
    values = "/".join(str(item.values[0][path]) for path in inferred)
    why = (
        f"every reading that keeps {_rule_words(item.rules)} gives {values}; taken, marked inferred"
    )
    return _sentence(item, why)


def _unchecked(item: _Pending) -> str:
    if len(item.candidates) == 1:
        values = "/".join(str(value) for value in item.values[0].values())
        return f"its one reading, {values}, is checked by no identity"
    return f"it reads in {len(item.candidates)} ways and no identity checks these cells"


def _unresolved(item: _Pending, notes: list[IngestNote], why: str) -> dict[str, Resolved]:
    material = item.material
    reason = f"{_HOW[item.how]}; {why}"
    found = {
        path: _plain(material, index, CellState.UNREADABLE, reason)
        for index, path in enumerate(material.paths)
    }
    notes.append(
        IngestNote(f"cells.{item.how}", material.paths, _sentence(item, f"{why}: left unreported"))
    )
    return found

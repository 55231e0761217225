"""The cells a material's readings leave, and the notes that say how they were read or why not."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..catalog import Edition, edition
from ._inference import Pending, number
from ._material import Material, Resolved, plain, resolved
from ._result import CellState, IngestNote

__all__ = ["TOO_MANY", "decide", "rule_words", "unchecked", "unresolved"]

_TOTAL: Final = edition(Edition.E2021).requests.row("received").columns[-1].zh
_HANDLED: Final = edition(Edition.E2021).requests.row("total_handled").zh
_RULES: Final = {
    "requests.applicant_sum": f"{_TOTAL} = the sum of the applicant columns",
    "review_litigation.sum": f"{_TOTAL} = the sum of the results",
    "requests.ledger": "the ledger: received + carried over = handled + carried forward",
    "requests.handled_sum": f"{_HANDLED} = the sum of the outcomes",
    "requests.group_sum": "a group's subtotal = the sum of its rows",
}
TOO_MANY: Final = "there are too many ways to read them"
_HOW: Final = {
    "glued": "digits printed with no separators between cells",
    "lost": "fewer numbers printed than cells (a cell lost in extraction)",
    "split": "more numbers printed than cells (a number split in two)",
    "placed": "numbers printed with no row label, placed by the rows around them",
    "shifted": "numbers printed before their row labels",
    "disordered": "numbers that break an identity of their own row (in extracted text, "
    "a sign of numbers read out of order or from another row)",
}


def decide(item: Pending, notes: list[IngestNote]) -> dict[str, Resolved]:
    """Take every value the readings left agree on; leave the others unreported."""
    material = item.material
    found: dict[str, Resolved] = {}
    inferred: list[str] = []
    for index, path in enumerate(material.paths):
        values = [values[path] for values in item.values]
        value = number(values[0])
        agreed = value is not None and all(v == value and number(v) is not None for v in values)
        picks = {(c[index].piece, c[index].offset, c[index].state) for c in item.candidates}
        candidate = item.candidates[0][index]
        if not agreed:
            found[path] = plain(
                material, index, CellState.UNREADABLE, _reason(item, inferred=False)
            )
        elif len(picks) == 1 and candidate.state is not CellState.INFERRED:
            found[path] = resolved(material, index, candidate, None)
        else:
            inferred.append(path)
            reason = _reason(item, inferred=True)
            cell = (
                resolved(material, index, candidate, reason).source
                if len(picks) == 1
                else plain(material, index, CellState.INFERRED, reason).source
            )
            found[path] = Resolved(value, cell)
    if inferred:
        notes.append(IngestNote("cells.inferred", tuple(inferred), _message(item, inferred)))
    left = tuple(p for p in material.paths if found[p].source.state is CellState.UNREADABLE)
    if left:
        why = f"{len(item.candidates)} readings remain and disagree on these cells"
        notes.append(IngestNote(f"cells.{item.how}", left, _sentence(item, why)))
    return found


def rule_words(rules: Iterable[str]) -> str:
    """The rules by what they say, for a reason or a note."""
    return "; ".join(_RULES.get(rule, rule) for rule in sorted(rules)) or "the identities"


def _reason(item: Pending, *, inferred: bool) -> str:
    if inferred:
        return f"{_HOW[item.how]}; the only value the identities allow ({rule_words(item.rules)})"
    return f"{_HOW[item.how]}; the identities do not single out one reading"


def _sentence(item: Pending, why: str) -> str:
    material: Material = item.material
    return f"{_HOW[item.how]}: {material.text!r} for {len(material.paths)} cells; {why}"


def _message(item: Pending, inferred: list[str]) -> str:
    values = "/".join(str(item.values[0][path]) for path in inferred)
    why = (
        f"every reading that keeps {rule_words(item.rules)} gives {values}; taken, marked inferred"
    )
    return _sentence(item, why)


def unchecked(item: Pending) -> str:
    """Why readings no identity checks are not taken."""
    if len(item.candidates) == 1:
        values = "/".join(str(value) for value in item.values[0].values())
        return f"its one reading, {values}, is checked by no identity"
    return f"it reads in {len(item.candidates)} ways and no identity checks these cells"


def unresolved(item: Pending, notes: list[IngestNote], why: str) -> dict[str, Resolved]:
    """Every cell of the material left unreported, with a note saying why."""
    material = item.material
    reason = f"{_HOW[item.how]}; {why}"
    found = {
        path: plain(material, index, CellState.UNREADABLE, reason)
        for index, path in enumerate(material.paths)
    }
    notes.append(
        IngestNote(f"cells.{item.how}", material.paths, _sentence(item, f"{why}: left unreported"))
    )
    return found

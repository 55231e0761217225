"""The printed text of one cell, read as a value and a state.

Numbers are parsed with babel in strict mode, so a badly grouped
"12,34" is unreadable (with babel's suggestions) rather than 1234.
A blank or a placeholder is ``None``; nothing is guessed here — reading
digits glued across cells is the resolver's business.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

from attrs import frozen
from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

from ..catalog import ValueKind
from ..catalog import vocabulary as vocab
from ._result import CellState

__all__ = ["CellReading", "is_annotation", "is_value_like", "label_unit", "read_cell"]

_UNITS: Final = "|".join(vocab.MONEY_UNITS + vocab.COUNT_UNITS)
_NUMBER: Final = re.compile(
    rf"(?P<sign>[+-])?(?P<num>[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?|\.[0-9]+)(?P<unit>{_UNITS})?(?P<rest>.*)",
    re.DOTALL,
)
_SPLIT: Final = re.compile(r"[0-9]+(?:\s+[0-9]+)+")
_LEADING_ZERO: Final = re.compile(r"0[0-9]")
_SPACE: Final = re.compile(r"\s+")
_MINUS: Final = str.maketrans({"−": "-", "‐": "-", "‑": "-", "﹣": "-"})
#: More digits than any count or amount of a report has; longer runs are glued cells.
MAX_DIGITS: Final = 15
#: Parsed once: babel parses a locale given by name on every call, three times a number.
_ZH_CN: Final = Locale.parse("zh_CN")


@frozen
class CellReading:
    """What one cell's printed text says: a value (or None) and the state it was read in."""

    state: CellState
    value: int | Decimal | None
    raw: str
    unit: str | None = None
    annotation: str | None = None
    problem: str | None = None


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).translate(_MINUS)
    return _SPACE.sub(" ", text).strip()


def is_value_like(raw: str) -> bool:
    """Whether the text reads as a cell value (a number, blank or placeholder), not a label."""
    text = _clean(raw)
    if not text or text.replace(" ", "") in vocab.PLACEHOLDERS or _SPLIT.fullmatch(text):
        return True
    match = _NUMBER.fullmatch(text.replace(" ", ""))
    if match is None:
        return False
    rest = match.group("rest")
    return not rest or _is_annotation(rest)


def _is_annotation(rest: str) -> bool:
    """Whether text after a number annotates it: "(其中修订16件)", "其中…" — not "(四)"."""
    body = rest.lstrip(",、;:")
    if vocab.ENUMERATOR_ALONE.fullmatch(body):
        return False
    return (body.startswith("(") and body.endswith(")")) or body.startswith(
        vocab.ANNOTATION_OPENERS
    )


def is_annotation(text: str) -> bool:
    """Whether a piece of text on its own is an annotation of the number before it."""
    body = unicodedata.normalize("NFKC", text).strip()
    return body.startswith("(") and _is_annotation(body)


def label_unit(label: str) -> str | None:
    """The unit a column label names: "本年收费金额（单位：万元）" gives "万元"."""
    match = vocab.UNIT_IN_LABEL.search(unicodedata.normalize("NFKC", label))
    return None if match is None else match.group(1)


def read_cell(raw: str, kind: ValueKind, unit: str | None = None) -> CellReading:
    """Read one cell's printed text for a column of this kind (in this unit, for amounts)."""
    text = _clean(raw)
    shown = raw.strip()
    match = _NUMBER.fullmatch(text.replace(" ", ""))
    if match is None or _SPLIT.fullmatch(text):
        return _no_number(text, shown)
    rest = match.group("rest")
    annotation = None
    if rest:
        if not _is_annotation(rest):
            return _unreadable(shown, "a number followed by text")
        annotation = rest.lstrip(",、;:")
    num = match.group("num")
    if kind is not ValueKind.AMOUNT and "." in num:
        return _unreadable(shown, "not a whole number")
    value = _number(num, shown)
    if isinstance(value, CellReading):
        return value
    if match.group("sign") == "-":
        value = -value
    return _typed(shown, value, kind, (match.group("unit"), unit), annotation)


def _no_number(text: str, shown: str) -> CellReading:
    if not text:
        return CellReading(CellState.BLANK, None, shown)
    if text.replace(" ", "") in vocab.PLACEHOLDERS:
        return CellReading(CellState.PLACEHOLDER, None, shown)
    if _SPLIT.fullmatch(text):
        return _unreadable(shown, "several numbers in one cell")
    return _unreadable(shown, "not a number")


def _number(num: str, shown: str) -> Decimal | CellReading:
    digits = num.split(".", 1)[0].replace(",", "")
    if _LEADING_ZERO.match(digits):
        return _unreadable(shown, "a number with a leading zero (digits of two cells?)")
    if len(digits) > MAX_DIGITS:
        return _unreadable(shown, f"more than {MAX_DIGITS} digits (digits of several cells?)")
    if "," not in num:
        # Plain ASCII digits with at most one ".": what babel's strict parse returns for
        # them (it checks the grouping only when a group separator is present).
        return Decimal(num)
    try:
        return parse_decimal(num, locale=_ZH_CN, strict=True)
    except NumberFormatError as error:
        suggestions = " or ".join(error.suggestions or ())
        problem = "not a well-formed number"
        if suggestions:
            problem = f"{problem}; babel suggests {suggestions}"
        return _unreadable(shown, problem)


def _typed(
    shown: str,
    value: Decimal,
    kind: ValueKind,
    units: tuple[str | None, str | None],
    annotation: str | None,
) -> CellReading:
    printed, expected = units
    state = CellState.ANNOTATED if annotation else CellState.NUMBER
    if kind is ValueKind.AMOUNT:
        if printed is not None and printed not in vocab.MONEY_UNITS:
            return _unreadable(shown, f"a count ({printed}) where an amount of money belongs")
        if printed is not None and expected is not None and printed != expected:
            return _unreadable(shown, f"printed in {printed}; the column is in {expected}")
        return CellReading(state, value, shown, printed, annotation)
    if printed in vocab.MONEY_UNITS:
        return _unreadable(shown, f"an amount ({printed}) where a count belongs")
    return CellReading(state, int(value), shown, printed, annotation)


def _unreadable(shown: str, problem: str) -> CellReading:
    return CellReading(CellState.UNREADABLE, None, shown, problem=problem)

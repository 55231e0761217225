"""Suspects of a diagnosis as sentences, in the caller's locale."""

from __future__ import annotations

from typing import Final

from .._gettext import N_
from ..catalog import edition
from ..diagnose import CellChange, Confidence, DamagePattern, Suspect
from ._i18n import LocaleName, format_number, gettext, normalize_locale
from ._messages import _label, opening_capital

__all__ = ["describe_suspect", "diagnosis_heading"]

_CHANGE: Final = N_("%(cell)s should probably be %(suggested)s, not %(printed)s.")
_FILL: Final = N_("%(cell)s is not reported; the identities give %(suggested)s.")

_SPLIT: Final = N_(
    "%(printed)s reads like %(suggested)s split in two across adjacent cells (%(pieces)s)."
)
_GLUED: Final = N_(
    "%(printed)s reads like %(suggested)s with the digits of a neighbouring cell "
    "glued on (%(pieces)s)."
)
_SPLIT_PAIR: Final = N_(
    "%(suggested)s read as %(pieces)s: a number split across two adjacent cells."
)
_GLUED_PAIR: Final = N_("%(pieces)s read as %(printed)s: two adjacent cells glued together.")
_MISREAD: Final = N_("%(printed)s and %(suggested)s differ in one digit: a misread digit.")
_ZERO_TOTAL: Final = N_("A total printed as 0 over parts that are not all 0.")
_WRONG_COLUMN: Final = N_(
    "%(count)s counted under %(wrong)s instead of %(right)s; the row still adds up."
)
_WRONG_ROW: Final = N_(
    "%(count)s counted in %(wrong)s instead of %(right)s; the column still adds up."
)
_BLANK_ZERO: Final = N_("Probably a 0 left blank.")
_ROW_SHIFT: Final = {
    1: N_(
        "Every row of the requests table holds the numbers of the row after it: the numbers "
        "were read before their labels, as text extracted without the page layout prints "
        "them. Moved back one row each, %(cells)s cells change and %(checks)s identities hold."
    ),
    -1: N_(
        "Every row of the requests table holds the numbers of the row before it: the labels "
        "were read ahead of their numbers. Moved forward one row each, %(cells)s cells change "
        "and %(checks)s identities hold."
    ),
}
_SHIFT_CONFIDENCE: Final = N_(
    "Confidence medium: the rows moved repair %(repaired)s of the %(failed)s failed "
    "identities; the row at the end has no numbers to take and stays unknown."
)
_ALSO: Final = N_("It also fits %(names)s.")
_NAMES: Final = {
    DamagePattern.SPLIT: N_("a number split across cells"),
    DamagePattern.GLUED: N_("glued digits"),
    DamagePattern.MISREAD: N_("a misread digit"),
    DamagePattern.ZERO_TOTAL: N_("a total printed as 0"),
}
_OR: Final = N_(" or ")
_ORIGIN: Final = N_("Read from the printed text “%(raw)s” (%(state)s).")
_ORIGIN_EMPTY: Final = N_("Nothing was printed in this cell (%(state)s).")
#: How ingest read a cell (:class:`gkdisclosure.ingest.CellState` values), in words.
_STATES: Final = {
    "number": N_("a number"),
    "blank": N_("blank"),
    "placeholder": N_("a placeholder"),
    "annotated": N_("a number with words"),
    "unreadable": N_("unreadable"),
    "inferred": N_("inferred"),
    "missing": N_("row or table not found"),
}

_ONE_CELL: Final = N_("one-cell change")
_TWO_CELLS: Final = N_("two-cell change")
_HIGH: Final = N_(
    "Confidence high: it is the only %(change)s that makes every failed identity here hold, "
    "and %(checks)s identities agree on it."
)
_MEDIUM_UNCHECKED: Final = N_(
    "Confidence medium: it is the only %(change)s that makes every failed identity here hold, "
    "but no further identity checks it."
)
_MEDIUM_EXCLUDED: Final = N_(
    "Confidence medium: it is the only %(change)s that makes every failed identity here hold "
    "with no count below 0; other repairs (%(excluded)s) were ruled out only because a count "
    "would be negative."
)
_AMBIGUOUS: Final = N_(
    "Ambiguous: %(count)s changes repair the failed identities equally well and the "
    "arithmetic cannot choose; this is one of them."
)
_TWINS: Final = N_(
    "Every identity that reads this cell reads %(cells)s in the same way, "
    "so no arithmetic tells them apart."
)
_LOW: Final = N_(
    "Confidence low: repairs %(repaired)s of the %(failed)s failed identities and breaks "
    "none; the others stay failing."
)
_FILL_HIGH: Final = N_("Confidence high: %(checks)s identities give this value.")
_FILL_MEDIUM: Final = N_("Confidence medium: one identity gives this value and none checks it.")
_SEPARATOR: Final = N_(", ")

_HEADINGS: Final = {
    "suspects": N_("Suspects"),
    "fills": N_("Blank cells the identities determine"),
    "unexplained": N_("No change of one or two cells repairs these failed identities."),
}


def _cell(suspect: Suspect, path: str, locale: LocaleName) -> str:
    return _label(edition(suspect.edition), path, locale, "cell")


def _number(value: int | None, locale: LocaleName) -> str:
    return "?" if value is None else format_number(value, locale)


def _change(suspect: Suspect, change: CellChange, locale: LocaleName) -> str:
    template = _FILL if change.printed is None else _CHANGE
    return gettext(template, locale) % {
        "cell": _cell(suspect, change.path, locale),
        "printed": _number(change.printed, locale),
        "suggested": _number(change.suggested, locale),
    }


def _pieces(printed: int, suggested: int, pattern: DamagePattern) -> str:
    """The two cells' worth of digits: ``2 | 0`` for 20 read as 2."""
    short, long = (str(printed), str(suggested))
    if pattern is DamagePattern.GLUED:
        short, long = long, short
    if long.startswith(short):
        return f"{short} | {long[len(short) :]}"
    return f"{long[: len(long) - len(short)]} | {short}"


def _digit_pattern(change: CellChange, pattern: DamagePattern, locale: LocaleName) -> str:
    printed = change.printed or 0
    values = {
        "printed": _number(change.printed, locale),
        "suggested": _number(change.suggested, locale),
    }
    if pattern is DamagePattern.SPLIT:
        return gettext(_SPLIT, locale) % {
            **values,
            "pieces": _pieces(printed, change.suggested, pattern),
        }
    if pattern is DamagePattern.GLUED:
        return gettext(_GLUED, locale) % {
            **values,
            "pieces": _pieces(printed, change.suggested, pattern),
        }
    if pattern is DamagePattern.MISREAD:
        return gettext(_MISREAD, locale) % values
    return gettext(_ZERO_TOTAL, locale)


def _moved(suspect: Suspect, locale: LocaleName) -> str:
    first, second = suspect.changes
    wrong, right = (first, second) if first.suggested < (first.printed or 0) else (second, first)
    part = "column" if suspect.pattern is DamagePattern.WRONG_COLUMN else "row"
    template = _WRONG_COLUMN if suspect.pattern is DamagePattern.WRONG_COLUMN else _WRONG_ROW
    spec = edition(suspect.edition)
    return gettext(template, locale) % {
        "count": _number((wrong.printed or 0) - wrong.suggested, locale),
        "wrong": _label(spec, wrong.path, locale, part),
        "right": _label(spec, right.path, locale, part),
    }


def _torn(suspect: Suspect, locale: LocaleName) -> str:
    """Digits torn across two adjacent cells: ``20`` read as ``2 | 0``, or ``3 | 5`` as ``35``."""
    left, right = suspect.changes
    if suspect.pattern is DamagePattern.SPLIT:
        whole = f"{left.printed}{right.printed}"
        return gettext(_SPLIT_PAIR, locale) % {
            "suggested": _number(int(whole), locale),
            "pieces": f"{left.printed} | {right.printed}",
        }
    glued = f"{left.suggested}{right.suggested}"
    return gettext(_GLUED_PAIR, locale) % {
        "printed": _number(int(glued), locale),
        "pieces": f"{left.suggested} | {right.suggested}",
    }


def _patterns(suspect: Suspect, locale: LocaleName) -> list[str]:
    if suspect.pattern in {DamagePattern.WRONG_COLUMN, DamagePattern.WRONG_ROW}:
        return [_moved(suspect, locale)]
    if len(suspect.changes) != 1:
        return [_torn(suspect, locale)] if suspect.pattern is not None else []
    (change,) = suspect.changes
    if not change.patterns:
        return []
    first, *others = change.patterns
    if first is DamagePattern.BLANK:
        return [gettext(_BLANK_ZERO, locale)] if change.suggested == 0 else []
    sentences = [_digit_pattern(change, first, locale)]
    if others:
        names = gettext(_OR, locale).join(gettext(_NAMES[p], locale) for p in others)
        sentences.append(gettext(_ALSO, locale) % {"names": names})
    return sentences


def _confidence(suspect: Suspect, locale: LocaleName) -> list[str]:
    fill = any(change.printed is None for change in suspect.changes)
    grade = suspect.confidence
    if fill:
        template = _FILL_HIGH if grade is Confidence.HIGH else _FILL_MEDIUM
        return [gettext(template, locale) % {"checks": suspect.checks}]
    values = {
        "change": gettext(_ONE_CELL if len(suspect.changes) == 1 else _TWO_CELLS, locale),
        "failed": len(suspect.repairs) + len(suspect.leaves),
        "checks": suspect.checks,
        "excluded": suspect.excluded,
        "count": suspect.alternatives + 1,
        "repaired": len(suspect.repairs),
    }
    if grade is Confidence.HIGH:
        sentences = [gettext(_HIGH, locale) % values]
    elif grade is Confidence.MEDIUM:
        template = _MEDIUM_EXCLUDED if suspect.excluded else _MEDIUM_UNCHECKED
        sentences = [gettext(template, locale) % values]
    elif grade is Confidence.AMBIGUOUS:
        sentences = [gettext(_AMBIGUOUS, locale) % values]
    else:
        sentences = [gettext(_LOW, locale) % values]
    if suspect.twins:
        cells = gettext(_SEPARATOR, locale).join(
            _cell(suspect, path, locale) for path in suspect.twins
        )
        sentences.append(gettext(_TWINS, locale) % {"cells": cells})
    return sentences


def describe_suspect(suspect: Suspect, locale: str = "zh_CN") -> str:
    """A suspect as sentences in the locale: the change, the damage it undoes, how sure it is."""
    name = normalize_locale(locale)
    if suspect.pattern is DamagePattern.ROW_SHIFT:
        return _shift(suspect, name)
    sentences = [_change(suspect, change, name) for change in suspect.changes]
    sentences += _patterns(suspect, name)
    for change in suspect.changes:
        if change.raw is not None and change.state is not None:
            state = (
                gettext(_STATES[change.state], name) if change.state in _STATES else change.state
            )
            template = _ORIGIN if change.raw.strip() else _ORIGIN_EMPTY
            sentences.append(gettext(template, name) % {"raw": change.raw, "state": state})
    sentences += _confidence(suspect, name)
    joiner = "" if name == "zh_CN" else " "
    return joiner.join(opening_capital(sentence) for sentence in sentences)


def _shift(suspect: Suspect, locale: LocaleName) -> str:
    """A whole-row shift in one sentence (its changes are too many to list one by one)."""
    # moved back (each row held the next one's numbers), the first row is left unknown
    table = edition(suspect.edition).requests
    first = f"{table.key}.{table.rows[0].key}."
    step = -1 if any(change.path.startswith(first) for change in suspect.changes) else 1
    values = {
        "cells": len(suspect.changes),
        "checks": suspect.checks,
        "repaired": len(suspect.repairs),
        "failed": len(suspect.repairs) + len(suspect.leaves),
    }
    joiner = "" if locale == "zh_CN" else " "
    return joiner.join(
        (gettext(_ROW_SHIFT[step], locale) % values, gettext(_SHIFT_CONFIDENCE, locale) % values)
    )


def diagnosis_heading(which: str, locale: str = "zh_CN") -> str:
    """A heading for a part of a diagnosis: ``"suspects"``, ``"fills"`` or ``"unexplained"``."""
    return gettext(_HEADINGS[which], normalize_locale(locale))

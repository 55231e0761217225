"""The totals the prose of a report states, to compare with its tables (FORMAT.md §5.4 X5, X6)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Final

from ..catalog import vocabulary as vocab
from ._result import NarrativeFigure, NarrativeKind

__all__ = ["extract_narrative", "paragraphs"]

#: The table cells each kind of figure should agree with (their sum for litigation).
PATHS: Final = {
    NarrativeKind.RECEIVED: ("requests.received.total",),
    NarrativeKind.HANDLED: ("requests.total_handled.total",),
    NarrativeKind.CARRIED_OVER: ("requests.carried_over.total",),
    NarrativeKind.CARRIED_FORWARD: ("requests.carried_forward.total",),
    NarrativeKind.REVIEW: ("review_litigation.review.total",),
    NarrativeKind.LITIGATION: (
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    ),
    NarrativeKind.FEE: (),
}
_MAX_SENTENCE: Final = 2000


def extract_narrative(texts: Iterable[str]) -> tuple[NarrativeFigure, ...]:
    """Every stated total in the prose, in reading order, with its sentence.

    Lines a PDF or a converter wrapped inside a sentence are joined first
    (:func:`paragraphs`): "答" ending one line and "复 3050 件" opening the next read as
    "答复 3050 件".
    """
    found: list[NarrativeFigure] = []
    for text in texts:
        for paragraph in paragraphs(text):
            for sentence in vocab.SENTENCE_END.split(paragraph):
                shown = sentence.strip()
                if shown and len(shown) <= _MAX_SENTENCE:
                    found.extend(_figures(shown))
    return tuple(found)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, with lines wrapped inside a sentence joined.

    A line continues the one before unless that one ends a sentence (。；：
    and the like) or is a heading (it opens with an enumerator and has no
    sentence end), or it opens a paragraph itself (an enumerator, Markdown
    markup). Blank lines end a paragraph; page numbers and running footers
    between two lines of one paragraph are left out.
    """
    found: list[str] = []
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if any(pattern.fullmatch(line) for pattern in vocab.PAGE_FURNITURE):
            continue
        if lines and line and _continues(lines[-1], line):
            lines[-1] = _join(lines[-1], line)
            continue
        found.extend(lines)
        lines = [line] if line else []
    found.extend(lines)
    return found


def _continues(before: str, line: str) -> bool:
    if before[-1] in vocab.LINE_END or _opens(line):
        return False
    heading = _opens(before)
    return not heading or any(mark in before for mark in vocab.LINE_END)


def _opens(line: str) -> bool:
    """Whether a line opens a paragraph (after NFKC: a PDF may print 二 as the radical ⼆)."""
    return vocab.PARAGRAPH_OPENER.match(unicodedata.normalize("NFKC", line[:8])) is not None


def _join(before: str, line: str) -> str:
    """Two pieces of one sentence: a space between them only where both sides are ASCII words."""
    space = (
        before[-1].isascii() and before[-1].isalnum() and line[0].isascii() and line[0].isalnum()
    )
    return f"{before} {line}" if space else before + line


def _figures(sentence: str) -> list[NarrativeFigure]:
    text = unicodedata.normalize("NFKC", sentence).translate(vocab.TRADITIONAL)
    found: list[NarrativeFigure] = []
    for kind, patterns in vocab.NARRATIVE.items():
        for pattern in patterns:
            match = next(
                (
                    m
                    for m in pattern.finditer(text)
                    if kind not in vocab.NARRATIVE_NEEDS_APPLICATION
                    or vocab.APPLICATION in m["what"]
                    or vocab.APPLICATION in text[: m.start()]
                ),
                None,
            )
            if match is not None:
                value = int(match["n"].replace(",", ""))
                found.append(_figure(kind, value, match["unit"], match.group(), sentence))
                break
    for kind, patterns in vocab.NARRATIVE_ZERO.items():
        match = next((m for p in patterns if (m := p.search(text))), None)
        if match is not None and not any(f.kind == kind for f in found):
            zero: int | Decimal = Decimal(0) if kind == NarrativeKind.FEE else 0
            unit = vocab.MONEY_UNIT if kind == NarrativeKind.FEE else vocab.COUNT_UNIT
            found.append(_figure(kind, zero, unit, match.group(), sentence))
    fee = vocab.NARRATIVE_FEE.search(text)
    if fee is not None and not any(f.kind == NarrativeKind.FEE for f in found):
        try:
            amount = Decimal(fee["n"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits digits only
            return found
        found.append(_figure("fee", amount, fee["unit"], fee.group(), sentence))
    return found


def _figure(
    kind: str, value: int | Decimal, unit: str, phrase: str, sentence: str
) -> NarrativeFigure:
    which = NarrativeKind(kind)
    return NarrativeFigure(
        kind=which, value=value, unit=unit, phrase=phrase, sentence=sentence, paths=PATHS[which]
    )

"""Totals the prose of a report states, as data for the rules to compare with its tables."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

__all__ = ["NarrativeFigure", "NarrativeKind"]


class NarrativeKind(enum.StrEnum):
    """Which total a sentence of the prose states."""

    RECEIVED = "received"
    HANDLED = "handled"
    CARRIED_OVER = "carried_over"
    CARRIED_FORWARD = "carried_forward"
    REVIEW = "review"
    LITIGATION = "litigation"
    FEE = "fee"


@frozen(kw_only=True)
class NarrativeFigure:
    """A total stated in the prose, with the sentence that states it.

    ``paths`` are the table cells the figure should agree with (their sum,
    for litigation); empty for the fee, which no table holds. ``value`` is
    an ``int`` count, or a :class:`~decimal.Decimal` amount in ``unit``.
    """

    kind: NarrativeKind
    value: int | Decimal
    unit: str
    phrase: str
    sentence: str
    paths: tuple[str, ...]

"""The typed model: frozen attrs classes for a whole report of either edition.

A cell is ``int | None`` (``None``: not reported), an amount of money is
``Decimal | None``. Field names are the wire keys of the JSON contract and
follow the catalog's order (a test holds the two together). The model does
no I/O, no formatting and no checking of values: a negative count is
well-typed data that the rules flag.
"""

from __future__ import annotations

from . import paths
from ._classes import (
    ApplicantCounts,
    CaseOutcomes,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItems2019,
    ItemCounts2019,
    Meta,
    NotProcessed,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Procurement2019,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
    Unavailable,
    Withheld,
)

__all__ = [
    "ApplicantCounts",
    "CaseOutcomes",
    "DecisionCount",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "FeeAmount2021",
    "FeeItems2019",
    "ItemCounts2019",
    "Meta",
    "NotProcessed",
    "OtherHandling",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "Report",
    "Requests2019",
    "Requests2021",
    "ReviewLitigation",
    "Unavailable",
    "Withheld",
    "paths",
]

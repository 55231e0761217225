"""Diagnose: point at the cells that break a report's identities, and say what they should be.

Every cell of 表三 sits in at least two identities (its row and its
column), so failures intersect and the arithmetic usually names the
culprit. :func:`diagnose` treats the identities as linear equations over
the cells and searches the fewest changes that repair every failed one;
:func:`apply` sets suggested values on a copy of the report.
"""

from __future__ import annotations

from ._diagnose import apply, diagnose
from ._model import (
    Applied,
    CellOrigin,
    Change,
    Confidence,
    Diagnosis,
    Origins,
    Pattern,
    Problem,
    Suspect,
)

__all__ = [
    "Applied",
    "CellOrigin",
    "Change",
    "Confidence",
    "Diagnosis",
    "Origins",
    "Pattern",
    "Problem",
    "Suspect",
    "apply",
    "diagnose",
]

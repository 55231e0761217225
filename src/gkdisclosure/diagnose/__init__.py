"""Diagnose: point at the cells that break a report's identities, and say what they should be.

Every cell of 表三 sits in at least two identities (its row and its
column), so failures intersect and the arithmetic usually names the
culprit. :func:`diagnose_report` treats the identities as linear
equations over the cells and searches the fewest changes that repair
every failed one; :func:`apply_repairs` sets suggested values on a copy
of the report.
"""

from __future__ import annotations

from .._deprecation import callable_module, renamed
from ._diagnose import apply_repairs, diagnose_report
from ._model import (
    Applied,
    CellChange,
    CellOrigin,
    Confidence,
    DamagePattern,
    Diagnosis,
    DiagnosisProblem,
    Origins,
    Suspect,
)

__all__ = [
    "Applied",
    "CellChange",
    "CellOrigin",
    "Confidence",
    "DamagePattern",
    "Diagnosis",
    "DiagnosisProblem",
    "Origins",
    "Suspect",
    "apply_repairs",
    "diagnose_report",
]

#: The names of 0.1 development versions, kept for one release.
__getattr__ = renamed(
    __name__,
    {
        "Change": "CellChange",
        "Pattern": "DamagePattern",
        "Problem": "DiagnosisProblem",
        "apply": "apply_repairs",
        "diagnose": "diagnose_report",
    },
)
callable_module(__name__, diagnose_report, "gkdisclosure.diagnose_report")

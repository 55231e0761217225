"""Typed data and checks for the tables of government information-disclosure annual reports.

``import gkdisclosure`` loads what reading and validating JSON needs: the
catalog, the model, the converter and the rules. Reading documents,
presenting, diagnosing and batches load on first use of one of their
names (PEP 562): see :data:`_LAZY`.
"""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from . import _views
from ._deprecation import renamed
from .catalog import Edition
from .converter import dump, dumps, from_dict, load, loads, make_converter, to_dict
from .errors import (
    ArgumentTypeError,
    DataProblem,
    GkDisclosureError,
    IngestError,
    MismatchedReportsError,
    MissingExtraError,
    OptionError,
    OutputError,
    ReportDataError,
    UnknownKeyError,
    UnsupportedLocaleError,
)
from .findings import Finding, InconsistentReportError, Severity, Status, ValidationResult
from .model import (
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
from .narrative import NarrativeFigure, NarrativeKind
from .rules import ValidationOptions, check, is_consistent, iter_findings, validate

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from .analysis import (
        Aggregate,
        ComparedCell,
        Comparison,
        Figure,
        Indicators,
        aggregate,
        aggregate_counts,
        compare,
        indicators,
    )
    from .batch import validate_many
    from .diagnose import (
        Applied,
        CellChange,
        CellOrigin,
        Confidence,
        DamagePattern,
        Diagnosis,
        DiagnosisProblem,
        Origins,
        Suspect,
        apply_repairs,
        diagnose_report,
    )
    from .frames import summary_frame, to_frame
    from .ingest import IngestResult, read, read_docx, read_html, read_pdf, read_text
    from .render import describe, describe_suspect, render_report

#: The public names loaded on first use, and the submodule that defines each.
#: A new lazy name goes here and in the ``TYPE_CHECKING`` block above.
_LAZY: Final[dict[str, str]] = {
    "Aggregate": "analysis",
    "ComparedCell": "analysis",
    "Comparison": "analysis",
    "Figure": "analysis",
    "Indicators": "analysis",
    "aggregate": "analysis",
    "aggregate_counts": "analysis",
    "compare": "analysis",
    "indicators": "analysis",
    "Applied": "diagnose",
    "CellChange": "diagnose",
    "CellOrigin": "diagnose",
    "Confidence": "diagnose",
    "DamagePattern": "diagnose",
    "Diagnosis": "diagnose",
    "DiagnosisProblem": "diagnose",
    "IngestResult": "ingest",
    "Origins": "diagnose",
    "Suspect": "diagnose",
    "apply_repairs": "diagnose",
    "describe": "render",
    "describe_suspect": "render",
    "diagnose_report": "diagnose",
    "read": "ingest",
    "read_docx": "ingest",
    "read_html": "ingest",
    "read_pdf": "ingest",
    "read_text": "ingest",
    "render_report": "render",
    "summary_frame": "frames",
    "to_frame": "frames",
    "validate_many": "batch",
}

#: The submodules an attribute of the package may name before they are imported.
_SUBMODULES: Final = frozenset(
    {
        "algebra",
        "analysis",
        "batch",
        "catalog",
        "cli",
        "converter",
        "diagnose",
        "errors",
        "findings",
        "frames",
        "ingest",
        "model",
        "narrative",
        "render",
        "rules",
        "schema",
        "testing",
    }
)

__all__ = [
    "Aggregate",
    "ApplicantCounts",
    "Applied",
    "ArgumentTypeError",
    "CaseOutcomes",
    "CellChange",
    "CellOrigin",
    "ComparedCell",
    "Comparison",
    "Confidence",
    "DamagePattern",
    "DataProblem",
    "DecisionCount",
    "Diagnosis",
    "DiagnosisProblem",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "Edition",
    "FeeAmount2021",
    "FeeItems2019",
    "Figure",
    "Finding",
    "GkDisclosureError",
    "InconsistentReportError",
    "Indicators",
    "IngestError",
    "IngestResult",
    "ItemCounts2019",
    "Meta",
    "MismatchedReportsError",
    "MissingExtraError",
    "NarrativeFigure",
    "NarrativeKind",
    "NotProcessed",
    "OptionError",
    "Origins",
    "OtherHandling",
    "OutputError",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "Report",
    "ReportDataError",
    "Requests2019",
    "Requests2021",
    "ReviewLitigation",
    "Severity",
    "Status",
    "Suspect",
    "Unavailable",
    "UnknownKeyError",
    "UnsupportedLocaleError",
    "ValidationOptions",
    "ValidationResult",
    "Withheld",
    "aggregate",
    "aggregate_counts",
    "apply_repairs",
    "check",
    "compare",
    "describe",
    "describe_suspect",
    "diagnose_report",
    "dump",
    "dumps",
    "from_dict",
    "indicators",
    "is_consistent",
    "iter_findings",
    "load",
    "loads",
    "make_converter",
    "read",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
    "render_report",
    "summary_frame",
    "to_dict",
    "to_frame",
    "validate",
    "validate_many",
]

# the notebook views are registered by render; the first one asked for loads it
_views.provide(partial(importlib.import_module, ".render", __name__))

#: The names of 0.1 development versions, kept for one release.
_renamed = renamed(
    __name__,
    {
        "Change": "CellChange",
        "DataError": "DataProblem",
        "Pattern": "DamagePattern",
        "Problem": "DiagnosisProblem",
        "apply": "apply_repairs",
    },
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # found directly from now on
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked for

        return version("gkdisclosure")
    return _renamed(name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

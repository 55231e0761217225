"""Typed data and checks for the tables of government information-disclosure annual reports."""

from __future__ import annotations

from .batch import validate_many
from .catalog import Edition
from .converter import dump, dumps, from_dict, load, loads, make_converter, to_dict
from .diagnose import (
    Applied,
    CellOrigin,
    Change,
    Confidence,
    Diagnosis,
    Origins,
    Pattern,
    Problem,
    Suspect,
    apply,
    diagnose,
)
from .errors import (
    DataError,
    GkDisclosureError,
    IngestError,
    MissingExtraError,
    ReportDataError,
    UnsupportedLocaleError,
)
from .findings import Finding, InconsistentReportError, Severity, Status, ValidationResult
from .frames import summary_frame, to_frame
from .ingest import IngestResult, read, read_docx, read_html, read_text
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
from .render import describe, describe_suspect

# The function, not the subpackage: `gkdisclosure.render(report)` renders; the subpackage
# stays importable as `from gkdisclosure.render import ...` (see docs/howto-render.md).
from .render import render_report as render
from .rules import check, is_consistent, iter_findings, validate

__all__ = [
    "ApplicantCounts",
    "Applied",
    "CaseOutcomes",
    "CellOrigin",
    "Change",
    "Confidence",
    "DataError",
    "DecisionCount",
    "Diagnosis",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "Edition",
    "FeeAmount2021",
    "FeeItems2019",
    "Finding",
    "GkDisclosureError",
    "InconsistentReportError",
    "IngestError",
    "IngestResult",
    "ItemCounts2019",
    "Meta",
    "MissingExtraError",
    "NarrativeFigure",
    "NarrativeKind",
    "NotProcessed",
    "Origins",
    "OtherHandling",
    "Pattern",
    "Proactive2019",
    "Proactive2021",
    "Problem",
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
    "UnsupportedLocaleError",
    "ValidationResult",
    "Withheld",
    "apply",
    "check",
    "describe",
    "describe_suspect",
    "diagnose",
    "dump",
    "dumps",
    "from_dict",
    "is_consistent",
    "iter_findings",
    "load",
    "loads",
    "make_converter",
    "read",
    "read_docx",
    "read_html",
    "read_text",
    "render",
    "summary_frame",
    "to_dict",
    "to_frame",
    "validate",
    "validate_many",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked for

        return version("gkdisclosure")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

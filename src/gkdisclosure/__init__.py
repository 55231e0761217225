"""Typed data and checks for the tables of government information-disclosure annual reports."""

from __future__ import annotations

from .catalog import Edition
from .converter import dump, dumps, from_dict, load, loads, make_converter, to_dict
from .errors import (
    DataError,
    GkDisclosureError,
    IngestError,
    ReportDataError,
    UnsupportedLocaleError,
)
from .findings import Finding, InconsistentReportError, Severity, Status, ValidationResult
from .ingest import IngestResult, read_html, read_text
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
from .render import describe
from .rules import check, is_consistent, iter_findings, validate

__all__ = [
    "ApplicantCounts",
    "CaseOutcomes",
    "DataError",
    "DecisionCount",
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
    "NarrativeFigure",
    "NarrativeKind",
    "NotProcessed",
    "OtherHandling",
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
    "Unavailable",
    "UnsupportedLocaleError",
    "ValidationResult",
    "Withheld",
    "check",
    "describe",
    "dump",
    "dumps",
    "from_dict",
    "is_consistent",
    "iter_findings",
    "load",
    "loads",
    "make_converter",
    "read_html",
    "read_text",
    "to_dict",
    "validate",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked for

        return version("gkdisclosure")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

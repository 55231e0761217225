"""The rules: every identity of the format as a pure function over a Report.

``validate`` collects every finding in one pass; ``check`` raises;
``is_consistent`` answers yes or no; ``iter_findings`` yields lazily
(jsonschema's ``iter_errors`` / ``validate`` / ``is_valid`` triad).
"""

from __future__ import annotations

from ._catalogue import (
    PROFILES,
    RULES,
    SILENCED,
    ProfileName,
    Rule,
    ValidationKeywords,
    ValidationOptions,
)
from ._validate import check, is_consistent, iter_findings, validate

__all__ = [
    "PROFILES",
    "RULES",
    "SILENCED",
    "ProfileName",
    "Rule",
    "ValidationKeywords",
    "ValidationOptions",
    "check",
    "is_consistent",
    "iter_findings",
    "validate",
]

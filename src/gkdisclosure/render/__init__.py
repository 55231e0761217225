"""Presenting reports and findings to people: messages and tables in zh_CN or en.

The only user of babel besides the number parsing of ingest.
"""

from __future__ import annotations

from .._deprecation import callable_module
from . import _notebook  # noqa: F401 - importing it registers the notebook views
from ._batch import render_batch
from ._brief import brief
from ._compare import render_comparison
from ._diagnosis import describe_suspect, diagnosis_heading
from ._i18n import LOCALES, LocaleName, format_number, gettext, normalize_locale
from ._messages import describe, rule_text, severity_name, summary
from ._report import render_report

__all__ = [
    "LOCALES",
    "LocaleName",
    "brief",
    "describe",
    "describe_suspect",
    "diagnosis_heading",
    "format_number",
    "gettext",
    "normalize_locale",
    "render_batch",
    "render_comparison",
    "render_report",
    "rule_text",
    "severity_name",
    "summary",
]

callable_module(__name__, render_report, "gkdisclosure.render_report")

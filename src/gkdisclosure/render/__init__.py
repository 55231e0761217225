"""Presenting findings to people: messages in zh_CN or en (the only user of babel)."""

from __future__ import annotations

from ._i18n import LOCALES, format_number, normalize_locale
from ._messages import describe, rule_text, severity_name, summary

__all__ = [
    "LOCALES",
    "describe",
    "format_number",
    "normalize_locale",
    "rule_text",
    "severity_name",
    "summary",
]

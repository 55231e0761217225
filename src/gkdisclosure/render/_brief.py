"""The findings about one report in a few lines, for reading at a glance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Final

from .._gettext import N_
from ..catalog import EditionSpec, edition
from ..findings import Finding, Status, ValidationResult
from ._i18n import LocaleName, gettext, normalize_locale
from ._messages import cell_label, describe, severity_name

__all__ = ["brief"]

_CANNOT: Final = N_("%(table)s: %(count)s identities cannot be checked; not reported: %(cells)s.")
_MORE: Final = N_("%(count)s more")
_NOTES: Final = N_("%(count)s reading notes: %(codes)s.")
_TABLE: Final = N_("Table %(number)s")
_SEPARATOR: Final = N_(", ")
#: How many blank cells a line names before counting the rest.
_SHOWN: Final = 3


def _table_name(spec: EditionSpec, key: str, locale: LocaleName) -> str:
    table = spec.table(key)
    # 表二, 表三, 表四 are tables 2, 3 and 4
    number = table.number if locale == "zh_CN" else str(spec.tables.index(table) + 2)
    return gettext(_TABLE, locale) % {"number": number}


def brief(
    result: ValidationResult, locale: str = "zh_CN", *, notes: Iterable[Any] = ()
) -> tuple[str, ...]:
    """The findings in a few lines: each that failed on its own, what cannot be checked by table.

    Every failed identity and every report-level finding is one line,
    ``[severity] message``. The identities that cannot be checked are
    counted in one line per table, with the cells they lack. Reading notes
    (an ingest result's ``notes``: anything with a ``code``) are counted by
    code in one line.
    """
    name = normalize_locale(locale)
    lines: list[str] = []
    unassessable: dict[str, list[Finding]] = {}
    for finding in result:
        if finding.status is Status.UNASSESSABLE and finding.table is not None:
            unassessable.setdefault(finding.table, []).append(finding)
            continue
        lines.append(f"[{severity_name(finding.severity, name)}] {describe(finding, name)}")
    separator = gettext(_SEPARATOR, name)
    for table, findings in unassessable.items():
        spec = edition(findings[0].args["edition"])
        blank = list(dict.fromkeys(path for f in findings for path in f.missing))
        shown = [cell_label(spec, path, name) for path in blank[:_SHOWN]]
        if len(blank) > _SHOWN:
            shown.append(gettext(_MORE, name) % {"count": len(blank) - _SHOWN})
        severity = severity_name(max((f.severity for f in findings), key=lambda s: s.rank), name)
        text = gettext(_CANNOT, name) % {
            "table": _table_name(spec, table, name),
            "count": len(findings),
            "cells": separator.join(shown),
        }
        lines.append(f"[{severity}] {text}")
    codes = Counter(note.code for note in notes)
    if codes:
        listed = separator.join(f"{code} ×{count}" for code, count in codes.items())
        lines.append(gettext(_NOTES, name) % {"count": sum(codes.values()), "codes": listed})
    return tuple(lines)

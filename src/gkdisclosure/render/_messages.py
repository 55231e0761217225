"""Findings and rules as sentences, in the caller's locale."""

from __future__ import annotations

from decimal import Decimal
from typing import Final, cast

from .._gettext import N_
from ..catalog import PREVIOUS, Cell, EditionSpec, edition
from ..findings import Finding, Severity, Status, ValidationResult
from ..rules import RULES
from ._i18n import LocaleName, format_number, gettext, normalize_locale

__all__ = ["describe", "rule_text", "severity_name", "summary"]

_FAILED: Final = N_(
    "%(where)s: %(target)s is %(actual)s, but %(expression)s = %(expected)s (difference %(delta)s)."
)
_UNASSESSABLE: Final = N_(
    "%(where)s: %(target)s = %(expression)s cannot be checked; not reported: %(missing)s."
)
_FAILED_CELL: Final = N_(
    "%(where)s is %(actual)s, but %(expression)s = %(expected)s (difference %(delta)s)."
)
_UNASSESSABLE_CELL: Final = N_(
    "%(where)s = %(expression)s cannot be checked; not reported: %(missing)s."
)
_NEGATIVE: Final = N_("%(where)s: %(actual)s is negative; counts and amounts cannot be.")
_MISSING_TABLE: Final = N_("The report has no table %(number)s (%(heading)s).")
_BLANK_TABLE: Final = N_(
    "Table %(number)s gives no number: every cell is blank, a placeholder or could not be read."
)
_INCOMPLETE_TABLE: Final = N_(
    "Table %(number)s: %(blank)s of %(cells)s cells give no number "
    "(blank, a placeholder or not readable): %(listed)s."
)
_MORE_CELLS: Final = N_("%(count)s more")
#: How many blank cells a finding about a table names before counting the rest.
_SHOWN_CELLS: Final = 5
_EDITION_YEAR: Final = N_(
    "The tables follow the %(actual)s edition, "
    "but reports for %(year)s use the %(expected)s edition."
)
_SEQUENCE_YEAR: Final = N_(
    "The previous report is for %(actual)s; "
    "the cross-report rules need the report for %(expected)s."
)
_SEQUENCE_AGENCY: Final = N_("The previous report is of %(actual)s, not of %(expected)s.")
_NARRATIVE: Final = N_(
    "The text states %(actual)s (\u201c%(sentence)s\u201d), but the table gives %(expected)s "
    "(%(cells)s)."
)
_NARRATIVE_UNASSESSABLE: Final = N_(
    "The text states %(actual)s (\u201c%(sentence)s\u201d); the table cannot be compared, "
    "not reported: %(missing)s."
)
_NARRATIVE_MEANINGS: Final = N_(
    "The text states %(actual)s (\u201c%(sentence)s\u201d), but the table gives none of what "
    "its wording may mean: %(meanings)s."
)
_MEANING: Final = N_("%(value)s (%(cells)s)")
_OR: Final = N_(" or ")
_PREVIOUS: Final = N_("last year's %(label)s")
_ZEROS: Final = N_("%(count)s more rows of 0")
_BLANKS: Final = N_("%(count)s rows not reported")
_ASSUMED: Final = N_(" Read as 0 where not reported: %(cells)s.")
_SEPARATOR: Final = N_(", ")
_NOT_REPORTED: Final = "?"
_SHOWN_TERMS: Final = 6


def _cell(spec: EditionSpec, path: str) -> Cell:
    return spec.cell(path.removeprefix(PREVIOUS))


def _label(spec: EditionSpec, path: str, locale: LocaleName, part: str) -> str:
    """A cell's short label (the catalog's, for messages): its row, its column, or both."""
    cell = _cell(spec, path)
    row = cell.row.short_zh if locale == "zh_CN" else cell.row.short_en
    column = cell.column.short_zh if locale == "zh_CN" else cell.column.short_en
    label = {"row": row, "column": column}.get(part, f"{row} / {column}")
    if path.startswith(PREVIOUS):
        return gettext(_PREVIOUS, locale) % {"label": label}
    return label


def cell_label(spec: EditionSpec, path: str, locale: LocaleName) -> str:
    """A cell's short label: its row and its column ("（六）1 逾期不补正 / 自然人")."""
    return _label(spec, path, locale, "cell")


def _number(value: int | Decimal | None, locale: LocaleName, *, signed: bool = False) -> str:
    return _NOT_REPORTED if value is None else format_number(value, locale, signed=signed)


def _expression(finding: Finding, spec: EditionSpec, locale: LocaleName, part: str) -> str:
    terms: tuple[tuple[int, str, int | Decimal | None], ...] = finding.args["terms"]
    shown = terms
    if len(terms) > _SHOWN_TERMS:  # a long sum: name the rows that carry a number
        shown = tuple(term for term in terms if term[2] not in {0, None})
    text = ""
    for sign, path, value in shown:
        operator = ("+ " if text else "") if sign > 0 else "− "
        label = _label(spec, path, locale, part)
        text += f"{' ' if text else ''}{operator}{label} {_number(value, locale)}"
    zeros = sum(1 for term in terms if term not in shown and term[2] == 0)
    blanks = sum(1 for term in terms if term not in shown and term[2] is None)
    for count, template in ((zeros, _ZEROS), (blanks, _BLANKS)):
        if count:
            more = gettext(template, locale) % {"count": count}
            text = f"{text} + {more}" if text else more
    return text


def describe(finding: Finding, locale: str = "zh_CN") -> str:
    """The finding as a sentence in the locale (``zh_CN`` or ``en``, in any spelling).

    Cells are named by the catalog's short labels ("(6)1 overdue correction /
    natural persons"); the rendered tables keep the official ones.
    """
    return opening_capital(_describe(finding, normalize_locale(locale)))


def opening_capital(sentence: str) -> str:
    """The sentence with its first letter capital: a short label may open it in lower case."""
    return sentence[:1].upper() + sentence[1:]


def _describe(finding: Finding, name: LocaleName) -> str:
    spec = edition(finding.args["edition"])
    if finding.rule.startswith(("report.", "series.sequence")):
        return _describe_report(finding, spec, name)
    if finding.rule.startswith("narrative."):
        return _describe_narrative(finding, spec, name)
    if finding.row is None:
        where_part, term_part = "column", "row"
    elif finding.column is None:
        where_part, term_part = "row", "column"
    else:
        where_part = term_part = "cell"
    where = _label(spec, finding.path, name, where_part)
    actual = _number(cast("int | Decimal | None", finding.actual), name)
    if finding.rule == "cells.non_negative":
        sentence = gettext(_NEGATIVE, name) % {"where": where, "actual": actual}
    elif finding.status is Status.UNASSESSABLE:
        missing = gettext(_SEPARATOR, name).join(
            _label(spec, path, name, "cell") for path in finding.missing
        )
        template = _UNASSESSABLE_CELL if where_part == "cell" else _UNASSESSABLE
        sentence = gettext(template, name) % {
            "where": where,
            "target": _label(spec, finding.path, name, term_part),
            "expression": _expression(finding, spec, name, term_part),
            "missing": missing,
        }
    else:
        template = _FAILED_CELL if where_part == "cell" else _FAILED
        sentence = gettext(template, name) % {
            "where": where,
            "target": _label(spec, finding.path, name, term_part),
            "actual": actual,
            "expression": _expression(finding, spec, name, term_part),
            "expected": _number(cast("int | Decimal | None", finding.expected), name),
            "delta": _number(finding.delta, name, signed=True),
        }
    if finding.assumed_zero:
        cells = gettext(_SEPARATOR, name).join(
            _label(spec, path, name, "cell") for path in finding.assumed_zero
        )
        sentence += gettext(_ASSUMED, name) % {"cells": cells}
    return sentence


def _describe_narrative(finding: Finding, spec: EditionSpec, name: LocaleName) -> str:
    separator = gettext(_SEPARATOR, name)
    cells = separator.join(_label(spec, path, name, "cell") for path in finding.args["paths"])
    values = {
        "actual": _number(cast("int | Decimal", finding.actual), name),
        "sentence": finding.args["sentence"],
        "cells": cells,
    }
    if finding.status is Status.UNASSESSABLE:
        missing = separator.join(_label(spec, path, name, "cell") for path in finding.missing)
        return gettext(_NARRATIVE_UNASSESSABLE, name) % {**values, "missing": missing}
    meanings = finding.args.get("meanings", ())
    if len(meanings) > 1:
        listed = gettext(_OR, name).join(
            gettext(_MEANING, name)
            % {
                "value": _number(value, name),
                "cells": " + ".join(_label(spec, path, name, "cell") for path in paths),
            }
            for paths, value in meanings
        )
        return gettext(_NARRATIVE_MEANINGS, name) % {**values, "meanings": listed}
    expected = _number(cast("int | Decimal", finding.expected), name)
    return gettext(_NARRATIVE, name) % {**values, "expected": expected}


_TABLE_TEMPLATES: Final = {
    "report.missing_table": _MISSING_TABLE,
    "report.blank_table": _BLANK_TABLE,
    "report.incomplete_table": _INCOMPLETE_TABLE,
}


def _describe_report(finding: Finding, spec: EditionSpec, name: LocaleName) -> str:
    values = {"actual": finding.actual, "expected": finding.expected}
    if finding.rule in _TABLE_TEMPLATES:
        table = spec.table(finding.path)
        if name == "zh_CN":
            number, heading = table.number, table.heading
        else:  # 表二, 表三, 表四 are tables 2, 3 and 4
            number, heading = str(spec.tables.index(table) + 2), table.en
        shown = [_label(spec, path, name, "cell") for path in finding.missing[:_SHOWN_CELLS]]
        if len(finding.missing) > _SHOWN_CELLS:
            more = len(finding.missing) - _SHOWN_CELLS
            shown.append(gettext(_MORE_CELLS, name) % {"count": more})
        return gettext(_TABLE_TEMPLATES[finding.rule], name) % {
            "number": number,
            "heading": heading,
            "blank": finding.args.get("blank"),
            "cells": finding.args.get("cells"),
            "listed": gettext(_SEPARATOR, name).join(shown),
        }
    if finding.rule == "report.edition_year":
        return gettext(_EDITION_YEAR, name) % {**values, "year": finding.args["year"]}
    template = _SEQUENCE_YEAR if finding.path == "year" else _SEQUENCE_AGENCY
    return gettext(template, name) % values


def rule_text(rule: str, locale: str = "zh_CN") -> tuple[str, str]:
    """A rule's title and identity in the locale."""
    name = normalize_locale(locale)
    found = RULES[rule]
    return gettext(found.title, name), gettext(found.identity, name)


_SEVERITIES: Final = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}
_CLEAN: Final = N_("no findings")
_COUNTS: Final = N_("%(error)s errors, %(warning)s warnings, %(info)s notes")
_HEADER: Final = N_("%(agency)s, report for %(year)s, %(edition)s edition")
_LINE: Final = N_("%(header)s: %(status)s")


def severity_name(severity: Severity | str, locale: str = "zh_CN") -> str:
    """The name of a severity in the locale."""
    return gettext(_SEVERITIES[Severity(severity)], normalize_locale(locale))


def summary(result: ValidationResult, locale: str = "zh_CN") -> str:
    """One line about the report and its findings, in the locale."""
    name = normalize_locale(locale)
    report = result.report
    header = gettext(_HEADER, name) % {
        "agency": report.agency,
        "year": report.year,
        "edition": report.edition.value,
    }
    if result.findings:
        counts = {severity.value: count for severity, count in result.by_severity().items()}
        status = gettext(_COUNTS, name) % counts
    else:
        status = gettext(_CLEAN, name)
    return gettext(_LINE, name) % {"header": header, "status": status}

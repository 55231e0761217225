"""What the HTML and Markdown writers share: the page's words and the cells' marks."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from attrs import frozen

from .._gettext import N_
from ..catalog import EditionSpec, edition
from ..catalog import vocabulary as vocab
from ..findings import Finding, Status, ValidationResult
from ..model import Report
from ._i18n import LocaleName, format_number, gettext
from ._layout import CellKind, Marks, TableGrid, grids, mark_cells
from ._messages import describe, severity_name, summary

__all__ = ["Page", "page"]

_TITLE_EN: Final = N_("%(agency)s: annual report on government information disclosure, %(year)s")
_EDITION: Final = N_("Format of %(notice)s (%(edition)s edition)")
_ABSENT: Final = N_("The report has no such table.")
_FINDINGS: Final = N_("Findings")
_LEGEND_FAILED: Final = N_("a cell of an identity that does not hold")
_LEGEND_UNASSESSABLE: Final = N_("a cell of an identity that cannot be checked")
_LEGEND_BLANK: Final = N_("A blank cell is not reported; it is not 0.")
_FINDING: Final = N_("%(severity)s: %(message)s (%(rule)s)")


@frozen
class Page:
    """A report laid out for a writer: words in the locale, grids, marks and findings."""

    locale: LocaleName
    title: str
    edition_line: str
    summary: str | None
    tables: tuple[TableGrid, ...]
    marks: dict[str, Marks]
    findings: tuple[Finding, ...]
    #: Each finding as its sentence, in the order of :attr:`findings`.
    sentences: tuple[str, ...]
    absent: str
    findings_heading: str
    legend: tuple[str, str, str]

    def number(self, value: int | Decimal | None) -> str:
        """A value as printed: formatted for the locale, blank when not reported."""
        return "" if value is None else format_number(value, self.locale)

    def finding_line(self, index: int) -> str:
        """The finding's line in the list: severity, sentence and rule."""
        finding = self.findings[index]
        return gettext(_FINDING, self.locale) % {
            "severity": severity_name(finding.severity, self.locale),
            "message": self.sentences[index],
            "rule": finding.rule,
        }

    def tooltip(self, marks: Marks) -> str:
        """The sentences of the findings about a cell, one a line."""
        return "\n".join(self.sentences[self.findings.index(f)] for f in marks.findings)


def title(report: Report, locale: LocaleName) -> str:
    """The report's title in the locale (in Chinese, the official form the readers find)."""
    if locale == "zh_CN":
        return vocab.TITLE.format(agency=report.agency, year=report.year)
    return gettext(_TITLE_EN, locale) % {"agency": report.agency, "year": report.year}


def _result(
    report: Report, findings: ValidationResult | Iterable[Finding] | None
) -> tuple[tuple[Finding, ...], ValidationResult | None]:
    if findings is None:
        return (), None
    if isinstance(findings, ValidationResult):
        return findings.findings, findings
    listed = tuple(findings)
    return listed, ValidationResult(listed, report)


def page(
    report: Report, locale: LocaleName, findings: ValidationResult | Iterable[Finding] | None
) -> Page:
    """Lay the report out in the locale, with its findings marked when given."""
    spec: EditionSpec = edition(report.edition)
    listed, result = _result(report, findings)
    tables = tuple(grids(report, spec, locale))
    paths = [
        cell.path
        for grid in tables
        for row in grid.rows
        for cell in row
        if cell.kind is CellKind.VALUE and cell.path is not None
    ]
    return Page(
        locale=locale,
        title=title(report, locale),
        edition_line=gettext(_EDITION, locale)
        % {"notice": spec.notice, "edition": spec.edition.value},
        summary=None if result is None else summary(result, locale),
        tables=tables,
        marks=mark_cells(listed, paths),
        findings=listed,
        sentences=tuple(describe(f, locale) for f in listed),
        absent=gettext(_ABSENT, locale),
        findings_heading=gettext(_FINDINGS, locale),
        legend=(
            gettext(_LEGEND_FAILED, locale),
            gettext(_LEGEND_UNASSESSABLE, locale),
            gettext(_LEGEND_BLANK, locale),
        ),
    )


def is_failed(marks: Marks | None) -> bool:
    """Whether a cell takes part in an identity that does not hold."""
    return marks is not None and bool(marks.failed)


def is_unassessable(marks: Marks | None) -> bool:
    """Whether a cell takes part only in identities that cannot be checked."""
    return (
        marks is not None
        and not marks.failed
        and any(f.status is Status.UNASSESSABLE for f in marks.unassessable)
    )

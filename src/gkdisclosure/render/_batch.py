"""One self-contained HTML page for a whole batch: verdicts, findings by rule, indicators, tables.

No framework and nothing fetched: the style and a few lines of script to
sort the tables are inline, and the chart of findings by rule is an SVG
drawn here. Each report's tables are the official layout with the failing
cells marked (as :func:`gkdisclosure.render` draws them), in a
``<details>`` element that is open for the reports with errors. For a
report read from a PDF, each identity that does not hold is shown as
printed: a picture of the band of the page that holds its cells, the
cells outlined (:func:`gkdisclosure.ingest.crop_pdf`), embedded in the
page as a ``data:`` URI.
"""

from __future__ import annotations

import base64
import struct
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, Final, Protocol

from attrs import define
from babel.numbers import format_decimal

from .._gettext import N_
from ..analysis import INDICATORS, indicators
from ..errors import GkDisclosureError
from ..findings import Finding, Severity, Status
from ..model import Report
from ._html import STYLE, _body
from ._i18n import LocaleName, format_number, gettext, normalize_locale
from ._messages import severity_name
from ._page import Page, page

if TYPE_CHECKING:
    from ..ingest import CellSource

__all__ = ["BatchEntry", "render_batch"]

#: The most pictures of printed cells one report shows on the page.
MAX_CROPS_PER_REPORT: Final = 10
#: The most pictures of printed cells the whole page holds.
MAX_CROPS: Final = 100
#: Pixels per point of the pictures (108 dots per inch).
_CROP_SCALE: Final = 1.5


class BatchEntry(Protocol):
    """What the page needs of each checked source (:class:`gkdisclosure.batch.Outcome` has it)."""

    @property
    def source(self) -> str:
        """Where the report came from."""

    @property
    def agency(self) -> str | None:
        """The report's agency, if it could be read."""

    @property
    def year(self) -> int | None:
        """The report's year, if it could be read."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The report's findings."""

    @property
    def tally(self) -> tuple[tuple[str, str], ...]:
        """``(rule, severity)`` of each finding."""

    @property
    def error(self) -> str | None:
        """Why the source could not be read, if it could not."""

    @property
    def errors(self) -> int:
        """How many findings are errors."""

    @property
    def report(self) -> Report | None:
        """The report itself, where it was kept."""

    @property
    def evidence(self) -> tuple[CellSource, ...]:
        """Where the cells of the failed findings were printed (a report read from a PDF)."""


_TITLE: Final = N_("Validation of %(count)s reports")
_COUNTS: Final = N_(
    "%(reports)s reports read, %(failing)s with errors, %(unreadable)s unreadable; "
    "%(findings)s findings."
)
_CHART: Final = N_("Findings by rule")
_CHART_FAILED: Final = N_("does not hold")
_CHART_UNASSESSABLE: Final = N_("cannot be checked")
_REPORTS: Final = N_("Reports, worst first")
_INDICATORS: Final = N_("Indicators of all applicants")
_FILE: Final = N_("File")
_AGENCY: Final = N_("Agency")
_YEAR: Final = N_("Year")
_VERDICT: Final = N_("Verdict")
_FINDINGS: Final = N_("Findings")
_RULES: Final = N_("Rules")
_OK: Final = N_("no errors")
_FAILING: Final = N_("errors")
_UNREADABLE: Final = N_("unreadable")
_SORT: Final = N_("Click a column's heading to sort by it.")
_PRINTED: Final = N_("As printed in the PDF")
_PRINTED_NOTE: Final = N_(
    "Where the cells of each identity that does not hold are printed in %(file)s: their page "
    "with the cells outlined in red, or the page's number where their place on it is not known."
)
_PICTURE: Final = N_("Page %(page)s of the PDF, these cells outlined: %(cells)s")
_PAGE: Final = N_("page %(page)s")
_NO_BOX: Final = N_("Printed on page %(page)s: %(cells)s")
_LEFT_OUT: Final = N_(
    "%(count)s more pictures are left out: the page shows at most %(report)s for a report "
    "and %(total)s in all."
)
_NONE: Final = "—"
_SEVERITIES: Final = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_BATCH_STYLE: Final = """
.gk-batch { max-width: 96rem; }
.gk-batch table.gk-list { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
.gk-batch .gk-list th, .gk-batch .gk-list td { border: 1px solid #bbb; padding: 0.2rem 0.45rem; }
.gk-batch .gk-list th { background: #f1f3f5; cursor: pointer; user-select: none; }
.gk-batch .gk-list th[aria-sort="ascending"]::after { content: " ▲"; }
.gk-batch .gk-list th[aria-sort="descending"]::after { content: " ▼"; }
.gk-batch .gk-list td.gk-num { text-align: right; font-variant-numeric: tabular-nums; }
.gk-batch tr.gk-verdict-errors td.gk-verdict { color: #8e0000; font-weight: 700; }
.gk-batch tr.gk-verdict-unreadable td.gk-verdict { color: #7a4a00; font-weight: 700; }
.gk-batch tr.gk-verdict-ok td.gk-verdict { color: #1b5e20; }
.gk-batch td.gk-verdict { white-space: nowrap; }
.gk-batch details { border-top: 1px solid #ddd; margin-top: 1rem; padding-top: 0.5rem; }
.gk-batch details > summary { cursor: pointer; font-weight: 600; }
.gk-batch svg text { font-family: inherit; font-size: 12px; }
.gk-batch figure.gk-evidence { margin: 0.8rem 0; }
.gk-batch figure.gk-evidence img { display: block; max-width: 100%; height: auto;
  border: 1px solid #bbb; }
.gk-batch figure.gk-evidence figcaption, .gk-batch p.gk-evidence { font-size: 0.9rem; }
"""

#: Sorts a table by the column whose heading is clicked; numbers by ``data-sort``.
_SCRIPT: Final = """
document.querySelectorAll("table.gk-list").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, index) {
    th.addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("thead th").forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[index];
        var sort = cell.getAttribute("data-sort");
        return sort === null ? cell.textContent : parseFloat(sort);
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (typeof x === "number" && isNaN(x)) { return 1; }
        if (typeof y === "number" && isNaN(y)) { return -1; }
        var order = x < y ? -1 : (x > y ? 1 : 0);
        return down ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""

_BAR: Final = 22
_LABEL: Final = 230
_WIDTH: Final = 460
_FAILED_FILL: Final = "#c62828"
_UNASSESSABLE_FILL: Final = "#e0a100"


def _rank(outcome: BatchEntry) -> tuple[int, int, int]:
    """Worst first: unreadable, then by errors, then by findings."""
    return (outcome.error is None, -outcome.errors, -len(outcome.tally))


def _verdict(outcome: BatchEntry) -> str:
    if outcome.error is not None:
        return "unreadable"
    return "errors" if outcome.errors else "ok"


def _chart(outcomes: list[BatchEntry], locale: LocaleName) -> str:
    """Horizontal bars, one per rule: findings that fail, then those that cannot be checked."""
    failed: Counter[str] = Counter()
    open_: Counter[str] = Counter()
    for outcome in outcomes:
        for finding in outcome.findings:
            (failed if finding.status is Status.FAILED else open_)[finding.rule] += 1
    rules = sorted(set(failed) | set(open_), key=lambda r: (-(failed[r] + open_[r]), r))
    if not rules:
        return ""
    most = max(failed[r] + open_[r] for r in rules)
    height = _BAR * (len(rules) + 1) + 8
    total_width = _LABEL + _WIDTH + 60
    size = f'width="{total_width}" height="{height}" viewBox="0 0 {total_width} {height}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" {size}>',
        f"<title>{escape(gettext(_CHART, locale))}</title>",
    ]
    for index, rule in enumerate(rules):
        y = index * _BAR + 4
        red = round(_WIDTH * failed[rule] / most)
        amber = round(_WIDTH * open_[rule] / most)
        parts.append(
            f'<g data-rule="{escape(rule)}"><text x="{_LABEL - 6}" y="{y + 14}" '
            f'text-anchor="end">{escape(rule)}</text>'
            f'<rect x="{_LABEL}" y="{y + 2}" width="{red}" height="{_BAR - 6}" '
            f'fill="{_FAILED_FILL}"><title>{failed[rule]}</title></rect>'
            f'<rect x="{_LABEL + red}" y="{y + 2}" width="{amber}" height="{_BAR - 6}" '
            f'fill="{_UNASSESSABLE_FILL}"><title>{open_[rule]}</title></rect>'
            f'<text x="{_LABEL + red + amber + 6}" y="{y + 14}">'
            f"{failed[rule] + open_[rule]}</text></g>"
        )
    y = len(rules) * _BAR + 4
    legend = (
        (_FAILED_FILL, gettext(_CHART_FAILED, locale)),
        (_UNASSESSABLE_FILL, gettext(_CHART_UNASSESSABLE, locale)),
    )
    x = _LABEL
    for fill, text in legend:
        parts.append(
            f'<rect x="{x}" y="{y + 4}" width="12" height="12" fill="{fill}"/>'
            f'<text x="{x + 16}" y="{y + 14}">{escape(text)}</text>'
        )
        x += 180
    parts.append("</svg>")
    return "".join(parts)


def _th(texts: Iterable[str]) -> str:
    return "<thead><tr>" + "".join(f"<th>{escape(t)}</th>" for t in texts) + "</tr></thead>"


def _number(value: int, locale: LocaleName) -> str:
    return f'<td class="gk-num" data-sort="{value}">{format_number(value, locale)}</td>'


def _reports(ranked: list[BatchEntry], locale: LocaleName) -> str:
    severities = [severity_name(s, locale) for s in _SEVERITIES]
    head = _th(
        [
            gettext(_FILE, locale),
            gettext(_AGENCY, locale),
            gettext(_YEAR, locale),
            gettext(_VERDICT, locale),
            *severities,
            gettext(_FINDINGS, locale),
            gettext(_RULES, locale),
        ]
    )
    rows = []
    for index, outcome in enumerate(ranked):
        verdict = _verdict(outcome)
        word = {"ok": _OK, "errors": _FAILING, "unreadable": _UNREADABLE}[verdict]
        counts = Counter(severity for _rule, severity in outcome.tally)
        rules = Counter(rule for rule, _severity in outcome.tally)
        listed = ", ".join(f"{rule} ×{n}" for rule, n in sorted(rules.items()))
        name = escape(outcome.source)
        link = name if outcome.report is None else f'<a href="#gk-r{index}">{name}</a>'
        rows.append(
            f'<tr class="gk-verdict-{verdict}"><td>{link}</td>'
            f"<td>{escape(outcome.agency or _NONE)}</td>"
            f"<td>{outcome.year or _NONE}</td>"
            f'<td class="gk-verdict" data-sort="{_rank(outcome)[1]}">'
            f"{escape(gettext(word, locale))}</td>"
            + "".join(_number(counts[s.value], locale) for s in _SEVERITIES)
            + _number(len(outcome.tally), locale)
            + f"<td>{escape(listed or (outcome.error or ''))}</td></tr>"
        )
    return f'<table class="gk-list gk-reports">{head}<tbody>{"".join(rows)}</tbody></table>'


def _rate(value: int | Fraction | None, locale: LocaleName, *, count: bool) -> str:
    if value is None:
        return f'<td class="gk-num" data-sort="NaN">{_NONE}</td>'
    shown = (
        format_number(int(value), locale)
        if count
        else format_decimal(float(value) * 100, format="#,##0.0", locale=locale) + "%"
    )
    return f'<td class="gk-num" data-sort="{float(value)!r}">{shown}</td>'


def _indicators(ranked: list[BatchEntry], locale: LocaleName) -> str:
    keys = [key for key, indicator in INDICATORS.items() if not indicator.needs_previous]
    names = [INDICATORS[k].zh if locale == "zh_CN" else INDICATORS[k].en for k in keys]
    head = _th([gettext(_FILE, locale), gettext(_AGENCY, locale), gettext(_YEAR, locale), *names])
    rows = []
    for outcome in ranked:
        if outcome.report is None:
            continue
        values = indicators(outcome.report).values()
        cells = "".join(
            _rate(values[k], locale, count=INDICATORS[k].denominator is None) for k in keys
        )
        rows.append(
            f"<tr><td>{escape(outcome.source)}</td><td>{escape(outcome.report.agency)}</td>"
            f'<td class="gk-num">{outcome.report.year}</td>{cells}</tr>'
        )
    return f'<table class="gk-list gk-indicators">{head}<tbody>{"".join(rows)}</tbody></table>'


def _cell_name(cell: CellSource) -> str:
    return f"{cell.row_label} / {cell.column_label}"


def _picture(source: str, page_number: int, cells: list[CellSource]) -> bytes | None:
    """The band of the page with the cells outlined, or None where it cannot be drawn."""
    from ..ingest import crop_pdf  # noqa: PLC0415 - only a page with PDF evidence needs ingest

    boxes = [cell.box for cell in cells if cell.box is not None]
    try:
        return crop_pdf(source, page_number, boxes, scale=_CROP_SCALE)
    except (GkDisclosureError, OSError):  # the file moved or changed since it was read
        return None


def _figure(png: bytes, alt: str, caption: str) -> str:
    width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR chunk
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure class="gk-evidence"><figcaption>{escape(caption)}</figcaption>'
        f'<img src="data:image/png;base64,{data}" '
        f'width="{width}" height="{height}" alt="{escape(alt)}"></figure>'
    )


def _printed_cells(
    outcome: BatchEntry, laid_out: Page
) -> Iterator[tuple[str, int, list[CellSource]]]:
    """Each failed finding's cells page by page, with the finding's line as a caption."""
    for number, finding in enumerate(laid_out.findings):
        if finding.status is not Status.FAILED:
            continue
        pages: defaultdict[int, list[CellSource]] = defaultdict(list)
        for cell in outcome.evidence:
            if cell.page is not None and finding.touches(cell.path):
                pages[cell.page].append(cell)
        for page_number, cells in sorted(pages.items()):
            where = gettext(_PAGE, laid_out.locale) % {"page": page_number}
            yield f"{laid_out.finding_line(number)} · {where}", page_number, cells


@define
class _Pictures:
    """The pictures of printed cells the page may still show (:data:`MAX_CROPS` at first)."""

    left: int

    def evidence(self, outcome: BatchEntry, laid_out: Page) -> str:
        """The failed findings as printed: a picture of each page of their cells, or its number.

        A report shows at most :data:`MAX_CROPS_PER_REPORT` pictures; past
        that, or where a page cannot be drawn, the page's number stands alone.
        """
        locale = laid_out.locale
        parts = []
        shown = left_out = 0
        for caption, page_number, cells in _printed_cells(outcome, laid_out):
            boxed = [cell for cell in cells if cell.box is not None]
            plain = [cell for cell in cells if cell.box is None]
            if boxed and (shown >= MAX_CROPS_PER_REPORT or self.left <= 0):
                left_out += 1
                plain = cells
            elif boxed and (png := _picture(outcome.source, page_number, boxed)) is not None:
                shown += 1
                self.left -= 1
                names = "; ".join(_cell_name(cell) for cell in boxed)
                alt = gettext(_PICTURE, locale) % {"page": page_number, "cells": names}
                parts.append(_figure(png, alt, caption))
            elif boxed:
                plain = cells
            if plain:
                names = "; ".join(_cell_name(cell) for cell in plain)
                line = gettext(_NO_BOX, locale) % {"page": page_number, "cells": names}
                parts.append(f'<p class="gk-evidence">{escape(caption)}<br>{escape(line)}</p>')
        if not parts:
            return ""
        if left_out:
            line = gettext(_LEFT_OUT, locale) % {
                "count": left_out,
                "report": MAX_CROPS_PER_REPORT,
                "total": MAX_CROPS,
            }
            parts.append(f'<p class="gk-meta">{escape(line)}</p>')
        note = gettext(_PRINTED_NOTE, locale) % {"file": outcome.source}
        return (
            f'<section class="gk-section gk-printed"><h2>{escape(gettext(_PRINTED, locale))}'
            f'</h2><p class="gk-meta">{escape(note)}</p>{"".join(parts)}</section>'
        )


def _details(index: int, outcome: BatchEntry, locale: LocaleName, pictures: _Pictures) -> str:
    report = outcome.report
    assert report is not None  # noqa: S101 - the caller keeps only outcomes with a report
    laid_out = page(report, locale, outcome.findings)
    opened = " open" if outcome.errors else ""
    printed = pictures.evidence(outcome, laid_out) if outcome.evidence else ""
    return (
        f'<details id="gk-r{index}"{opened}><summary>{escape(outcome.source)} · '
        f"{escape(laid_out.summary or '')}</summary>{_body(laid_out)}{printed}</details>"
    )


def render_batch(outcomes: Iterable[BatchEntry], locale: str = "zh_CN") -> str:
    """One self-contained HTML page about a batch of reports, worst first.

    ``outcomes`` are those of :func:`gkdisclosure.batch.check_sources`
    called with ``keep_reports=True`` (an outcome without its report is
    listed, but has no indicators or tables). The page holds: the counts;
    a chart of the findings by rule (inline SVG: those that do not hold,
    and those that cannot be checked); every report with its verdict and
    its findings by rule, unreadable and failing reports first; the
    indicators of each report (its 总计 column); and each report's
    tables in the official layout with the failing cells marked. The
    lists sort by any column with a click (a few lines of inline script;
    the page needs nothing else and fetches nothing).

    A report read from a PDF (its outcome has :attr:`~gkdisclosure.batch.Outcome.evidence`)
    also shows each identity that does not hold as printed: for each page
    its cells are on, a PNG picture of the band of the page that holds them,
    the cells outlined in red (drawn by :func:`gkdisclosure.ingest.crop_pdf`
    from the file, which must still be where it was read), its alternative
    text naming the cells and the page. A cell read from the PDF's text
    layer, whose place on the page is not known, is named with its page
    alone. The pictures are embedded in the page (``data:`` URIs): at most
    10 a report and 100 in all; past these, and where the file cannot be
    drawn (moved, or no ``pdf`` extra), the page's number stands alone.

    Raises :exc:`~gkdisclosure.UnsupportedLocaleError` for another locale.
    """
    name = normalize_locale(locale)
    listed = list(outcomes)
    ranked = sorted(listed, key=_rank)
    read = [o for o in listed if o.error is None]
    title = gettext(_TITLE, name) % {"count": len(listed)}
    counts = gettext(_COUNTS, name) % {
        "reports": len(read),
        "failing": sum(1 for o in read if o.errors),
        "unreadable": len(listed) - len(read),
        "findings": sum(len(o.tally) for o in read),
    }
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="gk-summary">{escape(counts)}</p>',
    ]
    chart = _chart(read, name)
    if chart:
        parts.append(f"<h2>{escape(gettext(_CHART, name))}</h2>{chart}")
    parts += [
        f"<h2>{escape(gettext(_REPORTS, name))}</h2>",
        f'<p class="gk-meta">{escape(gettext(_SORT, name))}</p>',
        _reports(ranked, name),
        f"<h2>{escape(gettext(_INDICATORS, name))}</h2>",
        _indicators(ranked, name),
    ]
    pictures = _Pictures(MAX_CROPS)
    parts.extend(
        _details(index, outcome, name, pictures)
        for index, outcome in enumerate(ranked)
        if outcome.report is not None
    )
    lang = "zh-CN" if name == "zh_CN" else "en"
    body = f'<div class="gk-report gk-batch" lang="{lang}">\n' + "\n".join(parts) + "\n</div>"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}{_BATCH_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )

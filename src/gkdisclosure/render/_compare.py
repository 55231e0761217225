"""Two years of one agency in one table: the later report's layout, each cell with both values.

Each value cell of the later report's tables shows its number and, below
it, the earlier report's number and the change, marked up or down; a cell
with no counterpart in the earlier report's edition shows its number alone.
A group compared as a whole (（六）其他处理 across editions), the series
rules' findings and the indicators of both years follow the tables.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import Final, Literal

from babel.numbers import format_decimal

from .._gettext import N_
from ..analysis import ComparedCell, Comparison, Figure, Indicators
from ..catalog import PREVIOUS, edition
from ..errors import OptionError
from ._html import STYLE, heading, spans
from ._i18n import LocaleName, format_number, gettext, normalize_locale
from ._layout import GridCell, TableGrid, grids
from ._messages import describe, severity_name
from ._page import title

__all__ = ["STYLE_COMPARE", "render_comparison"]

_HEADING: Final = N_("%(agency)s: %(current)s compared with %(previous)s")
_LEGEND: Final = N_(
    "Each cell: the %(current)s figure; below it the %(previous)s figure and the change. "
    "A cell without a %(previous)s figure has no counterpart in that edition."
)
_WHOLE: Final = N_("Compared as a whole")
_FINDINGS: Final = N_("Findings across the two reports")
_NO_FINDINGS: Final = N_("No finding across the two reports.")
_INDICATORS: Final = N_("Indicators")
_INDICATOR: Final = N_("Indicator")
_CHANGE: Final = N_("Change")
_NOT_COMPARED: Final = N_("Not compared: the editions count these differently")
_POINTS: Final = N_("%(points)s points")
_CHANGED: Final = N_("%(count)s of %(total)s compared cells changed.")
_LINE: Final = N_("%(label)s: %(previous)s → %(current)s (%(delta)s)")
_UNKNOWN: Final = "—"
#: The groups of 表三 whose rows are named with the group: "（三）不予公开 1.属于国家秘密".
_GROUPS_NAMED: Final = frozenset({"withheld", "unavailable", "not_processed", "other_handling"})

#: The marks of a compared cell: up, down, a blank on one side.
STYLE_COMPARE: Final = """
.gk-report .gk-table td .gk-was { display: block; color: #666; font-size: 0.75rem; }
.gk-report .gk-table td.gk-up .gk-delta { color: #1b5e20; }
.gk-report .gk-table td.gk-down .gk-delta { color: #b71c1c; }
.gk-report .gk-table td.gk-up, .gk-report .gk-table td.gk-down { background: #f3f8ff;
  font-weight: 600; }
.gk-report .gk-table td.gk-blank-side { background: #fff8e1; }
.gk-report .gk-table td.gk-alone { color: #555; }
"""


def _number(value: int | Decimal | None, locale: LocaleName, *, signed: bool = False) -> str:
    return _UNKNOWN if value is None else format_number(value, locale, signed=signed)


def _rate(value: int | Fraction | None, locale: LocaleName, *, count: bool) -> str:
    if value is None:
        return _UNKNOWN
    if count:
        return format_number(int(value), locale)
    return format_decimal(float(value) * 100, format="#,##0.0", locale=locale) + "%"


def _mark(change: ComparedCell) -> str:
    delta = change.delta
    if delta is None:
        return "gk-blank-side" if change.changed else ""
    if delta > 0:
        return "gk-up"
    return "gk-down" if delta < 0 else ""


def _cell(cell: GridCell, changes: dict[str, ComparedCell], locale: LocaleName) -> str:
    head = heading(cell)
    if head is not None:
        return head
    path = escape(cell.path or "")
    now = escape("" if cell.value is None else format_number(cell.value, locale))
    change = changes.get(cell.path or "")
    if change is None:
        return f'<td class="gk-alone" data-path="{path}"{spans(cell)}>{now}</td>'
    mark = _mark(change)
    classes = f' class="{mark}"' if mark else ""
    delta = _number(change.delta, locale, signed=True)
    was = _number(change.previous, locale)
    return (
        f'<td{classes} data-path="{path}"{spans(cell)}>{now}'
        f'<span class="gk-was">{escape(was)} · <span class="gk-delta">{escape(delta)}'
        "</span></span></td>"
    )


def _table(grid: TableGrid, changes: dict[str, ComparedCell], locale: LocaleName) -> str:
    parts = [
        f'<section class="gk-section" id="gk-{grid.table.key}"><h2>{escape(grid.heading)}</h2>'
    ]
    if not grid.rows:
        return parts[0] + "</section>"
    parts.append(f'<table class="gk-table gk-{grid.table.key}">')
    parts.extend(
        "<tr>" + "".join(_cell(cell, changes, locale) for cell in row) + "</tr>"
        for row in grid.rows
    )
    parts.append("</table></section>")
    return "\n".join(parts)


def _label(comparison: Comparison, change: ComparedCell, locale: LocaleName) -> str:
    spec = edition(comparison.current.edition)
    table = spec.table(change.table)
    try:
        row = table.row(change.row)
    except KeyError:  # a group compared as a whole
        group = table.group(change.row)
        row_text = group.zh if locale == "zh_CN" else group.en
    else:
        row_text = row.zh if locale == "zh_CN" else row.en
        if row.group is not None and row.group in _GROUPS_NAMED:
            group = table.group(row.group)
            row_text = f"{group.zh if locale == 'zh_CN' else group.en} {row_text}"
    column = next(c for r in table.rows for c in r.columns if c.key == change.column)
    return f"{row_text} · {column.zh if locale == 'zh_CN' else column.en}"


def _value_of(figure: Figure | None, locale: LocaleName) -> str:
    if figure is None:
        return _UNKNOWN
    return _rate(figure.value, locale, count=figure.indicator.denominator is None)


def _figure_change(old: Figure | None, new: Figure, locale: LocaleName) -> str:
    if old is None or old.value is None or new.value is None:
        return _UNKNOWN
    if new.indicator.denominator is None:
        return format_number(int(new.value - old.value), locale, signed=True)
    points = format_decimal(
        float(new.value - old.value) * 100, format="+#,##0.0;-#,##0.0", locale=locale
    )
    return gettext(_POINTS, locale) % {"points": points}


def _pairs(previous: Indicators, current: Indicators) -> list[tuple[Figure | None, Figure]]:
    """The 总计 column's figures and the report's, of the current report, with last year's."""
    found = []
    for figure in current:
        if figure.column not in {None, "total"}:
            continue
        try:
            old: Figure | None = previous.figure(figure.key)
        except KeyError:
            old = None
        found.append((old, figure))
    return found


def _indicators(comparison: Comparison, locale: LocaleName) -> str:
    old_year, new_year = comparison.previous.year, comparison.current.year
    head = (
        f"<tr><th>{escape(gettext(_INDICATOR, locale))}</th><th>{old_year}</th>"
        f"<th>{new_year}</th><th>{escape(gettext(_CHANGE, locale))}</th></tr>"
    )
    rows = [head]
    for old, new in _pairs(comparison.previous_indicators, comparison.current_indicators):
        name = new.indicator.zh if locale == "zh_CN" else new.indicator.en
        formula = new.indicator.formula_zh if locale == "zh_CN" else new.indicator.formula_en
        rows.append(
            f'<tr data-indicator="{escape(new.key)}">'
            f'<th class="gk-label" title="{escape(formula)}">{escape(name)}</th>'
            f"<td>{escape(_value_of(old, locale))}</td>"
            f"<td>{escape(_value_of(new, locale))}</td>"
            f"<td>{escape(_figure_change(old, new, locale))}</td></tr>"
        )
    heading = escape(gettext(_INDICATORS, locale))
    return (
        f'<section class="gk-section"><h2>{heading}</h2>'
        f'<table class="gk-table gk-indicators">{"".join(rows)}</table></section>'
    )


def _not_compared(comparison: Comparison, locale: LocaleName) -> str:
    if not comparison.not_compared:
        return ""
    items = []
    for path in comparison.not_compared:
        report = comparison.previous if path.startswith(PREVIOUS) else comparison.current
        cell = edition(report.edition).cell(path.removeprefix(PREVIOUS))
        row = cell.row.zh if locale == "zh_CN" else cell.row.en
        column = cell.column.zh if locale == "zh_CN" else cell.column.en
        items.append(f"<li>{report.year} · {escape(row)} · {escape(column)}</li>")
    heading = escape(gettext(_NOT_COMPARED, locale))
    return f'<section class="gk-section"><h2>{heading}</h2><ul>{"".join(items)}</ul></section>'


def _html(comparison: Comparison, locale: LocaleName) -> str:
    previous, current = comparison.previous, comparison.current
    years = {"previous": previous.year, "current": current.year}
    heading = gettext(_HEADING, locale) % {"agency": current.agency, **years}
    changes = {change.path: change for change in comparison.changes}
    both = f"{title(previous, locale)} · {title(current, locale)}"
    parts = [
        f"<h1>{escape(heading)}</h1>",
        f'<p class="gk-meta">{escape(both)}</p>',
        f'<p class="gk-legend">{escape(gettext(_LEGEND, locale) % years)}</p>',
        f'<p class="gk-summary">{escape(_summary(comparison, locale))}</p>',
    ]
    parts.extend(
        _table(grid, changes, locale) for grid in grids(current, edition(current.edition), locale)
    )
    whole = [c for c in comparison.changes if c.current_paths != (c.path,)]
    if whole:
        items = "".join(
            f"<li>{escape(_text_line(comparison, change, locale))}</li>" for change in whole
        )
        parts.append(
            f'<section class="gk-section"><h2>{escape(gettext(_WHOLE, locale))}</h2>'
            f"<ul>{items}</ul></section>"
        )
    parts.append(f'<section class="gk-section"><h2>{escape(gettext(_FINDINGS, locale))}</h2>')
    if comparison.findings:
        parts.append('<ol class="gk-findings">')
        parts.extend(
            f'<li data-rule="{escape(f.rule)}">{escape(severity_name(f.severity, locale))}: '
            f"{escape(describe(f, locale))}</li>"
            for f in comparison.findings
        )
        parts.append("</ol>")
    else:
        parts.append(f"<p>{escape(gettext(_NO_FINDINGS, locale))}</p>")
    parts.append("</section>")
    parts.append(_indicators(comparison, locale))
    parts.append(_not_compared(comparison, locale))
    lang = "zh-CN" if locale == "zh_CN" else "en"
    body = f'<div class="gk-report" lang="{lang}">\n' + "\n".join(parts) + "\n</div>"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n<style>{STYLE}{STYLE_COMPARE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _summary(comparison: Comparison, locale: LocaleName) -> str:
    return gettext(_CHANGED, locale) % {
        "count": len(comparison.changed),
        "total": len(comparison.changes),
    }


def _text_line(comparison: Comparison, change: ComparedCell, locale: LocaleName) -> str:
    return gettext(_LINE, locale) % {
        "label": _label(comparison, change, locale),
        "previous": _number(change.previous, locale),
        "current": _number(change.current, locale),
        "delta": _number(change.delta, locale, signed=True),
    }


def _text(comparison: Comparison, locale: LocaleName) -> str:
    previous, current = comparison.previous, comparison.current
    years = {"previous": previous.year, "current": current.year}
    lines = [
        gettext(_HEADING, locale) % {"agency": current.agency, **years},
        _summary(comparison, locale),
        "",
    ]
    lines.extend(_text_line(comparison, change, locale) for change in comparison.changed)
    lines += ["", gettext(_FINDINGS, locale)]
    lines.extend(
        f"  {severity_name(f.severity, locale)}: {describe(f, locale)}" for f in comparison.findings
    )
    if not comparison.findings:
        lines.append("  " + gettext(_NO_FINDINGS, locale))
    lines += ["", gettext(_INDICATORS, locale)]
    for old, new in _pairs(comparison.previous_indicators, comparison.current_indicators):
        name = new.indicator.zh if locale == "zh_CN" else new.indicator.en
        lines.append(
            f"  {name}: {_value_of(old, locale)} → {_value_of(new, locale)} "
            f"({_figure_change(old, new, locale)})"
        )
    return "\n".join(lines) + "\n"


def render_comparison(
    comparison: Comparison, to: Literal["html", "text"] = "html", locale: str = "zh_CN"
) -> str:
    """Render a :class:`~gkdisclosure.Comparison`: both years in one table, changes marked.

    ``to="html"`` gives a self-contained page: the later report's tables
    in the official layout, each cell with its number, the earlier
    report's number and the change (marked up or down, a blank on one
    side marked apart), then the rows compared as a whole, the findings of
    the cross-report rules, the indicators of both years and the cells
    that could not be compared. ``to="text"`` lists the cells that changed,
    the findings and the indicators, for a terminal.

    Raises :exc:`~gkdisclosure.OptionError` (a :exc:`ValueError`) for another ``to``, and
    :exc:`~gkdisclosure.UnsupportedLocaleError` for another locale.
    """
    name = normalize_locale(locale)
    if to == "html":
        return _html(comparison, name)
    if to == "text":
        return _text(comparison, name)
    raise OptionError(f"cannot render to {to!r}: choose 'html' or 'text'")

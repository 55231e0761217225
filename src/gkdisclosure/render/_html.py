"""The official tables as HTML: a self-contained page, or a fragment for notebooks.

Value cells hold the number and nothing else (the readers read them
back); a cell's findings live in its ``class`` and ``title`` attributes,
and the marks are drawn by CSS.
"""

from __future__ import annotations

from html import escape
from typing import Final

from ._layout import CellKind, GridCell, TableGrid
from ._page import Page, is_failed, is_unassessable

__all__ = ["STYLE", "html_page"]

#: The page's style: the tables' borders, and the marks of failing and uncheckable cells.
STYLE: Final = """
.gk-report { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
  "PingFang SC", sans-serif; color: #1b1b1b; max-width: 72rem; margin: 1.5rem auto;
  padding: 0 1rem; line-height: 1.5; }
.gk-report h1 { font-size: 1.5rem; }
.gk-report h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.gk-report table.gk-table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
.gk-report .gk-table th, .gk-report .gk-table td { border: 1px solid #555;
  padding: 0.25rem 0.5rem; vertical-align: middle; }
.gk-report .gk-table th { background: #f1f3f5; font-weight: 600; text-align: center; }
.gk-report .gk-table th.gk-label { background: #fafafa; font-weight: 400; text-align: left; }
.gk-report .gk-table td { text-align: right; font-variant-numeric: tabular-nums;
  min-width: 3.5rem; }
.gk-report .gk-table td.gk-failed, .gk-report .gk-legend .gk-failed { background: #ffd6d6;
  outline: 2px solid #c62828; outline-offset: -2px; color: #8e0000; font-weight: 700; }
.gk-report .gk-table td.gk-unassessable, .gk-report .gk-legend .gk-unassessable {
  background: repeating-linear-gradient(45deg, #fff8e1, #fff8e1 4px, #ffe9a8 4px, #ffe9a8 8px);
  outline: 2px dashed #b26a00; outline-offset: -2px; }
.gk-report .gk-legend span { display: inline-block; width: 1.2rem; height: 0.9rem;
  vertical-align: middle; margin: 0 0.3rem 0 1rem; }
.gk-report .gk-meta, .gk-report .gk-legend { color: #555; font-size: 0.9rem; }
.gk-report .gk-summary { font-weight: 600; }
.gk-report ol.gk-findings li.gk-failed { color: #8e0000; }
.gk-report ol.gk-findings li.gk-unassessable { color: #7a4a00; }
"""


def spans(cell: GridCell) -> str:
    """The ``rowspan``/``colspan`` attributes of a cell of the official layout."""
    found = ""
    if cell.rowspan > 1:
        found += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        found += f' colspan="{cell.colspan}"'
    return found


def heading(cell: GridCell) -> str | None:
    """A header or row-label cell as HTML; ``None`` for a value cell."""
    if cell.kind is CellKind.HEAD:
        return f"<th{spans(cell)}>{escape(cell.text)}</th>"
    if cell.kind is CellKind.LABEL:
        return f'<th class="gk-label" scope="row"{spans(cell)}>{escape(cell.text)}</th>'
    return None


def _cell(cell: GridCell, page: Page) -> str:
    head = heading(cell)
    if head is not None:
        return head
    marks = page.marks.get(cell.path or "")
    classes = ""
    if is_failed(marks):
        classes = "gk-failed"
    elif is_unassessable(marks):
        classes = "gk-unassessable"
    attributes = f' class="{classes}"' if classes else ""
    if marks is not None:
        attributes += f' title="{escape(page.tooltip(marks))}"'
    attributes += f' data-path="{escape(cell.path or "")}"'
    return f"<td{attributes}{spans(cell)}>{escape(page.number(cell.value))}</td>"


def _table(grid: TableGrid, page: Page) -> str:
    parts = [f'<section class="gk-section" id="gk-{grid.table.key}">']
    parts.append(f"<h2>{escape(grid.heading)}</h2>")
    if not grid.rows:
        parts.append(f'<p class="gk-absent">{escape(page.absent)}</p></section>')
        return "\n".join(parts)
    parts.append(f'<table class="gk-table gk-{grid.table.key}">')
    for index, row in enumerate(grid.rows):
        if index == 0 and grid.header_rows:
            parts.append("<thead>")
        parts.append("<tr>" + "".join(_cell(cell, page) for cell in row) + "</tr>")
        if grid.header_rows and index == grid.header_rows - 1:
            parts.append("</thead><tbody>")
    parts.append("</tbody></table>" if grid.header_rows else "</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _body(page: Page) -> str:
    parts = [
        f"<h1>{escape(page.title)}</h1>",
        f'<p class="gk-meta">{escape(page.edition_line)}</p>',
    ]
    if page.summary is not None:
        parts.append(f'<p class="gk-summary">{escape(page.summary)}</p>')
        failed, unassessable, blank = (escape(text) for text in page.legend)
        parts.append(
            f'<p class="gk-legend"><span class="gk-failed"></span>{failed}'
            f'<span class="gk-unassessable"></span>{unassessable}</p>'
        )
        parts.append(f'<p class="gk-legend">{blank}</p>')
    parts.extend(_table(grid, page) for grid in page.tables)
    if page.findings:
        parts.append(f'<section class="gk-section"><h2>{escape(page.findings_heading)}</h2>')
        parts.append('<ol class="gk-findings">')
        for index, finding in enumerate(page.findings):
            parts.append(
                f'<li class="gk-{finding.status.value}" data-rule="{escape(finding.rule)}">'
                f"{escape(page.finding_line(index))}</li>"
            )
        parts.append("</ol></section>")
    return "\n".join(parts)


def html_page(page: Page, *, standalone: bool = True) -> str:
    """The page as HTML: a whole document, or a ``<div>`` with its own style."""
    lang = "zh-CN" if page.locale == "zh_CN" else "en"
    body = f'<div class="gk-report" lang="{lang}">\n{_body(page)}\n</div>'
    if not standalone:
        return f"<style>{STYLE}</style>\n{body}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )

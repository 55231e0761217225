"""The official tables as Markdown (GitHub-flavoured pipe tables) that a report writer can paste.

Pipe tables cannot merge cells, so each table is flattened the way
writers do by hand: 表二 one small table per block under its caption;
表三 one row per data row, with a group's label on a row of its own
(carrying the group's subtotal where the report prints one); 表四 one
row per block. A failing cell is bold and marked ``⚠``, a cell that
cannot be checked is marked ``?``; the findings are listed below.
"""

from __future__ import annotations

import re
from typing import Final

from ._layout import CellKind, GridCell, TableGrid
from ._page import Page, is_failed, is_unassessable

__all__ = ["markdown_page"]

_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#])")
_FAILED: Final = "⚠"
_UNASSESSABLE: Final = "?"


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _value(cell: GridCell, page: Page) -> str:
    text = page.number(cell.value)
    marks = page.marks.get(cell.path or "")
    if is_failed(marks):
        return f"**{text}** {_FAILED}" if text else _FAILED
    if is_unassessable(marks):
        return f"{text} {_UNASSESSABLE}".strip()
    return text


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(labels: list[str]) -> list[str]:
    return [
        _pipe([_escape(text) for text in labels]),
        _pipe(["---"] + ["---:"] * (len(labels) - 1)),
    ]


def _proactive(grid: TableGrid, page: Page) -> list[str]:
    lines: list[str] = []
    for row in grid.rows:
        first = row[0]
        if first.kind is CellKind.HEAD and len(row) == 1:  # a block's caption
            lines.extend(["", f"**{_escape(first.text)}**", ""])
        elif first.kind is CellKind.HEAD:
            lines.extend(_header([cell.text for cell in row]))
        else:
            lines.append(_pipe([_escape(first.text), *(_value(c, page) for c in row[1:])]))
    return lines


def _requests(grid: TableGrid, page: Page) -> list[str]:
    # the second header row: 自然人 and 总计 over two rows, the organisations' group between
    leaves = [cell for cell in grid.rows[1] if cell.rowspan > 1]
    columns = [leaves[0], *grid.rows[2], *leaves[1:]]
    lines = ["", f"> {_escape(grid.note or '')}", ""]
    lines.extend(_header(["", *(cell.text for cell in columns)]))
    for row in grid.rows[grid.header_rows :]:
        labels = [cell for cell in row if cell.kind is CellKind.LABEL]
        values = [cell for cell in row if cell.kind is CellKind.VALUE]
        # groups open here: a row of their own
        lines.extend(_pipe([f"**{_escape(g.text)}**", *[""] * len(values)]) for g in labels[:-1])
        label = _escape(labels[-1].text)
        if any(cell.path and ".subtotal." in cell.path for cell in values):
            label = f"**{label}**"
        lines.append(_pipe([label, *(_value(c, page) for c in values)]))
    return lines


def _review(grid: TableGrid, page: Page) -> list[str]:
    first, second, _third, values = grid.rows
    blocks: list[str] = []
    position = 0
    for top in first:  # 行政复议 over its measures; 行政诉讼 over two blocks
        if second[position].rowspan > 1:
            blocks.append(top.text)
            position += top.colspan
            continue
        covered = 0
        while covered < top.colspan:
            blocks.append(f"{top.text} / {second[position].text}")
            covered += second[position].colspan
            position += 1
    measures = [cell.text for cell in second if cell.rowspan > 1]
    lines = _header(["", *measures])
    width = len(measures)
    for index, block in enumerate(blocks):
        cells = values[index * width : (index + 1) * width]
        lines.append(_pipe([_escape(block), *(_value(c, page) for c in cells)]))
    return lines


def markdown_page(page: Page) -> str:
    """The page as Markdown: title, the three tables, then the findings when given."""
    lines = [f"# {_escape(page.title)}", "", _escape(page.edition_line)]
    if page.summary is not None:
        lines.extend(["", f"**{_escape(page.summary)}**", "", _escape(page.legend[2])])
    writers = (_proactive, _requests, _review)
    for grid, write in zip(page.tables, writers, strict=True):
        lines.extend(["", f"## {_escape(grid.heading)}"])
        if not grid.rows:
            lines.extend(["", _escape(page.absent)])
            continue
        body = write(grid, page)
        lines.extend(body if body[0] == "" else ["", *body])
    if page.findings:
        lines.extend(["", f"## {_escape(page.findings_heading)}", ""])
        for index, finding in enumerate(page.findings):
            mark = _FAILED if finding.status.value == "failed" else _UNASSESSABLE
            lines.append(f"{index + 1}. {mark} {_escape(page.finding_line(index))}")
    return "\n".join(lines) + "\n"

"""The official layout of 表二, 表三 and 表四 as grids of cells, built from the catalog.

A grid is a list of rows of :class:`GridCell`: header and label cells with
their row and column spans, as FORMAT.md §2.3–§3.5 prints them, and value
cells with the wire path and the value of the report. The HTML and
Markdown writers both read these grids; neither knows a label.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Final

from attrs import frozen

from ..catalog import Column, EditionSpec, Group, Row, Table
from ..findings import Finding, Status
from ..model import Report, paths
from ._i18n import LocaleName

__all__ = ["CellKind", "GridCell", "Marks", "TableGrid", "grids", "mark_cells"]

#: Header words the catalog holds in Chinese only, in English.
_EN_CORNER: Final = "Information"
_EN_CAPTION: Final = "Applicants"
_EN_NOTE: Final = "(In every column: item 1 + item 2 = item 3 + item 4)"


class CellKind(enum.StrEnum):
    """What a cell of a grid holds."""

    #: A header: a block caption, a column label, the corner note.
    HEAD = "head"
    #: A row label, or a label over several rows.
    LABEL = "label"
    #: A number of the report (or a blank).
    VALUE = "value"


@frozen
class GridCell:
    """One printed cell: its text, its spans and, for values, its wire path and value."""

    kind: CellKind
    text: str
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None
    value: int | Decimal | None = None
    #: For a label, how deep it sits (0: a whole-width caption or a top-level label).
    level: int = 0


@frozen
class TableGrid:
    """One statutory table: its number, heading and rows of cells (``rows`` empty if absent)."""

    table: Table
    heading: str
    rows: tuple[tuple[GridCell, ...], ...]
    #: How many header rows open the grid (表三 and 表四); 表二 repeats its headers per block.
    header_rows: int
    #: The note of 表三, in the locale.
    note: str | None = None


def _text(item: Row | Column | Group | Table, locale: LocaleName) -> str:
    if isinstance(item, Table):
        return item.heading if locale == "zh_CN" else item.en
    return item.zh if locale == "zh_CN" else item.en


def _spans(count: int, width: int) -> tuple[int, ...]:
    """How ``count`` columns share ``width`` grid columns: the last one takes what is left."""
    return (1,) * (count - 1) + (width - count + 1,)


def _values(report: Report, table: Table, row: Row, spans: Iterable[int]) -> list[GridCell]:
    return [
        GridCell(
            CellKind.VALUE,
            "",
            colspan=span,
            path=(path := f"{table.key}.{row.key}.{column.key}"),
            value=paths.get(report, path),
        )
        for column, span in zip(row.columns, spans, strict=True)
    ]


def _proactive(report: Report, table: Table, locale: LocaleName) -> list[tuple[GridCell, ...]]:
    """表二: per block a caption row, a header row opening with 信息内容, then the data rows."""
    width = max(len(row.columns) for row in table.rows)
    corner = table.corner if locale == "zh_CN" else _EN_CORNER
    rows: list[tuple[GridCell, ...]] = []
    for group in table.groups:
        members = [row for row in table.rows if row.group == group.key]
        spans = _spans(len(members[0].columns), width)
        rows.append((GridCell(CellKind.HEAD, _text(group, locale), colspan=width + 1),))
        header = [
            GridCell(CellKind.HEAD, _text(column, locale), colspan=span)
            for column, span in zip(members[0].columns, spans, strict=True)
        ]
        rows.append((GridCell(CellKind.HEAD, corner or ""), *header))
        rows.extend(
            (
                GridCell(CellKind.LABEL, _text(row, locale), level=1),
                *_values(report, table, row, spans),
            )
            for row in members
        )
    return rows


def _nesting(table: Table) -> dict[str, tuple[str, ...]]:
    """Per row key, the groups around it, outermost first (a group spans its first to last row)."""
    index = {row.key: i for i, row in enumerate(table.rows)}
    ranges: dict[str, tuple[int, int]] = {}
    for row in table.rows:
        if row.group is not None:
            first, last = ranges.get(row.group, (index[row.key], index[row.key]))
            ranges[row.group] = (min(first, index[row.key]), max(last, index[row.key]))
    chains: dict[str, tuple[str, ...]] = {}
    for row in table.rows:
        around = [key for key, (a, b) in ranges.items() if a <= index[row.key] <= b]
        around.sort(key=lambda key: ranges[key][0] - ranges[key][1])
        if row.role == "subtotal":  # the group's own line: a label beside its group, not under it
            around.remove(row.group or "")
        chains[row.key] = tuple(around)
    return chains


def _requests(report: Report, table: Table, locale: LocaleName) -> list[tuple[GridCell, ...]]:
    """表三: the corner note over three label columns, 申请人情况 over seven value columns."""
    columns = table.rows[0].columns
    grouped = {key for group in table.column_groups for key in group.columns}
    width = len(columns)
    chains = _nesting(table)
    printed = [
        row
        for row in table.rows
        if row.role != "subtotal" or paths.get(report, f"{table.key}.{row.key}") is not None
    ]
    depth = 1 + max(len(chains[row.key]) for row in printed)
    top = [GridCell(CellKind.HEAD, table.caption or "", colspan=width)]
    if locale == "en":
        top[0] = GridCell(CellKind.HEAD, _EN_CAPTION, colspan=width)
    second: list[GridCell] = []
    for column in columns:
        group = next((g for g in table.column_groups if column.key in g.columns), None)
        if group is None:
            second.append(GridCell(CellKind.HEAD, _text(column, locale), rowspan=2))
        elif column.key == group.columns[0]:
            second.append(GridCell(CellKind.HEAD, _text(group, locale), colspan=len(group.columns)))
    third = [GridCell(CellKind.HEAD, _text(c, locale)) for c in columns if c.key in grouped]
    note = (table.note or "") if locale == "zh_CN" else _EN_NOTE
    rows: list[tuple[GridCell, ...]] = [
        (GridCell(CellKind.HEAD, note, rowspan=3, colspan=depth), *top),
        tuple(second),
        tuple(third),
    ]
    opened: set[str] = set()
    for row in printed:
        cells: list[GridCell] = []
        for level, key in enumerate(chains[row.key]):
            if key not in opened:
                opened.add(key)
                span = sum(1 for other in printed if key in chains[other.key])
                cells.append(
                    GridCell(
                        CellKind.LABEL, _text(table.group(key), locale), rowspan=span, level=level
                    )
                )
        level = len(chains[row.key])
        cells.append(
            GridCell(CellKind.LABEL, _text(row, locale), colspan=depth - level, level=level)
        )
        cells.extend(_values(report, table, row, (1,) * width))
        rows.append(tuple(cells))
    return rows


def _review(report: Report, table: Table, locale: LocaleName) -> list[tuple[GridCell, ...]]:
    """表四: 行政复议 and 行政诉讼 over the three blocks' columns, then one row of values."""
    first: list[GridCell] = []
    second: list[GridCell] = []
    third: list[GridCell] = []
    values: list[GridCell] = []
    for row in table.rows:
        width = len(row.columns)
        labels = [GridCell(CellKind.HEAD, _text(column, locale)) for column in row.columns]
        if row.group is None:
            first.append(GridCell(CellKind.HEAD, _text(row, locale), colspan=width))
            second.extend(GridCell(CellKind.HEAD, cell.text, rowspan=2) for cell in labels)
        else:
            if row.key == next(r.key for r in table.rows if r.group == row.group):
                span = sum(len(r.columns) for r in table.rows if r.group == row.group)
                first.append(
                    GridCell(CellKind.HEAD, _text(table.group(row.group), locale), colspan=span)
                )
            second.append(GridCell(CellKind.HEAD, _text(row, locale), colspan=width))
            third.extend(labels)
        values.extend(_values(report, table, row, (1,) * width))
    return [tuple(first), tuple(second), tuple(third), tuple(values)]


def grids(report: Report, spec: EditionSpec, locale: LocaleName) -> Iterator[TableGrid]:
    """The three tables of the report in the official layout of its edition."""
    builders = (_proactive, _requests, _review)
    for table, build, header_rows in zip(spec.tables, builders, (0, 3, 3), strict=True):
        note = None
        if table.note is not None:
            note = table.note if locale == "zh_CN" else _EN_NOTE
        present = getattr(report, table.key) is not None
        rows = tuple(build(report, table, locale)) if present else ()
        yield TableGrid(table, _text(table, locale), rows, header_rows, note)


@frozen
class Marks:
    """The findings about one cell: failed identities first, then those that cannot be checked."""

    failed: tuple[Finding, ...]
    unassessable: tuple[Finding, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding about the cell, failed first."""
        return self.failed + self.unassessable


def mark_cells(findings: Iterable[Finding], paths: Iterable[str]) -> dict[str, Marks]:
    """Per value cell that any finding touches, the findings about it."""
    listed = tuple(findings)
    marks: dict[str, Marks] = {}
    for path in paths:
        touching = [f for f in listed if f.touches(path)]
        if touching:
            # a cell a finding lists as not reported is blank, whatever the finding's status
            # (report.incomplete_table fails for the table and lists its blank cells)
            blank = [f.status is Status.UNASSESSABLE or path in f.missing for f in touching]
            marks[path] = Marks(
                tuple(f for f, b in zip(touching, blank, strict=True) if not b),
                tuple(f for f, b in zip(touching, blank, strict=True) if b),
            )
    return marks

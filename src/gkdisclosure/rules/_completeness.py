"""Whether each statutory table a report prints is filled (FORMAT.md §1, Art. 50; §6 D2, D4).

The format requires every table, filled: a blank cell, a placeholder such
as "/" or "—", or text that could not be read all leave a cell not reported
(``None``). A table with no value at all is ``report.blank_table``; one
with some such cells is ``report.incomplete_table``, one finding for the
whole table that lists its blank cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import cache
from operator import attrgetter
from typing import Any

from ..catalog import Edition, Row, Table, edition
from ..findings import Finding, Severity, Status, fingerprint
from ..model import paths

__all__ = ["completeness_findings", "not_printed", "official_cells"]


def not_printed(report: Any, table: Table, row_key: str) -> bool:
    """Whether a row of 表三 is absent from the report's layout rather than printed blank.

    A sub-row of a group is not printed when it is ``None`` and the group's
    own line (its subtotal) is printed: the report gave the group as one
    line, as the 2019 format does for （六）其他处理.
    """
    row = table.row(row_key)
    if row.group is None or row.role == "subtotal":
        return False
    if paths.get(report, f"{table.key}.{row_key}") is not None:
        return False
    subtotal = table.group(row.group).subtotal
    return subtotal is not None and paths.get(report, f"{table.key}.{subtotal}") is not None


_Layout = tuple[
    tuple[Table, tuple[tuple[Row, tuple[str, ...]], ...], Callable[[Any], tuple[Any, ...]]], ...
]


@cache
def _layout(which: Edition) -> _Layout:
    """Each table's official rows with their column keys, and a getter of all their cells.

    The getter reads every official cell of a table at once (``attrgetter``
    follows dotted names in C); it raises ``AttributeError`` where a row is
    absent. A table whose cells it reads without a ``None`` is filled, which
    is what most tables are, and needs no more work.
    """
    found = []
    for table in edition(which).tables:
        rows = tuple((row, tuple(c.key for c in row.columns)) for row in table.rows if row.official)
        cells = [f"{row.key}.{column}" for row, columns in rows for column in columns]
        found.append((table, rows, _getter(cells)))
    return tuple(found)


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """``attrgetter(*names)``, which returns a tuple for one name too."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda holder: (one(holder),)
    return attrgetter(*names)


def _row(holder: Any, key: str) -> Any:
    for part in key.split("."):
        holder = getattr(holder, part)
        if holder is None:
            break
    return holder


def official_cells(table: Table) -> tuple[str, ...]:
    """The paths of the cells of a table's official rows, which a filled table reports."""
    return tuple(
        f"{table.key}.{row.key}.{column.key}"
        for row in table.rows
        if row.official
        for column in row.columns
    )


def completeness_findings(
    report: Any, severities: dict[str, Severity], filled: AbstractSet[str] = frozenset()
) -> Iterator[Finding]:
    """``report.blank_table`` or ``report.incomplete_table`` for each table printed.

    ``filled`` names tables already known to report every official cell
    (the rules' checkers find that out on the way), which are skipped.
    """
    for table, rows, cells_of in _layout(report.edition):
        if table.key in filled:
            continue
        holder = getattr(report, table.key)
        if holder is None:
            continue  # report.missing_table says so
        try:
            if None not in cells_of(holder):
                continue  # every official row printed, every cell reported
        except AttributeError:
            pass  # a row is absent: the rows below say whether it was printed
        blank: list[str] = []
        cells = 0
        for row, columns in rows:
            values = _row(holder, row.key)
            if values is None and not_printed(report, table, row.key):
                continue
            cells += len(columns)
            blank.extend(
                f"{table.key}.{row.key}.{column}"
                for column in columns
                if values is None or getattr(values, column) is None
            )
        if not blank:
            continue
        rule = "report.blank_table" if len(blank) == cells else "report.incomplete_table"
        yield Finding(
            rule=rule,
            severity=severities[rule],
            status=Status.FAILED,
            path=table.key,
            table=table.key,
            actual=len(blank),
            missing=tuple(blank),
            args={
                "edition": report.edition.value,
                "year": report.year,
                "agency": report.agency,
                "blank": len(blank),
                "cells": cells,
            },
            fingerprint=fingerprint(report.agency, report.year, rule, table.key),
        )

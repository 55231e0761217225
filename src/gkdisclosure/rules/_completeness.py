"""Whether each statutory table a report prints is filled (FORMAT.md §1, Art. 50; §6 D2, D4).

The format requires every table, filled: a blank cell, a placeholder such
as "/" or "—", or text that could not be read all leave a cell not reported
(``None``). A table with no value at all is ``report.blank_table``; one
with some such cells is ``report.incomplete_table``, one finding for the
whole table that lists its blank cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from ..catalog import Edition, Row, Table, edition
from ..findings import Finding, Severity, Status, fingerprint
from ..model import paths

__all__ = ["completeness_findings", "not_printed"]


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


@cache
def _layout(which: Edition) -> tuple[tuple[Table, tuple[tuple[Row, tuple[str, ...]], ...]], ...]:
    """Each table's official rows with their column keys, for reading cells quickly."""
    return tuple(
        (
            table,
            tuple((row, tuple(c.key for c in row.columns)) for row in table.rows if row.official),
        )
        for table in edition(which).tables
    )


def _row(holder: Any, key: str) -> Any:
    for part in key.split("."):
        holder = getattr(holder, part)
        if holder is None:
            break
    return holder


def completeness_findings(report: Any, severities: dict[str, Severity]) -> Iterator[Finding]:
    """``report.blank_table`` or ``report.incomplete_table`` for each table printed."""
    for table, rows in _layout(report.edition):
        holder = getattr(report, table.key)
        if holder is None:
            continue  # report.missing_table says so
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

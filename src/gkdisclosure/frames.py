"""Reports and findings as pandas DataFrames: one row per cell, or one row per report.

pandas is an optional dependency (``pip install "gkdisclosure[pandas]"``);
it is imported when a frame is asked for, and its absence is said plainly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from .analysis import INDICATORS, indicators
from .findings import Severity, Status, ValidationResult
from .model import Report, paths
from .rules import validate

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CELL_COLUMNS", "INDICATOR_COLUMNS", "REPORT_COLUMNS", "summary_frame", "to_frame"]

#: The columns of :func:`to_frame`, in order.
CELL_COLUMNS: Final = (
    "agency",
    "year",
    "edition",
    "table",
    "row",
    "column",
    "path",
    "row_label",
    "column_label",
    "row_label_en",
    "column_label_en",
    "kind",
    "value",
    "status",
    "rules",
    "indicators",
)
#: The first columns of :func:`summary_frame`; one ``rule:<id>`` column per rule found follows.
REPORT_COLUMNS: Final = (
    "agency",
    "year",
    "edition",
    "cells",
    "reported",
    "findings",
    "errors",
    "warnings",
    "info",
    "ok",
)
#: The indicator columns of :func:`summary_frame`, after :data:`REPORT_COLUMNS`: the 总计
#: column's figure of each of :data:`gkdisclosure.catalog.INDICATORS`, as a nullable float.
INDICATOR_COLUMNS: Final = tuple(INDICATORS)
_MISSING_PANDAS: Final = (
    "gkdisclosure.{name} needs pandas; install it with: pip install 'gkdisclosure[pandas]'"
)


def _pandas(name: str) -> Any:
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, imported when used
    except ImportError:
        raise ImportError(_MISSING_PANDAS.format(name=name)) from None
    return pandas


def _results(items: Iterable[Report | ValidationResult]) -> Iterator[ValidationResult]:
    for item in items:
        yield item if isinstance(item, ValidationResult) else validate(item)


def _cell_records(result: ValidationResult) -> Iterator[tuple[Any, ...]]:
    report: Report = result.report
    using: dict[str, set[str]] = {}
    for figure in indicators(report):
        for path in figure.paths:
            using.setdefault(path, set()).add(figure.key)
    for cell, value in paths.cells(report):
        touching = result.for_cell(cell.path)
        status = "passed"
        if any(f.status is Status.FAILED for f in touching):
            status = "failed"
        elif touching:
            status = "unassessable"
        yield (
            report.agency,
            report.year,
            report.edition.value,
            cell.table.key,
            cell.row.key,
            cell.column.key,
            cell.path,
            cell.row.zh,
            cell.column.zh,
            cell.row.en,
            cell.column.en,
            cell.column.kind.value,
            None if value is None else float(value),
            status,
            ",".join(sorted({f.rule for f in touching})),
            ",".join(sorted(using.get(cell.path, ()))),
        )


def to_frame(items: Iterable[Report | ValidationResult]) -> pd.DataFrame:
    """One row per value cell of every report: who, where, labels, value and status.

    ``items`` are reports (validated here) or results of
    :func:`gkdisclosure.validate`. ``value`` is a nullable float (blank:
    ``<NA>``; read the exact :class:`~decimal.Decimal` of an amount from
    the report); ``status`` is ``"passed"``, ``"failed"`` (an identity
    over the cell does not hold) or ``"unassessable"``; ``rules`` lists the
    rules of the findings about the cell, ``indicators`` the keys of the
    indicators (:func:`gkdisclosure.indicators`) that read it. Cells of absent tables are left
    out. The columns are :data:`~gkdisclosure.frames.CELL_COLUMNS`.

    Raises :exc:`ImportError` with the install command when pandas is missing.
    """
    pandas = _pandas("to_frame")
    records = [record for result in _results(items) for record in _cell_records(result)]
    frame = pandas.DataFrame.from_records(records, columns=list(CELL_COLUMNS))
    frame = frame.astype({"year": "Int64", "value": "Float64"})
    categories = ("edition", "table", "row", "column", "kind", "status")
    return frame.astype(dict.fromkeys(categories, "category"))


def _summary_record(result: ValidationResult) -> dict[str, Any]:
    report: Report = result.report
    values = [value for _cell, value in _values(report)]
    counts = result.by_severity()
    record: dict[str, Any] = {
        "agency": report.agency,
        "year": report.year,
        "edition": report.edition.value,
        "cells": len(values),
        "reported": sum(1 for value in values if value is not None),
        "findings": len(result),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "info": counts[Severity.INFO],
        "ok": result.ok,
    }
    figures = indicators(report).values()
    for key in INDICATOR_COLUMNS:
        value = figures.get(key)
        record[key] = None if value is None else float(value)
    record.update({f"rule:{rule}": n for rule, n in sorted(Counter(result.by_rule()).items())})
    return record


def _values(report: Report) -> Iterator[tuple[str, Any]]:
    for cell, value in paths.cells(report):
        if cell.row.official:
            yield cell.path, value


def summary_frame(items: Iterable[Report | ValidationResult]) -> pd.DataFrame:
    """One row per report: who, how many cells (and how many reported), findings by severity.

    Then the indicators of the 总计 column and of 表四
    (:data:`~gkdisclosure.frames.INDICATOR_COLUMNS`, one per key of
    :func:`gkdisclosure.indicators`, as nullable floats: ``<NA>`` where the
    figure is unknown; read the exact fraction from the indicators
    themselves), then one ``rule:<id>`` column per rule found in any
    report, 0 where a report has none. The first columns are
    :data:`~gkdisclosure.frames.REPORT_COLUMNS`.

    Raises :exc:`ImportError` with the install command when pandas is missing.
    """
    pandas = _pandas("summary_frame")
    records = [_summary_record(result) for result in _results(items)]
    rules = sorted({key for record in records for key in record if key.startswith("rule:")})
    columns = [*REPORT_COLUMNS, *INDICATOR_COLUMNS, *rules]
    frame = pandas.DataFrame.from_records(records, columns=columns)
    frame = frame.astype(dict.fromkeys(INDICATOR_COLUMNS, "Float64"))
    return frame.fillna(dict.fromkeys(rules, 0)).astype(dict.fromkeys(rules, "int64"))

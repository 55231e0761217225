"""Two reports of one agency side by side: the cells that correspond, and how they changed.

Within an edition every cell corresponds to itself. Between the 2019 and
2021 editions (FORMAT.md §3.6) only what the two formats count alike is
compared: 表三 and 表四 cell for cell, except （六）其他处理, a single row in
2019 and three rows in 2021, which is compared as a whole (the 2021 rows
summed, or the group's printed line); and in 表二 the decisions of 行政许可,
行政处罚 and 行政强制. The rest of 表二 changed its meaning — documents made
and published against issued, repealed and in force; fee items against an
amount of money; procurement dropped — and is listed as not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from attrs import frozen

from ..catalog import Cell, Edition, Row, edition
from ..errors import UnknownKeyError
from ..findings import Finding
from ..model import Report
from ..model.paths import get as read
from ..rules import validate
from ._indicators import Indicators, group_sum, indicators

__all__ = ["ComparedCell", "Comparison", "compare"]

Number = int | Decimal

#: The row of 表三 that is one row in 2019 and a group of three rows from 2021 on.
_SPLIT_GROUP: Final = "other_handling"


@frozen
class ComparedCell:
    """One cell (or one group of 表三) in both reports, and the change from one to the other.

    ``path`` is the wire path in the current report's edition; a path that
    ends in a group (``requests.other_handling.total`` in a 2021 report
    compared with a 2019 one) stands for the sum of the group's rows.
    ``previous_paths`` and ``current_paths`` are the cells read on each side.
    ``delta`` is ``current − previous``, ``None`` if either is blank.
    """

    path: str
    table: str
    row: str
    column: str
    previous: Number | None
    current: Number | None
    previous_paths: tuple[str, ...]
    current_paths: tuple[str, ...]

    @property
    def delta(self) -> Number | None:
        """``current − previous``; ``None`` where either is not reported."""
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def changed(self) -> bool:
        """Whether both are reported and differ, or one is reported and the other not."""
        return self.previous != self.current

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data (amounts as strings)."""
        return {
            "path": self.path,
            "previous": _json(self.previous),
            "current": _json(self.current),
            "delta": _json(self.delta),
            "previous_paths": list(self.previous_paths),
            "current_paths": list(self.current_paths),
        }


def _json(value: Number | Fraction | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return str(value) if isinstance(value, Fraction) else format(value, "f")


def _figures(figures: Indicators) -> dict[str, int | str | None]:
    """Every figure as ``key`` (report) or ``key.column`` (表三), exact rates as "9/11"."""
    return {
        figure.key if figure.column is None else f"{figure.key}.{figure.column}": _json(
            figure.value
        )
        for figure in figures
    }


@frozen
class Comparison:
    """Two reports of one agency compared: cells, cross-report findings, indicators.

    ``changes`` lists every compared cell in the current report's printed
    order; ``not_compared`` the cells of either report that have no
    counterpart in the other (paths of the previous report start with
    ``previous.``). ``findings`` are the ``series.*`` rules' findings of
    the current report against the previous one (the carry-over, the
    documents in force …); ``indicators`` the figures of each report
    (the current one's computed with the previous report, for the changes
    of 表二).
    """

    previous: Report
    current: Report
    changes: tuple[ComparedCell, ...]
    not_compared: tuple[str, ...]
    findings: tuple[Finding, ...]
    previous_indicators: Indicators
    current_indicators: Indicators

    def change(self, path: str) -> ComparedCell:
        """The compared cell at a wire path; :exc:`~gkdisclosure.UnknownKeyError` if none."""
        for change in self.changes:
            if change.path == path:
                return change
        raise UnknownKeyError(path, "the compared cells")

    @property
    def changed(self) -> tuple[ComparedCell, ...]:
        """The compared cells whose value changed."""
        return tuple(change for change in self.changes if change.changed)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data: rates as exact fractions in strings ("9/11")."""
        return {
            "agency": self.current.agency,
            "previous": {"year": self.previous.year, "edition": self.previous.edition.value},
            "current": {"year": self.current.year, "edition": self.current.edition.value},
            "changes": [change.to_dict() for change in self.changes],
            "not_compared": list(self.not_compared),
            "findings": [finding.to_dict() for finding in self.findings],
            "indicators": {
                "previous": _figures(self.previous_indicators),
                "current": _figures(self.current_indicators),
            },
        }


def _same(previous: Report, current: Report, cell: Cell) -> ComparedCell:
    return ComparedCell(
        cell.path,
        cell.table.key,
        cell.row.key,
        cell.column.key,
        read(previous, cell.path),
        read(current, cell.path),
        (cell.path,),
        (cell.path,),
    )


def _whole_group(previous: Report, current: Report, row: Row) -> Iterator[ComparedCell]:
    """（六）其他处理 as a whole, per column: a 2019 row against a 2021 group."""
    for column in row.columns:
        path = f"requests.{_SPLIT_GROUP}.{column.key}"
        old, old_paths = group_sum(previous, path)
        new, new_paths = group_sum(current, path)
        yield ComparedCell(
            path, "requests", _SPLIT_GROUP, column.key, old, new, old_paths, new_paths
        )


def _in_split_group(row: Row) -> bool:
    return _SPLIT_GROUP in {row.key, row.group}


def _official(which: Edition) -> Iterator[Cell]:
    return (cell for cell in edition(which).cells() if cell.row.official)


def _changes(previous: Report, current: Report) -> tuple[list[ComparedCell], tuple[str, ...]]:
    """The compared cells in the current report's order, and the cells left out."""
    theirs = {cell.path: cell for cell in _official(previous.edition)}
    crossing = previous.edition is not current.edition
    changes: list[ComparedCell] = []
    covered: set[str] = set()
    for table in edition(current.edition).tables:
        for row in table.rows:
            if not row.official:
                continue
            if crossing and table.key == "requests" and _in_split_group(row):
                if not any(change.row == _SPLIT_GROUP for change in changes):
                    changes.extend(_whole_group(previous, current, row))
                continue
            for column in row.columns:
                cell = edition(current.edition).cell(f"{table.key}.{row.key}.{column.key}")
                other = theirs.get(cell.path)
                if other is not None and other.column.kind is cell.column.kind:
                    changes.append(_same(previous, current, cell))
                    covered.add(cell.path)
    if crossing:
        covered.update(
            cell.path
            for which in (previous.edition, current.edition)
            for cell in _official(which)
            if cell.table.key == "requests" and _in_split_group(cell.row)
        )
    left = [cell.path for cell in _official(current.edition) if cell.path not in covered]
    left += [f"previous.{path}" for path in theirs if path not in covered]
    return changes, tuple(left)


def compare(previous: Report, current: Report) -> Comparison:
    """Compare two reports of one agency, cell by cell, with the series rules and indicators.

    ``previous`` is the earlier report, ``current`` the later; they may be
    of different editions: then 表三 and 表四 are compared cell for cell,
    except （六）其他处理, a single row in 2019 and three rows from 2021 on,
    compared as a whole; in 表二 only the decisions of 行政许可, 行政处罚 and
    行政强制 correspond, and the other cells are listed in ``not_compared``.
    The findings are those of the ``series.*`` rules
    (:func:`gkdisclosure.validate` with ``previous``): they check the
    carry-over and the documents in force only for consecutive years of
    one agency, and say so otherwise (``series.sequence``).

    >>> import gkdisclosure
    >>> old = gkdisclosure.load("tests/data/corpus/2019-pingtan.html.expected.json")
    >>> new = gkdisclosure.load("tests/data/corpus/2024-pingtan.html.expected.json")
    >>> change = gkdisclosure.compare(old, new).change("requests.received.total")
    >>> change.previous, change.current, change.delta
    (23, 218, 195)
    """
    changes, left = _changes(previous, current)
    findings = tuple(
        finding
        for finding in validate(current, previous=previous)
        if finding.rule.startswith("series.")
    )
    return Comparison(
        previous,
        current,
        tuple(changes),
        left,
        findings,
        indicators(previous),
        indicators(current, previous=previous),
    )

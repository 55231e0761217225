"""The figures people compute from the tables: rates of disclosure, of correction, of dispute.

Every figure is exact: a count is an :class:`int`, a rate a
:class:`fractions.Fraction` (``Fraction(9, 11)``, never ``0.8181…``), so
that sums, comparisons and rankings carry no rounding of their own; turn a
rate into a float or a rounded :class:`~decimal.Decimal` where it is shown.
A figure over a cell that is not reported is ``None`` (never computed as if
the blank were 0), and so is a rate whose denominator is 0; each figure
says which cells it read and which of them were blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Final

from attrs import frozen

from ..catalog import INDICATORS, PREVIOUS, TOTAL, Edition, Indicator, IndicatorTerm, edition
from ..errors import UnknownKeyError
from ..model import Report
from ..model.paths import get

__all__ = ["INDICATORS", "Figure", "Indicator", "Indicators", "indicators"]


@frozen
class Figure:
    """One indicator of one report (for one applicant column, where it has one).

    ``value`` is ``None`` when a cell it reads is not reported (listed in
    ``missing``) or when its denominator is 0 (``denominator == 0``).
    ``paths`` are every cell it read, in formula order; a path starting
    with ``previous.`` is a cell of the previous year's report.
    """

    indicator: Indicator
    column: str | None
    value: int | Fraction | None
    numerator: int | None
    denominator: int | None
    paths: tuple[str, ...]
    missing: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """``<Figure disclosure_rate total: 9/11>``."""
        where = f" {self.column}" if self.column is not None else ""
        return f"<Figure {self.key}{where}: {self.value}>"

    @property
    def key(self) -> str:
        """The indicator's key."""
        return self.indicator.key


@frozen
class Indicators:
    """Every indicator of one report, as :class:`Figure` objects.

    ``figure("disclosure_rate")`` is the figure of the 总计 column;
    ``figure("disclosure_rate", "natural_person")`` that of one applicant
    column; figures of 表四 and 表二 have no column.
    """

    agency: str
    year: int
    edition: Edition
    figures: tuple[Figure, ...]

    def __repr__(self) -> str:
        """``<Indicators agency year: 55 figures>``."""
        return f"<Indicators {self.agency!r} {self.year}: {len(self.figures)} figures>"

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)

    def __len__(self) -> int:
        return len(self.figures)

    def figure(self, key: str, column: str = TOTAL) -> Figure:
        """The figure of an indicator (for a column of 表三).

        Raises :exc:`~gkdisclosure.UnknownKeyError` (a :exc:`KeyError`) if there is none.
        """
        for figure in self.figures:
            if figure.key == key and figure.column in {column, None}:
                return figure
        if key in INDICATORS:
            raise UnknownKeyError(key, f"the indicators of the column {column!r}")
        raise UnknownKeyError(key, "the indicators")

    def value(self, key: str, column: str = TOTAL) -> int | Fraction | None:
        """The value of an indicator (for a column of 表三).

        Raises :exc:`~gkdisclosure.UnknownKeyError` (a :exc:`KeyError`) if there is none.
        """
        return self.figure(key, column).value

    def values(self, column: str = TOTAL) -> dict[str, int | Fraction | None]:
        """Every indicator's value, by key: of one column of 表三, and of the report."""
        return {f.key: f.value for f in self.figures if f.column in {column, None}}


def _group_rows(which: Edition, path: str) -> tuple[tuple[str, ...], str] | None:
    """The rows a path of a 表三 group sums, and its subtotal's path; ``None`` for a row."""
    table, _, rest = path.partition(".")
    key, _, column = rest.partition(".")
    if table != "requests" or "." in column:
        return None
    rows = edition(which).requests.rows
    members = tuple(
        f"{table}.{row.key}.{column}" for row in rows if row.group == key and row.role == "outcome"
    )
    if not members:
        return None
    return members, f"{table}.{key}.subtotal.{column}"


def read(report: Report, path: str, previous: Report | None = None) -> Any:
    """The value at a wire path; a path under ``previous.`` reads the previous report."""
    if path.startswith(PREVIOUS):
        return get(previous, path.removeprefix(PREVIOUS))
    return get(report, path)


def _cells(report: Report, previous: Report | None, path: str) -> list[tuple[str, Any]]:
    """The cells a path reads: itself, or a group's rows (its printed line if a row is blank)."""
    group = _group_rows(report.edition, path)
    if group is None:
        return [(path, read(report, path, previous))]
    members, subtotal = group
    cells = [(member, read(report, member)) for member in members]
    printed = read(report, subtotal)
    if printed is not None and any(value is None for _, value in cells):
        return [(subtotal, printed)]
    return cells


def group_sum(report: Report, path: str) -> tuple[int | None, tuple[str, ...]]:
    """The value at a path of 表三 that may name a group, and the cells read.

    A cell reads itself. A group (``requests.withheld.total``) reads the
    sum of its rows, or its printed subtotal where a row is blank; the sum
    is ``None`` if a cell it needs is blank.
    """
    cells = _cells(report, None, path)
    paths = tuple(cell for cell, _ in cells)
    if any(value is None for _, value in cells):
        return None, paths
    return sum(value for _, value in cells), paths


def _sum(
    report: Report, previous: Report | None, terms: tuple[IndicatorTerm, ...], column: str | None
) -> tuple[int | None, list[str], list[str]]:
    """The signed sum of the terms, the cells read and the cells blank."""
    total = 0
    paths: list[str] = []
    missing: list[str] = []
    for sign, template in terms:
        for cell, value in _cells(report, previous, template.format(column=column)):
            paths.append(cell)
            if value is None:
                missing.append(cell)
            else:
                total += sign * value
    return (None if missing else total), paths, missing


def _figure(
    indicator: Indicator, report: Report, previous: Report | None, column: str | None
) -> Figure:
    numerator, paths, missing = _sum(report, previous, indicator.numerator, column)
    denominator: int | None = None
    if indicator.denominator is not None:
        denominator, more_paths, more_missing = _sum(
            report, previous, indicator.denominator, column
        )
        paths += more_paths
        missing += more_missing
    value: int | Fraction | None = numerator
    if indicator.denominator is not None:
        value = None if not denominator or numerator is None else Fraction(numerator, denominator)
    return Figure(
        indicator,
        column,
        value,
        numerator,
        denominator,
        tuple(paths),
        tuple(dict.fromkeys(missing)),
    )


_COLUMNS: Final = tuple(
    column.key for column in edition(Edition.E2021).requests.row("received").columns
)


def indicators(report: Report, *, previous: Report | None = None) -> Indicators:
    """Compute every indicator that applies to the report.

    The indicators are those of :data:`~gkdisclosure.catalog.INDICATORS`.

    Figures of 表三 come once per applicant column, then those of 表四.
    ``previous``, the same agency's report for the year before, gives the
    changes of 表二 (2021 edition only: the 2019 edition counts documents
    made and published, not in force). Without it, or where it has no such
    cell (a report of the 2019 edition), those figures are ``None`` with the
    previous report's cell listed as missing.

    >>> import gkdisclosure
    >>> report = gkdisclosure.load("examples/2021-fujian-gxt.json")
    >>> figures = gkdisclosure.indicators(report)
    >>> figures.value("disclosure_rate")
    Fraction(9, 11)
    """
    figures: list[Figure] = []
    for indicator in INDICATORS.values():
        if report.edition not in indicator.editions:
            continue
        if indicator.scope == "report":
            figures.append(_figure(indicator, report, _previous(indicator, previous), None))
        else:
            figures.extend(_figure(indicator, report, previous, column) for column in _COLUMNS)
    return Indicators(report.agency, report.year, report.edition, tuple(figures))


def _previous(indicator: Indicator, previous: Report | None) -> Any:
    """The previous report, where the indicator's cells exist in it."""
    if not indicator.needs_previous or previous is None:
        return previous
    return previous if previous.edition in indicator.editions else None

"""The cell-wise sum of many reports of one edition and year, blank-aware.

A province's departments or a city's districts add up to one set of tables.
A cell of the sum is known only where every report gave a number: a blank
in any of them leaves the sum's cell blank, never summed as if it were 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
from attrs import frozen

from ..catalog import Edition, edition
from ..errors import MismatchedReportsError, UnknownKeyError
from ..model import Report
from ..model.paths import get as read

__all__ = ["UNIT_AS_PRINTED", "Aggregate", "aggregate", "aggregate_counts"]

_TABLES: Final = ("proactive", "requests", "review_litigation")
#: Amounts printed in whatever unit each report chose (FORMAT.md §3.3): never summed.
UNIT_AS_PRINTED: Final = frozenset({"proactive.procurement.amount"})
#: How many agencies a default name of the sum lists before it counts the rest.
_NAMED: Final = 3


@frozen
class Aggregate:
    """The sum of many reports and, for each cell, how many of them reported it.

    ``report`` is the sum (see :func:`aggregate`). ``inputs`` is the number
    of reports summed; ``counts`` maps the wire path of every value cell of
    the edition to the number of reports that gave a number there. A cell
    of the sum is known exactly where its count equals ``inputs``, except
    the cells of :data:`~gkdisclosure.analysis.UNIT_AS_PRINTED`, which are never summed.
    ``agencies`` are the summed reports' agencies, in input order.
    """

    report: Report
    inputs: int
    counts: Mapping[str, int]
    agencies: tuple[str, ...]

    def complete(self, path: str) -> bool:
        """Whether every report gave a number for the cell at this wire path.

        Raises :exc:`~gkdisclosure.UnknownKeyError` for a path that is no cell.
        """
        if path not in self.counts:
            raise UnknownKeyError(path, "the cells of the sum")
        return self.counts[path] == self.inputs


def _sum(values: Sequence[Any]) -> Any:
    """The sum of one field over all reports: a number, a row or table, or ``None``."""
    if any(value is None for value in values):
        return None
    first = values[0]
    if isinstance(first, int | Decimal):
        return sum(values, start=type(first)(0))
    cls = type(first)
    return cls(
        **{
            a.name: _sum([getattr(value, a.name) for value in values])
            for a in attrs.fields(cls)
            if a.init
        }
    )


def _name(agencies: Sequence[str]) -> str:
    unique = list(dict.fromkeys(agencies))
    if len(unique) <= _NAMED:
        return "、".join(unique)
    return "、".join(unique[:_NAMED]) + f" (+{len(unique) - _NAMED})"


def aggregate_counts(reports: Iterable[Report], *, agency: str | None = None) -> Aggregate:
    """Sum reports cell by cell, and count for each cell the reports that gave it.

    The reports must share one edition and one year; otherwise, or if
    there is none, :exc:`~gkdisclosure.MismatchedReportsError` says which
    differ. See :func:`aggregate` for how the cells add up.
    """
    reports = list(reports)
    if not reports:
        raise MismatchedReportsError("nothing to aggregate: no report given")
    first = reports[0]
    for report in reports[1:]:
        if report.edition is not first.edition or report.year != first.year:
            raise MismatchedReportsError(
                "reports of one edition and year only: "
                f"{first.agency} {first.year} (edition {first.edition.value}) and "
                f"{report.agency} {report.year} (edition {report.edition.value})"
            )
    tables = {key: _sum([getattr(report, key) for report in reports]) for key in _TABLES}
    proactive = tables["proactive"]
    if first.edition is Edition.E2019 and proactive is not None:
        procurement = attrs.evolve(proactive.procurement, amount=None)
        tables["proactive"] = attrs.evolve(proactive, procurement=procurement)
    agencies = tuple(report.agency for report in reports)
    total = Report(
        edition=first.edition,
        agency=agency if agency is not None else _name(agencies),
        year=first.year,
        **tables,
    )
    counts = {
        cell.path: sum(1 for report in reports if read(report, cell.path) is not None)
        for cell in edition(first.edition).cells()
    }
    return Aggregate(total, len(reports), counts, agencies)


def aggregate(reports: Iterable[Report], *, agency: str | None = None) -> Report:
    """The cell-wise sum of reports of one edition and year (a province's departments …).

    A cell of the sum is the sum of that cell over every report, and blank
    (``None``) if any report left it blank: the sum of what was reported
    would be too small, and nothing marks it so. A table that a report
    lacks is absent from the sum; a group's printed subtotal is summed
    only if every report printed it. The amount of 2019 政府集中采购 is left
    blank: the format fixes no unit for it, and reports print 元 or 万元.
    The sum of consistent reports is
    consistent. ``agency`` names the sum (default: the agencies summed,
    the first three and a count of the rest); ``meta`` is not carried over.

    :func:`aggregate_counts` returns the same sum with the number of
    reports behind each cell. Mixed editions or years, or no report at all,
    raise :exc:`~gkdisclosure.MismatchedReportsError`.

    >>> import gkdisclosure
    >>> report = gkdisclosure.load("examples/2021-fujian-gxt.json")
    >>> total = gkdisclosure.aggregate([report, report])
    >>> total.requests.received.total
    22
    """
    return aggregate_counts(reports, agency=agency).report

"""A testing kit for the test suites of programs that make or check reports (extra ``testing``).

Hypothesis strategies generate reports of both editions, consistent by
construction or not, with or without blank cells, and each table and row
on its own::

    from hypothesis import given
    from gkdisclosure.testing import reports

    @given(reports(edition="2021"))
    def test_store_keeps_every_report(report):
        assert store.load(store.save(report)) == report

:func:`corrupted_reports` plants one known fault in a consistent report and
says which cells it damaged and how (:class:`PlantedFault`), so that a test
can assert that a tool caught *that* fault. :func:`assert_consistent` and
:func:`assert_findings` are assertions whose failure message shows the
findings as a table; :func:`with_cell` replaces one value of a report by
wire path.

Importing this module registers the strategies with
:func:`hypothesis.strategies.from_type`, so ``st.from_type(Report)`` works.
Bad arguments raise :exc:`hypothesis.errors.InvalidArgument` at once, as
Hypothesis' own strategies do.
"""

from __future__ import annotations

from ._assertions import assert_consistent, assert_findings
from ._cells import with_cell
from ._faults import FaultKind, PlantedFault, corrupted_reports
from ._strategies import (
    applicant_counts,
    case_outcomes,
    proactive,
    proactive_rows,
    reports,
    review_litigation,
)

__all__ = [
    "FaultKind",
    "PlantedFault",
    "applicant_counts",
    "assert_consistent",
    "assert_findings",
    "case_outcomes",
    "corrupted_reports",
    "proactive",
    "proactive_rows",
    "reports",
    "review_litigation",
    "with_cell",
]

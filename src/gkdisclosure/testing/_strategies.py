"""The Hypothesis strategies: whole reports, and each table and row on its own.

Importing this module registers the strategies with :func:`hypothesis.strategies.from_type`.
"""

from __future__ import annotations

from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..catalog import Edition
from ..catalog import edition as _spec
from ..model import (
    ApplicantCounts,
    CaseOutcomes,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItems2019,
    ItemCounts2019,
    Proactive2019,
    Proactive2021,
    Procurement2019,
    Report,
    ReviewLitigation,
)
from ._arguments import bounds, edition_argument, flag
from ._draw import (
    PROACTIVE_ROWS,
    proactive_row,
    proactive_table,
    review_litigation_table,
    summed_row,
    whole_reports,
    with_blanks,
)

__all__ = [
    "applicant_counts",
    "case_outcomes",
    "proactive",
    "proactive_rows",
    "reports",
    "review_litigation",
]

#: A row of 表二, of either edition.
_P = TypeVar(
    "_P",
    DocumentCounts2021,
    DecisionCount,
    FeeAmount2021,
    DocumentCounts2019,
    ItemCounts2019,
    FeeItems2019,
    Procurement2019,
)
#: A row or block with a total: of 表三, or of 表四.
_S = TypeVar("_S", ApplicantCounts, CaseOutcomes)


def reports(
    *,
    edition: Edition | str | None = None,
    consistent: bool = True,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[Report]:
    """Generate whole reports of either edition, or of the ``edition`` given.

    ``consistent=True`` builds every report so that each identity of the
    format holds: per column of 表三, received + carried over = total
    handled + carried forward, and the total handled is the sum of the
    outcome rows; per row, the total is the sum of the six applicant
    columns; per block of 表四, the total is the sum of the four results;
    a group's ``subtotal`` (sometimes present) is the sum of its sub-rows.
    ``consistent=False`` draws every count on its own, so identities
    usually fail.

    ``min_value`` and ``max_value`` bound every count that is drawn; the
    counts computed from others (totals, subtotals, and the requests
    received, which balance the ledger) may exceed ``max_value``. Amounts
    lie in the same range with at most two decimal places; the 2019
    ``change`` column is signed, within ``±max_value``. The year always
    fits the edition.

    ``blanks=True`` leaves some cells ``None`` (not reported), in the
    patterns real reports show, and some tables ``None``; blanks=False
    fills every cell of all three tables. Blank cells never break an
    identity: they only make it unassessable.

    >>> from hypothesis import given
    >>> @given(reports(edition="2019", blanks=False))
    ... def test_ledger(report):
    ...     t = report.requests
    ...     assert t.received.total + t.carried_over.total == (
    ...         t.total_handled.total + t.carried_forward.total
    ...     )
    >>> test_ledger()
    >>> reports(min_value=5, max_value=1)
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: min_value=5 is greater than max_value=1
    """
    lo, hi = bounds(min_value, max_value)
    return whole_reports(
        edition_argument(edition),
        lo,
        hi,
        consistent=flag("consistent", consistent),
        blanks=flag("blanks", blanks),
    )


def _summed(
    cls: type[_S], consistent: object, blanks: object, values: tuple[object, object]
) -> st.SearchStrategy[_S]:
    """One row or block whose ``total`` is the sum of its other cells if ``consistent``."""
    lo, hi = bounds(*values)
    return with_blanks(summed_row(cls, lo, hi, consistent=flag("consistent", consistent)), blanks)


def applicant_counts(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[ApplicantCounts]:
    """Generate one row of 表三: six applicant counts and their ``total``.

    Arguments as for :func:`reports`; ``consistent=True`` makes ``total``
    the sum of the six counts.

    >>> from hypothesis import find
    >>> find(applicant_counts(), lambda row: row.total >= 3).total
    3
    """
    return _summed(ApplicantCounts, consistent, blanks, (min_value, max_value))


def case_outcomes(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[CaseOutcomes]:
    """Generate one block of 表四: four results and their ``total``.

    Arguments as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(case_outcomes(), lambda block: block.pending > 0)
    CaseOutcomes(upheld=0, corrected=0, other=0, pending=1, total=1)
    """
    return _summed(CaseOutcomes, consistent, blanks, (min_value, max_value))


def review_litigation(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[ReviewLitigation]:
    """Generate 表四: administrative review and the two kinds of litigation.

    Arguments as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(review_litigation(), lambda t: t.review.total > 1).review
    CaseOutcomes(upheld=0, corrected=0, other=0, pending=2, total=2)
    """
    lo, hi = bounds(min_value, max_value)
    tables = review_litigation_table(lo, hi, consistent=flag("consistent", consistent))
    return with_blanks(tables, blanks)


def proactive(
    *,
    edition: Edition | str | None = None,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[Proactive2019 | Proactive2021]:
    """Generate 表二 of either edition, or of the ``edition`` given.

    表二 has no identity; otherwise the arguments are as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(proactive(edition="2021"), lambda t: t.fees.amount_10k_yuan > 0).fees
    FeeAmount2021(amount_10k_yuan=Decimal('0.01'))
    """
    lo, hi = bounds(min_value, max_value)
    which = edition_argument(edition)
    editions = st.sampled_from(Edition) if which is None else st.just(which)
    tables = editions.flatmap(lambda e: proactive_table(_spec(e), lo, hi))
    return with_blanks(tables, blanks)


def proactive_rows(
    row_type: type[_P],
    *,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[_P]:
    """Generate one row of 表二 of the class given, such as :class:`~gkdisclosure.DecisionCount`.

    ``row_type`` is one of the seven row classes of 表二:
    :class:`~gkdisclosure.DocumentCounts2021`, :class:`~gkdisclosure.DecisionCount` and
    :class:`~gkdisclosure.FeeAmount2021` (edition 2021);
    :class:`~gkdisclosure.DocumentCounts2019`, :class:`~gkdisclosure.ItemCounts2019`,
    :class:`~gkdisclosure.FeeItems2019` and :class:`~gkdisclosure.Procurement2019`
    (edition 2019). 表二 has no identity, so there is no ``consistent``;
    the other arguments are as for :func:`reports`: counts and amounts lie
    within ``min_value`` and ``max_value``, the signed ``change`` within
    ``±max_value``.

    >>> from hypothesis import find
    >>> from gkdisclosure import ItemCounts2019
    >>> find(proactive_rows(ItemCounts2019), lambda row: row.change < 0)
    ItemCounts2019(previous_items=0, change=-1, decisions=0)
    """
    if not isinstance(row_type, type) or row_type not in PROACTIVE_ROWS:
        names = ", ".join(sorted(cls.__name__ for cls in PROACTIVE_ROWS))
        raise InvalidArgument(
            f"row_type must be a row class of table 2 ({names}), got {row_type!r}"
        )
    lo, hi = bounds(min_value, max_value)
    return with_blanks(proactive_row(row_type, lo, hi), blanks)


st.register_type_strategy(Report, reports())
st.register_type_strategy(ApplicantCounts, applicant_counts())
st.register_type_strategy(CaseOutcomes, case_outcomes())
st.register_type_strategy(ReviewLitigation, review_litigation())
st.register_type_strategy(Proactive2019, proactive(edition=Edition.E2019))
st.register_type_strategy(Proactive2021, proactive(edition=Edition.E2021))
for _row in PROACTIVE_ROWS:
    st.register_type_strategy(_row, proactive_rows(_row))

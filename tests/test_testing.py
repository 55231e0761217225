"""The public Hypothesis strategies: arguments, shapes, blanks, registration and shrinking."""

from __future__ import annotations

import doctest
import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import AttrsInstance
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import gkdisclosure.testing
from gkdisclosure import (
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
    Requests2019,
    Requests2021,
    ReviewLitigation,
)
from gkdisclosure.catalog import Edition, ValueKind, edition
from gkdisclosure.testing import (
    applicant_counts,
    case_outcomes,
    proactive,
    proactive_rows,
    reports,
    review_litigation,
)

#: ``find`` without the example database (no state between runs) and
#: without the explain phase (it only adds a note to a failure report).
FIND = settings(database=None, phases=[Phase.generate, Phase.shrink], max_examples=1000)
#: ``find`` that only asks whether an example exists: no shrinking.
EXISTS = settings(database=None, phases=[Phase.generate], max_examples=1000)

STRATEGIES: dict[str, Callable[..., st.SearchStrategy[Any]]] = {
    "reports": reports,
    "applicant_counts": applicant_counts,
    "case_outcomes": case_outcomes,
    "review_litigation": review_litigation,
    "proactive": proactive,
    "proactive_rows": functools.partial(proactive_rows, DecisionCount),
}
#: The row classes of 表二, and the editions they belong to.
PROACTIVE_ROWS = {
    DocumentCounts2021: Edition.E2021,
    DecisionCount: Edition.E2021,
    FeeAmount2021: Edition.E2021,
    DocumentCounts2019: Edition.E2019,
    ItemCounts2019: Edition.E2019,
    FeeItems2019: Edition.E2019,
    Procurement2019: Edition.E2019,
}
WITH_EDITION = ("reports", "proactive")
WITH_CONSISTENT = ("reports", "applicant_counts", "case_outcomes", "review_litigation")


def cells(obj: AttrsInstance, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value cell of a table (an attrs tree) as (dotted path, value).

    A group's absent ``subtotal`` line is not a cell.
    """
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if attrs.has(type(value)):
            yield from cells(value, where)
        elif not (field.name == "subtotal" and value is None):
            yield where, value


def report_cells(report: Report) -> Iterator[tuple[str, object]]:
    """Every value cell of the report's tables that are present."""
    for name in ("proactive", "requests", "review_litigation"):
        table = getattr(report, name)
        if table is not None:
            yield from cells(table, name)


def counts(report: Report) -> list[int]:
    """Every count cell of a report (not amounts, not the signed 2019 change)."""
    return [
        value
        for path, value in report_cells(report)
        if isinstance(value, int) and not path.endswith(".change")
    ]


def received(report: Report) -> int:
    """The total of requests received; the report must have 表三, fully reported."""
    assert report.requests is not None
    assert report.requests.received.total is not None
    return report.requests.received.total


# --- arguments ------------------------------------------------------------------


BAD_ARGUMENTS = [
    pytest.param(WITH_EDITION, {"edition": "2022"}, "edition must be", id="unknown-edition"),
    pytest.param(WITH_EDITION, {"edition": 2021}, "edition must be", id="edition-int"),
    pytest.param(WITH_EDITION, {"edition": "E2021"}, "edition must be", id="edition-member-name"),
    pytest.param(
        tuple(STRATEGIES),
        {"min_value": 5, "max_value": 1},
        "min_value=5 is greater than max_value=1",
        id="min-above-max",
    ),
    pytest.param(
        tuple(STRATEGIES), {"min_value": -1}, "counts are never negative", id="negative-min"
    ),
    pytest.param(tuple(STRATEGIES), {"min_value": 1.5}, "min_value must be an int", id="min-float"),
    pytest.param(
        tuple(STRATEGIES), {"max_value": "10"}, "max_value must be an int", id="max-string"
    ),
    pytest.param(tuple(STRATEGIES), {"max_value": True}, "max_value must be an int", id="max-bool"),
    pytest.param(tuple(STRATEGIES), {"blanks": 1}, "blanks must be True or False", id="blanks-int"),
    pytest.param(
        WITH_CONSISTENT,
        {"consistent": "yes"},
        "consistent must be True or False",
        id="consistent-string",
    ),
]


@pytest.mark.parametrize(("names", "kwargs", "message"), BAD_ARGUMENTS)
def test_bad_arguments_raise_invalid_argument_at_once(
    names: tuple[str, ...], kwargs: dict[str, object], message: str
) -> None:
    """A bad argument raises InvalidArgument when the strategy is made, naming the problem."""
    for name in names:
        with pytest.raises(InvalidArgument, match=message):
            STRATEGIES[name](**kwargs)


@pytest.mark.parametrize("name", STRATEGIES)
def test_arguments_are_keyword_only(name: str) -> None:
    """Every strategy takes its arguments by keyword only."""
    with pytest.raises(TypeError):
        STRATEGIES[name](True)


@pytest.mark.parametrize("name", STRATEGIES)
def test_equal_bounds_are_accepted(name: str) -> None:
    """min_value == max_value is a valid, if narrow, range."""
    assert isinstance(STRATEGIES[name](min_value=3, max_value=3), st.SearchStrategy)


# --- editions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "expected", "classes"),
    [
        ("2019", Edition.E2019, (Proactive2019, Requests2019)),
        (Edition.E2019, Edition.E2019, (Proactive2019, Requests2019)),
        ("2021", Edition.E2021, (Proactive2021, Requests2021)),
        (Edition.E2021, Edition.E2021, (Proactive2021, Requests2021)),
    ],
)
@given(data=st.data())
def test_the_edition_given_is_respected(
    data: st.DataObject, edition: Edition | str, expected: Edition, classes: tuple[type, type]
) -> None:
    """reports(edition=...) gives that edition, its table classes and a year it governed."""
    report = data.draw(reports(edition=edition))
    assert report.edition is expected
    assert (type(report.proactive), type(report.requests)) == classes
    assert (report.year <= 2020) is (expected is Edition.E2019)
    table = data.draw(proactive(edition=edition))
    assert type(table) is classes[0]


@pytest.mark.parametrize("edition", list(Edition))
def test_without_an_edition_both_editions_come(edition: Edition) -> None:
    """reports() and proactive() with no edition give reports of each edition."""
    assert find(reports(), lambda r: r.edition is edition, settings=EXISTS).edition is edition
    cls = {Edition.E2019: Proactive2019, Edition.E2021: Proactive2021}[edition]
    assert type(find(proactive(), lambda t: isinstance(t, cls), settings=EXISTS)) is cls


# --- values ---------------------------------------------------------------------------


@given(reports(min_value=3, max_value=7))
def test_drawn_counts_lie_within_the_bounds(report: Report) -> None:
    """Every count is at least min_value; counts of 表二 and amounts are at most max_value."""
    assert min(counts(report)) >= 3
    assert report.proactive is not None
    for path, value in cells(report.proactive):
        if path.endswith(".change"):
            assert isinstance(value, int)
            assert -7 <= value <= 7
        else:
            assert isinstance(value, int | Decimal)
            assert 3 <= value <= 7


@given(reports(consistent=False, min_value=3, max_value=7))
def test_inconsistent_reports_draw_every_count_within_the_bounds(report: Report) -> None:
    """With consistent=False nothing is computed: every count, totals too, lies within bounds."""
    assert all(3 <= value <= 7 for value in counts(report))


@given(reports())
def test_amounts_are_decimals_with_at_most_two_places(report: Report) -> None:
    """Amounts are Decimal, zero or more, with at most two decimal places."""
    amounts = [value for _, value in report_cells(report) if isinstance(value, Decimal)]
    assert len(amounts) == 1
    for amount in amounts:
        assert amount >= 0
        exponent = amount.as_tuple().exponent
        assert isinstance(exponent, int)
        assert exponent >= -2


def test_the_2019_change_column_can_be_negative() -> None:
    """The 2019 本年增/减 column is signed."""
    table = find(
        proactive(edition="2019"),
        lambda t: isinstance(t, Proactive2019) and (t.licensing.change or 0) < 0,
        settings=EXISTS,
    )
    assert isinstance(table, Proactive2019)
    assert table.licensing.change is not None
    assert table.licensing.change < 0


def test_a_group_subtotal_is_sometimes_printed() -> None:
    """Consistent reports without blanks sometimes carry a group's subtotal line."""
    report = find(
        reports(edition="2021"),
        lambda r: r.requests is not None and r.requests.withheld.subtotal is not None,
        settings=EXISTS,
    )
    assert report.requests is not None
    assert report.requests.withheld.subtotal is not None


def test_inconsistent_reports_break_identities() -> None:
    """consistent=False gives reports whose rows do not add up."""
    report = find(
        reports(consistent=False),
        lambda r: received(r) != sum(r.requests.received.values()[:6]),
        settings=EXISTS,
    )
    assert report.requests is not None
    *parts, total = report.requests.received.values()
    assert total != sum(parts)  # type: ignore[arg-type]  # no blanks here


# --- blanks ---------------------------------------------------------------------------


@given(reports(blanks=False, consistent=False))
def test_without_blanks_every_cell_and_table_is_reported(report: Report) -> None:
    """blanks=False: no table is None and no cell is None."""
    assert None not in (report.proactive, report.requests, report.review_litigation)
    assert all(value is not None for _, value in report_cells(report))


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("a blank cell", lambda r: any(v is None for _, v in report_cells(r))),
        ("a missing table", lambda r: r.requests is None),
        (
            "a blank row",
            lambda r: r.requests is not None and r.requests.granted.values() == (None,) * 7,
        ),
        (
            "only the total column",
            lambda r: (
                r.requests is not None
                and r.requests.received.values()[:6] == (None,) * 6
                and r.requests.received.total is not None
            ),
        ),
        (
            "a blank total column",
            lambda r: (
                r.requests is not None
                and r.requests.granted.total is None
                and None not in r.requests.granted.values()[:6]
            ),
        ),
    ],
)
def test_blanks_come_in_the_patterns_of_real_reports(
    description: str, condition: Callable[[Report], bool]
) -> None:
    """blanks=True gives blank cells, blank rows, whole columns and missing tables."""
    assert condition(find(reports(blanks=True), condition, settings=EXISTS)), description


@pytest.mark.parametrize(
    "strategy",
    [applicant_counts(blanks=True), case_outcomes(blanks=True)],
    ids=["applicant_counts", "case_outcomes"],
)
def test_part_strategies_have_blanks_too(strategy: st.SearchStrategy[Any]) -> None:
    """The strategies of a single row also leave cells blank when asked."""
    row = find(strategy, lambda r: None in r.values(), settings=EXISTS)
    assert None in row.values()


# --- parts ----------------------------------------------------------------------------


@given(applicant_counts(), case_outcomes(), review_litigation())
def test_consistent_rows_add_up(
    row: ApplicantCounts, block: CaseOutcomes, table4: ReviewLitigation
) -> None:
    """A consistent row's total is the sum of its other cells."""
    for summed in (
        row,
        block,
        table4.review,
        table4.litigation_direct,
        table4.litigation_after_review,
    ):
        *parts, total = summed.values()
        assert total == sum(parts)  # type: ignore[arg-type]  # no blanks here


@pytest.mark.parametrize("strategy", [applicant_counts, case_outcomes])
def test_inconsistent_rows_need_not_add_up(strategy: Callable[..., st.SearchStrategy[Any]]) -> None:
    """consistent=False draws the total on its own."""
    row = find(strategy(consistent=False), lambda r: r.total != 0, settings=FIND)
    *parts, total = row.values()
    assert set(parts) == {0}
    assert total == 1


# --- 表二, row by row -----------------------------------------------------------------------


@pytest.mark.parametrize("row_type", list(PROACTIVE_ROWS), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_proactive_rows_fill_the_catalog_columns_within_bounds(
    data: st.DataObject, row_type: type[Any]
) -> None:
    """proactive_rows(cls) fills every column the catalog lists for that row, within the bounds."""
    row = data.draw(proactive_rows(row_type, min_value=2, max_value=9))
    assert type(row) is row_type
    columns = {
        column.key: column.kind
        for table_row in edition(PROACTIVE_ROWS[row_type]).proactive.rows
        for column in table_row.columns
    }
    for field in attrs.fields(row_type):
        value = getattr(row, field.name)
        kind = columns[field.name]
        if kind is ValueKind.AMOUNT:
            assert isinstance(value, Decimal)
            assert 2 <= value <= 9
        elif kind is ValueKind.SIGNED:
            assert -9 <= value <= 9
        else:
            assert 2 <= value <= 9


@pytest.mark.parametrize(
    "bad",
    [ApplicantCounts, Proactive2021, "DecisionCount", None, [DecisionCount]],
    ids=["a-row-of-table-3", "a-whole-table", "a-name", "none", "a-list"],
)
def test_proactive_rows_refuses_anything_but_a_row_of_table_two(bad: object) -> None:
    """Anything but one of the seven row classes of 表二 raises InvalidArgument, naming them."""
    with pytest.raises(
        InvalidArgument, match=r"row_type must be a row class of table 2 \(DecisionCount"
    ):
        proactive_rows(bad)  # type: ignore[arg-type]


def test_proactive_rows_leave_cells_blank_when_asked() -> None:
    """blanks=True also leaves cells of a 表二 row blank."""
    row = find(
        proactive_rows(ItemCounts2019, blanks=True), lambda r: None in r.values(), settings=EXISTS
    )
    assert None in row.values()


# --- registration and shrinking ---------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        Report,
        ApplicantCounts,
        CaseOutcomes,
        ReviewLitigation,
        Proactive2019,
        Proactive2021,
        *PROACTIVE_ROWS,
    ],
)
@given(data=st.data())
def test_from_type_uses_the_strategies(data: st.DataObject, cls: type) -> None:
    """st.from_type works for a report and for each part with a strategy."""
    assert type(data.draw(st.from_type(cls))) is cls


@given(st.from_type(Report))
def test_from_type_gives_consistent_reports(report: Report) -> None:
    """The registered strategy is reports(): consistent, without blanks."""
    assert report.requests is not None
    *parts, total = report.requests.received.values()
    assert None not in parts
    assert total == sum(parts)  # type: ignore[arg-type]  # no blanks here


def test_a_failing_property_shrinks_to_a_small_report() -> None:
    """find(received.total > 5) shrinks to a total of 6 with everything else minimal."""
    report = find(reports(edition="2021"), lambda r: received(r) > 5, settings=FIND)
    assert report.requests is not None
    assert report.requests.received.total == 6
    assert report.requests.carried_over == ApplicantCounts.zeros()
    # The 6 received is balanced by one 6 on the other side of the ledger;
    # every other count is zero, the amount too, and nothing optional is there.
    assert {value for value in counts(report) if value} == {6}
    assert report.proactive is not None
    assert all(value == 0 for _, value in cells(report.proactive))
    assert report.meta is None
    assert report.year == 2021
    assert report.requests.withheld.subtotal is None


def test_the_docstring_examples_run() -> None:
    """Every example in the kit's docstrings, module by module, runs and shows what it says."""
    package = gkdisclosure.testing
    modules = [package] + [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]
    assert len(modules) > 4
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    attempted = 0
    for module in modules:
        results = doctest.testmod(module, optionflags=flags)
        assert results.failed == 0, module.__name__
        attempted += results.attempted
    assert attempted > 20


@pytest.mark.parametrize("name", gkdisclosure.testing.__all__)
def test_every_name_of_the_kit_is_in_the_reference(name: str) -> None:
    """Each public name of gkdisclosure.testing has its entry in docs/reference.md."""
    reference = (Path(__file__).parent.parent / "docs" / "reference.md").read_text("utf-8")
    assert f"gkdisclosure.testing.{name}" in reference

"""aggregate: the cell-wise sum of reports of one edition and year, blank-aware.

Hand check: the corpus's two 2019-edition reports for 2019, 平潭综合实验区
(every cell printed) and 上海市人民政府办公厅 (blank cells, FORMAT.md §6 D2),
summed from the numbers printed in their HTML sources.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkdisclosure import (
    MismatchedReportsError,
    Report,
    Status,
    aggregate,
    aggregate_counts,
    load,
    validate,
)
from gkdisclosure.analysis import UNIT_AS_PRINTED
from gkdisclosure.catalog import Edition, edition
from gkdisclosure.model.paths import get as read
from gkdisclosure.testing import reports, with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
CORPUS = Path(__file__).parent / "data" / "corpus"


def _corpus(name: str) -> Report:
    return load(CORPUS / f"{name}.html.expected.json")


# 平潭 2019 and 上海 2019, as printed (a blank cell is an empty <td>):
#   received:      平潭 23 0 0 0 0 0 23      上海 821 35 _ _ 2 1 859
#   carried over:  平潭 0 … 0                上海 18 _ _ _ _ _ 18
#   granted:       平潭 7 0 0 0 0 0 7        上海 258 12 _ _ 1 1 _
#   review:        平潭 0 0 0 0 0            上海 5 _ _ 2 7
#   direct suit:   平潭 0 0 0 0 0            上海 8 _ _ 1 9
#   procurement:   平潭 135, 75394432.52元   上海 6, 251000元
HAND_SUMS = {
    "requests.received.natural_person": (23 + 821, 2),
    "requests.received.commercial": (0 + 35, 2),
    "requests.received.research": (None, 1),
    "requests.received.total": (23 + 859, 2),
    "requests.carried_over.total": (0 + 18, 2),
    "requests.carried_over.commercial": (None, 1),
    "requests.granted.natural_person": (7 + 258, 2),
    "requests.granted.total": (None, 1),
    "review_litigation.review.upheld": (0 + 5, 2),
    "review_litigation.review.corrected": (None, 1),
    "review_litigation.review.total": (0 + 7, 2),
    "review_litigation.litigation_direct.total": (0 + 9, 2),
    "proactive.procurement.projects": (135 + 6, 2),
    # 元 in both here, but the format fixes no unit: never summed
    "proactive.procurement.amount": (None, 2),
}


@pytest.mark.parametrize("path", list(HAND_SUMS))
def test_the_2019_reports_add_up_as_by_hand(path: str) -> None:
    """Each cell is the sum over both reports, or blank where either left it blank."""
    total = aggregate_counts([_corpus("2019-pingtan"), _corpus("2019-shanghai-bgt")])
    value, count = HAND_SUMS[path]
    assert (read(total.report, path), total.counts[path]) == (value, count)
    assert total.complete(path) is (count == 2)


def test_the_sum_names_the_agencies_and_keeps_edition_and_year() -> None:
    """Default name: the agencies summed; the sum has no meta."""
    total = aggregate_counts([_corpus("2019-pingtan"), _corpus("2019-shanghai-bgt")])
    assert total.report.agency == "平潭综合实验区、上海市人民政府办公厅"
    assert (total.report.year, total.report.edition, total.report.meta) == (
        2019,
        Edition.E2019,
        None,
    )
    assert total.inputs == 2
    assert total.agencies == ("平潭综合实验区", "上海市人民政府办公厅")
    assert len(total.counts) == len(list(edition("2019").cells()))


def test_a_long_list_of_agencies_is_shortened_and_a_name_can_be_given() -> None:
    """Past three agencies the default name counts the rest; ``agency=`` names the sum."""
    sample = load(SAMPLE)
    many = [attrs.evolve(sample, agency=f"{sample.agency}{n}") for n in range(5)]
    assert aggregate(many).agency.endswith(" (+2)")
    assert aggregate(many, agency="福建省省直部门合计").agency == "福建省省直部门合计"
    assert aggregate([sample, sample]).agency == sample.agency


def test_amounts_stay_decimal() -> None:
    """The 2021 fee in 万元 adds up exactly: 800.68 + 800.68."""
    sample = load(SAMPLE)
    total = aggregate([sample, sample])
    assert total.proactive is not None
    assert str(total.proactive.fees.amount_10k_yuan) == "1601.36"  # type: ignore[union-attr]  # a 2021 table


def test_a_missing_table_is_missing_from_the_sum() -> None:
    """A report without 表四 leaves the sum without 表四; its cells count the others."""
    sample = load(SAMPLE)
    total = aggregate_counts([sample, attrs.evolve(sample, review_litigation=None)])
    assert total.report.review_litigation is None
    assert total.counts["review_litigation.review.total"] == 1


def test_a_subtotal_is_summed_only_where_every_report_printed_it() -> None:
    """One report prints （三）不予公开's own line, the other does not: no subtotal in the sum."""
    sample = load(SAMPLE)
    assert sample.requests is not None
    printed = with_cell(sample, "requests.withheld.subtotal", sample.requests.carried_over)
    assert read(aggregate([printed, sample]), "requests.withheld.subtotal") is None
    both = aggregate([printed, printed])
    assert read(both, "requests.withheld.subtotal.total") == 0


@pytest.mark.parametrize(
    ("reports_", "match"),
    [
        ([], "no report"),
        ([load(SAMPLE), attrs.evolve(load(SAMPLE), year=2022)], "one edition and year"),
        ([load(SAMPLE), load(CORPUS / "2019-pingtan.html.expected.json")], "edition 2019"),
    ],
)
def test_mixed_editions_or_years_are_refused(reports_: list[Report], match: str) -> None:
    """The library's own error, naming the reports that differ."""
    with pytest.raises(MismatchedReportsError, match=match) as caught:
        aggregate(reports_)
    assert isinstance(caught.value, ValueError)
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own object
    assert str(copy) == str(caught.value)


# --- the sum of consistent reports is consistent -------------------------------------


def _same_year(which: Edition, *, blanks: bool) -> st.SearchStrategy[list[Report]]:
    year = 2020 if which is Edition.E2019 else 2023
    one = reports(edition=which, blanks=blanks, max_value=500).map(
        lambda report: attrs.evolve(report, year=year)
    )
    return st.lists(one, min_size=1, max_size=3)


@settings(deadline=None)
@given(st.sampled_from(Edition).flatmap(lambda which: _same_year(which, blanks=False)))
def test_the_sum_of_consistent_reports_validates_clean(inputs: list[Report]) -> None:
    """Consistent reports with every cell printed sum to a report without any finding."""
    total = aggregate_counts(inputs)
    # a cell blank in every input stays blank in the sum: its table is incomplete, nothing else
    assert {f.rule for f in validate(total.report)} <= {"report.incomplete_table"}
    official = {cell.path for cell in edition(inputs[0].edition).cells() if cell.row.official}
    assert all(total.counts[path] == len(inputs) for path in official)


@settings(deadline=None)
@given(st.sampled_from(Edition).flatmap(lambda which: _same_year(which, blanks=True)))
def test_blanks_make_cells_unknown_never_wrong(inputs: list[Report]) -> None:
    """With blanks, no identity of the sum fails: it holds or is unassessable.

    A cell of the sum is blank exactly where some report left it blank.
    """
    total = aggregate_counts(inputs)
    failed = [f for f in validate(total.report) if f.status is Status.FAILED]
    assert {f.rule for f in failed} <= {
        "report.missing_table",
        "report.incomplete_table",
        "report.blank_table",
    }
    for path, count in total.counts.items():
        if path in UNIT_AS_PRINTED or read(total.report, path.rsplit(".", 1)[0]) is None:
            continue
        assert (read(total.report, path) is None) is (count < len(inputs))

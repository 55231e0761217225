"""compare: two reports of one agency, cell by cell, with the series rules and indicators.

Hand check: 平潭综合实验区's reports for 2019 (2019 edition) and 2024 (2021
edition) in the corpus, read from their HTML sources (see the table below).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from gkdisclosure import Report, compare, load
from gkdisclosure.catalog import edition
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
CORPUS = Path(__file__).parent / "data" / "corpus"


def _pingtan(year: int) -> Report:
    return load(CORPUS / f"{year}-pingtan.html.expected.json")


# The 总计 column (and 表二's decisions, 表四's blocks) as printed in 2019 and in 2024.
PINGTAN = {
    "proactive.licensing.decisions": (181, 4529),
    "proactive.penalties.decisions": (430, 1100),
    "proactive.coercive_measures.decisions": (25, 65),
    "requests.received.total": (23, 218),
    "requests.received.commercial": (0, 1),
    "requests.carried_over.total": (0, 0),
    "requests.granted.total": (7, 71),
    "requests.partially_granted.total": (1, 29),
    "requests.withheld.state_secret.total": (0, 4),
    "requests.withheld.third_party_rights.total": (0, 3),
    "requests.withheld.internal_affairs.total": (0, 32),
    "requests.unavailable.not_held.total": (7, 75),
    "requests.unavailable.unclear_after_correction.total": (5, 0),
    "requests.not_processed.repeated.total": (3, 1),
    # 2019: the one row （六）其他处理 = 0; 2024: its three rows 1 + 0 + 2
    "requests.other_handling.total": (0, 3),
    "requests.other_handling.commercial": (0, 1),
    "requests.total_handled.total": (23, 218),
    "requests.carried_forward.total": (0, 0),
    "review_litigation.review.corrected": (0, 1),
    "review_litigation.review.pending": (0, 1),
    "review_litigation.review.total": (0, 7),
    "review_litigation.litigation_after_review.upheld": (0, 13),
    "review_litigation.litigation_after_review.total": (0, 19),
}


@pytest.mark.parametrize("path", list(PINGTAN))
def test_pingtan_2019_against_2024(path: str) -> None:
    """Each corresponding cell with both values and the change, as read by hand."""
    change = compare(_pingtan(2019), _pingtan(2024)).change(path)
    before, after = PINGTAN[path]
    assert (change.previous, change.current, change.delta) == (before, after, after - before)
    assert change.changed is (before != after)


def test_across_editions_only_corresponding_cells_are_compared() -> None:
    """表三 but （六） and 表四 cell by cell, （六） as a whole, 表二's decisions; nothing else."""
    comparison = compare(_pingtan(2019), _pingtan(2024))
    # 23 rows of 表三 in 2019 (（六） one of them) × 7 columns, 3 blocks × 5 of 表四, 3 decisions
    assert len(comparison.changes) == 23 * 7 + 15 + 3
    group = comparison.change("requests.other_handling.total")
    assert group.previous_paths == ("requests.other_handling.total",)
    assert group.current_paths == (
        "requests.other_handling.overdue_correction.total",
        "requests.other_handling.overdue_fee.total",
        "requests.other_handling.other.total",
    )
    # the 2021 row 3.其他 is not the 2019 row （六）其他处理: never compared on its own
    with pytest.raises(KeyError):
        comparison.change("requests.other_handling.other.total")
    assert set(comparison.not_compared) == {
        "proactive.regulations.issued",
        "proactive.regulations.repealed",
        "proactive.regulations.in_force",
        "proactive.normative_documents.issued",
        "proactive.normative_documents.repealed",
        "proactive.normative_documents.in_force",
        "proactive.fees.amount_10k_yuan",
        "previous.proactive.regulations.made",
        "previous.proactive.regulations.published",
        "previous.proactive.regulations.public_total",
        "previous.proactive.normative_documents.made",
        "previous.proactive.normative_documents.published",
        "previous.proactive.normative_documents.public_total",
        "previous.proactive.licensing.previous_items",
        "previous.proactive.licensing.change",
        "previous.proactive.other_services.previous_items",
        "previous.proactive.other_services.change",
        "previous.proactive.other_services.decisions",
        "previous.proactive.penalties.previous_items",
        "previous.proactive.penalties.change",
        "previous.proactive.coercive_measures.previous_items",
        "previous.proactive.coercive_measures.change",
        "previous.proactive.fees.previous_items",
        "previous.proactive.fees.change",
        "previous.proactive.procurement.projects",
        "previous.proactive.procurement.amount",
    }


def test_the_series_rules_say_the_years_are_not_consecutive() -> None:
    """2019 and 2024 are five years apart: series.sequence, and no carry-over check."""
    comparison = compare(_pingtan(2019), _pingtan(2024))
    assert [(f.rule, f.expected, f.actual) for f in comparison.findings] == [
        ("series.sequence", 2023, 2019)
    ]


def test_indicators_side_by_side() -> None:
    """实质公开率 8/23 in 2019 (7 + 1 of 23), 100/218 in 2024 (71 + 29 of 218)."""
    comparison = compare(_pingtan(2019), _pingtan(2024))
    assert comparison.previous_indicators.value("disclosure_rate") == pytest.approx(8 / 23)
    assert comparison.current_indicators.value("disclosure_rate") == pytest.approx(100 / 218)


def test_one_edition_compares_every_cell_and_runs_the_series_rules() -> None:
    """Consecutive years of the sample: every cell compared; a carry-over that breaks is found."""
    previous = attrs.evolve(load(SAMPLE), year=2021)
    current = with_cell(attrs.evolve(load(SAMPLE), year=2022), "requests.carried_over.total", 5)
    comparison = compare(previous, current)
    assert len(comparison.changes) == len(list(edition("2021").cells())) - 4 * 7  # no subtotals
    assert comparison.not_compared == ()
    assert [c.path for c in comparison.changed] == ["requests.carried_over.total"]
    assert comparison.change("requests.carried_over.total").delta == 5
    # carried over 5 ≠ last year's carried forward 0; and 78 in force ≠ 78 + 13 issued − 0
    assert {(f.rule, f.path) for f in comparison.findings} == {
        ("series.carry_over", "requests.carried_over.total"),
        ("series.in_force", "proactive.normative_documents.in_force"),
    }
    # 现行有效件数 of 行政规范性文件: 78 both years, so the change is 0
    assert comparison.current_indicators.value("normative_documents_in_force_change") == 0


def test_a_blank_cell_has_no_delta() -> None:
    """A blank on either side: the change is unknown, and the cell counts as changed."""
    previous = load(SAMPLE)
    current = with_cell(attrs.evolve(previous, year=2022), "requests.granted.total", None)
    change = compare(previous, current).change("requests.granted.total")
    assert (change.previous, change.current, change.delta, change.changed) == (8, None, None, True)


def test_an_absent_table_gives_blank_cells() -> None:
    """A report without 表四: its cells are compared as not reported."""
    previous = load(SAMPLE)
    current = attrs.evolve(previous, year=2022, review_litigation=None)
    change = compare(previous, current).change("review_litigation.review.total")
    assert (change.previous, change.current) == (1, None)


def test_the_split_group_reads_a_printed_subtotal() -> None:
    """A 2021 report that prints only （六）其他处理's own line compares that line."""
    old = _pingtan(2019)
    new = _pingtan(2024)
    assert new.requests is not None
    line = attrs.evolve(new.requests.received, natural_person=2, commercial=1, total=3)
    new = with_cell(new, "requests.other_handling.subtotal", line)
    new = with_cell(new, "requests.other_handling.other.total", None)
    change = compare(old, new).change("requests.other_handling.total")
    assert (change.current, change.current_paths) == (
        3,
        ("requests.other_handling.subtotal.total",),
    )

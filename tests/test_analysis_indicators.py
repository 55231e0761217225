"""Indicators: each figure checked against values computed by hand from the documents.

The expected values below were worked out on paper from the printed tables:
the bundled sample (福建省工业和信息化厅 2021, examples/2021-fujian-gxt.json)
and the corpus's 平潭综合实验区 reports for 2019 and 2024 (read from the
HTML source). Each test quotes the definition it checks.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from gkdisclosure import Report, load
from gkdisclosure.analysis import INDICATORS, Indicators, indicators
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
CORPUS = Path(__file__).parent / "data" / "corpus"

F = Fraction


def _sample() -> Report:
    return load(SAMPLE)


def _pingtan(year: int) -> Report:
    return load(CORPUS / f"{year}-pingtan.html.expected.json")


# The sample: received 11 (all 自然人), carried over 0, granted 8, partially 1,
# withheld 0, unavailable 2 (not held), not processed 0, otherwise handled 0,
# total handled 11, carried forward 0; review 1 upheld of 1; suit after review
# 1 upheld of 1; no direct suit.
SAMPLE_TOTALS = {
    # 受理合计 = 本年新收 + 上年结转 = 11 + 0
    "caseload": 11,
    # 办结率 = 总计 ÷ (新收 + 结转) = 11 ÷ 11
    "completion_rate": F(1),
    # 结转率 = 结转下年度 ÷ (新收 + 结转) = 0 ÷ 11
    "carry_forward_rate": F(0),
    # 实质公开率 = (予以公开 + 部分公开) ÷ 总计 = (8 + 1) ÷ 11
    "disclosure_rate": F(9, 11),
    # … without 不予处理 and 其他处理 in the denominator: 9 ÷ (11 − 0 − 0)
    "disclosure_rate_decided": F(9, 11),
    # 不予公开率 = 不予公开 ÷ 总计 = 0 ÷ 11
    "withheld_rate": F(0),
    # 无法提供率 = 无法提供 ÷ 总计 = (2 + 0 + 0) ÷ 11
    "unavailable_rate": F(2, 11),
    # 复议纠错率 = 复议结果纠正 ÷ (复议总计 − 尚未审结) = 0 ÷ (1 − 0)
    "review_correction_rate": F(0),
    # 诉讼纠错率 = (0 + 0) ÷ ((0 − 0) + (1 − 0))
    "litigation_correction_rate": F(0),
    # 综合纠错率 = (0 + 0 + 0) ÷ (1 + 0 + 1)
    "correction_rate": F(0),
    # 争议转化率 = (复议总计 + 直接起诉总计) ÷ 新收总计 = (1 + 0) ÷ 11
    "dispute_rate": F(1, 11),
    # 现行有效件数变化: no previous report given
    "regulations_in_force_change": None,
    "normative_documents_in_force_change": None,
}

# 平潭 2024 (2021 edition): received 217 自然人 + 1 商业企业 = 218, carried over 0;
# granted 71, partially 29; withheld 4 + 3 + 32 = 39; unavailable 75;
# not processed 1 (repeated); otherwise handled 1 + 0 + 2 = 3 (自然人 1 + 0 + 1,
# 商业企业 0 + 0 + 1); total handled 218 (217, 1); review 2/1/3/1/7; direct
# suit all 0; suit after review 13/2/4/0/19.
PINGTAN_2024 = {
    ("caseload", "total"): 218,
    ("caseload", "natural_person"): 217,
    ("caseload", "commercial"): 1,
    ("completion_rate", "total"): F(218, 218),
    ("carry_forward_rate", "total"): F(0),
    # (71 + 29) ÷ 218
    ("disclosure_rate", "total"): F(100, 218),
    ("disclosure_rate", "natural_person"): F(100, 217),
    ("disclosure_rate", "commercial"): F(0, 1),
    # no request from research institutions: 0 ÷ 0 has no value
    ("disclosure_rate", "research"): None,
    # (71 + 29) ÷ (218 − 1 − 3)
    ("disclosure_rate_decided", "total"): F(100, 214),
    # (71 + 29) ÷ (217 − 1 − 2)
    ("disclosure_rate_decided", "natural_person"): F(100, 214),
    # 0 ÷ (1 − 0 − 1): nothing decided for commercial applicants
    ("disclosure_rate_decided", "commercial"): None,
    ("withheld_rate", "total"): F(39, 218),
    ("unavailable_rate", "total"): F(75, 218),
    # 1 ÷ (7 − 1)
    ("review_correction_rate", None): F(1, 6),
    # (0 + 2) ÷ ((0 − 0) + (19 − 0))
    ("litigation_correction_rate", None): F(2, 19),
    # (1 + 0 + 2) ÷ (6 + 0 + 19)
    ("correction_rate", None): F(3, 25),
    # (7 + 0) ÷ 218
    ("dispute_rate", None): F(7, 218),
}

# 平潭 2019 (2019 edition): received 23, carried over 0, granted 7, partially 1,
# withheld 0, unavailable 7 + 0 + 5 = 12, not processed 3, otherwise handled 0
# (one row), total handled 23; 表四 all 0.
PINGTAN_2019 = {
    "caseload": 23,
    "completion_rate": F(1),
    "disclosure_rate": F(8, 23),
    # 8 ÷ (23 − 3 − 0)
    "disclosure_rate_decided": F(8, 20),
    "withheld_rate": F(0),
    "unavailable_rate": F(12, 23),
    # no case settled: 0 ÷ (0 − 0) has no value
    "review_correction_rate": None,
    "litigation_correction_rate": None,
    "correction_rate": None,
    "dispute_rate": F(0, 23),
}


def test_the_sample_s_totals() -> None:
    """Every indicator of the sample's 总计 column and of its 表四, as computed by hand."""
    assert indicators(_sample()).values() == SAMPLE_TOTALS


@pytest.mark.parametrize(("key", "column"), list(PINGTAN_2024))
def test_pingtan_2024(key: str, column: str | None) -> None:
    """平潭 2024, per applicant column where the figure has one."""
    figures = indicators(_pingtan(2024))
    assert figures.value(key, column or "total") == PINGTAN_2024[key, column]


def test_pingtan_2019_of_the_2019_edition() -> None:
    """The 2019 edition's single （六）其他处理 row enters the decided denominator."""
    values = indicators(_pingtan(2019)).values()
    assert {key: values[key] for key in PINGTAN_2019} == PINGTAN_2019
    assert "regulations_in_force_change" not in values  # the 2019 edition has no 现行有效件数


def test_rates_are_exact_fractions_and_counts_ints() -> None:
    """No float: a rate is a Fraction, a count an int."""
    figures = indicators(_sample())
    assert type(figures.value("disclosure_rate")) is Fraction
    assert type(figures.value("caseload")) is int


def test_a_figure_lists_the_cells_it_read() -> None:
    """实质公开率's figure names its operands and their sums."""
    figure = indicators(_sample()).figure("disclosure_rate", "natural_person")
    assert figure.paths == (
        "requests.granted.natural_person",
        "requests.partially_granted.natural_person",
        "requests.total_handled.natural_person",
    )
    assert (figure.numerator, figure.denominator, figure.missing) == (9, 11, ())
    assert figure.indicator.zh == "实质公开率"
    assert repr(figure) == "<Figure disclosure_rate natural_person: 9/11>"


def test_group_operands_are_their_rows() -> None:
    """A group (无法提供) reads the sum of its rows."""
    figure = indicators(_sample()).figure("unavailable_rate")
    assert figure.paths[:3] == (
        "requests.unavailable.not_held.total",
        "requests.unavailable.needs_compilation.total",
        "requests.unavailable.unclear_after_correction.total",
    )


# --- blanks: never computed as if blank were 0 ----------------------------------------


def test_a_blank_carried_over_leaves_the_caseload_rates_unknown() -> None:
    """受理合计 = 新收 + 结转: with 结转 blank, the count and the rates over it are None."""
    report = with_cell(_sample(), "requests.carried_over.total", None)
    figures = indicators(report)
    for key in ("caseload", "completion_rate", "carry_forward_rate"):
        figure = figures.figure(key)
        assert figure.value is None
        assert figure.missing == ("requests.carried_over.total",)
    assert figures.value("caseload", "natural_person") == 11  # the other columns stand
    assert figures.value("disclosure_rate") == F(9, 11)  # reads no blank cell


def test_a_blank_row_of_a_group_leaves_its_rate_unknown() -> None:
    """不予公开率 = 不予公开 ÷ 总计: one blank reason, no printed subtotal, no figure."""
    report = with_cell(_sample(), "requests.withheld.state_secret.natural_person", None)
    figure = indicators(report).figure("withheld_rate", "natural_person")
    assert figure.value is None
    assert figure.missing == ("requests.withheld.state_secret.natural_person",)


def test_a_printed_subtotal_stands_in_for_blank_rows() -> None:
    """Where the group's own line is printed, a blank reason reads the subtotal instead."""
    report = with_cell(_sample(), "requests.withheld.state_secret.natural_person", None)
    assert report.requests is not None
    withheld = attrs.evolve(report.requests.withheld, subtotal=attrs.evolve(
        report.requests.received, natural_person=0, total=0))  # fmt: skip
    report = with_cell(report, "requests.withheld", withheld)
    figure = indicators(report).figure("withheld_rate", "natural_person")
    assert figure.value == 0
    assert figure.paths[0] == "requests.withheld.subtotal.natural_person"


def test_a_blank_not_processed_leaves_only_the_decided_rate_unknown() -> None:
    """The variant's denominator subtracts 不予处理: a blank there is unknown, not 0."""
    report = with_cell(_sample(), "requests.not_processed.repeated.total", None)
    figures = indicators(report)
    assert figures.value("disclosure_rate_decided") is None
    assert figures.figure("disclosure_rate_decided").missing == (
        "requests.not_processed.repeated.total",
    )
    assert figures.value("disclosure_rate") == F(9, 11)


def test_a_blank_pending_count_leaves_the_correction_rates_unknown() -> None:
    """复议纠错率 = 纠正 ÷ (总计 − 尚未审结): a blank 尚未审结 makes it and 综合纠错率 None."""
    report = with_cell(_sample(), "review_litigation.review.pending", None)
    figures = indicators(report)
    assert figures.value("review_correction_rate") is None
    assert figures.value("correction_rate") is None
    assert figures.value("litigation_correction_rate") == 0
    assert figures.value("dispute_rate") == F(1, 11)


def test_a_zero_denominator_is_no_value_and_no_missing_cell() -> None:
    """The sample has no request from research institutions: 0 ÷ 0 is None, nothing blank."""
    figure = indicators(_sample()).figure("disclosure_rate", "research")
    assert (figure.value, figure.denominator, figure.missing) == (None, 0, ())


def test_a_missing_table_leaves_its_figures_unknown() -> None:
    """Without 表四 every correction rate is None."""
    report = attrs.evolve(_sample(), review_litigation=None)
    figures = indicators(report)
    assert figures.value("correction_rate") is None
    assert "review_litigation.review.corrected" in figures.figure("correction_rate").missing


# --- 表二: 现行有效 change against the previous report ----------------------------------


def test_in_force_change_against_the_previous_report() -> None:
    """现行有效件数变化 = 本年现行有效 − 上年现行有效: 440 − 78 for 行政规范性文件."""
    previous = attrs.evolve(_sample(), year=2023)  # 78 in force, 0 regulations
    figures = indicators(_pingtan(2024), previous=previous)
    assert figures.value("normative_documents_in_force_change") == 440 - 78
    assert figures.value("regulations_in_force_change") == 0
    assert figures.figure("normative_documents_in_force_change").paths == (
        "proactive.normative_documents.in_force",
        "previous.proactive.normative_documents.in_force",
    )


def test_in_force_change_needs_a_previous_report_of_the_2021_edition() -> None:
    """A 2019-edition report counts documents made and published, not in force: no change."""
    figures = indicators(_pingtan(2024), previous=_pingtan(2019))
    figure = figures.figure("normative_documents_in_force_change")
    assert figure.value is None
    assert figure.missing == ("previous.proactive.normative_documents.in_force",)


# --- the object ------------------------------------------------------------------------


def test_figures_per_column_then_per_report() -> None:
    """Seven figures per 表三 indicator, one per 表四 or 表二 indicator."""
    figures = indicators(_sample())
    per_column = sum(1 for i in INDICATORS.values() if i.scope == "applicant")
    assert len(figures) == 7 * per_column + (len(INDICATORS) - per_column)
    assert isinstance(figures, Indicators)
    assert repr(figures) == f"<Indicators '福建省工业和信息化厅' 2021: {len(figures)} figures>"
    assert [f.column for f in figures][:7] == [
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_services",
        "other",
        "total",
    ]


def test_an_unknown_key_raises_key_error() -> None:
    """Asking for an indicator that is not there raises KeyError."""
    figures = indicators(_pingtan(2019))
    with pytest.raises(KeyError, match="nonsense"):
        figures.figure("nonsense")
    with pytest.raises(KeyError, match="regulations_in_force_change"):
        figures.value("regulations_in_force_change")


def test_every_indicator_has_both_names_and_formulas() -> None:
    """Names and formulas in Chinese and English, for the docs and the page."""
    for indicator in INDICATORS.values():
        assert indicator.zh
        assert indicator.en
        assert indicator.formula_zh
        assert indicator.formula_en


# One blank operand per indicator, from its definition: the figure is None and names the cell.
BLANKED = {
    # 受理合计 is 本年新收 + 上年结转
    "caseload": "requests.received.natural_person",
    # 办结率 = 总计 ÷ (新收 + 结转)
    "completion_rate": "requests.total_handled.natural_person",
    # 结转率 = 结转下年度 ÷ (新收 + 结转)
    "carry_forward_rate": "requests.carried_forward.natural_person",
    # 实质公开率 = (予以公开 + 部分公开) ÷ 总计
    "disclosure_rate": "requests.partially_granted.natural_person",
    # … ÷ (总计 − 不予处理 − 其他处理)
    "disclosure_rate_decided": "requests.other_handling.overdue_fee.natural_person",
    # 不予公开率 = 不予公开 ÷ 总计
    "withheld_rate": "requests.withheld.inquiry_matters.natural_person",
    # 无法提供率 = 无法提供 ÷ 总计
    "unavailable_rate": "requests.unavailable.not_held.natural_person",
    # 复议纠错率 = 复议结果纠正 ÷ (复议总计 − 尚未审结)
    "review_correction_rate": "review_litigation.review.corrected",
    # 诉讼纠错率 = 诉讼结果纠正 ÷ (诉讼总计 − 尚未审结), both kinds of suit
    "litigation_correction_rate": "review_litigation.litigation_after_review.pending",
    # 综合纠错率 = 结果纠正 ÷ (总计 − 尚未审结), all three blocks
    "correction_rate": "review_litigation.litigation_direct.total",
    # 争议转化率 = (复议总计 + 直接起诉总计) ÷ 新收总计
    "dispute_rate": "requests.received.total",
    # 现行有效件数变化 = 本年现行有效 − 上年现行有效
    "regulations_in_force_change": "proactive.regulations.in_force",
    "normative_documents_in_force_change": "proactive.normative_documents.in_force",
}


def test_every_indicator_has_a_blank_case() -> None:
    """The table below covers every indicator."""
    assert set(BLANKED) == set(INDICATORS)


@pytest.mark.parametrize("key", list(BLANKED))
def test_a_blank_operand_leaves_the_figure_unknown(key: str) -> None:
    """With one operand blank the figure is None, and the blank cell is named."""
    path = BLANKED[key]
    report = with_cell(_sample(), path, None)
    previous = attrs.evolve(_sample(), year=2020)
    figure = indicators(report, previous=previous).figure(key, "natural_person")
    assert figure.value is None
    assert path in figure.missing
    # the same indicator over the untouched sample is known
    assert indicators(_sample(), previous=previous).value(key, "natural_person") is not None

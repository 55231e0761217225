"""The indicators people compute from the tables, as data: names, formulas, terms.

:mod:`gkdisclosure.analysis` computes them; the names and formulas in
Chinese live here, with every other Chinese word the library knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from attrs import frozen

from ._data import E2021
from ._identities import PREVIOUS, TOTAL
from ._spec import Edition

_PROACTIVE: Final = E2021.proactive

__all__ = ["INDICATORS", "Indicator", "IndicatorTerm"]

#: A term of a formula: a sign and a path; ``{column}`` stands for the applicant column.
IndicatorTerm = tuple[int, str]


@frozen
class Indicator:
    """What one figure is: its key, names, formula, and the terms it adds up.

    ``numerator`` and ``denominator`` are signed wire paths; in a figure
    computed per applicant column, ``{column}`` stands for the column's
    key. A path naming a group of 表三 (``requests.withheld.{column}``)
    reads the sum of the group's rows, or its printed subtotal where a row
    is blank. Without a denominator the figure is the numerator itself (a
    count); with one it is their ratio.
    """

    #: The stable key (``"disclosure_rate"``).
    key: str
    #: The Chinese name (``"实质公开率"``).
    zh: str
    #: The English name.
    en: str
    #: The formula in Chinese words.
    formula_zh: str
    #: The formula in English words.
    formula_en: str
    numerator: tuple[IndicatorTerm, ...]
    denominator: tuple[IndicatorTerm, ...] | None = None
    #: ``"applicant"``: one figure per column of 表三; ``"report"``: one for the report.
    scope: Literal["applicant", "report"] = "applicant"
    #: The editions the figure exists in.
    editions: frozenset[Edition] = frozenset(Edition)
    #: Whether the figure reads the previous year's report (paths under ``previous.``).
    needs_previous: bool = False


_R = "requests.{row}.{{column}}"


def _rows(*keys: str, sign: int = 1) -> tuple[IndicatorTerm, ...]:
    return tuple((sign, _R.format(row=key)) for key in keys)


def _cases(measure: str, *blocks: str, sign: int = 1) -> tuple[IndicatorTerm, ...]:
    return tuple((sign, f"review_litigation.{block}.{measure}") for block in blocks)


def _settled(*blocks: str) -> tuple[IndicatorTerm, ...]:
    return (*_cases("total", *blocks), *_cases("pending", *blocks, sign=-1))


_CASELOAD = _rows("received", "carried_over")
_LITIGATION = ("litigation_direct", "litigation_after_review")
_ALL_CASES = ("review", *_LITIGATION)


def _in_force(row: str) -> Indicator:
    label = _PROACTIVE.row(row)
    zh, en = label.zh, label.en.lower()
    path = f"proactive.{row}.in_force"
    return Indicator(
        f"{row}_in_force_change",
        f"{zh}现行有效件数变化",
        f"Change in {en} in force",
        f"本年{zh}现行有效件数 − 上年{zh}现行有效件数",
        f"{en} in force this year − {en} in force last year",
        ((1, path), (-1, PREVIOUS + path)),
        scope="report",
        editions=frozenset({Edition.E2021}),
        needs_previous=True,
    )


#: Every indicator, by key, in the order they are documented.
INDICATORS: Final[Mapping[str, Indicator]] = {
    indicator.key: indicator
    for indicator in (
        Indicator(
            "caseload",
            "受理合计",
            "Caseload",
            "本年新收申请数量 + 上年结转申请数量",
            "requests received this year + requests carried over from last year",
            _CASELOAD,
        ),
        Indicator(
            "completion_rate",
            "办结率",
            "Completion rate",
            "本年度办理结果总计 ÷ （本年新收申请数量 + 上年结转申请数量）",
            "total handled ÷ (received + carried over)",
            _rows("total_handled"),
            _CASELOAD,
        ),
        Indicator(
            "carry_forward_rate",
            "结转率",
            "Carry-forward rate",
            "结转下年度继续办理 ÷ （本年新收申请数量 + 上年结转申请数量）",
            "carried forward ÷ (received + carried over)",
            _rows("carried_forward"),
            _CASELOAD,
        ),
        Indicator(
            "disclosure_rate",
            "实质公开率",
            "Substantive disclosure rate",
            "（予以公开 + 部分公开）÷ 本年度办理结果总计",
            "(granted + partially granted) ÷ total handled",
            _rows("granted", "partially_granted"),
            _rows("total_handled"),
        ),
        Indicator(
            "disclosure_rate_decided",
            "实质公开率（不计不予处理、其他处理）",
            "Substantive disclosure rate of requests decided",
            "（予以公开 + 部分公开）÷（本年度办理结果总计 − 不予处理 − 其他处理）",
            "(granted + partially granted) ÷ (total handled − not processed − otherwise handled)",
            _rows("granted", "partially_granted"),
            (
                *_rows("total_handled"),
                *_rows("not_processed", "other_handling", sign=-1),
            ),
        ),
        Indicator(
            "withheld_rate",
            "不予公开率",
            "Withholding rate",
            "不予公开 ÷ 本年度办理结果总计",
            "withheld ÷ total handled",
            _rows("withheld"),
            _rows("total_handled"),
        ),
        Indicator(
            "unavailable_rate",
            "无法提供率",
            "Unavailability rate",
            "无法提供 ÷ 本年度办理结果总计",
            "cannot be provided ÷ total handled",
            _rows("unavailable"),
            _rows("total_handled"),
        ),
        Indicator(
            "review_correction_rate",
            "复议纠错率",
            "Correction rate in review",
            "行政复议结果纠正 ÷（行政复议总计 − 行政复议尚未审结）",
            "reviews corrected ÷ (reviews in total − reviews pending)",
            _cases("corrected", "review"),
            _settled("review"),
            scope="report",
        ),
        Indicator(
            "litigation_correction_rate",
            "诉讼纠错率",
            "Correction rate in litigation",
            "行政诉讼结果纠正 ÷（行政诉讼总计 − 行政诉讼尚未审结），"
            "未经复议直接起诉与复议后起诉合计",
            "suits corrected ÷ (suits in total − suits pending), "
            "over suits without and after review",
            _cases("corrected", *_LITIGATION),
            _settled(*_LITIGATION),
            scope="report",
        ),
        Indicator(
            "correction_rate",
            "综合纠错率",
            "Overall correction rate",
            "结果纠正 ÷（总计 − 尚未审结），行政复议与两类行政诉讼合计",
            "corrected ÷ (total − pending), over review and both kinds of suit",
            _cases("corrected", *_ALL_CASES),
            _settled(*_ALL_CASES),
            scope="report",
        ),
        Indicator(
            "dispute_rate",
            "争议转化率",
            "Dispute rate",
            "（行政复议总计 + 未经复议直接起诉总计）÷ 本年新收申请数量总计",
            "(reviews in total + suits without review in total) ÷ requests received in total",
            _cases("total", "review", "litigation_direct"),
            ((1, f"requests.received.{TOTAL}"),),
            scope="report",
        ),
        _in_force("regulations"),
        _in_force("normative_documents"),
    )
}

"""The totals the prose states, for comparing with the tables (FORMAT.md §5.4 X5, X6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkdisclosure.ingest import NarrativeKind
from gkdisclosure.ingest._narrative import extract_narrative

K = NarrativeKind


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # S10, Shanghai 2019: the narrative matches its table (859, 805, 72, 18).
        (
            "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；",
            [(K.RECEIVED, 859)],
        ),
        (
            "答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。",
            [(K.HANDLED, 805), (K.CARRIED_OVER, 18), (K.CARRIED_FORWARD, 72)],
        ),
        ("信息公开类行政复议7件，诉讼9件，均获维持。", [(K.REVIEW, 7), (K.LITIGATION, 9)]),
        (
            "2021 年，通过网站和信函等途径，共收到申请 11 条，其中网络申请 10 条。",
            [(K.RECEIVED, 11)],
        ),
        (
            "本年度共办结申请1,024件，结转至下年度继续办理3件。",
            [(K.HANDLED, 1024), (K.CARRIED_FORWARD, 3)],
        ),
        ("本年度未收到政府信息公开申请。", [(K.RECEIVED, 0)]),
        ("2021年未收取信息处理费。", [(K.FEE, Decimal(0))]),
        (
            "依据《政府信息公开信息处理费管理办法》规定，2025年全市实际收取信息处理费共计400元。",
            [(K.FEE, Decimal(400))],
        ),
        ("收取信息处理费1.5万元。", [(K.FEE, Decimal("1.5"))]),
        # Counts of other things are not application totals.
        ("2021 年厅网站共受理各类公众来信 589 件，办结率 100%。", []),
        ("全年公开申请户外广告设置许可证783条。", []),
        ("被申请行政复议、提起行政诉讼的情况。", []),
    ],
)
def test_figures(sentence: str, found: list[tuple[NarrativeKind, int | Decimal]]) -> None:
    figures = extract_narrative([sentence])
    assert [(figure.kind, figure.value) for figure in figures] == found
    assert all(figure.sentence == sentence for figure in figures)


def test_paths_name_the_cells_to_compare() -> None:
    (received,) = extract_narrative(["共收到申请11件。"])
    assert received.paths == ("requests.received.total",)
    assert received.phrase == "收到申请11件"
    (litigation,) = extract_narrative(["行政诉讼2件。"])
    assert litigation.paths == (
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    )
    (fee,) = extract_narrative(["未收取任何费用。"])
    assert (fee.paths, fee.unit) == ((), "元")


def test_sentences_are_split_and_traditional_is_read() -> None:
    figures = extract_narrative(["共收到申請5件。\n行政復議1件"])
    assert [(f.kind, f.value, f.sentence) for f in figures] == [
        (K.RECEIVED, 5, "共收到申請5件。"),
        (K.REVIEW, 1, "行政復議1件"),
    ]

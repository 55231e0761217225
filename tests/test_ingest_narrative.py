"""The totals the prose states, for comparing with the tables (FORMAT.md §5.4 X5, X6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkdisclosure.ingest import NarrativeKind
from gkdisclosure.ingest._narrative import extract_narrative, paragraphs

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
        # 2024-huaian-shi.pdf: 答复 and 顺延 name no application; the sentence does before them.
        (
            (
                "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件"
                "（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。"
            ),
            [
                (K.RECEIVED, 3119),
                (K.HANDLED, 3050),
                (K.CARRIED_OVER, 34),
                (K.CARRIED_FORWARD, 103),
            ],
        ),
        # 2025-shanghai-bgt.md: 办结 and 上年结转 after the application they count.
        (
            (
                "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件），"
                "均在法定期限内答复。"
            ),
            [(K.RECEIVED, 1295), (K.HANDLED, 1191), (K.CARRIED_OVER, 189)],
        ),
        # 2024-pingtan.html: 办理 (handled or received: the rules compare it with both).
        ("全年办理政府信息公开申请218件。", [(K.HANDLED, 218)]),
        ("全年答复3278件。", []),  # no application named in the sentence: not a request total
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


#: 2024-huaian-shi.pdf, page 2, as its text layer prints it: the sentence is wrapped at the
#: margin in the middle of 答复, and the paragraph after it opens with its enumerator.
HUAIAN = (
    "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n"
    "复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n"
    "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
    "件，其中结果维持 72 件。\n"
    "（三）政府信息管理情况。在政府网站、政务新媒体、政府\n"
    "公报等公开平台发布信息时"
)


def test_lines_wrapped_inside_a_sentence_are_joined() -> None:
    """A PDF's lines run on: "答" + "复 3050 件" is 答复, and "351" + "件" a count of reviews."""
    assert paragraphs(HUAIAN) == [
        (
            "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件"
            "（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。"
            "政府信息公开行政复议 351件，其中结果维持 72 件。"
        ),
        "（三）政府信息管理情况。在政府网站、政务新媒体、政府公报等公开平台发布信息时",
    ]
    figures = extract_narrative([HUAIAN])
    assert [(f.kind, f.value) for f in figures] == [
        (K.RECEIVED, 3119),
        (K.HANDLED, 3050),
        (K.CARRIED_OVER, 34),
        (K.CARRIED_FORWARD, 103),
        (K.REVIEW, 351),
    ]
    assert figures[1].sentence == (
        "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件"
        "（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading (an enumerator, no sentence end) is a paragraph of its own
        ("一、总体情况\n2024 年，我市坚持", ["一、总体情况", "2024 年，我市坚持"]),
        # 2023-shuyang-fgj.print.pdf prints 二 as the Kangxi radical ⼆
        (
            "（⼆）依申请公开政府信息情况\n2023年度我局共收到依申请信息公开26件",
            ["（⼆）依申请公开政府信息情况", "2023年度我局共收到依申请信息公开26件"],
        ),
        # a blank line ends a paragraph; a page number between two lines does not
        ("共收到申请\n\n11 件", ["共收到申请", "11 件"]),
        ("共收到政府信息公开申请\n- 2 -\n11 件", ["共收到政府信息公开申请11 件"]),
        # ASCII words on both sides keep a space
        ("行政复议 351\n件", ["行政复议 351件"]),
        ("received 12\nrequests", ["received 12 requests"]),
        # Markdown markup opens a paragraph
        ("共收到申请 11 件\n| 一 | 11 |", ["共收到申请 11 件", "| 一 | 11 |"]),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected

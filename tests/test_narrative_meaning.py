"""Narrative figures compared with the quantity their wording names (FORMAT.md §5.4 X5a).

X5a: "Narrative wording decides the quantity: "共收到申请X件"/"新收X件" = `T3[new][tot]`;
"共受理X件" in many reports = new + carried over (沭阳县 2025: "共受理749件" = 713 + 36);
"办结X件"/"答复X件" = `T3[total][tot]`; "结转X件" = `T3[carry_out][tot]`. A figure whose wording
is ambiguous is compared with every quantity it may mean and warns only when it matches none."
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gkdisclosure import Finding, Report, Status, describe, from_dict, load, read, validate
from gkdisclosure.ingest._narrative import extract_narrative
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent
SAMPLE = load(ROOT.parent / "examples" / "2021-fujian-gxt.json")
SHANGHAI = from_dict(
    json.loads((ROOT / "data" / "rules" / "shanghai-2019-report.json").read_text("utf-8"))["report"]
)
#: The 沭阳县 2025 totals of X5a (713 new, 36 carried over) in the sample's table.
SHUYANG = with_cell(
    with_cell(SAMPLE, "requests.received.total", 713), "requests.carried_over.total", 36
)


def _narrative(report: Report, sentence: str) -> list[Finding]:
    """The narrative findings about the figures of one sentence."""
    figures = extract_narrative([sentence])
    return [f for f in validate(report, narrative=figures) if f.rule.startswith("narrative.")]


def test_accepted_may_mean_new_plus_carried_over() -> None:
    """ "共受理749件" = 713 new + 36 carried over: no warning (it used to warn 749 ≠ 713)."""
    assert _narrative(SHUYANG, "全年共受理政府信息公开申请749件。") == []


def test_accepted_may_mean_the_new_requests() -> None:
    """S10, 上海市人民政府办公厅 2019: "共受理…申请859件" is its 859 new requests, not 877."""
    assert SHANGHAI.requests.received.total == 859  # type: ignore[union-attr]
    sentence = "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；"
    assert _narrative(SHANGHAI, sentence) == []


def test_an_ambiguous_figure_that_fits_nothing_names_every_meaning() -> None:
    """750 is neither 713 nor 749: one warning that quotes the sentence and both readings."""
    sentence = "全年共受理政府信息公开申请750件。"
    (finding,) = _narrative(SHUYANG, sentence)
    assert (finding.rule, finding.status, finding.actual, finding.expected) == (
        "narrative.received",
        Status.FAILED,
        750,
        713,
    )
    assert finding.args["meanings"] == (
        (("requests.received.total",), 713),
        (("requests.received.total", "requests.carried_over.total"), 749),
    )
    text = describe(finding, "en")
    assert sentence in text
    assert "713 (1. new / total)" in text
    assert "749 (1. new / total + 2. carried over / total)" in text
    assert sentence in describe(finding, "zh_CN")


def test_received_names_only_the_new_requests() -> None:
    """ "共收到申请749件" is not ambiguous: 713 new requests, so it warns 749 ≠ 713."""
    (finding,) = _narrative(SHUYANG, "共收到政府信息公开申请749件。")
    assert (finding.expected, finding.actual, finding.delta) == (713, 749, 36)
    assert finding.args["meanings"] == ((("requests.received.total",), 713),)
    assert "共收到政府信息公开申请749件。" in describe(finding, "en")


def test_answered_is_the_total_handled() -> None:
    """ "答复…申请X件" is （七）总计 总计: the sample handled 11."""
    assert _narrative(SAMPLE, "全年答复政府信息公开申请11件。") == []
    (finding,) = _narrative(SAMPLE, "全年答复政府信息公开申请12件。")
    assert (finding.rule, finding.path, finding.expected) == (
        "narrative.handled",
        "requests.total_handled.total",
        11,
    )


def test_an_ambiguous_figure_with_one_meaning_blank_is_compared_with_the_other() -> None:
    """Carried over not reported: 共受理 is compared with the new requests alone."""
    report = with_cell(SHUYANG, "requests.carried_over.total", None)
    assert _narrative(report, "共受理政府信息公开申请713件。") == []
    (finding,) = _narrative(report, "共受理政府信息公开申请749件。")
    assert (finding.status, finding.expected) == (Status.FAILED, 713)
    blank = with_cell(report, "requests.received.total", None)
    (finding,) = _narrative(blank, "共受理政府信息公开申请749件。")
    assert finding.status is Status.UNASSESSABLE
    assert finding.missing == ("requests.received.total",)


def test_answered_or_done_without_naming_the_application_is_the_total_handled() -> None:
    """ "答复X件" and "办结X件" after the application count in one sentence: （七）总计 总计."""
    for verb in ("答复", "办结"):
        sentence = f"全年共收到政府信息公开申请11件，{verb}11件。"
        assert _narrative(SAMPLE, sentence) == []
        (finding,) = _narrative(SAMPLE, f"全年共收到政府信息公开申请11件，{verb}3278件。")
        assert (finding.rule, finding.expected, finding.actual) == ("narrative.handled", 11, 3278)
        assert finding.args["sentence"] == f"全年共收到政府信息公开申请11件，{verb}3278件。"
        assert finding.args["sentence"] in describe(finding, "zh_CN")


def test_processed_may_mean_handled_or_received() -> None:
    """ "办理…申请X件" (2024-pingtan.html: 218): compared with handled, new, new + carried over."""
    report = with_cell(SHUYANG, "requests.total_handled.total", 700)
    for value in (700, 713, 749):
        assert _narrative(report, f"全年办理政府信息公开申请{value}件。") == []
    sentence = "全年办理政府信息公开申请750件。"
    (finding,) = _narrative(report, sentence)
    assert (finding.rule, finding.status, finding.expected) == (
        "narrative.handled",
        Status.FAILED,
        700,
    )
    assert finding.args["meanings"] == (
        (("requests.total_handled.total",), 700),
        (("requests.received.total",), 713),
        (("requests.received.total", "requests.carried_over.total"), 749),
    )
    assert describe(finding, "en") == (
        f"The text states 750 (\u201c{sentence}\u201d), but the table gives none of what its "
        "wording may mean: 700 ((7) total handled / total) or 713 (1. new / total) or "
        "749 (1. new / total + 2. carried over / total)."
    )


def test_done_is_not_ambiguous() -> None:
    """ "办理完毕X件" is the requests handled, as 办结 is: one meaning only."""
    report = with_cell(SHUYANG, "requests.total_handled.total", 700)
    (finding,) = _narrative(report, "全年办理完毕政府信息公开申请713件。")
    assert finding.args["meanings"] == ((("requests.total_handled.total",), 700),)


@pytest.mark.parametrize(
    "name",
    [
        "2019-shanghai-bgt.html",
        "2024-huaian-shi.pdf",
        "2024-pingtan.html",
        "2024-pingtan.docx",
        "2024-pingtan.print.pdf",
        "2025-shanghai-bgt.md",
    ],
)
def test_the_corpus_narratives_agree_with_their_tables(name: str) -> None:
    """Every total these reports state in words is one their tables give: no narrative finding.

    Their sentences (transcribed from the documents): 上海 2019 "共受理…申请859件" and
    "答复…申请805件（含上年度结转申请18件，另有72件申请…顺延到下年度答复）"; 淮安 2024
    "共受理…申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）"
    and "政府信息公开行政复议 351 件 … 政府信息公开行政诉讼 46 件";
    平潭 2024 "全年办理政府信息公开申请218件"; 上海 2025 "共受理…申请 1295 件，办结 1191 件
    （含上年结转 189 件）".
    """
    result = read(ROOT / "data" / "corpus" / name)
    stated = {figure.kind.value: figure.value for figure in result.narrative}
    expected = {
        "2019-shanghai-bgt.html": {
            "received": 859,
            "handled": 805,
            "carried_over": 18,
            "carried_forward": 72,
            "review": 7,
            "litigation": 9,
        },
        "2024-huaian-shi.pdf": {
            "received": 3119,
            "handled": 3050,
            "carried_over": 34,
            "carried_forward": 103,
            "review": 351,
            "litigation": 46,
            "fee": Decimal(3940),
        },
        "2024-pingtan.html": {"handled": 218, "fee": 0},
        "2024-pingtan.docx": {"handled": 218, "fee": 0},
        "2024-pingtan.print.pdf": {"handled": 218, "fee": 0},
        "2025-shanghai-bgt.md": {"received": 1295, "handled": 1191, "carried_over": 189},
    }[name]
    assert stated == expected
    findings = validate(result.report, narrative=result.narrative)
    assert [
        f for f in findings if f.rule.startswith("narrative.") and f.status is Status.FAILED
    ] == []

"""Reading plain text: PDF extractions and flattened pages, and the deviations of FORMAT.md §6.

Most cases start from the real PDF extraction of the corpus
(2021-fujian-gxt.txt) and change one thing in it, the way other
extractions of the same kind differ.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from gkdisclosure import Edition, Proactive2019, Proactive2021, Requests2021
from gkdisclosure.ingest import CellState, IngestError, read_text

CORPUS = Path(__file__).parent / "data" / "corpus"
FUJIAN = (CORPUS / "2021-fujian-gxt.txt").read_text("utf-8")
PINGTAN = (CORPUS / "2019-pingtan.txt").read_text("utf-8")
TABLE3_HEADER = (
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t\t总计\t\n"
    "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n"
)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def test_the_fujian_extraction_reads_whole() -> None:
    result = read_text(io.StringIO(FUJIAN))
    report = result.report
    assert (report.edition, report.agency, report.year) == (
        Edition.E2021,
        "福建省工业和信息化厅",
        2021,
    )
    assert isinstance(report.proactive, Proactive2021)
    assert report.proactive.fees.amount_10k_yuan == Decimal("800.68")


def test_d09_merged_labels_glued_in_front_of_a_row() -> None:
    """D9 (S15, S13): "三、本 年 度 办 理 结 果 | (一) 予以公开 | 8 …", "(三) 不予公 开 | 1. …"."""
    result = read_text(io.StringIO(FUJIAN))
    assert result.report.requests is not None
    assert result.report.requests.granted.values() == (8, 0, 0, 0, 0, 0, 8)
    assert result.report.requests.withheld.state_secret.values() == (0,) * 7
    source = result.provenance["requests.granted.natural_person"]
    assert source.row_label == "(一) 予以公开"
    assert source.position is not None
    assert (source.position.table, source.position.row) == (None, 80)


def test_a_label_broken_over_two_lines() -> None:
    """ "1. 本机关不掌握相关政府" … "无法提供信息": the row is found, the rest absorbed."""
    result = read_text(io.StringIO(FUJIAN))
    assert result.report.requests is not None
    assert result.report.requests.unavailable.not_held.values() == (2, 0, 0, 0, 0, 0, 2)
    (note,) = result.notes_about("label.broken")
    assert note.paths == ("requests.unavailable.not_held",)
    assert not result.notes_about("text.ignored")


def test_d10_page_footers_between_rows() -> None:
    """D10: page numbers between rows are blanked out, not read as cells."""
    for footer in ("— 5 —", "- 5 -", "第 5 页 共 8 页", "5/8", "Page 5"):
        text = FUJIAN.replace(
            "\t\t2. 其他法律行政法规禁止公开", f"{footer}\n\n\t\t2. 其他法律行政法规禁止公开", 1
        )
        result = read_text(io.StringIO(text))
        assert result.report.requests is not None
        assert result.report.requests.withheld.state_secret.total == 0, footer
        assert result.report.requests.withheld.prohibited_by_law.total == 0, footer


def test_d10_a_table_broken_across_pages_with_its_header_repeated() -> None:
    """D10 (S23): the next page repeats the header and the running title, then goes on."""
    page_break = f"\n- 6 -\n\n福建省工业和信息化厅2021年政府信息公开工作年度报告\n\n{TABLE3_HEADER}"
    text = FUJIAN.replace(
        "四、结转下年度继续办理\t\t", page_break + "四、结转下年度继续办理\t\t", 1
    )
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    assert result.report.requests.total_handled.values() == (11, 0, 0, 0, 0, 0, 11)
    assert result.report.requests.carried_forward.values() == (0,) * 7
    (ignored,) = result.notes_about("text.ignored")
    assert "2021年政府信息公开工作年度报告" in ignored.message


def test_d10_vertical_header_text_one_character_per_line() -> None:
    """D10 (S23): 表四's header printed one character per line."""
    table4 = _section(FUJIAN, "行政复议\t", "#### 五")
    vertical = "\n".join("\n".join(word) for word in ["行政复议", "行政诉讼"]) + "\n"
    for measure in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3:
        vertical += "\n".join(measure) + "\n"
    vertical += "未\n经\n复\n议\n直\n接\n起\n诉\n复\n议\n后\n起\n诉\n"
    vertical += "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\n\n"
    result = read_text(io.StringIO(FUJIAN.replace(table4, vertical)))
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.review.values() == (1, 0, 0, 0, 1)
    assert result.report.review_litigation.litigation_after_review.total == 1


def test_d10_a_continuation_page_starting_mid_table() -> None:
    """D10 (S23): the page after a break starts with "四、结转下年度继续办理"."""
    text = FUJIAN.replace("(七) 总计\t11", "\n\n- 7 -\n\n(七) 总计\t11", 1)
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    assert result.report.requests.total_handled.total == 11


def test_rows_separated_by_runs_of_spaces_and_markdown_pipes() -> None:
    """Extractions that separate cells by spaces, or print a Markdown table."""
    spaced = re.sub(r"\t+", "   ", FUJIAN)
    piped = FUJIAN.replace("行政许可\t238\t\t", "| 行政许可 | 238 |\n|---|---|")
    for text in (spaced, piped):
        result = read_text(io.StringIO(text))
        assert result.report.proactive is not None
        assert result.report.proactive.licensing.decisions == 238
        assert result.report.requests is not None
        assert result.report.requests.received.values() == (11, 0, 0, 0, 0, 0, 11)


def test_d08_and_d13_numbering_and_traditional_characters() -> None:
    """D8 "1、" numbering; D13 (S38) Traditional labels on a mirror ("本年製發件數", "總計")."""
    text = (
        FUJIAN.replace("1. 属于国家秘密", "1、屬於國家秘密")
        .replace("本年制发件数", "本年製發件數")
        .replace("(七) 总计", "(七) 總計")
    )
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    assert result.report.requests.withheld.state_secret.total == 0
    assert result.report.requests.total_handled.total == 11
    assert result.provenance["proactive.regulations.issued"].column_label == "本年製發件數"


def test_a_number_split_in_two_is_joined_when_the_identities_say_so() -> None:
    """ "1 1" for eleven: eight numbers for seven cells.

    Joining "1 0" (1, 10, …, 11) keeps 总计 too; only the ledger of the
    自然人 column (一 + 二 = 三 + 四: 11 + 0 = 11 + 0) tells the readings apart.
    """
    text = FUJIAN.replace(
        "一、本年新收政府信息公开申请数量\t\t11\t", "一、本年新收政府信息公开申请数量\t\t1 1\t", 1
    )
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    assert result.report.requests.received.natural_person == 11
    source = result.provenance["requests.received.natural_person"]
    assert (source.state, source.raw) == (CellState.INFERRED, "1 1")
    assert result.provenance["requests.received.total"].state is CellState.NUMBER


def test_annotated_cells_and_annotated_labels() -> None:
    """ "13（其中修订2件）" keeps 13; a note after a label is set aside (D11)."""
    text = FUJIAN.replace("行政规范性文件\t13\t", "行政规范性文件\t13（其中修订2件）\t", 1).replace(
        "规章\t0", "规章 （设区的市、自治州人民政府应提供）\t0", 1
    )
    result = read_text(io.StringIO(text))
    assert isinstance(result.report.proactive, Proactive2021)
    assert result.report.proactive.normative_documents.issued == 13
    source = result.provenance["proactive.normative_documents.issued"]
    assert (source.state, source.annotation) == (CellState.ANNOTATED, "(其中修订2件)")
    assert result.report.proactive.regulations.issued == 0
    (note,) = result.notes_about("label.variant")
    assert note.paths == ("proactive.regulations",)


def test_an_annotation_apart_from_its_number() -> None:
    text = FUJIAN.replace("行政规范性文件\t13\t", "行政规范性文件\t13 （其中修订2件）\t", 1)
    source = read_text(io.StringIO(text)).provenance["proactive.normative_documents.issued"]
    assert (source.raw, source.state) == ("13（其中修订2件）", CellState.ANNOTATED)


def test_tables_without_their_headings() -> None:
    """A table whose section heading is lost is found by its own first labels."""
    text = FUJIAN.replace("### 三、收到和处理政府信息公开申请情况", "").replace(
        "#### 四、政府信息公开行政复议及行政诉讼情况", ""
    )
    text = text.replace("## 二、主动公开政府信息情况", "")
    result = read_text(io.StringIO(text))
    assert result.report.proactive is not None
    assert result.report.proactive.licensing.decisions == 238
    assert result.report.requests is not None
    assert result.report.requests.received.total == 11
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.review.total == 1


def test_a_heading_worded_otherwise_ends_the_table_before_it() -> None:
    """ "五、存在的主要问题及整改措施" (not the format's wording) still ends 表四."""
    text = FUJIAN.replace("#### 五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施")
    result = read_text(io.StringIO(text))
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.litigation_after_review.total == 1
    assert not result.notes_about("cells.")[0].code.startswith("cells.split")


def test_hybrid_2021_text_printing_other_handling_as_one_row() -> None:
    single = "\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\n"
    rows = _section(FUJIAN, "\t(六) 其他处理", "(七) 总计")
    result = read_text(io.StringIO(FUJIAN.replace(rows, single)))
    assert isinstance(result.report.requests, Requests2021)
    assert result.report.requests.other_handling.subtotal is not None
    assert result.report.requests.other_handling.subtotal.total == 0
    assert [note.code for note in result.notes_about("edition.")] == ["edition.hybrid"]


def test_a_row_printed_with_no_numbers_is_blank() -> None:
    text = FUJIAN.replace("行政强制\t0\t\t", "行政强制\t\t\t", 1)
    result = read_text(io.StringIO(text))
    assert result.provenance["proactive.coercive_measures.decisions"].state is CellState.BLANK


def test_stray_text_and_numbers_are_noted() -> None:
    text = FUJIAN.replace("行政强制\t0\t\t", "行政强制\t0\t\t\n注：数据截至12月31日\t5\n", 1)
    result = read_text(io.StringIO(text))
    codes = [note.code for note in result.notes if note.code in {"text.ignored", "cells.unplaced"}]
    assert codes == ["text.ignored", "cells.unplaced"]


def test_a_2019_flattened_page_with_cells_glued() -> None:
    """The crawler's flattening of 2019-pingtan: glued digits split only where 总计 forces it."""
    result = read_text(io.StringIO(PINGTAN))
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (23, 0, 0, 0, 0, 0, 23)
    assert isinstance(result.report.proactive, Proactive2019)
    assert result.report.proactive.regulations.made is None


def test_gb18030_text() -> None:
    assert read_text(FUJIAN.encode("gb18030")).report.agency == "福建省工业和信息化厅"


def test_errors() -> None:
    with pytest.raises(IngestError, match="none of the statutory tables"):
        read_text(
            io.StringIO("福建省工业和信息化厅2021年政府信息公开工作年度报告\n一、总体情况\n无。")
        )
    with pytest.raises(IngestError, match="pass agency= and year="):
        read_text(io.StringIO(FUJIAN.replace("2021 年 政府信息公开工作年度报告", "报告")))
    bare = _section(FUJIAN, "### 三、", "#### 五").replace(
        "逾期未按收费通知要求缴纳费用", "逾期未缴费"
    )
    with pytest.raises(IngestError, match="pass edition="):
        read_text(io.StringIO(bare), agency="某局", year=2021)
    assert (
        read_text(io.StringIO(bare), agency="某局", year=2021, edition="2021").report.proactive
        is None
    )

"""The deviations of FORMAT.md §6 that apply to HTML pages, one test each (or more).

Each case is a page in the official layout (see ``test_ingest_html``) or a
real corpus page, changed to print what the cited source printed.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from gkdisclosure import Edition, Proactive2019, Proactive2021, Requests2021
from gkdisclosure.ingest import CellState, read_html
from test_ingest_html import (
    ROWS,
    SHANGHAI,
    page,
    table2,
    table3,
    table3_header,
    table3_rows,
    table4,
    td,
)

CORPUS = Path(__file__).parent / "data" / "corpus"
CAPTION_5 = (
    '<tr><td colspan="5" nowrap="nowrap" style="width:559px;"><p align="center">第二十条第（五）项'
)


def test_d01_the_edition_comes_from_the_labels_not_the_year() -> None:
    """D1: a 2022 report printing the 2019 tables is read as the 2019 edition."""
    later = SHANGHAI.replace("2019年上海市人民政府办公厅", "2022年上海市人民政府办公厅", 1)
    report = read_html(io.StringIO(later)).report
    assert (report.edition, report.year) == (Edition.E2019, 2022)


def test_d01_a_2021_table_citing_the_2019_notice_is_2021() -> None:
    """D1 (S14): 2021 tables, but the text cites 国办公开办函〔2019〕60号."""
    intro = "本报告根据国办公开办函〔2019〕60号要求编制。"
    assert read_html(io.StringIO(page(intro=intro))).report.edition is Edition.E2021


def test_d02_blank_cells_are_not_reported_and_stay_blank() -> None:
    """D2 (S10): &nbsp; in empty cells, the 总计 column blank in most outcome rows."""
    result = read_html(io.StringIO(SHANGHAI))
    assert result.report.requests is not None
    assert result.report.requests.granted.total is None
    source = result.provenance["requests.granted.total"]
    assert source.state is CellState.BLANK
    assert source.raw == ""


def test_d03_only_the_total_column_filled() -> None:
    """D3 (S20, S21): applicant columns blank, only 总计 given."""
    blanks = {f"{key}.{i}": "&nbsp;" for key, _, _ in ROWS for i in range(6)}
    result = read_html(io.StringIO(page(three=table3(blanks))))
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None,) * 6 + (6,)
    assert result.provenance["requests.received.commercial"].state is CellState.BLANK


@pytest.mark.parametrize("mark", ["/", "-", "—", "－", "无", "——"])
def test_d04_placeholders_are_not_reported(mark: str) -> None:
    """D4 (S21 "/", S22 "-"): a placeholder is None, its state kept."""
    result = read_html(io.StringIO(page(three=table3({"received.2": mark}))))
    assert result.report.requests is not None
    assert result.report.requests.received.research is None
    source = result.provenance["requests.received.research"]
    assert (source.state, source.raw) == (CellState.PLACEHOLDER, mark)


def test_d05_signed_changes_and_units_in_cells() -> None:
    """D5: "+1036" (S34) and "-8" (S22) in 本年增/减; "251000元" in 采购总金额 (S10)."""
    signed = SHANGHAI.replace(
        '<td colspan="2" nowrap="nowrap" style="width:150px;"><p align="center">0</p></td>'
        '<td nowrap="nowrap" style="width:101px;"><p align="center">0</p></td>',
        '<td colspan="2" nowrap="nowrap" style="width:150px;"><p align="center">12</p></td>'
        '<td nowrap="nowrap" style="width:101px;"><p align="center">+1036</p></td>',
        1,
    ).replace(
        '<td colspan="2" nowrap="nowrap" style="width:190px;"><p align="center">0</p></td></tr>',
        '<td colspan="2" nowrap="nowrap" style="width:190px;"><p align="center">-8</p></td></tr>',
        1,
    )
    result = read_html(io.StringIO(signed))
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert (proactive.licensing.previous_items, proactive.licensing.change) == (12, 1036)
    assert proactive.fees.change == -8
    assert proactive.procurement.amount == Decimal(251000)
    assert result.provenance["proactive.procurement.amount"].unit == "元"


def test_d05_thousands_separators_and_babel_strictness() -> None:
    """ "1,234" is 1234; "12,34" is no number, with babel's suggestions in the note."""
    result = read_html(
        io.StringIO(page(three=table3({"received.0": "1,234", "received.1": "12,34"})))
    )
    assert result.report.requests is not None
    assert result.report.requests.received.natural_person == 1234
    assert result.report.requests.received.commercial is None
    (note,) = result.notes_about("cells.unreadable")
    assert note.paths == ("requests.received.commercial",)
    assert "1,234" in note.message
    assert "12.34" in note.message


def test_d05_an_amount_in_the_wrong_unit_is_not_converted() -> None:
    """2021 fees are in 万元: "8006800元" stays unreported rather than guessed."""
    result = read_html(io.StringIO(page(two=table2({"fees.amount_10k_yuan": "8006800元"}))))
    assert isinstance(result.report.proactive, Proactive2021)
    assert result.report.proactive.fees.amount_10k_yuan is None
    assert "万元" in result.notes_about("cells.unreadable")[0].message


def test_d06_label_variants_and_typos() -> None:
    """D6: 规范性文件 in a 2021 table (S18), 现行有效件 (S19), (三) 不予公开 (S6), S37's heading."""
    two = table2(labels={"行政规范性文件": "规范性文件", "现行有效件数": "现行有效件"})
    three = table3(labels={"（三）不予公开": "(三) 不予公开"})
    headings = (
        "二、主动公开政府政府情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    )
    result = read_html(io.StringIO(page(two=two, three=three, headings=headings)))
    assert isinstance(result.report.proactive, Proactive2021)
    assert result.report.proactive.normative_documents.in_force == 78
    assert result.provenance["proactive.normative_documents.in_force"].column_label == "现行有效件"
    assert result.notes == ()


def test_d07_line_breaks_inside_header_cells() -> None:
    """D7 (S13, S14): "商业\\n企业", "科研<br>机构" still name their columns."""
    labels = {
        "商业企业": "商业<br/>企业",
        "科研机构": "科研\n机构",
        "社会公益组织": "社会<p>公益</p>组织",
    }
    result = read_html(io.StringIO(page(three=table3(labels=labels))))
    assert result.report.requests is not None
    assert result.report.requests.received.commercial == 1
    assert result.provenance["requests.received.commercial"].column_label == "商业 企业"


def test_d07_a_header_split_into_two_stacked_cells() -> None:
    """D7 (S7): "本年新" over "制作数量" in two cells is 本年新制作数量."""
    split = SHANGHAI.replace(
        '<td nowrap="nowrap" style="width:149px;"><p align="center">本年新<br />制作数量</p></td>',
        '<td nowrap="nowrap" style="width:149px;"><p align="center">本年新</p></td>',
        1,
    ).replace(
        '<td nowrap="nowrap" style="width:219px;"><p>规章</p></td>',
        '<td></td><td>制作数量</td><td colspan="2"></td><td></td></tr>'
        '<tr><td nowrap="nowrap" style="width:219px;"><p>规章</p></td>',
        1,
    )
    result = read_html(io.StringIO(split))
    assert isinstance(result.report.proactive, Proactive2019)
    assert result.report.proactive.regulations.made == 13
    assert result.provenance["proactive.regulations.made"].column_label == "本年新 制作数量"


def test_d08_punctuation_variants() -> None:
    """D8: half-width (一), "1、" numbering, straight quotes, "，" in the （六） sub-rows (S34)."""
    labels = {
        "（一）予以公开": "(一)予以公开",
        "1.属于国家秘密": "1、属于国家秘密",
        "3.危及“三安全一稳定”": '3.危及"三安全一稳定"',
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"
        ),
    }
    result = read_html(io.StringIO(page(three=table3({"granted.0": 3}, labels))))
    assert result.report.requests is not None
    assert result.report.requests.granted.natural_person == 3
    assert result.provenance["requests.withheld.state_secret.total"].row_label == "1、属于国家秘密"
    assert "requests.other_handling.overdue_correction.total" in result.provenance
    assert result.notes == ()


def test_d11_local_annotations_and_extra_rows() -> None:
    """D11 (S22): annotations inside labels and headers; an extra row of the agency's own."""
    annotated = (
        SHANGHAI.replace("<p>规章</p>", "<p>规章(设区的市、自治州人民政府应提供相关数据)</p>", 1)
        .replace(
            '<p align="center">上一年项目数量</p>',
            '<p align="center">上一年项目数量(指2019年事项数)</p>',
            1,
        )
        .replace("<p>规范性文件</p>", "<p>规范性文件（含部门文件）</p>", 1)
        .replace(
            CAPTION_5,
            "<tr><td>其他主动公开文件(包括各类通知)</td><td>7</td><td colspan='2'>7</td>"
            f"<td>7</td></tr>{CAPTION_5}",
            1,
        )
    )
    result = read_html(io.StringIO(annotated))
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert proactive.regulations.made == 13
    assert proactive.normative_documents.public_total == 368
    assert proactive.licensing.previous_items == 0
    codes = sorted(note.code for note in result.notes)
    assert codes == ["label.variant", "row.unknown"]
    (variant,) = result.notes_about("label.variant")
    assert "（含部门文件）" in variant.message or "(含部门文件)" in variant.message


def test_d12_a_subtotal_column_and_subtotal_rows() -> None:
    """D12 (S33): 法人或其他组织小计 is ignored, 合计 is 总计."""
    rows = table3_header({"总计": "合计"}, extra="法人或其他组织小计")
    rows += table3_rows(subtotal_column=True)
    three = "<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"
    result = read_html(io.StringIO(page(three=three)))
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (5, 1, 0, 0, 0, 0, 6)
    assert [note.code for note in result.notes] == ["column.extra"]


def test_d12_printed_subtotal_rows_are_kept() -> None:
    """D12: a row （三）不予公开 with numbers of its own is the group's subtotal."""
    subtotal = (
        "<tr>" + td("（三）不予公开", colspan=3) + "".join(td(n) for n in [2, 0, 0, 0, 0, 0, 2])
    )
    three = table3().replace("</table>", subtotal + "</tr></table>")
    result = read_html(io.StringIO(page(three=three)))
    assert result.report.requests is not None
    withheld = result.report.requests.withheld.subtotal
    assert withheld is not None
    assert withheld.total == 2


def test_d13_traditional_chinese_mirrors() -> None:
    """D13 (S38): "本年製發件數", "總計", "行政復議" on a Traditional-Chinese mirror."""
    two = table2(labels={"本年制发件数": "本年製發件數", "现行有效件数": "現行有效件數"})
    three = table3(labels={"总计": "總計", "（七）总计": "（七）總計"})
    four = table4(labels={"行政复议": "行政復議", "复议后起诉": "復議後起訴"})
    result = read_html(io.StringIO(page(two=two, three=three, four=four)))
    report = result.report
    assert isinstance(report.proactive, Proactive2021)
    assert report.proactive.regulations.issued == 0
    assert report.requests is not None
    assert report.requests.total_handled.total == 6
    assert report.review_litigation is not None
    assert report.review_litigation.litigation_after_review.upheld == 1
    source = result.provenance["review_litigation.litigation_after_review.upheld"]
    assert source.row_label == "復議後起訴"


def test_d14_an_intro_sentence_before_a_table() -> None:
    """D14 (S12): "该部分以表格形式报告。表格如下:" between the heading and the table."""
    two = "<p>该部分以表格形式报告。表格如下:</p>" + table2()
    assert read_html(io.StringIO(page(two=two))).report.proactive is not None


def test_d15_the_year_comes_from_the_title() -> None:
    """D15 (S37): a wrong statistics period does not change the year."""
    intro = "本年度报告中所列数据统计期限自2022年1月1日起至2021年12月30日止。"
    assert read_html(io.StringIO(page(intro=intro))).report.year == 2023


def test_hybrid_2021_table_printing_other_handling_as_one_row() -> None:
    """A 2021 table printing （六）其他处理 as one row: kept as its subtotal, sub-rows blank."""
    cells = {f"other_handling.{i}": n for i, n in enumerate([2, 0, 0, 0, 0, 0, 2])}
    result = read_html(io.StringIO(page(three=table3(cells, single_other=True))))
    assert result.report.edition is Edition.E2021
    requests = result.report.requests
    assert isinstance(requests, Requests2021)
    assert requests.other_handling.subtotal is not None
    assert requests.other_handling.subtotal.total == 2
    assert requests.other_handling.other.total is None
    (note,) = result.notes
    assert (note.code, note.paths) == ("edition.hybrid", ("requests.other_handling",))
    state = result.provenance["requests.other_handling.overdue_fee.total"].state
    assert state is CellState.MISSING

"""Reading HTML pages: grids, labels, cells, and the deviations of FORMAT.md §6.

Small pages here reproduce the official layout (row and column spans as in
the published 2021-format pages of the corpus) with one deviation each;
the words they print are quoted from the format and the sources it cites.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest

from gkdisclosure import Edition, Proactive2021, Requests2021
from gkdisclosure.errors import GkDisclosureError
from gkdisclosure.ingest import MAX_INPUT_BYTES, CellState, IngestError, read_html, read_text

CORPUS = Path(__file__).parent / "data" / "corpus"
SHANGHAI = (CORPUS / "2019-shanghai-bgt.html").read_text("utf-8")
TITLE = "某某县人民政府2023年政府信息公开工作年度报告"

# 表三 of the 2021 format, as printed (FORMAT.md §2.4): key, label, group label.
ROWS = [
    ("received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "三、本年度办理结果"),
    (
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "三、本年度办理结果",
    ),
    ("withheld.state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("withheld.security_stability", "3.危及“三安全一稳定”", "（三）不予公开"),
    ("withheld.third_party_rights", "4.保护第三方合法权益", "（三）不予公开"),
    ("withheld.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"),
    ("withheld.process_information", "6.属于四类过程性信息", "（三）不予公开"),
    ("withheld.enforcement_files", "7.属于行政执法案卷", "（三）不予公开"),
    ("withheld.inquiry_matters", "8.属于行政查询事项", "（三）不予公开"),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unavailable.needs_compilation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("not_processed.petitions_complaints", "1.信访举报投诉类申请", "（五）不予处理"),
    ("not_processed.repeated", "2.重复申请", "（五）不予处理"),
    ("not_processed.publications", "3.要求提供公开出版物", "（五）不予处理"),
    ("not_processed.excessive", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    (
        "other_handling.overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    (
        "other_handling.overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    ("other_handling.other", "3.其他", "（六）其他处理"),
    ("total_handled", "（七）总计", "三、本年度办理结果"),
    ("carried_forward", "四、结转下年度继续办理", None),
]
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
NUMBERS = {
    "received": [5, 1, 0, 0, 0, 0, 6],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [3, 1, 0, 0, 0, 0, 4],
    "partially_granted": [1, 0, 0, 0, 0, 0, 1],
    "unavailable.not_held": [1, 0, 0, 0, 0, 0, 1],
    "total_handled": [5, 1, 0, 0, 0, 0, 6],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
GROUP_SPANS = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3}
GROUP_SPANS |= {"（五）不予处理": 5, "（六）其他处理": 3}


def td(text: object, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    return f"<td{spans}><p>{text}</p></td>"


def table2(cells: Mapping[str, object] | None = None, labels: dict[str, str] | None = None) -> str:
    """表二 of the 2021 format with the layout of S11 (captions and headers colspan)."""
    cells = cells or {}
    labels = labels or {}

    def label(text: str) -> str:
        return labels.get(text, text)

    def value(key: str, default: object) -> str:
        return str(cells.get(key, default))

    rows = [
        td(label("第二十条第（一）项"), colspan=4),
        td(label("信息内容"))
        + "".join(td(label(h)) for h in ("本年制发件数", "本年废止件数", "现行有效件数")),
        td(label("规章")) + td(value("regulations.issued", 0)) + td(0) + td(0),
        td(label("行政规范性文件"))
        + td(value("normative_documents.issued", 13))
        + td(0)
        + td(value("normative_documents.in_force", 78)),
        td(label("第二十条第（五）项"), colspan=4),
        td(label("信息内容")) + td(label("本年处理决定数量"), colspan=3),
        td(label("行政许可")) + td(value("licensing.decisions", 238), colspan=3),
        td(label("第二十条第（六）项"), colspan=4),
        td(label("信息内容")) + td(label("本年处理决定数量"), colspan=3),
        td(label("行政处罚")) + td(value("penalties.decisions", 18), colspan=3),
        td(label("行政强制")) + td(value("coercive_measures.decisions", 0), colspan=3),
        td(label("第二十条第（八）项"), colspan=4),
        td(label("信息内容")) + td(label("本年收费金额（单位：万元）"), colspan=3),
        td(label("行政事业性收费")) + td(value("fees.amount_10k_yuan", "800.68"), colspan=3),
    ]
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"


def table3_rows(
    cells: Mapping[str, object] | None = None,
    labels: dict[str, str] | None = None,
    *,
    single_other: bool = False,
    subtotal_column: bool = False,
) -> list[str]:
    """The rows of 表三 in the 2021 layout.

    ``single_other`` prints （六） as one row, as the 2019 format does;
    ``subtotal_column`` adds a 法人或其他组织小计 cell before 总计 (S33).
    """
    cells = cells or {}
    labels = labels or {}
    rows: list[str] = []
    seen: set[str] = set()
    for key, label, group in ROWS:
        if single_other and key.startswith("other_handling."):
            if key.endswith("overdue_correction"):
                numbers = "".join(td(cells.get(f"other_handling.{i}", 0)) for i in range(7))
                rows.append(td(labels.get("（六）其他处理", "（六）其他处理"), colspan=2) + numbers)
            continue
        values: list[object] = [
            cells.get(f"{key}.{i}", n) for i, n in enumerate(NUMBERS.get(key, [0] * 7))
        ]
        if subtotal_column:
            values.insert(6, sum(int(str(n)) for n in values[1:6]))
        head = ""
        if group is None:
            head = td(labels.get(label, label), colspan=3)
        else:
            if group not in seen:
                seen.add(group)
                span = GROUP_SPANS[group] - (
                    2 if single_other and group == "三、本年度办理结果" else 0
                )
                head += td(labels.get(group, group), rowspan=span)
            colspan = 2 if group == "三、本年度办理结果" else 1
            head += td(labels.get(label, label), colspan=colspan)
        rows.append(head + "".join(td(value) for value in values))
    return rows


def table3_header(labels: dict[str, str] | None = None, *, extra: str | None = None) -> list[str]:
    labels = labels or {}
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    columns = [labels.get(c, c) for c in COLUMNS]
    organisations = columns[1:6] + ([extra] if extra else [])
    return [
        td(note, rowspan=3, colspan=3) + td("申请人情况", colspan=7 + bool(extra)),
        td(columns[0], rowspan=2)
        + td("法人或其他组织", colspan=5 + bool(extra))
        + td(columns[6], rowspan=2),
        "".join(td(c) for c in organisations),
    ]


def table3(
    cells: Mapping[str, object] | None = None,
    labels: dict[str, str] | None = None,
    *,
    single_other: bool = False,
) -> str:
    rows = table3_header(labels) + table3_rows(cells, labels, single_other=single_other)
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"


def table4(values: list[object] | None = None, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    measures = [labels.get(m, m) for m in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    values = values if values is not None else [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    rows = [
        td(labels.get("行政复议", "行政复议"), colspan=5) + td("行政诉讼", colspan=10),
        "".join(td(m, rowspan=2) for m in measures)
        + td(labels.get("未经复议直接起诉", "未经复议直接起诉"), colspan=5)
        + td(labels.get("复议后起诉", "复议后起诉"), colspan=5),
        "".join(td(m) for m in measures * 2),
        "".join(td(v) for v in values),
    ]
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"


def page(  # noqa: PLR0913 - one keyword per part of the page
    *,
    title: str = TITLE,
    two: str | None = None,
    three: str | None = None,
    four: str | None = None,
    headings: tuple[str, str, str] = (
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ),
    intro: str = "",
) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<h1>{title}</h1><p>一、总体情况</p><p>{intro}</p>"
        f"<p>{headings[0]}</p>{table2() if two is None else two}"
        f"<p>{headings[1]}</p>{table3() if three is None else three}"
        f"<p>{headings[2]}</p>{table4() if four is None else four}"
        "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"
        "</body></html>"
    )


# --- the minimal page ------------------------------------------------------------


def test_a_page_in_the_official_layout_reads_whole() -> None:
    result = read_html(io.StringIO(page()))
    report = result.report
    assert (report.edition, report.agency, report.year) == (Edition.E2021, "某某县人民政府", 2023)
    assert isinstance(report.proactive, Proactive2021)
    assert report.proactive.normative_documents.in_force == 78
    assert report.proactive.fees.amount_10k_yuan == Decimal("800.68")
    assert isinstance(report.requests, Requests2021)
    assert report.requests.received.values() == (5, 1, 0, 0, 0, 0, 6)
    assert report.requests.other_handling.subtotal is None
    assert report.review_litigation is not None
    assert report.review_litigation.litigation_after_review.total == 1
    assert result.notes == ()
    assert len(result.provenance) == 10 + 175 + 15


def test_the_page_can_be_given_as_bytes_or_a_path(tmp_path: Path) -> None:
    text = page()
    path = tmp_path / "report.html"
    path.write_bytes(text.encode("utf-8"))
    assert (
        read_html(path).report
        == read_html(io.StringIO(text)).report
        == read_html(text.encode()).report
    )


# --- markup ------------------------------------------------------------------------------


def test_a_table_split_in_two() -> None:
    """The second half of 表三, headerless, in a <table> of its own."""
    rows = table3_header() + table3_rows()
    first = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows[:12]) + "</table>"
    second = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows[12:]) + "</table>"
    second = second.replace('rowspan="22"', 'rowspan="13"').replace('rowspan="8"', 'rowspan="3"')
    result = read_html(io.StringIO(page(three=first + "<p>&nbsp;</p>" + second)))
    assert result.report.requests is not None
    assert result.report.requests.carried_forward.values() == (1, 0, 0, 0, 0, 0, 1)
    assert result.report.requests.withheld.inquiry_matters.total == 0
    assert result.notes == ()


def test_word_markup_spans_paragraphs_and_empty_rows() -> None:
    """Numbers split across <span>s, <p> inside cells, stray empty rows, <th>, missing </td>."""
    three = (
        table3()
        .replace("<td><p>6</p></td>", "<td><p><span>6</span></p></td>")
        .replace("<td><p>5</p></td>", "<th><p><span>2</span><span>5</span></p></th>", 1)
        .replace("<td><p>1</p></td>", "<td><p>1</p>", 1)
    )
    three = three.replace("<tr>", "<tr><td></td></tr><tr>", 1).replace(
        "</table>", "<tr><td>&nbsp;</td><td></td></tr></table>"
    )
    result = read_html(io.StringIO(page(three=three)))
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (25, 1, 0, 0, 0, 0, 6)


def test_a_number_split_in_one_cell_is_joined_only_when_the_identity_agrees() -> None:
    """ "2 5" in one cell: 25 if 总计 = the sum of the others says so; else unreported."""
    agreed = read_html(io.StringIO(page(three=table3({"received.0": "2 5", "received.6": 26}))))
    assert agreed.report.requests is not None
    assert agreed.report.requests.received.natural_person == 25
    assert agreed.provenance["requests.received.natural_person"].state is CellState.INFERRED
    refused = read_html(io.StringIO(page(three=table3({"received.0": "2 5"}))))
    assert refused.report.requests is not None
    assert refused.report.requests.received.natural_person is None
    assert refused.notes_about("cells.split")


def test_tables_inside_a_layout_table() -> None:
    """A site's layout table holding the article, headings and tables in its cells."""
    inner = page().split("<body>", 1)[1].split("</body>", 1)[0]
    nested = f"<html><body><table><tr><td>导航</td><td>{inner}</td></tr></table></body></html>"
    result = read_html(io.StringIO(nested))
    assert result.report.requests is not None
    assert result.report.requests.received.total == 6


def test_a_fragment_without_html_or_body() -> None:
    assert read_html(io.StringIO(SHANGHAI)).report.agency == "上海市人民政府办公厅"


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
        "",
    ],
)
def test_gbk_pages(meta: str) -> None:
    """GB2312/GBK pages, declared or not, are read as GB18030."""
    text = page().replace("<meta charset='utf-8'>", meta)
    assert read_html(text.encode("gb18030")).report.agency == "某某县人民政府"


def test_a_page_declaring_the_wrong_charset() -> None:
    text = page().replace("<meta charset='utf-8'>", "<meta charset='gbk'>")
    result = read_html(text.encode("utf-8"))
    assert result.report.agency == "某某县人民政府"
    assert [note.code for note in result.notes] == ["encoding.mismatch"]


def test_utf16_pages() -> None:
    text = page(title="某某縣人民政府2023年政府信息公開工作年度報告")
    assert read_html(text.encode("utf-16")).report.year == 2023


# --- errors -------------------------------------------------------------------------------


def test_no_table_is_an_error() -> None:
    with pytest.raises(IngestError, match="none of the statutory tables"):
        read_html(io.StringIO(f"<p>{TITLE}</p><p>二、主动公开政府信息情况</p><p>本年制发件数</p>"))


def test_no_title_is_an_error_unless_agency_and_year_are_given() -> None:
    untitled = page(title="年度报告")
    with pytest.raises(IngestError, match="pass agency= and year="):
        read_html(io.StringIO(untitled))
    report = read_html(io.StringIO(untitled), agency="某某局", year=2022).report
    assert (report.agency, report.year) == ("某某局", 2022)


def test_the_callers_agency_and_year_win() -> None:
    report = read_html(io.StringIO(page()), agency="某某县政府办公室").report
    assert (report.agency, report.year) == ("某某县政府办公室", 2023)


def test_an_undetectable_edition_needs_the_caller() -> None:
    bare = page(two="<p>（略）</p>")
    bare = bare.replace(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.逾期未缴费"
    )
    with pytest.raises(IngestError, match="pass edition="):
        read_html(io.StringIO(bare))
    assert read_html(io.StringIO(bare), edition="2021").report.edition is Edition.E2021


def test_the_edition_can_be_forced() -> None:
    result = read_html(io.StringIO(page()), edition=Edition.E2019)
    assert result.report.edition is Edition.E2019
    assert result.report.proactive is not None
    assert result.notes_about("row.missing")


def test_missing_tables_and_rows_are_noted() -> None:
    three = "<table>" + "".join(f"<tr>{r}</tr>" for r in table3_header() + table3_rows()[:3])
    result = read_html(io.StringIO(page(three=three + "</table>", four="<p>无</p>")))
    assert result.report.review_litigation is None
    assert result.notes_about("table.missing")[0].paths == ("review_litigation",)
    missing = {note.paths[0] for note in result.notes_about("row.missing")}
    assert "requests.carried_forward" in missing
    assert result.provenance["requests.carried_forward.total"].state is CellState.MISSING


def test_ingest_error_is_a_value_error_that_pickles() -> None:
    error = IngestError("no table", "report.html")
    assert isinstance(error, GkDisclosureError)
    assert isinstance(error, ValueError)
    assert str(error) == "report.html: no table"
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (copy.reason, copy.source) == ("no table", "report.html")
    assert str(IngestError("no table")) == "no table"


def test_the_source_is_named_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<p>nothing</p>", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_html(path)
    assert caught.value.source == str(path)


def test_pages_over_the_limit_are_refused() -> None:
    with pytest.raises(IngestError, match="more than"):
        read_html(b" " * (MAX_INPUT_BYTES + 1))
    with pytest.raises(IngestError, match="more than"):
        read_html(io.StringIO(" " * (MAX_INPUT_BYTES + 1)))


def test_sources_of_other_types_are_refused() -> None:
    with pytest.raises(TypeError, match="a path"):
        read_html(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "markup",
    [
        "<table>" * 40,
        "<table><tr>" + '<td colspan="99999" rowspan="99999">x</td>' * 30 + "</table>",
        "<table><tr>" + "<td>1</td>" * 25_000 + "</table>",
        "<![CDATA[ <table> ]]><!-- <table> -->",
        # few cells, but a grid of 2,001 rows by 150,000 columns to walk
        "<table><tr>"
        + '<td colspan="100">x</td>' * 1500
        + "</tr>"
        + "<tr><td>规章</td></tr>" * 2000,
    ],
)
def test_hostile_markup_ends_in_an_ingest_error(markup: str) -> None:
    with pytest.raises(IngestError):
        read_html(io.StringIO(f"<p>{TITLE}</p>" + markup))


# --- layouts --------------------------------------------------------------------------


def test_tables_without_section_headings() -> None:
    """The tables are told apart by their own labels when no heading precedes them."""
    bare = f"<p>{TITLE}</p>{table2()}{table3()}{table4()}"
    result = read_html(io.StringIO(bare))
    assert result.report.requests is not None
    assert result.report.requests.received.total == 6
    assert result.report.review_litigation is not None


def test_all_three_tables_in_one_table_element() -> None:
    """One <table> holding the three tables, with the section headings as rows."""

    def rows(table: str) -> str:
        return table.removeprefix("<table>").removesuffix("</table>")

    heading = "<tr>" + td("{}", colspan=10) + "</tr>"
    one = (
        "<table>"
        + heading.format("二、主动公开政府信息情况")
        + rows(table2())
        + heading.format("三、收到和处理政府信息公开申请情况")
        + rows(table3())
        + heading.format("四、政府信息公开行政复议、行政诉讼情况")
        + rows(table4())
        + heading.format("五、存在的主要问题及改进情况")
        + "<tr><td>无</td></tr></table>"
    )
    result = read_html(io.StringIO(f"<p>{TITLE}</p>{one}"))
    report = result.report
    assert report.proactive is not None
    assert report.proactive.licensing.decisions == 238
    assert report.requests is not None
    assert report.requests.received.total == 6
    assert report.review_litigation is not None
    assert report.review_litigation.review.total == 1


def test_a_lone_row_after_a_table_split_in_two() -> None:
    """A second part holding a single row is read under the section it continues."""
    rows = table3_header() + table3_rows()
    first = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows[:-1]) + "</table>"
    last = "<table><tr>" + rows[-1] + "</tr></table>"
    result = read_html(io.StringIO(page(three=first + last)))
    assert result.report.requests is not None
    assert result.report.requests.carried_forward.total == 1


def test_table4_without_its_header() -> None:
    """Fifteen numbers under the 表四 heading are read in the format's order."""
    numbers = [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]
    bare = "<table><tr>" + "".join(td(n) for n in numbers) + "</tr></table>"
    result = read_html(io.StringIO(page(four=bare)))
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.litigation_after_review.values() == (13, 2, 4, 0, 19)


def test_table4_with_a_cell_missing() -> None:
    """Fourteen cells under fifteen headers: each placed under the header over it."""
    four = table4().replace("<td><p>1</p></td></tr></table>", "</tr></table>")
    result = read_html(io.StringIO(page(four=four)))
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.litigation_after_review.upheld == 1
    state = result.provenance["review_litigation.litigation_after_review.total"].state
    assert state is CellState.MISSING


def test_cells_under_no_column_and_rows_covered_by_spans() -> None:
    """A stray number right of the table is noted; a row wholly covered by spans is skipped."""
    three = table3().replace(
        "<td><p>6</p></td></tr>", "<td><p>6</p></td><td><p>99</p></td><td></td></tr><tr></tr>", 1
    )
    result = read_html(io.StringIO(page(three=three)))
    assert result.report.requests is not None
    assert result.report.requests.received.total == 6
    (note,) = result.notes_about("cell.unplaced")
    assert note.paths == ("requests.received",)
    assert "'99'" in note.message


def test_a_row_printed_twice_keeps_the_first() -> None:
    duplicate = "<tr>" + td("（七）总计", colspan=3) + "".join(td(n) for n in [9] * 7) + "</tr>"
    result = read_html(
        io.StringIO(page(three=table3().replace("</table>", duplicate + "</table>")))
    )
    assert result.report.requests is not None
    assert result.report.requests.total_handled.total == 6
    assert [note.code for note in result.notes] == ["row.duplicate"]


def test_markers_of_both_editions_are_noted() -> None:
    """FORMAT.md §7.1: mixed markers make a hybrid, noted; the edition with more wins."""
    pingtan = (CORPUS / "2019-pingtan.html").read_text("utf-8")
    fee = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    result = read_html(io.StringIO(pingtan.replace("（六）其他处理", fee)))
    assert result.report.edition is Edition.E2019
    (note,) = result.notes_about("edition.hybrid")
    assert "逾期未按收费通知要求缴纳费用" in note.message
    assert result.notes_about("row.unknown")


def test_a_long_layout_cell_is_prose() -> None:
    prose = "<p>" + "本机关认真贯彻落实《条例》。" * 30 + "共收到申请6件。</p>"
    inner = page(intro="").split("<body>", 1)[1].split("</body>", 1)[0]
    nested = f"<table><tr><td>{prose}{inner}</td></tr></table>"
    result = read_html(io.StringIO(nested))
    assert [figure.value for figure in result.narrative] == [6]


def test_errors_inside_the_reader_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(f"<p>{TITLE}</p>" + "<table>" * 40, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_html(path)
    assert caught.value.source == str(path)


def test_a_str_is_a_path() -> None:
    """A str names the file to read, like a pathlib.Path; a page given as a str is refused."""
    path = str(CORPUS / "2019-shanghai-bgt.html")
    assert read_html(path).report == read_html(CORPUS / "2019-shanghai-bgt.html").report
    with pytest.raises(IngestError, match=r"wrap it in io\.StringIO"):
        read_html(SHANGHAI)
    with pytest.raises(IngestError, match=r"wrap it in io\.StringIO"):
        read_text(SHANGHAI)


def test_an_unknown_edition_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="2020"):
        read_html(io.StringIO(page()), edition="2020")

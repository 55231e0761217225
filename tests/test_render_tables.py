"""Rendering the tables in the official layout: HTML that reads back, Markdown, notebook views."""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gkdisclosure
from gkdisclosure import (
    Diagnosis,
    Edition,
    Report,
    ValidationResult,
    load,
    read_html,
    validate,
)
from gkdisclosure.catalog import edition
from gkdisclosure.cli import main
from gkdisclosure.errors import UnsupportedLocaleError
from gkdisclosure.model import (
    ApplicantCounts,
    FeeAmount2021,
    Proactive2021,
    Requests2019,
    Requests2021,
    Withheld,
)
from gkdisclosure.render import render_report
from gkdisclosure.testing import reports

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GKDISCLOSURE_UPDATE_SNAPSHOTS") == "1"


def _sample() -> Report:
    return load(SAMPLE)


def _planted() -> Report:
    """The sample with 自然人 of 一、本年新收 printed as 12 instead of 11."""
    report = _sample()
    assert report.requests is not None
    received = attrs.evolve(report.requests.received, natural_person=12)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, received=received))


class _Cells(HTMLParser):
    """Every table cell of a page: tag, attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, dict[str, str], str]] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"td", "th"}:
            self._open, self._text = (tag, {k: v or "" for k, v in attrs}), ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._open is not None:
            self.cells.append((*self._open, self._text))
            self._open = None


def _cells(page: str) -> list[tuple[str, dict[str, str], str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.cells


def _cell(page: str, path: str) -> tuple[dict[str, str], str]:
    (found,) = [(a, text) for _tag, a, text in _cells(page) if a.get("data-path") == path]
    return found


def _label(page: str, text: str) -> dict[str, str]:
    (found,) = [a for _tag, a, t in _cells(page) if t == text]
    return found


# --- the round trip ---------------------------------------------------------------------


@pytest.mark.parametrize("which", list(Edition))
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_rendered_html_reads_back_equal(which: Edition, data: st.DataObject) -> None:
    """read_html(render_report(r)) == r for generated reports: blanks, subtotals, big numbers."""
    report = data.draw(
        reports(edition=which, blanks=True, max_value=5_000_000)
        | reports(edition=which, consistent=False)
    )
    # a page with no table at all is no report: read_html refuses it (tested in ingest)
    assume(
        any(t is not None for t in (report.proactive, report.requests, report.review_litigation))
    )
    page = render_report(report)
    # the editions' markers are all in 表二: without it, only the caller can tell them apart
    which_given = report.edition if report.proactive is None else None
    hints = {"agency": report.agency, "year": report.year, "edition": which_given}
    back = read_html(io.StringIO(page), **hints, infer=False)  # type: ignore[arg-type]
    assert back.report == attrs.evolve(report, meta=None)


def test_the_page_names_its_agency_and_year() -> None:
    """The title is the official one, so read_html needs no hints."""
    back = read_html(io.StringIO(render_report(_sample())), infer=False)
    assert back.report == _sample()
    assert back.report.agency == "福建省工业和信息化厅"


def test_amounts_keep_their_digits_and_grouping_parses_back() -> None:
    """1234567.50 万元 prints as 1,234,567.50 and reads back as the same Decimal digits."""
    report = _sample()
    assert report.proactive is not None
    assert isinstance(report.proactive, Proactive2021)
    fees = FeeAmount2021(amount_10k_yuan=Decimal("1234567.50"))
    report = attrs.evolve(report, proactive=attrs.evolve(report.proactive, fees=fees))
    page = render_report(report)
    assert _cell(page, "proactive.fees.amount_10k_yuan")[1] == "1,234,567.50"
    back = read_html(io.StringIO(page), infer=False).report
    assert isinstance(back.proactive, Proactive2021)
    assert str(back.proactive.fees.amount_10k_yuan) == "1234567.50"


def test_blank_cells_are_blank_not_zero() -> None:
    """A cell not reported is an empty cell, and reads back as not reported."""
    report = _sample()
    assert report.requests is not None
    received = attrs.evolve(report.requests.received, research=None)
    report = attrs.evolve(report, requests=attrs.evolve(report.requests, received=received))
    page = render_report(report)
    assert _cell(page, "requests.received.research")[1] == ""
    assert _cell(page, "requests.received.commercial")[1] == "0"
    back = read_html(io.StringIO(page), infer=False).report
    assert back.requests is not None
    assert back.requests.received.research is None


def test_a_missing_table_is_said_and_reads_back_missing() -> None:
    """A report without 表四 prints its heading and a note, and reads back without it."""
    report = attrs.evolve(_sample(), review_litigation=None)
    page = render_report(report)
    assert "The report has no such table." not in page
    assert "报告中没有此表。" in page
    assert read_html(io.StringIO(page), infer=False).report == report


# --- the layout ----------------------------------------------------------------------------


@pytest.mark.parametrize(("which", "handled"), [(Edition.E2021, 22), (Edition.E2019, 20)])
def test_table_three_merges_its_labels_as_the_format_does(which: Edition, handled: int) -> None:
    """三、本年度办理结果 spans 22 rows (2021) or 20 (2019); the corner note 3×3 (§2.4, §3.4)."""
    report = Report(edition=which, agency="某县人民政府", year=2023)
    spec = edition(which)
    requests = Requests2021() if which is Edition.E2021 else Requests2019()
    empty = render_report(attrs.evolve(report, requests=requests))
    assert _label(empty, "三、本年度办理结果") == {
        "class": "gk-label",
        "scope": "row",
        "rowspan": str(handled),
    }
    assert _label(empty, "（三）不予公开")["rowspan"] == "8"
    assert _label(empty, "（一）予以公开")["colspan"] == "2"
    assert _label(empty, "四、结转下年度继续办理")["colspan"] == "3"
    note = spec.requests.note
    assert note is not None
    assert _label(empty, note) == {"rowspan": "3", "colspan": "3"}
    assert _label(empty, "申请人情况") == {"colspan": "7"}
    assert _label(empty, "法人或其他组织") == {"colspan": "5"}
    assert _label(empty, "自然人") == {"rowspan": "2"}


def test_table_four_has_the_official_three_header_rows() -> None:
    """行政复议 over five columns, 行政诉讼 over ten, the measures under each (§2.5)."""
    page = render_report(_sample())
    assert _label(page, "行政复议") == {"colspan": "5"}
    assert _label(page, "行政诉讼") == {"colspan": "10"}
    assert _label(page, "未经复议直接起诉") == {"colspan": "5"}
    measures = [a for _t, a, text in _cells(page) if text == "结果维持"]
    assert measures == [{"rowspan": "2"}, {}, {}]


def test_table_two_blocks_open_with_a_caption_over_four_columns() -> None:
    """Each block of 表二: caption (colspan 4), 信息内容 and its headers (§2.3)."""
    page = render_report(_sample())
    assert _label(page, "第二十条第（一）项") == {"colspan": "4"}
    assert _label(page, "本年收费金额（单位：万元）") == {"colspan": "3"}
    assert [text for _t, _a, text in _cells(page)].count("信息内容") == 4


def test_a_printed_subtotal_is_a_row_of_its_group() -> None:
    """A report's own （三）不予公开 line is printed as a row and reads back as the subtotal."""
    report = _sample()
    assert report.requests is not None
    withheld = Withheld(subtotal=ApplicantCounts.zeros())
    report = attrs.evolve(report, requests=attrs.evolve(report.requests, withheld=withheld))
    page = render_report(report)
    assert read_html(io.StringIO(page), infer=False).report == report
    markdown = render_report(report, to="markdown")
    assert "| **（三）不予公开** | 0 | 0 |" in markdown


# --- findings -----------------------------------------------------------------------------


def test_failing_cells_are_highlighted_and_titled_with_their_finding() -> None:
    """The cells of a broken identity carry class gk-failed and the finding's sentence."""
    report = _planted()
    result = validate(report)
    page = render_report(report, findings=result, locale="en")
    attributes, text = _cell(page, "requests.received.natural_person")
    assert text == "12"
    assert attributes["class"] == "gk-failed"
    assert "= 12 (difference -1)" in attributes["title"]
    assert len(attributes["title"].splitlines()) == 2
    untouched, _ = _cell(page, "requests.granted.commercial")
    assert "class" not in untouched
    assert "Findings" in page
    zh_page = render_report(report, findings=result)
    assert read_html(io.StringIO(zh_page), infer=False).report == report


def test_cells_that_cannot_be_checked_are_marked_apart() -> None:
    """A blank operand makes its identity unassessable: class gk-unassessable, not gk-failed."""
    report = _sample()
    assert report.review_litigation is not None
    review = attrs.evolve(report.review_litigation.review, pending=None)
    report = attrs.evolve(
        report, review_litigation=attrs.evolve(report.review_litigation, review=review)
    )
    page = render_report(report, findings=validate(report).findings)
    attributes, text = _cell(page, "review_litigation.review.pending")
    assert (attributes["class"], text) == ("gk-unassessable", "")
    markdown = render_report(report, to="markdown", findings=validate(report))
    assert "| 行政复议 | 1 ? | 0 ? | 0 ? | ? | 1 ? |" in markdown


def test_no_findings_no_marks() -> None:
    """Without findings nothing is marked and no findings are listed."""
    page = render_report(_planted())
    assert 'gk-failed"' not in page
    assert '<ol class="gk-findings">' not in page


# --- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "locale", "planted"),
    [
        ("2021-fujian-gxt.zh_CN.md", "zh_CN", False),
        ("2021-fujian-gxt.en.md", "en", False),
        ("2021-fujian-gxt.planted.zh_CN.md", "zh_CN", True),
    ],
)
def test_markdown_of_the_sample_matches_its_snapshot(name: str, locale: str, planted: bool) -> None:
    """The sample's Markdown (and with a planted error) is as reviewed in tests/snapshots."""
    report = _planted() if planted else _sample()
    text = render_report(
        report, to="markdown", locale=locale, findings=validate(report) if planted else None
    )
    path = SNAPSHOTS / name
    if UPDATE:  # pragma: no cover - run by hand to refresh the snapshots
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_markdown_escapes_what_would_break_a_table() -> None:
    """A pipe or an asterisk in the agency's name is escaped."""
    report = attrs.evolve(_sample(), agency="A|B*C")
    assert render_report(report, to="markdown").startswith("# A\\|B\\*C2021")


# --- API ----------------------------------------------------------------------------------


def test_html_escapes_the_agency() -> None:
    """Text from the report is escaped in the page."""
    page = render_report(attrs.evolve(_sample(), agency="<script>x</script>"))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_a_fragment_has_its_own_style_and_no_document() -> None:
    """standalone=False gives a div with a style element, for embedding."""
    fragment = render_report(_sample(), standalone=False)
    assert fragment.startswith("<style>")
    assert "<html" not in fragment
    assert '<div class="gk-report" lang="zh-CN">' in fragment


def test_unknown_output_and_locale_are_refused() -> None:
    """to= other than html or markdown raises ValueError; zh_TW raises UnsupportedLocaleError."""
    with pytest.raises(ValueError, match="cannot render to 'pdf'"):
        render_report(_sample(), to="pdf")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedLocaleError):
        render_report(_sample(), locale="zh_TW")


# --- notebook views -----------------------------------------------------------------------


def test_reprs_are_short_and_say_what_matters() -> None:
    """Report, ValidationResult and Finding have one-line reprs."""
    report = _planted()
    result = validate(report)
    assert repr(report) == (
        "<Report '福建省工业和信息化厅' 2021 (edition 2021), "
        "tables: proactive, requests, review_litigation>"
    )
    assert repr(result) == (
        "<ValidationResult '福建省工业和信息化厅' 2021: error=2 warning=0 info=0 "
        "[requests.applicant_sum ×1, requests.ledger ×1]>"
    )
    assert re.fullmatch(
        r"<Finding requests\.\w+ failed error at requests\.[\w.]+: .*>", repr(result.findings[0])
    )
    empty = attrs.evolve(report, proactive=None, requests=None, review_litigation=None)
    assert repr(empty).endswith("tables: none>")


def test_many_rules_are_cut_short_in_the_repr() -> None:
    """More than three rules end the list with an ellipsis."""
    report = _planted()
    assert report.review_litigation is not None
    review = attrs.evolve(report.review_litigation.review, total=5)
    report = attrs.evolve(
        report,
        proactive=None,
        review_litigation=attrs.evolve(report.review_litigation, review=review),
    )
    result = validate(report)
    assert len(result.by_rule()) > 3
    assert repr(result).endswith(", ...]>")


def _notebook_view(obj: Report | ValidationResult | Diagnosis) -> str:
    html = obj._repr_html_()
    assert html is not None
    return html


def test_notebooks_show_the_tables_with_marks() -> None:
    """_repr_html_ of a report is its tables; of a result, the tables with failing cells marked."""
    report = _planted()
    assert 'class="gk-table' in _notebook_view(report)
    assert "gk-failed" not in _notebook_view(report).split("</style>")[1]
    assert 'class="gk-failed"' in _notebook_view(validate(report))


# --- the command --------------------------------------------------------------------------


def test_the_render_command_writes_a_page(tmp_path: Path) -> None:
    """`gkdisclosure render FILE --to html -o out.html` writes a page that reads back."""
    out = tmp_path / "out.html"
    assert main(["render", str(SAMPLE), "-o", str(out)]) == 0
    assert read_html(out, infer=False).report == _sample()


def test_the_render_command_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """--to markdown prints to stdout; --no-findings leaves out the findings."""
    assert main(["render", str(SAMPLE), "--to", "markdown", "--locale", "en"]) == 0
    assert capsys.readouterr().out.startswith("# 福建省工业和信息化厅: annual report")
    assert main(["render", str(SAMPLE), "--to", "markdown", "--no-findings"]) == 0
    assert "**" not in capsys.readouterr().out.split("##")[0]


def test_the_render_command_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable input or an unwritable output exits 2 with one line."""
    assert main(["render", str(tmp_path / "missing.json")]) == 2
    assert main(["render", str(SAMPLE), "-o", str(tmp_path / "no" / "out.html")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("gkdisclosure: ") for line in lines)


def test_a_diagnosis_shows_the_tables_and_its_suspects() -> None:
    """Diagnosis._repr_html_ marks the failed cells and lists the leading suspect."""
    html = _notebook_view(gkdisclosure.diagnose_report(_planted()))
    assert 'class="gk-failed"' in html
    assert '<ol class="gk-suspects"><li>' in html
    assert "11" in html.split("gk-suspects")[1]


def test_markdown_says_a_table_is_missing() -> None:
    """A report without 表二 prints its heading and a note in Markdown too."""
    markdown = render_report(attrs.evolve(_sample(), proactive=None), to="markdown", locale="en")
    assert (
        "## Proactive disclosure of government information\n\nThe report has no such table.\n"
        in (markdown)
    )


def test_an_agency_with_full_width_brackets_reads_back_as_printed() -> None:
    """A name with （） reads back from the title as printed, not NFKC-normalised to ()."""
    report = attrs.evolve(_sample(), agency="泉州市人民政府办公室（市政府研究室）")
    assert read_html(io.StringIO(render_report(report)), infer=False).report == report


@pytest.mark.parametrize("agency", ["福建省2号办公室", "第3中学", "福建省工业和信息化厅"])
def test_an_agency_with_digits_reads_back_whole(agency: str) -> None:
    """Digits inside a name stay in it; the year after it is still read as the year."""
    report = attrs.evolve(_sample(), agency=agency)
    back = read_html(io.StringIO(render_report(report)), infer=False).report
    assert (back.agency, back.year) == (agency, 2021)

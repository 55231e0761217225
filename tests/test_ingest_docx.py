"""Word files: the corpus conversions cell by cell, merged cells, limits, and damaged files.

``2024-pingtan.docx`` and ``2023-shuyang-fgj.docx`` are the published
pages converted to Word by LibreOffice: their tables print the page's
numbers (checked by hand in ``word/document.xml``), so they share the
page's hand transcription, ``<page>.html.expected.json``.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import gkdisclosure
from gkdisclosure import IngestError, MissingExtraError
from gkdisclosure.ingest import read_docx
from gkdisclosure.ingest.docx import MAX_DOCX_ENTRIES, MAX_DOCX_UNPACKED_BYTES, _spans
from helpers import flatten

pytest.importorskip("docx", reason="the docx extra is not installed")

CORPUS = Path(__file__).parent / "data" / "corpus"
WORD = ("2024-pingtan", "2023-shuyang-fgj")
MAIN = "word/document.xml"


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.html.expected.json").read_text("utf-8"))
    return data


def _parts(name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(CORPUS / f"{name}.docx") as archive:
        return {entry.filename: archive.read(entry) for entry in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_body(name: str, change: Any) -> bytes:
    """The Word file with its main part changed (as text)."""
    parts = _parts(name)
    parts[MAIN] = change(parts[MAIN].decode("utf-8")).encode("utf-8")
    return _zip(parts)


@pytest.mark.parametrize("name", WORD)
def test_every_cell_of_the_corpus_is_right(name: str) -> None:
    """Every cell of the Word conversion is the page's, as transcribed by hand."""
    result = read_docx(CORPUS / f"{name}.docx")
    got = flatten(gkdisclosure.to_dict(result.report))
    expected = flatten(_expected(name))
    wrong = {path: (got.get(path), v) for path, v in expected.items() if got.get(path) != v}
    assert wrong == {}
    assert result.report == gkdisclosure.load(CORPUS / f"{name}.html.expected.json")


@pytest.mark.parametrize("name", WORD)
def test_every_cell_is_a_number_or_a_blank(name: str) -> None:
    """Nothing inferred, nothing missing: a printed number, or a blank where the page has none."""
    result = read_docx(CORPUS / f"{name}.docx")
    cells = {p: v for p, v in flatten(_expected(name)).items() if "." in p}
    states = {path: "number" if value is not None else "blank" for path, value in cells.items()}
    assert {source.path: source.state.value for source in result.provenance} == states
    assert result.notes_about("cells.") == ()
    assert result.notes_about("table.") == ()


# Transcribed from word/document.xml: w:tbl in body order (from 0), w:tr (from 0), and the
# grid column (w:gridSpan and w:vMerge expanded, from 0).
PROVENANCE: dict[str, dict[str, tuple[str, str | None, str | None, int, int, int]]] = {
    "2024-pingtan": {
        "proactive.normative_documents.in_force": (
            "440",
            "行政规范性文件",
            "现行有效件数",
            0,
            3,
            3,
        ),
        "proactive.fees.amount_10k_yuan": ("18651.06", "行政事业性收费", None, 0, 13, 1),
        "requests.received.commercial": (
            "1",
            "一、本年新收政府信息公开申请数量",
            "商业企业",
            1,
            3,
            4,
        ),
        "requests.withheld.internal_affairs.natural_person": (
            "32",
            "5.属于三类内部事务信息",
            "自然人",
            1,
            11,
            3,
        ),
        "requests.other_handling.other.total": ("2", "3.其他", "总计", 1, 25, 9),
        "review_litigation.litigation_after_review.upheld": ("13", None, "结果维持", 2, 3, 10),
    },
    "2023-shuyang-fgj": {
        "requests.received.natural_person": (
            "26",
            "一、本年新收政府信息公开申请数量",
            "自然人",
            2,
            3,
            3,
        ),
        "requests.received.commercial": (
            "",
            "一、本年新收政府信息公开申请数量",
            "商业企业",
            2,
            3,
            4,
        ),
        "requests.total_handled.total": ("26", "（七）总计", "总计", 2, 26, 9),
        "review_litigation.review.pending": ("1", None, "尚未审结", 3, 3, 3),
    },
}


@pytest.mark.parametrize("name", WORD)
def test_cells_say_where_they_were_printed(name: str) -> None:
    """Raw text, labels as printed, and table/row/column of the Word table."""
    result = read_docx(CORPUS / f"{name}.docx")
    for path, (raw, row, column, *position) in PROVENANCE[name].items():
        source = result.provenance[path]
        assert source.raw.strip() == raw, path
        if row is not None:
            assert re.sub(r"\s", "", source.row_label).startswith(row), path
        if column is not None:
            assert re.sub(r"\s", "", source.column_label) == column, path
        assert source.position is not None
        assert [source.position.table, source.position.row, source.position.column] == position


def test_the_agency_and_year_come_from_the_first_lines() -> None:
    result = read_docx(CORPUS / "2023-shuyang-fgj.docx")
    assert (result.report.agency, result.report.year) == ("沭阳县发展和改革局", 2023)


def test_sources_by_the_one_rule() -> None:
    """A str path, bytes and a binary file read alike; text is refused: Word is binary."""
    path = CORPUS / "2024-pingtan.docx"
    data = path.read_bytes()
    report = read_docx(str(path)).report
    assert read_docx(data).report == report
    assert read_docx(io.BytesIO(data)).report == report
    with pytest.raises(IngestError, match="binary"):
        read_docx(io.StringIO("<p>x</p>"))


def test_a_legacy_doc_names_the_conversion() -> None:
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(IngestError, match=r"soffice --headless --convert-to docx"):
        read_docx(legacy)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%!PS-Adobe", "does not begin as a zip"),
        (b"PK\x03\x04" + bytes(40), "damaged"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "no word/document.xml"),
    ],
)
def test_what_is_no_word_file_is_said(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        read_docx(data)


def test_too_many_entries_is_a_named_limit() -> None:
    parts = _parts("2023-shuyang-fgj") | {f"x/{n}.xml": b"" for n in range(MAX_DOCX_ENTRIES)}
    with pytest.raises(IngestError, match="MAX_DOCX_ENTRIES"):
        read_docx(_zip(parts))


def test_a_zip_bomb_is_a_named_limit() -> None:
    """An entry unpacking past the limit is refused before anything is unpacked."""
    parts = _parts("2023-shuyang-fgj") | {"word/media/bomb.bin": bytes(MAX_DOCX_UNPACKED_BYTES)}
    data = _zip(parts)
    assert len(data) < 1_000_000
    with pytest.raises(IngestError, match="MAX_DOCX_UNPACKED_BYTES"):
        read_docx(data)


def test_spans_over_many_tables_are_bounded_per_document() -> None:
    """Ten tables of 160,000 slots each, every one under MAX_SLOTS, are too many together."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100"/><w:vMerge{}/></w:tcPr><w:p/></w:tc>'
    first = "<w:tr>" + cell.format(' w:val="restart"') * 4 + "</w:tr>"
    table = "<w:tbl>" + first + ("<w:tr>" + cell.format("") * 4 + "</w:tr>") * 399 + "</w:tbl>"

    def one(xml: str) -> str:
        at = xml.index("<w:body>") + len("<w:body>")
        return xml[:at] + table + xml[at:]

    def ten(xml: str) -> str:
        at = xml.index("<w:body>") + len("<w:body>")
        return xml[:at] + table * 10 + xml[at:]

    # one such table is read with the rest of the report; ten are refused
    assert (
        read_docx(_with_body("2024-pingtan", one)).report
        == read_docx(CORPUS / "2024-pingtan.docx").report
    )
    with pytest.raises(
        IngestError, match=r"tables of more than 200,000 slots in all \(MAX_SLOTS\)"
    ):
        read_docx(_with_body("2024-pingtan", ten))


def test_without_the_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'gkdisclosure\[docx\]'") as caught:
        read_docx(CORPUS / "2024-pingtan.docx")
    assert caught.value.extra == "docx"
    assert isinstance(caught.value, ImportError)


def test_tables_inside_content_controls_and_rows_that_skip_columns() -> None:
    """A table in a content control (w:sdt), and w:gridBefore, keep every cell in its column."""

    def change(xml: str) -> str:
        start = xml.index("<w:tbl>", xml.index("第二十条第（一）项") - 3000)
        end = xml.index("</w:tbl>", start) + len("</w:tbl>")
        wrapped = f"<w:sdt><w:sdtContent>{xml[start:end]}</w:sdtContent></w:sdt>"
        return xml[:start] + wrapped + xml[end:]

    result = read_docx(_with_body("2024-pingtan", change))
    assert result.report == read_docx(CORPUS / "2024-pingtan.docx").report


def test_a_nested_table_is_read_where_it_stands() -> None:
    """The statutory tables inside a layout table's cell are still found."""

    def change(xml: str) -> str:
        start = xml.index("<w:tbl>")
        end = xml.rindex("</w:tbl>") + len("</w:tbl>")
        inner = xml[start:end]
        return xml[:start] + f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>" + xml[end:]

    result = read_docx(_with_body("2024-pingtan", change))
    assert result.report == read_docx(CORPUS / "2024-pingtan.docx").report
    source = result.provenance["requests.received.commercial"]
    assert source.position is not None
    assert source.position.table == 2


def test_a_document_without_tables_is_said() -> None:
    def change(xml: str) -> str:
        return re.sub(r"<w:tbl>.*</w:tbl>", "", xml, flags=re.DOTALL)

    with pytest.raises(IngestError, match="none of the statutory tables"):
        read_docx(_with_body("2024-pingtan", change))


def test_merges_become_row_spans() -> None:
    """vMerge restart spans the continuing rows below; a continue under no merge stands alone."""
    rows = [
        [(0, 1, "restart", "三、本年度办理结果"), (1, 2, None, "（一）予以公开")],
        [(0, 1, "continue", ""), (1, 1, "continue", "（二）"), (2, 1, None, "1")],
        [(0, 1, "continue", ""), (1, 2, None, "（七）总计")],
    ]
    spans = _spans(rows)
    assert [[(c.text, c.rowspan, c.colspan, c.left) for c in row] for row in spans] == [
        [("三、本年度办理结果", 3, 1, 0), ("（一）予以公开", 1, 2, 1)],
        [("（二）", 1, 1, 1), ("1", 1, 1, 2)],
        [("（七）总计", 1, 2, 1)],
    ]


def test_a_table_too_wide_is_a_named_limit() -> None:
    wide = '<w:tc><w:tcPr><w:gridSpan w:val="100"/></w:tcPr><w:p/></w:tc>' * 150

    def change(xml: str) -> str:
        at = xml.index("</w:tr>") + len("</w:tr>")
        return xml[:at] + f"<w:tr>{wide}</w:tr>" + xml[at:]

    with pytest.raises(IngestError, match="slots"):
        read_docx(_with_body("2024-pingtan", change))

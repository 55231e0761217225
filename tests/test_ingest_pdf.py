"""``read_pdf``: every corpus PDF read with every cell right, where each cell was printed, refusals.

The expected reports are transcribed by hand from the rendered pages
(``<document>.expected.json``); a PDF printed from a page shares that
page's truth, but for the cells its printing cut off.
"""

from __future__ import annotations

import functools
import io
import json
import random
import sys
from pathlib import Path

import pytest

import gkdisclosure
from gkdisclosure import MissingExtraError
from gkdisclosure.ingest import CellState, IngestError, IngestResult, read_html, read_pdf
from gkdisclosure.ingest._pdf_merge import _merge
from helpers import flatten, pdf_file

pypdfium2 = pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

CORPUS = Path(__file__).parent / "data" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".pdf")


@functools.cache
def _read(name: str) -> IngestResult:
    return read_pdf(CORPUS / name)


def test_the_corpus_pdfs_are_all_here() -> None:
    assert DOCUMENTS == [
        "2023-shuyang-fgj.docx.pdf",
        "2023-shuyang-fgj.print.pdf",
        "2024-huaian-shi.pdf",
        "2024-pingtan.docx.pdf",
        "2024-pingtan.print.pdf",
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_cell_is_right(name: str) -> None:
    expected_file = CORPUS / f"{name}.expected.json"
    got = flatten(gkdisclosure.to_dict(_read(name).report))
    expected = flatten(json.loads(expected_file.read_text("utf-8")))
    wrong = {
        path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value
    }
    assert wrong == {}
    assert _read(name).report == gkdisclosure.load(expected_file)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_number_has_its_page_and_box(name: str) -> None:
    """A number read from the tables' rules names the page and the cell's box on it."""
    for source in _read(name).provenance:
        if source.state is CellState.NUMBER and source.position is not None:
            assert source.page is not None, source.path
            if source.position.table is not None:
                assert source.box is not None, source.path
                x0, top, x1, bottom = source.box
                assert 0 <= x0 < x1 <= 612
                assert 0 <= top < bottom <= 842


def test_huaian_pages_and_boxes() -> None:
    """Checked on the rendered pages: 表二 on pages 3 and 4, 表三 over pages 4 and 5, 表四 on 5."""
    result = _read("2024-huaian-shi.pdf")
    expected = {
        "proactive.regulations.issued": 3,
        "proactive.fees.amount_10k_yuan": 4,
        "requests.received.natural_person": 4,
        "requests.unavailable.not_held.total": 4,
        "requests.unavailable.needs_compilation.natural_person": 5,
        "requests.carried_forward.total": 5,
        "review_litigation.litigation_after_review.total": 5,
    }
    assert {path: result.provenance[path].page for path in expected} == expected
    # 自然人 of 一、本年新收…, measured on page 4 rendered at 150 dpi: x 523-594 px, row at 975 px
    box = result.provenance["requests.received.natural_person"].box
    assert box is not None
    assert box[0] == pytest.approx(251, abs=3)
    assert box[2] == pytest.approx(285, abs=3)
    assert box[1] < 468 < box[3]
    assert result.provenance["requests.received.natural_person"].raw == "3001"


def test_huaian_title_over_two_lines() -> None:
    """淮安市人民政府 / 2024 年政府信息公开工作年度报告: the agency and year, not the metadata's."""
    report = _read("2024-huaian-shi.pdf").report
    assert (report.agency, report.year) == ("淮安市人民政府", 2024)


def test_kangxi_radicals_in_a_title_are_the_characters_they_stand_for() -> None:
    assert _read("2023-shuyang-fgj.print.pdf").report.agency == "沭阳县发展和改革局"


def test_blank_columns_stay_blank() -> None:
    """Only 自然人 and 总计 are printed: the five blank columns are unreported, not shifted."""
    result = _read("2023-shuyang-fgj.print.pdf")
    assert result.report.requests is not None
    row = result.report.requests.received
    assert row.values() == (26, None, None, None, None, None, 26)
    assert result.provenance["requests.received.commercial"].state is CellState.BLANK


def test_cells_cut_off_by_the_page_are_unknown() -> None:
    """In the LibreOffice PDF 表四 runs off the page: what is not printed is None, not read."""
    result = _read("2023-shuyang-fgj.docx.pdf")
    assert result.report.review_litigation is not None
    row = result.report.review_litigation.litigation_after_review
    assert (row.other, row.pending, row.total) == (None, None, None)
    for column in ("other", "pending", "total"):
        source = result.provenance[f"review_litigation.litigation_after_review.{column}"]
        assert source.state is not CellState.NUMBER


def test_a_row_cut_by_a_page_break_is_one_row() -> None:
    """一、本年新收… breaks from page 5 to 6 in the LibreOffice PDF, its 总计 "2" / "6" with it."""
    result = _read("2023-shuyang-fgj.docx.pdf")
    source = result.provenance["requests.received.total"]
    assert (source.raw, source.state, source.page) == ("26", CellState.NUMBER, 5)


def test_the_readings_agree_on_the_corpus() -> None:
    for name in DOCUMENTS:
        assert _read(name).notes_about("pdf.disagree") == ()


def test_bytes_and_files_are_content(tmp_path: Path) -> None:
    data = (CORPUS / "2023-shuyang-fgj.docx.pdf").read_bytes()
    by_bytes = read_pdf(data)
    by_file = read_pdf(io.BytesIO(data))
    assert by_bytes.report == by_file.report == _read("2023-shuyang-fgj.docx.pdf").report
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert read_pdf(str(path)).report == by_bytes.report


def _blank_pdf(pages: int) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a password (no empty user password)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>",
    ]
    return pdf_file(objects, b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<html>not a pdf</html>", "not a PDF"),
        (_encrypted_pdf(), "encrypted"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "damaged"),
    ],
)
def test_unreadable_pdfs_say_why(data: bytes, says: str) -> None:
    with pytest.raises(IngestError, match=says):
        read_pdf(data)


def test_a_scan_without_text_is_refused_and_ocr_is_named() -> None:
    with pytest.raises(IngestError, match=r"no text layer.*OCR is not supported"):
        read_pdf(_blank_pdf(1))


def test_the_limits_are_named() -> None:
    with pytest.raises(IngestError, match="more than 200"):
        read_pdf(_blank_pdf(201))
    with pytest.raises(IngestError, match="50 MiB"):
        read_pdf(b"%PDF-1.4\n" + bytes(50 * 1024 * 1024))


def test_a_missing_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'gkdisclosure\[pdf\]'"):
        read_pdf(CORPUS / "2024-huaian-shi.pdf")


def test_other_sources_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected a path"):
        read_pdf(42)  # type: ignore[arg-type]


def test_mutated_pdfs_raise_only_the_library_error() -> None:
    """Flipped bytes and truncations, seeded: a report, or an IngestError, nothing else."""
    original = (CORPUS / "2023-shuyang-fgj.docx.pdf").read_bytes()
    rng = random.Random(11)  # noqa: S311 - reproducible mutations, not secrets
    outcomes: set[type] = set()
    for attempt in range(8):
        data = bytearray(original)
        if attempt % 2:
            data = data[: rng.randrange(16, len(data))]
        for _ in range(rng.randrange(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_pdf(bytes(data))
        except IngestError as error:
            outcomes.add(type(error))
        else:
            outcomes.add(IngestResult)
    assert outcomes <= {IngestError, IngestResult}


@functools.cache
def _page(old: str = "", new: str = "") -> IngestResult:
    text = (CORPUS / "2024-pingtan.html").read_bytes().decode("utf-8")
    assert old in text
    return read_html(text.replace(old, new, 1).encode("utf-8"))


def test_two_readings_that_disagree_leave_the_cell_unreported() -> None:
    """The rules read 217 where the text reads 216: neither is trusted."""
    merged = _merge(_page(), _page("217</p>", "216</p>"))
    path = "requests.received.natural_person"
    assert merged.report.requests is not None
    assert merged.report.requests.received.natural_person is None
    assert merged.report.requests.received.total == 218
    source = merged.provenance[path]
    assert source.state is CellState.UNREADABLE
    assert source.reason is not None
    assert "'217'" in source.reason
    assert "'216'" in source.reason
    (note,) = merged.notes_about("pdf.disagree")
    assert note.paths == (path,)


def test_a_row_no_rules_give_is_taken_from_the_text() -> None:
    """A row the geometry did not find comes from the text, and says so."""
    geometry = _page("二、上年结转政府信息公开申请数量", "未知的行")
    assert geometry.report.requests is not None
    assert geometry.report.requests.carried_over.values() == (None,) * 7
    merged = _merge(geometry, _page())
    assert merged.report.requests is not None
    assert merged.report.requests.carried_over.values() == (0,) * 7
    assert [note.paths for note in merged.notes_about("pdf.text")] == [("requests.carried_over",)]
    assert not any("requests.carried_over" in note.paths for note in merged.notes_about("row."))
    assert merged.report == _page().report


def test_when_the_rules_cannot_be_read_the_text_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError(args[:0])

    monkeypatch.setattr("gkdisclosure.ingest.pdf.lay_out", broken)
    result = read_pdf(CORPUS / "2024-pingtan.docx.pdf")
    assert result.report == _read("2024-pingtan.docx.pdf").report
    (note,) = result.notes_about("pdf.text")
    assert "could not be read" in note.message
    source = result.provenance["requests.received.total"]
    assert (source.page, source.box) == (4, None)


def test_when_the_text_cannot_be_read_the_rules_are(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise IngestError("no table")

    monkeypatch.setattr("gkdisclosure.ingest._pdf_merge.read_text_document", refuse)
    assert (
        read_pdf(CORPUS / "2024-pingtan.docx.pdf").report == _read("2024-pingtan.docx.pdf").report
    )
    monkeypatch.setattr("gkdisclosure.ingest.pdf.lay_out", refuse)
    with pytest.raises(IngestError, match="no table"):
        read_pdf(CORPUS / "2024-pingtan.docx.pdf")


def test_a_text_file_is_no_pdf_source() -> None:
    with pytest.raises(TypeError, match="a PDF is binary"):
        read_pdf(io.StringIO("%PDF-1.4"))


def test_metadata_that_cannot_be_decoded_is_no_title(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium's metadata of a damaged file can be broken UTF-16: the report is still read."""

    def broken(*_: object, **__: object) -> dict[str, str]:
        return {"Title": b"\x00\xd8".decode("utf-16-le")}

    monkeypatch.setattr(pypdfium2.PdfDocument, "get_metadata_dict", broken)
    name = "2024-huaian-shi.pdf"
    assert read_pdf(CORPUS / name).report == _read(name).report

"""read(): one entry point that tells a document's kind by its content."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

import gkdisclosure
from gkdisclosure import IngestError, ReportDataError
from gkdisclosure.cli import main
from gkdisclosure.ingest import CellState, read, read_pdf, sniff

CORPUS = Path(__file__).parent / "data" / "corpus"
SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\n\n%PDF-1.4", "pdf"),
        (_zip("word/document.xml", b"<w:document/>"), "docx"),
        (b"PK\x03\x04damaged", "docx"),
        (b'\xef\xbb\xbf  {"edition": "2021"}', "json"),
        (b"[]", "json"),
        ("{}", "json"),
        (b"<!DOCTYPE html><html>", "html"),
        ("<div><p>报告</p></div>", "html"),
        ("<P class=x>", "html"),
        ("一、总体情况\n本年新收…", "text"),
        (b"", "text"),
    ],
)
def test_the_kind_is_told_by_the_content(content: bytes | str, kind: str) -> None:
    assert sniff(content) == kind


def test_a_legacy_doc_and_other_zips_are_refused() -> None:
    with pytest.raises(IngestError, match="soffice --headless --convert-to docx"):
        sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(IngestError, match="no Word file"):
        sniff(_zip("xl/workbook.xml", b"<workbook/>"))


@pytest.mark.parametrize(
    "name", ["2024-pingtan.html", "2019-shanghai-bgt.html", "2021-fujian-gxt.txt"]
)
def test_pages_and_text_read_as_their_own_reader_reads_them(name: str) -> None:
    """read() of a path, of bytes and of io.StringIO agrees with the reader of the kind."""
    path = CORPUS / name
    own = (gkdisclosure.read_html if name.endswith(".html") else gkdisclosure.read_text)(path)
    assert read(path) == own
    assert read(str(path)).report == own.report
    assert read(path.read_bytes()).report == own.report
    assert read(io.StringIO(path.read_text("utf-8"))).report == own.report


def test_a_json_report_is_an_ingest_result_saying_so() -> None:
    result = read(SAMPLE)
    assert result.report == gkdisclosure.load(SAMPLE)
    assert [note.code for note in result.notes] == ["source.json"]
    assert str(SAMPLE) in result.notes[0].message
    assert result.narrative == ()
    received = result.provenance["requests.received.total"]
    assert (received.state, received.raw, received.position) == (CellState.NUMBER, "11", None)
    fee = result.provenance["proactive.fees.amount_10k_yuan"]
    assert fee.raw == "800.68"
    assert len(result.provenance) == sum(1 for _ in result.provenance)
    assert read(io.StringIO(SAMPLE.read_text("utf-8"))).report == result.report


def test_a_json_report_with_blanks_has_blank_cells() -> None:
    expected = CORPUS / "2023-shuyang-fgj.html.expected.json"
    result = read(expected)
    assert result.provenance["requests.received.commercial"].state is CellState.BLANK
    assert result.provenance["requests.received.total"].state is CellState.NUMBER


def test_an_invalid_json_report_is_a_report_data_error() -> None:
    with pytest.raises(ReportDataError):
        read(io.StringIO('{"edition": "2021"}'))


def test_format_forces_a_reader() -> None:
    page = (CORPUS / "2024-pingtan.html").read_bytes()
    with pytest.raises(ReportDataError, match="not a valid report"):
        read(page, format="json")
    with pytest.raises(IngestError, match="does not begin as a zip"):
        read(page, format="docx")
    with pytest.raises(ValueError, match="format must be one of"):
        read(page, format="xlsx")  # type: ignore[arg-type]


def test_a_pdf_is_read_by_read_pdf() -> None:
    published = CORPUS / "2024-huaian-shi.pdf"
    assert read(published).report == read_pdf(published).report
    with pytest.raises(IngestError, match="damaged") as caught:
        read(b"%PDF-1.7\n%\xe2\xe3")
    assert caught.value.source is None


def test_a_name_says_what_content_does_not(tmp_path: Path) -> None:
    """An empty .json file is a JSON error, not a text without tables."""
    empty = tmp_path / "report.json"
    empty.write_bytes(b"")
    with pytest.raises(ReportDataError):
        read(empty)
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(IngestError, match="does not begin as a zip") as caught:
        read(broken)
    assert caught.value.source == str(broken)


def test_options_go_to_the_reader() -> None:
    result = read(CORPUS / "2024-pingtan.html", agency="某区", year=2030, infer=False)
    assert (result.report.agency, result.report.year) == ("某区", 2030)


def test_the_command_line_reads_word_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert and validate take a Word file; a folder of them runs as a batch with --jobs."""
    pytest.importorskip("docx", reason="the docx extra is not installed")
    out = tmp_path / "out.json"
    assert main(["convert", str(CORPUS / "2024-pingtan.docx"), "-o", str(out)]) == 0
    expected = json.loads((CORPUS / "2024-pingtan.html.expected.json").read_text("utf-8"))
    assert json.loads(out.read_text("utf-8")) == expected
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("2024-pingtan.docx", "2023-shuyang-fgj.docx"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    capsys.readouterr()
    status = main(["validate", str(folder), "--jobs", "2", "--format", "jsonl", "--no-progress"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 2
    by_file = {Path(line["file"]).name: line for line in lines}
    assert set(by_file) == {"2024-pingtan.docx", "2023-shuyang-fgj.docx", "old.doc"}
    assert "soffice" in by_file["old.doc"]["error"]
    assert by_file["2023-shuyang-fgj.docx"]["agency"] == "沭阳县发展和改革局"


@pytest.mark.parametrize("name", ["2024-pingtan", "2023-shuyang-fgj"])
def test_word_files_are_read_with_every_cell_right(name: str) -> None:
    """The Word conversions of two pages, through read(), against the pages' transcriptions."""
    pytest.importorskip("docx", reason="the docx extra is not installed")
    result = read(CORPUS / f"{name}.docx")
    expected = CORPUS / f"{name}.html.expected.json"
    assert gkdisclosure.to_dict(result.report) == json.loads(expected.read_text("utf-8"))
    assert result.provenance["requests.received.total"].state is CellState.NUMBER
    assert result == gkdisclosure.read_docx(CORPUS / f"{name}.docx")


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(40))
    with pytest.raises(IngestError) as caught:
        read(path)
    assert caught.value.source == str(path)

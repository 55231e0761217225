"""A placeholder printed for a number is not reported, by every reader, and never a number.

FORMAT.md §6 D4: '"/" and "-" placeholders in numeric cells. "—", "无" and "/" are plausible
too'; D2: "Treat a blank as *missing*, not 0". Reports also print "不适用" (not applicable) in
cells they do not fill. Each case below is a real corpus document with one number replaced by a
placeholder: the cell is ``None`` in the state ``placeholder``, the rest of its row is read as
printed, and ``report.incomplete_table`` counts the cell.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gkdisclosure import IngestResult, Status, validate
from gkdisclosure.catalog import ValueKind, vocabulary
from gkdisclosure.ingest import CellState, read_docx, read_html, read_text
from gkdisclosure.ingest._cells import read_cell
from gkdisclosure.ingest._pdf_merge import _merge

CORPUS = Path(__file__).parent / "data" / "corpus"
#: FORMAT.md §6 D4's placeholders, and "不适用".
MARKS = ("/", "-", "—", "无", "不适用")


def _html(mark: str) -> IngestResult:
    """2024-pingtan.html with 一、本年新收 自然人 (217) printed as the mark."""
    page = (CORPUS / "2024-pingtan.html").read_text(encoding="utf-8")
    old = '<p style="text-indent: 0em;">217</p>'
    assert page.count(old) == 2  # 一、本年新收 and （七）总计; the first is 一
    return read_html(io.StringIO(page.replace(old, f'<p style="text-indent: 0em;">{mark}</p>', 1)))


def _text(mark: str) -> IngestResult:
    """2021-fujian-gxt.txt (text of the published PDF) with (一) 予以公开 自然人 (8) as the mark."""
    text = (CORPUS / "2021-fujian-gxt.txt").read_text(encoding="utf-8")
    old = "(一) 予以公开\t8\t"
    assert text.count(old) == 1
    return read_text(io.StringIO(text.replace(old, f"(一) 予以公开\t{mark}\t")))


def _markdown(mark: str) -> IngestResult:
    """2025-shanghai-bgt.md (a converter's Markdown) with 二、上年结转 自然人 (170) as the mark."""
    text = (CORPUS / "2025-shanghai-bgt.md").read_text(encoding="utf-8")
    old = "| 二、上年结转政府信息公开申请数量 | 170 |"
    assert text.count(old) == 1
    return read_text(
        io.StringIO(text.replace(old, f"| 二、上年结转政府信息公开申请数量 | {mark} |"))
    )


def _docx(mark: str) -> IngestResult:
    """2024-pingtan.docx with 一、本年新收 自然人 (217) as the mark."""
    with zipfile.ZipFile(CORPUS / "2024-pingtan.docx") as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    body = parts["word/document.xml"].decode("utf-8")
    assert body.count("<w:t>217</w:t>") == 2
    parts["word/document.xml"] = body.replace("<w:t>217</w:t>", f"<w:t>{mark}</w:t>", 1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return read_docx(buffer.getvalue())


def _pdf_readings(mark: str) -> IngestResult:
    """A PDF's two readings (its ruled tables and its text layer) that both read the mark."""
    return _merge(_html(mark), _html(mark))


READERS: dict[str, tuple[Callable[[str], IngestResult], str, tuple[int | None, ...]]] = {
    "html": (_html, "requests.received", (None, 1, 0, 0, 0, 0, 218)),
    "text": (_text, "requests.granted", (None, 0, 0, 0, 0, 0, 8)),
    "markdown": (_markdown, "requests.carried_over", (None, 15, 0, 0, 4, 0, 189)),
    "docx": (_docx, "requests.received", (None, 1, 0, 0, 0, 0, 218)),
    "pdf": (_pdf_readings, "requests.received", (None, 1, 0, 0, 0, 0, 218)),
}


@pytest.mark.parametrize("mark", MARKS)
def test_a_placeholder_is_a_cell_not_reported(mark: str) -> None:
    """The cell reader: no value, the state ``placeholder``, the text kept."""
    reading = read_cell(mark, ValueKind.COUNT)
    assert (reading.state, reading.value, reading.raw) == (CellState.PLACEHOLDER, None, mark)
    assert read_cell(f" {mark} ", ValueKind.AMOUNT).state is CellState.PLACEHOLDER


def test_not_applicable_is_a_placeholder_in_both_scripts() -> None:
    """ "不适用" and its Traditional spelling "不適用" are placeholders, as "无" and "無" are."""
    assert {"不适用", "不適用", "无", "無"} <= vocabulary.PLACEHOLDERS


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_a_placeholder_as_not_reported(reader: str, mark: str) -> None:
    """The cell is None in the state placeholder; its row keeps every other number it prints."""
    read, row, values = READERS[reader]
    result = read(mark)
    path = f"{row}.natural_person"
    source = result.provenance[path]
    assert (source.state, source.raw) == (CellState.PLACEHOLDER, mark)
    table, key = row.split(".")
    printed = getattr(getattr(result.report, table), key)
    assert printed.values() == values


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("reader", sorted(READERS))
def test_incomplete_table_counts_the_placeholder(reader: str, mark: str) -> None:
    """``report.incomplete_table`` names the cell; no identity reads it as a number."""
    read, row, _ = READERS[reader]
    result = read(mark)
    path = f"{row}.natural_person"
    findings = validate(result.report)
    (incomplete,) = [
        f for f in findings.for_rule("report.incomplete_table") if f.path == "requests"
    ]
    assert path in incomplete.missing
    reading_it = [f for f in findings if path in f.operands or path == f.path]
    assert reading_it == []  # what reads the cell cannot be checked, and says it lacks it
    assert any(path in f.missing for f in findings if f.rule.startswith("requests."))


def test_a_placeholder_is_read_as_zero_only_on_request_and_then_said() -> None:
    """``blank_as_zero`` reads it as 0 (so 一 no longer adds up) and every finding says so."""
    path = "requests.received.natural_person"
    findings = validate(_html("不适用").report, blank_as_zero=True)
    assumed = [f for f in findings if path in f.assumed_zero]
    assert {f.rule for f in assumed} == {"requests.applicant_sum", "requests.ledger"}
    assert all(f.status is Status.FAILED for f in assumed)

"""Text extracted from the corpus PDFs by four extractors: every cell right, or None with a note.

Extractors disagree on reading order: pypdfium2 keeps each row on its line;
pdfplumber splits "1." from its label; ``pdftotext`` without ``-layout``
prints table cells one per line, by column, or numbers before their label;
``pdftotext -layout`` spreads labels over several lines around the numbers.
Whatever the extractor, :func:`read_text` must never give a wrong number.
The truths are the hand transcriptions: the HTML page's for its Chromium and
LibreOffice PDFs (the same published numbers), the PDF's own for the
published 淮安 report.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import gkdisclosure
from gkdisclosure.ingest import CellState, IngestResult, read_text
from helpers import flatten

CORPUS = Path(__file__).parent / "data" / "corpus"
TRUTH = {
    "2024-huaian-shi.pdf": "2024-huaian-shi.pdf.expected.json",
    "2024-pingtan.print.pdf": "2024-pingtan.html.expected.json",
    "2024-pingtan.docx.pdf": "2024-pingtan.html.expected.json",
    "2023-shuyang-fgj.print.pdf": "2023-shuyang-fgj.html.expected.json",
    "2023-shuyang-fgj.docx.pdf": "2023-shuyang-fgj.html.expected.json",
}
EXTRACTORS = ("pypdfium2", "pdfplumber", "pdftotext", "pdftotext-layout")
#: Measured: pypdfium2 keeps every row of these on one line, so every cell reads.
FULLY_READ = {
    ("2024-huaian-shi.pdf", "pypdfium2"),
    ("2024-pingtan.print.pdf", "pypdfium2"),
    ("2024-pingtan.docx.pdf", "pypdfium2"),
}


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: .ci/run installs poppler-utils")
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed")
    return found


@functools.cache
def _extract(document: str, extractor: str) -> str:
    path = CORPUS / document
    if extractor == "pypdfium2":
        import pypdfium2  # noqa: PLC0415 - the pdf extra

        pdf = pypdfium2.PdfDocument(path)
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in pdf)
        finally:
            pdf.close()
    if extractor == "pdfplumber":
        import pdfplumber  # noqa: PLC0415 - the pdf extra

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    command = [_pdftotext(), *(["-layout"] if extractor == "pdftotext-layout" else [])]
    done = subprocess.run(  # noqa: S603 - a fixed command on a corpus file
        [*command, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _cells(data: dict[str, Any]) -> dict[str, Any]:
    return {path: value for path, value in flatten(data).items() if path.count(".") >= 2}


def _noted(result: IngestResult, path: str) -> bool:
    return any(
        path == noted or path.startswith(noted + ".")
        for note in result.notes
        for noted in note.paths
    )


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("document", sorted(TRUTH))
def test_no_cell_is_ever_wrong(document: str, extractor: str) -> None:
    """Each cell is the published number, or None with a note saying why."""
    truth = json.loads((CORPUS / TRUTH[document]).read_text("utf-8"))
    result = read_text(io.StringIO(_extract(document, extractor)))
    got = _cells(gkdisclosure.to_dict(result.report))
    wrong = {p: (got.get(p), v) for p, v in _cells(truth).items() if got.get(p) not in (v, None)}
    assert wrong == {}
    silent = [
        path
        for path, value in _cells(truth).items()
        if got.get(path) is None and value is not None and not _noted(result, path)
    ]
    assert silent == []
    assert (result.report.agency, result.report.year) == (truth["agency"], truth["year"])
    if (document, extractor) in FULLY_READ:
        assert got == _cells(truth)
    for path in got:
        state = result.provenance[path].state
        assert (got[path] is not None) == (state in {CellState.NUMBER, CellState.INFERRED})


def _numbers_first(text: str) -> str:
    """The text with each line "label n1 … n7" printed as "n1 … n7" then "label"."""
    lines: list[str] = []
    for line in text.splitlines():
        match = re.fullmatch(r"(\D.*?)\s+((?:[0-9]+\s+){6}[0-9]+)\s*", line)
        lines.extend([match[2], match[1]] if match else [line])
    return "\n".join(lines)


def test_numbers_before_their_labels_are_refused() -> None:
    """Each row's numbers before its label: read label by label, each row takes the next's.

    The reader sees the numbers before the first label and the last label left
    bare, and refuses the whole table rather than shift every row.
    """
    document = "2024-huaian-shi.pdf"
    text = _numbers_first(_extract(document, "pypdfium2"))
    assert text != _extract(document, "pypdfium2")
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    got = _cells(gkdisclosure.to_dict(result.report))
    assert {path: value for path, value in got.items() if path.startswith("requests.")} == {
        path: None for path in got if path.startswith("requests.")
    }
    (first, *_) = result.notes_about("cells.shifted")
    assert "precede its label" in first.message
    truth = _cells(json.loads((CORPUS / TRUTH[document]).read_text("utf-8")))
    assert {p: v for p, v in got.items() if v is not None} == {
        p: v for p, v in truth.items() if got[p] is not None
    }
    assert got["review_litigation.review.total"] == truth["review_litigation.review.total"]

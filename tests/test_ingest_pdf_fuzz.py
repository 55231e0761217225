"""Damaged PDFs: the corpus's PDFs with bytes changed, cut or cut out, read by the API and the CLI.

``read_pdf`` returns a result or raises :exc:`IngestError`, nothing else;
the command exits 0, 1 or 2, and when it refuses a file says so on one
line, without a traceback.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdisclosure.cli import main
from gkdisclosure.ingest import IngestError, IngestResult, read_pdf

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

CORPUS = Path(__file__).parent / "data" / "corpus"
PDFS = {path.name: path.read_bytes() for path in sorted(CORPUS.glob("*.pdf"))}


#: What is done to a PDF: bytes set (where, to what), a stretch cut out (where, how long), and
#: where the file is cut off — drawn small, so that a failing example prints short.
Damage = tuple[str, list[tuple[float, int]], tuple[float, int] | None, float | None]

DAMAGE = st.tuples(
    st.sampled_from(sorted(PDFS)),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=40),
    st.none() | st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 4096)),
    st.none() | st.floats(0, 1),
)


def damaged(damage: Damage) -> bytes:
    """A corpus PDF with some bytes changed, a stretch cut out, and maybe its end cut off."""
    name, changes, hole, end = damage
    data = bytearray(PDFS[name])
    for where, value in changes:
        data[int(where * len(data))] = value
    if hole is not None:
        start = int(hole[0] * len(data))
        del data[start : start + hole[1]]
    if end is not None:
        data = data[: int(end * len(data))]
    return bytes(data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DAMAGE)
def test_a_damaged_pdf_is_read_or_refused_with_the_library_error(damage: Damage) -> None:
    said: str | IngestResult
    try:
        said = read_pdf(damaged(damage))
    except IngestError as error:
        said = str(error)
    assert isinstance(said, IngestResult) or (said and "Traceback" not in said)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(damage=DAMAGE, command=st.sampled_from(["validate", "convert"]))
def test_the_command_reads_or_refuses_a_damaged_pdf_on_one_line(
    tmp_path: Path, damage: Damage, command: str
) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged(damage))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([command, str(path)])
    said = err.getvalue()
    assert status in {0, 1, 2}, said
    assert "Traceback" not in said + out.getvalue()
    if status == 2:  # a file that cannot be read
        assert said.count("\n") == 1, said
        assert said.startswith(f"gkdisclosure: {path}: "), said

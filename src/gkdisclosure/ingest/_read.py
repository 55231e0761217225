"""One entry point for every kind of document: :func:`read` tells the kind by the content.

The first bytes decide (a file's name only where they tell nothing): ``%PDF`` is a PDF, a zip
holding ``word/document.xml`` a Word file, the OLE2 signature a legacy
Word file (refused with the conversion to use), ``{`` or ``[`` a JSON
report, markup an HTML page, and anything else text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePath
from typing import Any, Final, Literal, TypeAlias

from .._source import open_source
from ..catalog import edition as edition_spec
from ..converter import MAX_DOCUMENT_BYTES, load, to_dict
from ..errors import OptionError
from ..model import Report
from ._decode import MAX_INPUT_BYTES, Source
from ._result import CellSource, CellState, IngestError, IngestNote, IngestResult, Provenance
from .docx import LEGACY_DOC, OLE2_MAGIC, ZIP_MAGIC, read_docx
from .html import read_html
from .pdf import MAX_PDF_BYTES, read_pdf
from .text import read_text

__all__ = ["FORMATS", "Format", "read", "sniff"]

#: The kinds of document :func:`read` knows, by the name ``format=`` takes.
Format: TypeAlias = Literal["pdf", "docx", "html", "text", "json"]
FORMATS: Final[tuple[Format, ...]] = ("pdf", "docx", "html", "text", "json")

_SNIFF_BYTES: Final = 64 * 1024
_HTML_MARKS: Final = (b"<table", b"<html", b"<!doctype", b"<body", b"<div", b"<p>", b"<p ")
_PDF_MAGIC: Final = b"%PDF-"
#: Where a PDF's header may start (readers accept it within the first kilobyte).
_PDF_WINDOW: Final = 1024
_SUFFIXES: Final[Mapping[str, Format]] = {
    ".json": "json",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
_JSON_NOTE: Final = "a report in the JSON contract: every cell as the document gives it"


def read(source: Source, *, format: Format | None = None, **options: Any) -> IngestResult:  # noqa: A002 - the name users expect, as pandas.read_* and json tools use
    """Read a report from any document: PDF, Word, HTML, text or a JSON report.

    ``source`` is a path (``str`` or :class:`os.PathLike`), the
    document's bytes or a binary file object, or :class:`io.StringIO`
    holding a page, a text or a JSON document. The kind is told by the
    content (see :func:`~gkdisclosure.ingest.sniff`); where the content tells nothing (plain
    text, an empty or damaged file), a file named ``.json``, ``.docx``,
    ``.pdf``, ``.html`` or ``.htm`` is read as that kind, so that its
    error speaks of it. ``format`` forces one of :data:`~gkdisclosure.ingest.FORMATS`.
    ``options`` go to the reader chosen (``agency``, ``year``,
    ``edition``, ``infer`` for the document readers).

    A JSON report is read with :func:`~gkdisclosure.load` and returned as
    an :class:`IngestResult` too: every cell's provenance has the state
    ``number`` (or ``blank`` for ``null``), the printed value as ``raw``,
    no position, and one note, ``source.json``; the options, which a
    JSON report states itself, are not used.

    Raises :exc:`IngestError` for a legacy ``.doc``, a PDF or a Word file
    while its extra is not installed, and whatever the chosen reader raises.
    """
    if format is not None and format not in FORMATS:
        msg = f"format must be one of {', '.join(FORMATS)}, not {format!r}"
        raise OptionError(msg)
    opened = open_source(source, limit=MAX_PDF_BYTES)
    content = opened.content
    kind = format or sniff(content)
    if kind != "pdf" and isinstance(content, bytes) and len(content) > MAX_INPUT_BYTES:
        reason = f"the document is more than {MAX_INPUT_BYTES:,} bytes; a report is at most a few"
        raise IngestError(reason + " megabytes", opened.name)
    if format is None and kind == "text" and opened.name is not None:
        # content that says nothing (empty, damaged): the file's name tells what it was meant to be
        kind = _SUFFIXES.get(PurePath(opened.name).suffix.lower(), kind)
    if kind == "json":
        return _json(content, opened.name)
    given: bytes | io.StringIO = io.StringIO(content) if isinstance(content, str) else content
    reader = _READERS[kind]
    try:
        return reader(given, **options)
    except IngestError as error:
        raise IngestError(error.reason, error.source or opened.name) from None


def sniff(content: bytes | str) -> Format:
    """The kind of a document, from its first bytes (see the module's description).

    Raises :exc:`IngestError` for a legacy Word file (``.doc``) and for a
    zip archive that is no Word file.
    """
    if isinstance(content, str):
        head = content[:_SNIFF_BYTES].encode("utf-8", "replace")
    else:
        head = content[:_SNIFF_BYTES]
        if _PDF_MAGIC in head[:_PDF_WINDOW]:
            return "pdf"
        if head.startswith(OLE2_MAGIC):
            raise IngestError(LEGACY_DOC)
        if head.startswith(ZIP_MAGIC):
            if _is_word(content):
                return "docx"
            raise IngestError("a zip archive that is no Word file (it has no word/document.xml)")
    opening = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if opening in {b"{", b"["}:
        return "json"
    lowered = head.lower()
    return "html" if any(mark in lowered for mark in _HTML_MARKS) else "text"


def _is_word(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return True  # damaged: the Word reader says how


_READERS: Final[Mapping[str, Callable[..., IngestResult]]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "html": read_html,
    "text": read_text,
}


def _json(content: bytes | str, name: str | None) -> IngestResult:
    if len(content) > MAX_DOCUMENT_BYTES:
        content = content[: MAX_DOCUMENT_BYTES + 1]
    report = load(io.StringIO(content) if isinstance(content, str) else content)
    cells = tuple(_cells(report))
    note = IngestNote("source.json", (), _JSON_NOTE + (f" ({name})" if name else ""))
    return IngestResult(report=report, provenance=Provenance(cells), notes=(note,), narrative=())


def _cells(report: Report) -> Iterator[CellSource]:
    """The provenance of a JSON report's cells: each value as given, no position."""
    data = to_dict(report)
    spec = edition_spec(report.edition)
    for table in spec.tables:
        if data.get(table.key) is None:
            continue
        for cell in table.cells():
            value = _at(data, cell.path)
            if value is _ABSENT:
                continue
            yield CellSource(
                path=cell.path,
                state=CellState.BLANK if value is None else CellState.NUMBER,
                raw="" if value is None else str(value),
                row_label=cell.row.zh,
                column_label=cell.column.zh,
                position=None,
            )


_ABSENT: Final = object()


def _at(data: Mapping[str, Any], path: str) -> object:
    found: Any = data
    for key in path.split("."):
        if not isinstance(found, Mapping) or key not in found:
            return _ABSENT
        found = found[key]
    return found

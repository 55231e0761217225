"""Read a report from a Word file (``.docx``): paragraphs and tables into the HTML reader's grid.

The file is a zip archive, bounded before anything is decompressed: its
size, its number of entries and the size its entries unpack to (a zip
bomb ends in an :exc:`IngestError` naming the limit). python-docx (the
``docx`` extra) opens the package; the body is walked in document order:
each paragraph is a line of text, each table (``w:tbl``) a grid whose
``w:gridSpan`` and ``w:vMerge`` become the column and row spans of the
HTML reader's grid, so tables, rows and cells are found by the same
labels in the same way. A legacy binary ``.doc`` is refused with the
conversion that turns it into a ``.docx``.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import Any, Final, TypeAlias

from .._source import open_source
from ..catalog import Edition
from ..errors import MissingExtraError
from ._decode import MAX_INPUT_BYTES, Source, guarded
from ._markup import (
    MAX_CELLS,
    MAX_COLSPAN,
    MAX_NESTING,
    MAX_ROWSPAN,
    MAX_SLOTS,
    NESTED,
    Document,
    Grid,
    Paragraph,
    SpanCell,
    build_grid,
)
from ._result import IngestError, IngestNote, IngestResult
from .html import read_document

# An element of the document's XML tree (lxml's, which python-docx parses with); lxml
# ships no type hints.
_Element: TypeAlias = Any

__all__ = ["MAX_DOCX_ENTRIES", "MAX_DOCX_UNPACKED_BYTES", "read_docx"]

#: The most entries a Word file may hold; a report has a few dozen (parts, images).
MAX_DOCX_ENTRIES: Final = 1_000
#: The most a Word file's entries may unpack to, together (100 MiB).
MAX_DOCX_UNPACKED_BYTES: Final = 100 * 1024 * 1024

#: How a legacy Word file (OLE2 compound document) begins.
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC: Final = b"PK\x03\x04"
_MAIN_PART: Final = "word/document.xml"
_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_VAL: Final = f"{_W}val"
# Elements that wrap paragraphs, rows or cells without changing them.
_WRAPPERS: Final = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})
#: Why a legacy Word file is refused, and what to do.
LEGACY_DOC: Final = (
    "a legacy Word file (.doc) is not read: convert it to .docx first, "
    "for example with `soffice --headless --convert-to docx FILE.doc`"
)


def read_docx(
    source: Source,
    *,
    agency: str | None = None,
    year: int | None = None,
    edition: Edition | str | None = None,
    infer: bool = True,
) -> IngestResult:
    """Read a report from a Word file (``.docx``, as Word, WPS or LibreOffice save it).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the file's
    bytes or a binary file object. The options are those of
    :func:`~gkdisclosure.ingest.read_html`; the agency and year come from
    the first paragraphs, else from the file's title property.

    Needs the ``docx`` extra (python-docx): without it
    :exc:`~gkdisclosure.MissingExtraError`. Raises :exc:`IngestError` for
    a path that cannot be read, a legacy ``.doc``, a file that is no Word
    file or is damaged, one past the size limits (:data:`~gkdisclosure.ingest.MAX_INPUT_BYTES`,
    :data:`~gkdisclosure.ingest.MAX_DOCX_ENTRIES`,
    :data:`~gkdisclosure.ingest.MAX_DOCX_UNPACKED_BYTES`), and as
    :func:`~gkdisclosure.ingest.read_html` does when no table, title or
    edition is found.
    """
    which = None if edition is None else Edition(edition)
    data, name = _content(source)
    given = (agency, year, which)
    return guarded(lambda: _read(data, name, given, infer=infer), name, "Word file")


def _content(source: Source) -> tuple[bytes, str | None]:
    opened = open_source(source, limit=MAX_INPUT_BYTES)
    if isinstance(opened.content, str):
        reason = "a Word file is binary: pass its path, its bytes or a file opened in binary mode"
        raise IngestError(reason, opened.name)
    if len(opened.content) > MAX_INPUT_BYTES:
        reason = f"the file is more than {MAX_INPUT_BYTES:,} bytes; a report is a few megabytes"
        raise IngestError(reason, opened.name)
    return opened.content, opened.name


def _read(
    data: bytes,
    name: str | None,
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
) -> IngestResult:
    _check_package(data)
    body, title = _open(data)
    document = _Builder().document(body)
    notes: list[IngestNote] = []
    return read_document(document, name, notes, given, infer=infer, fallback=title)


def _check_package(data: bytes) -> None:
    """Refuse what is no Word zip, or one that would unpack past the limits, before unpacking.

    The sizes checked are those the archive declares; Python's zip module
    never unpacks an entry past its declared size.
    """
    if data.startswith(OLE2_MAGIC):
        raise IngestError(LEGACY_DOC)
    if not data.startswith(ZIP_MAGIC):
        raise IngestError("not a Word file (.docx): it does not begin as a zip archive does")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise IngestError(f"the Word file is damaged: {error}") from None
    if len(entries) > MAX_DOCX_ENTRIES:
        reason = (
            f"the Word file holds {len(entries):,} entries, more than MAX_DOCX_ENTRIES "
            f"({MAX_DOCX_ENTRIES:,}); a report holds a few dozen"
        )
        raise IngestError(reason)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        reason = (
            f"the Word file unpacks to {unpacked:,} bytes, more than MAX_DOCX_UNPACKED_BYTES "
            f"({MAX_DOCX_UNPACKED_BYTES:,}); a report unpacks to a few megabytes"
        )
        raise IngestError(reason)
    if _MAIN_PART not in {entry.filename for entry in entries}:
        reason = f"not a Word file (.docx): the zip archive has no {_MAIN_PART}"
        raise IngestError(reason)


def _open(data: bytes) -> tuple[_Element, str]:
    """The document's body element and its title property, through python-docx."""
    try:
        import docx  # noqa: PLC0415 - the optional "docx" extra, loaded when a Word file is read
        from docx.opc.exceptions import OpcError  # noqa: PLC0415
        from lxml.etree import LxmlError  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("docx", "reading Word files", "python-docx") from None
    try:
        document: Any = docx.Document(io.BytesIO(data))
        body = document.element.body
        title = document.core_properties.title or ""
    except (
        OpcError,
        LxmlError,
        zipfile.BadZipFile,
        zlib.error,
        struct.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        KeyError,
        ValueError,
        AttributeError,
        TypeError,
        IndexError,
    ) as error:
        raise IngestError(f"the Word file is damaged ({type(error).__name__}: {error})") from None
    if body is None:
        raise IngestError("the Word file has no body")
    return body, str(title)


class _Builder:
    """Turns a body into the paragraphs and grids the HTML reader walks."""

    def __init__(self) -> None:
        self.grids: dict[int, Grid] = {}
        self.count = 0
        self.cells = 0
        self.slots = 0  # over all the tables: many tables each under the bound are no report

    def document(self, body: _Element) -> Document:
        blocks: list[Paragraph | Grid] = []
        for element in _children(body, _P, _TBL):
            if element.tag == _P:
                text = _text(element)
                if text.strip():
                    blocks.append(Paragraph(text.strip()))
            else:
                blocks.append(self._table(element, 0))
        return Document(None, tuple(blocks), tuple(self.grids[i] for i in sorted(self.grids)))

    def _table(self, table: _Element, depth: int) -> Grid:
        if depth >= MAX_NESTING:
            raise IngestError(f"tables nested more than {MAX_NESTING} deep: no report")
        index = self.count  # tables are counted in document order, outer before inner
        self.count += 1
        listed: list[list[tuple[int, int, str | None, str]]] = []
        for row in _children(table, _TR):
            column = _grid_before(row)
            cells = []
            for cell in _children(row, _TC):
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise IngestError(f"more than {MAX_CELLS:,} table cells (MAX_CELLS): no report")
                span = min(_span(cell), MAX_COLSPAN)
                cells.append((column, span, _merge(cell), self._cell_text(cell, depth)))
                column += span
            listed.append(cells)
        grid = build_grid(index, _spans(listed), MAX_SLOTS - self.slots)
        self.slots += sum(cell.height * cell.width for cell in grid.cells)
        self.grids[index] = grid
        return grid

    def _cell_text(self, cell: _Element, depth: int) -> str:
        lines = []
        for element in _children(cell, _P, _TBL):
            if element.tag == _P:
                lines.append(_text(element))
            else:
                lines.append(f"{NESTED}{self._table(element, depth + 1).index}")
        return "\n".join(lines)


def _spans(rows: Sequence[Sequence[tuple[int, int, str | None, str]]]) -> list[list[SpanCell]]:
    """Rows of Word cells as cells with spans: a ``vMerge`` run is one cell, its rows spanned.

    A cell that continues a merge is left out where the row above has a
    merged cell starting at its column; elsewhere it stands alone.
    """
    merges = [{left: merge for left, _, merge, _ in row} for row in rows]
    out: list[list[SpanCell]] = []
    for top, row in enumerate(rows):
        cells: list[SpanCell] = []
        for left, width, merge, text in row:
            if merge == "continue" and top and merges[top - 1].get(left) is not None:
                continue
            height = 1
            while (
                merge is not None
                and top + height < len(rows)
                and merges[top + height].get(left) == "continue"
            ):
                height += 1
            cells.append(SpanCell(text, min(height, MAX_ROWSPAN), width, left))
        out.append(cells)
    return out


def _children(element: _Element, *tags: str) -> Iterator[_Element]:
    """The children with these tags, looking through content controls and custom XML."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, *tags)


def _text(paragraph: _Element) -> str:
    """A paragraph's text as printed: runs joined, tabs as tabs, line breaks as new lines."""
    parts: list[str] = []
    for node in paragraph.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _grid_before(row: _Element) -> int:
    found = row.find(f"{_W}trPr/{_W}gridBefore")
    return 0 if found is None else min(_number(found.get(_VAL)), MAX_COLSPAN)


def _span(cell: _Element) -> int:
    found = cell.find(f"{_W}tcPr/{_W}gridSpan")
    return 1 if found is None else max(_number(found.get(_VAL)), 1)


def _merge(cell: _Element) -> str | None:
    """``"restart"``, ``"continue"`` or ``None`` (no vertical merge)."""
    found = cell.find(f"{_W}tcPr/{_W}vMerge")
    if found is None:
        return None
    return "restart" if found.get(_VAL) == "restart" else "continue"


def _number(value: str | None) -> int:
    digits = "".join(ch for ch in (value or "").strip()[:6] if ch.isascii() and ch.isdigit())
    return int(digits) if digits else 0

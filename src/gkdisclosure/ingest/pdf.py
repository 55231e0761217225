"""Read a report from a PDF: ruled tables from the page geometry, checked against the text.

Two readings are made of every PDF. The geometry (pdfplumber: the
tables' rules, each glyph placed by its centre, see :mod:`._pdf_tables`)
gives grids that are read like an HTML page's tables; the text layer
(pypdfium2) is read like extracted text. Where a table has no rules, its
cells come from the text; where both readings give a number for a cell,
they must agree, or the cell is not reported and a note says so. Both
libraries come with the ``pdf`` extra and are imported only here, when a
PDF is read.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, Final

from .._source import Source, open_source
from ..catalog import Edition
from ..errors import ArgumentTypeError, MissingExtraError
from ._grid import identify
from ._labels import TableIndex, index
from ._pdf_bounds import Budget, check_contents
from ._pdf_merge import read_both
from ._pdf_tables import Layout, lay_out
from ._result import IngestError, IngestResult

__all__ = ["MAX_PDF_BYTES", "MAX_PDF_PAGES", "read_pdf"]

#: The largest PDF read, in bytes (50 MiB).
MAX_PDF_BYTES: Final = 50 * 1024 * 1024
#: The most pages a PDF may have (a report has a handful).
MAX_PDF_PAGES: Final = 200

# What PDFium's error codes mean for a reader (FPDF_ERR_*).
_PDFIUM_ERRORS: Final = {
    2: "the file could not be read",
    3: "the PDF is damaged (its structure cannot be parsed)",
    4: "the PDF is encrypted and needs a password; remove the password and read it again",
    5: "the PDF is encrypted with a security handler that is not supported",
}
_YEAR_FIRST: Final = re.compile(r"\s*(?:19|20)[0-9]{2}(?![0-9])")
#: Where a PDF's header may start, as PDF readers accept it.
_HEADER_WINDOW: Final = 1024
#: A page drawing fewer paths holds no ruled table (a table is four rules at least).
_FEWEST_PATHS: Final = 4
#: The first lines searched for a title printed over two lines.
_TITLE_LINES: Final = 12


def read_pdf(
    source: Source,
    *,
    agency: str | None = None,
    year: int | None = None,
    edition: Edition | str | None = None,
    infer: bool = True,
) -> IngestResult:
    """Read a report from a PDF with a text layer (scans need OCR first: not supported).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the PDF's bytes,
    or a binary file opened for reading. The options are those of
    :func:`~gkdisclosure.ingest.read_html`. Each cell's provenance names the
    ``page`` (from 1) and the ``box`` it was printed in.

    Raises :exc:`IngestError` for a PDF that is encrypted, scanned (no text),
    damaged, over 50 MiB or 200 pages, beyond a limit of
    :mod:`gkdisclosure.limits` (content unpacking to megabytes, too many
    glyphs, rules or slots), or without any statutory table;
    :exc:`~gkdisclosure.MissingExtraError` when the ``pdf`` extra is not
    installed.
    """
    which = None if edition is None else Edition(edition)
    data, name = _load(source)
    pdfium, pdfplumber = _libraries()
    layout: Layout | None = None
    geometry_error: IngestError | None = None
    with _quiet(), _opened(pdfium, data, name) as document, contextlib.ExitStack() as stack:
        try:
            pages = stack.enter_context(pdfplumber.open(io.BytesIO(data))).pages
            # bounded before anything is parsed: PDFium's text layer parses the pages too
            check_contents((page.page_obj for page in pages), name)
        except IngestError:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged PDF breaks the parser in many ways
            pages, geometry_error = None, IngestError(f"{_PDFIUM_ERRORS[3]}: {error!r}", name)
        texts, plain, metadata = _text_layer(pdfium, document, name)
        try:
            if pages is not None:
                layout = lay_out(pages, _starts_row, plain)
        except IngestError as error:  # a limit: stop at once
            raise IngestError(error.reason, name) from None
        except Exception as error:  # noqa: BLE001 - a damaged PDF breaks the parser in many ways
            geometry_error = IngestError(f"{_PDFIUM_ERRORS[3]}: {error!r}", name)
    lines = [
        _radicals(line) for line in (layout.lines if layout is not None else _text_lines(texts))
    ]
    titles = [*_titles(lines), *lines[:_TITLE_LINES]]
    try:
        agency, year = identify(titles, agency, year, name)
    except IngestError:
        agency, year = identify([_radicals(title) for title in metadata], agency, year, name)
    return read_both(
        layout,
        texts,
        name,
        (agency, year, which),
        infer=infer,
        geometry_error=geometry_error,
    )


def _load(source: Source) -> tuple[bytes, str | None]:
    """The PDF's bytes and its name, within the size limit."""
    opened = open_source(source, limit=MAX_PDF_BYTES)
    data, name = opened.content, opened.name
    if isinstance(data, str):
        msg = "a PDF is binary: pass its path, its bytes or a file opened in binary mode"
        raise ArgumentTypeError(msg)
    if len(data) > MAX_PDF_BYTES:
        raise IngestError(f"the PDF is more than {MAX_PDF_BYTES:,} bytes (50 MiB)", name)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise IngestError("not a PDF (no %PDF- header in its first kilobyte)", name)
    return data, name


def _libraries() -> tuple[Any, Any]:
    try:
        import pdfplumber  # noqa: PLC0415 - only a PDF needs it, and only with the extra
        import pypdfium2  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("pdf", "reading PDF files", "pdfplumber and pypdfium2") from None
    return pypdfium2, pdfplumber


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence pdfminer's log while reading: a font it cannot measure is not the user's news."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def open_document(pdfium: Any, data: bytes, name: str | None) -> Any:
    """The PDF opened with PDFium; one it cannot open refused, saying why (encrypted, damaged)."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        reason = _PDFIUM_ERRORS.get(code, _PDFIUM_ERRORS[3]) if isinstance(code, int) else None
        raise IngestError(reason or _PDFIUM_ERRORS[3], name) from None


@contextlib.contextmanager
def _opened(pdfium: Any, data: bytes, name: str | None) -> Iterator[Any]:
    """The PDF opened with PDFium, its pages counted; an unreadable one refused, saying why."""
    document = open_document(pdfium, data, name)
    try:
        pages = len(document)
        if pages > MAX_PDF_PAGES:
            reason = f"the PDF has {pages} pages, more than {MAX_PDF_PAGES}; a report has a few"
            raise IngestError(reason, name)
        if not pages:
            raise IngestError("the PDF has no pages", name)
        yield document
    finally:
        document.close()


def _text_layer(
    pdfium: Any, document: Any, name: str | None
) -> tuple[list[str], dict[int, list[str]], list[str]]:
    """Each page's text from PDFium, the lines of the pages without rules, the metadata's title.

    Refuse a PDF without text, or whose pages print or draw too much. A
    page that draws too few paths for a table is not parsed for its
    geometry: its text is enough.
    """
    budget = Budget(name)
    try:
        texts: list[str] = []
        plain: dict[int, list[str]] = {}
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            budget.page(pdfium, page, textpage.count_chars(), number + 1)
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            paths = page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH])
            if sum(1 for _ in itertools.islice(paths, _FEWEST_PATHS)) < _FEWEST_PATHS:
                plain[number + 1] = _text_lines(texts[-1:])
            page.close()
        title = _title(document)
    except pdfium.PdfiumError as error:
        raise IngestError(f"{_PDFIUM_ERRORS[3]}: {error}", name) from None
    if not any(text.strip() for text in texts):
        reason = (
            "the PDF has no text layer (a scanned document?); "
            "OCR is not supported: run an OCR tool first and read its text"
        )
        raise IngestError(reason, name)
    return texts, plain, [title]


def _title(document: Any) -> str:
    """The metadata's title; none where damaged metadata cannot be decoded."""
    try:
        return str(document.get_metadata_dict(skip_empty=True).get("Title", ""))
    except UnicodeDecodeError:
        return ""


@functools.cache
def _indexes() -> tuple[TableIndex, ...]:
    kinds = ("proactive", "requests", "review_litigation")
    return tuple(index(which, kind) for which in Edition for kind in kinds)


def _starts_row(text: str) -> bool:
    """Whether a text is a row or group label of a statutory table."""
    return any(
        labels.match_row(text) is not None or labels.match_group(text) is not None
        for labels in _indexes()
    )


def _radicals(text: str) -> str:
    """Kangxi and supplementary radicals (some PDFs print 革 as ⾰) as the characters they are."""
    return "".join(
        unicodedata.normalize("NFKC", char) if "\u2e80" <= char <= "\u2fdf" else char
        for char in text
    )


def _text_lines(texts: Sequence[str]) -> list[str]:
    return [line.strip() for text in texts for line in text.split("\n") if line.strip()]


def _titles(lines: Sequence[str]) -> Iterator[str]:
    """A title printed over two lines: a line, then one starting with the year."""
    head = lines[:_TITLE_LINES]
    for line, following in itertools.pairwise(head):
        if _YEAR_FIRST.match(following) and not _YEAR_FIRST.match(line):
            yield line + following

"""Read the documents people have — PDF, Word files, HTML pages, text — into reports.

:func:`read` tells the kind of a document by its content and reads it;
:func:`read_pdf`, :func:`read_docx`, :func:`read_html` and :func:`read_text`
read one kind. Each returns an :class:`IngestResult`:
the :class:`~gkdisclosure.Report`, the :class:`Provenance` of every cell
(what was printed, how it was read, where), notes for people to look at,
and the totals the prose states. Nothing is invented silently: a cell is
inferred only where the identities leave one reading, and says so.
"""

from __future__ import annotations

from ._decode import MAX_INPUT_BYTES, Source
from ._pdf_crop import MAX_CROP_PIXELS, crop_pdf
from ._read import FORMATS, Format, read, sniff
from ._result import (
    CellSource,
    CellState,
    IngestError,
    IngestNote,
    IngestResult,
    NarrativeFigure,
    NarrativeKind,
    Position,
    Provenance,
)
from .docx import MAX_DOCX_ENTRIES, MAX_DOCX_UNPACKED_BYTES, read_docx
from .html import read_html
from .pdf import MAX_PDF_BYTES, MAX_PDF_PAGES, read_pdf
from .text import read_text

__all__ = [
    "FORMATS",
    "MAX_CROP_PIXELS",
    "MAX_DOCX_ENTRIES",
    "MAX_DOCX_UNPACKED_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_PDF_BYTES",
    "MAX_PDF_PAGES",
    "CellSource",
    "CellState",
    "Format",
    "IngestError",
    "IngestNote",
    "IngestResult",
    "NarrativeFigure",
    "NarrativeKind",
    "Position",
    "Provenance",
    "Source",
    "crop_pdf",
    "read",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
    "sniff",
]

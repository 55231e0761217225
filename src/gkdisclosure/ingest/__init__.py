"""Read the documents people have — HTML pages and text extracted from PDF — into reports.

:func:`read_html` and :func:`read_text` return an :class:`IngestResult`:
the :class:`~gkdisclosure.Report`, the :class:`Provenance` of every cell
(what was printed, how it was read, where), notes for people to look at,
and the totals the prose states. Nothing is invented silently: a cell is
inferred only where the identities leave one reading, and says so.
"""

from __future__ import annotations

from ._decode import MAX_INPUT_BYTES, Source
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
from .html import read_html
from .text import read_text

__all__ = [
    "MAX_INPUT_BYTES",
    "CellSource",
    "CellState",
    "IngestError",
    "IngestNote",
    "IngestResult",
    "NarrativeFigure",
    "NarrativeKind",
    "Position",
    "Provenance",
    "Source",
    "read_html",
    "read_text",
]

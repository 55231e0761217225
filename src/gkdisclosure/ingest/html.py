"""Read a report from an HTML page: tables found by their labels, cells by their headers.

Each ``<table>`` is expanded into a grid (row and column spans) and told
apart by its labels — a block caption "第二十条第（一）项", the corner
note of 表三, the "未经复议直接起诉" header of 表四 — or, for the second
half of a table split in two, by the section heading above it. Each row
is found by its label, each cell by the header over it, never by
counting numbers.
"""

from __future__ import annotations

from ..catalog import Edition, edition
from ._decode import NO_EDITION, Source, guarded, read_source
from ._grid import NO_TABLE, assemble, edition_notes, identify
from ._gridwalk import Walker
from ._labels import detect_edition
from ._markup import Document, parse_html
from ._narrative import extract_narrative
from ._result import IngestError, IngestNote, IngestResult

__all__ = ["read_document", "read_html"]


def read_html(
    source: Source,
    *,
    agency: str | None = None,
    year: int | None = None,
    edition: Edition | str | None = None,
    infer: bool = True,
) -> IngestResult:
    """Read a report from an HTML page (a whole saved page or an article fragment).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the page's
    bytes or a binary file (the encoding is detected, ``<meta charset>``
    included), or :class:`io.StringIO` holding the page. ``agency`` and ``year``
    replace what the title says (and are needed when it says nothing);
    ``edition`` replaces the edition the labels point to. With
    ``infer=False`` no cell is ever inferred.

    Raises :exc:`IngestError` when the path cannot be read, no statutory
    table, no title or no edition can be found, or the page is too large
    or not a page at all; :exc:`~gkdisclosure.OptionError` for an edition other
    than ``"2019"`` or ``"2021"``.
    """
    which = None if edition is None else Edition(edition)
    text, name, notes = read_source(source, markup=True)
    given = (agency, year, which)
    return guarded(lambda: _read(text, name, notes, given, infer=infer), name, "page")


def _read(
    text: str,
    name: str | None,
    notes: list[IngestNote],
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
) -> IngestResult:
    return read_document(parse_html(text), name, notes, given, infer=infer)


def read_document(  # noqa: PLR0913 - what was read, where from, and the reader's options
    document: Document,
    name: str | None,
    notes: list[IngestNote],
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
    fallback: str = "",
) -> IngestResult:
    """Read a report from paragraphs and table grids (an HTML page's, a Word file's).

    ``fallback`` is a title to read the agency and year from when neither
    the document's title nor its text names them (a file's title property).
    """
    agency, year, which = given
    guess = detect_edition(cell.text for grid in document.grids for cell in grid.cells)
    chosen = Edition(which) if which is not None else guess.edition
    walker = Walker(edition(chosen or Edition.E2021), document)
    walker.walk()
    if not walker.found:
        raise IngestError(NO_TABLE, name)
    if chosen is None:
        raise IngestError(NO_EDITION, name)
    candidates = [document.title or "", *walker.paragraphs, fallback]
    agency, year = identify(candidates, agency, year, name)
    return assemble(
        spec=walker.spec,
        agency=agency,
        year=year,
        materials=walker.materials,
        found=walker.found,
        notes=[*notes, *edition_notes(guess.markers), *walker.notes],
        narrative=extract_narrative(walker.prose),
        infer=infer,
        source=name,
    )

"""What a PDF's pages may ask of the reader, measured before the work it bounds.

A PDF within its size and page limits can still unpack a page's content to
gigabytes, or draw one form a million times; pdfminer would parse all of it.
Before a page is parsed, its content is unpacked here, no further than its
limit, and each form it draws is counted once for every time it is drawn
(the forms found by name in the content, as pdfminer finds them). The
glyphs and the drawn things of a page are counted with PDFium, which has
the page loaded already for its text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any, Final

from ..limits import (
    MAX_PDF_CHARS,
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_PAGE_CHARS,
    MAX_PDF_PAGE_CONTENT_BYTES,
    MAX_PDF_PAGE_OBJECTS,
)
from ._result import IngestError

__all__ = ["Budget", "check_contents"]

#: A form drawn by name: ``/Name Do`` (a name ends at white space or a delimiter).
_DRAWN: Final = re.compile(rb"/([^\s/\[\]()<>{}%]*)\s*Do(?![^\s/\[\]()<>{}%])")
_ESCAPE: Final = re.compile(rb"#([0-9A-Fa-f]{2})")
#: Forms drawing forms deeper than this are not followed (pdfminer refuses a cycle).
_DEEPEST: Final = 32
_CHUNK: Final = 1 << 16


class _Over(Exception):  # noqa: N818 - internal signal, never seen outside this module
    """The content is over its limit."""


def check_contents(pages: Iterable[Any], name: str | None) -> None:
    """Refuse a PDF whose pages' content (pdfminer pages) unpacks beyond its limits."""
    total = 0
    for number, page in enumerate(pages, start=1):
        try:
            cost = _cost(page.contents, page.resources, MAX_PDF_PAGE_CONTENT_BYTES)
        except _Over:
            reason = (
                f"page {number}'s content unpacks to more than {MAX_PDF_PAGE_CONTENT_BYTES:,} "
                "bytes (MAX_PDF_PAGE_CONTENT_BYTES); a report's page has a few dozen kilobytes"
            )
            raise IngestError(reason, name) from None
        total += cost
        if total > MAX_PDF_CONTENT_BYTES:
            reason = (
                f"the pages' content unpacks to more than {MAX_PDF_CONTENT_BYTES:,} bytes "
                "(MAX_PDF_CONTENT_BYTES); a report's pages have a few hundred kilobytes"
            )
            raise IngestError(reason, name)


def _cost(
    streams: Any,
    resources: Any,
    budget: int,
    *,
    known: dict[int, int] | None = None,
    drawing: tuple[int, ...] = (),
) -> int:
    """The bytes pdfminer parses for these streams, the forms they draw included."""
    from pdfminer.pdftypes import PDFStream, resolve1  # noqa: PLC0415 - the pdf extra

    known = {} if known is None else known
    total = 0
    forms = resolve1((resolve1(resources) or {}).get("XObject")) if resources else None
    streams = resolve1(streams)
    for item in streams if isinstance(streams, list) else [streams]:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            continue
        data = _unpacked(stream, budget - total)
        total += len(data)
        if len(drawing) >= _DEEPEST or not isinstance(forms, dict):
            continue
        for found in _DRAWN.finditer(data):
            form = resolve1(forms.get(_name(found.group(1))))
            if not isinstance(form, PDFStream) or form.objid in drawing:
                continue
            key = id(form) if form.objid is None else form.objid
            if key not in known:
                own = form.get("Resources")
                known[key] = _cost(
                    form, own or resources, budget - total, known=known, drawing=(*drawing, key)
                )
            total += known[key]
            if total > budget:
                raise _Over
    return total


def _name(raw: bytes) -> str:
    return _ESCAPE.sub(lambda hit: bytes([int(hit.group(1), 16)]), raw).decode("latin-1")


def _unpacked(stream: Any, budget: int) -> bytes:
    """A stream's data, unpacked no further than ``budget`` bytes (beyond it: :exc:`_Over`).

    Flate, the filter of nearly every content stream, is unpacked here a
    chunk at a time; a stream with another filter is left to pdfminer.
    """
    from pdfminer.ascii85 import ascii85decode, asciihexdecode  # noqa: PLC0415 - the pdf extra
    from pdfminer.pdftypes import (  # noqa: PLC0415
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
    )

    if stream.data is not None:
        data: bytes = stream.data
    else:
        data = stream.rawdata or b""
        if stream.decipher and stream.objid is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        for kind, _ in stream.get_filters():
            if kind in LITERALS_FLATE_DECODE:
                data = _inflate(data, budget)
            elif kind in LITERALS_ASCII85_DECODE:
                data = ascii85decode(data)
            elif kind in LITERALS_ASCIIHEX_DECODE:
                data = asciihexdecode(data)
            else:
                data = stream.get_data()
                break
    if len(data) > budget:
        raise _Over
    return data


def _inflate(data: bytes, budget: int) -> bytes:
    """Flate-decoded data, at most ``budget`` bytes of it; a damaged stream as far as it goes."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    try:
        for at in range(0, len(data), _CHUNK):
            pending = data[at : at + _CHUNK]
            while pending and not inflater.eof:
                part = inflater.decompress(pending, budget + 1 - size)
                size += len(part)
                parts.append(part)
                if size > budget:
                    raise _Over
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # what pdfminer reads of a damaged stream is no more than this
    return b"".join(parts)


class Budget:
    """The glyphs and drawn things of the pages, counted with PDFium, page by page."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.chars = 0

    def page(self, pdfium: Any, page: Any, chars: int, number: int) -> None:
        """Count a page's glyphs (PDFium's count) and drawn things; refuse one over its limit."""
        if chars > MAX_PDF_PAGE_CHARS:
            reason = (
                f"page {number} prints more than {MAX_PDF_PAGE_CHARS:,} glyphs "
                "(MAX_PDF_PAGE_CHARS); a report's page prints a few thousand"
            )
            raise IngestError(reason, self.name)
        self.chars += chars
        if self.chars > MAX_PDF_CHARS:
            reason = (
                f"the pages print more than {MAX_PDF_CHARS:,} glyphs (MAX_PDF_CHARS); "
                "a report prints a few tens of thousands"
            )
            raise IngestError(reason, self.name)
        if _drawn(pdfium, page.get_objects(max_depth=_DEEPEST)) > MAX_PDF_PAGE_OBJECTS:
            reason = (
                f"page {number} draws more than {MAX_PDF_PAGE_OBJECTS:,} things "
                "(MAX_PDF_PAGE_OBJECTS); a report's page draws a few hundred"
            )
            raise IngestError(reason, self.name)


def _drawn(pdfium: Any, objects: Iterable[Any]) -> int:
    """The things drawn, a path counted by its segments; stops counting past the limit."""
    count = 0
    path = pdfium.raw.FPDF_PAGEOBJ_PATH
    for item in objects:
        count += max(pdfium.raw.FPDFPath_CountSegments(item.raw), 1) if item.type == path else 1
        if count > MAX_PDF_PAGE_OBJECTS:
            break
    return count

"""A picture of printed cells: a band of a PDF page around their boxes, the cells outlined.

The evidence for a finding about a report read from a PDF is the page as
printed. :func:`crop_pdf` renders, with PDFium, the band of the page that
holds the cells' boxes (as :func:`~gkdisclosure.ingest.read_pdf` records
them in each cell's provenance) across the page's whole width, so that the
row labels show too, and outlines each box in red.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any, Final

from .._source import Source
from ..errors import MissingExtraError, OptionError
from ._result import IngestError
from .pdf import _load, open_document

__all__ = ["MAX_CROP_PIXELS", "crop_pdf"]

#: The longest side of a crop, in pixels; a larger band is drawn at a smaller scale.
MAX_CROP_PIXELS: Final = 3000
#: The most boxes one crop outlines.
MAX_CROP_BOXES: Final = 200
#: The largest scale asked for: 4 is 288 dots per inch.
_MAX_SCALE: Final = 4.0
_OUTLINE: Final = (198, 40, 40)  # the red of a failing cell on the pages render draws

#: A cell's box on its page: ``(x0, top, x1, bottom)`` in points from the top-left corner.
Box = tuple[float, float, float, float]


def crop_pdf(
    source: Source,
    page: int,
    boxes: Sequence[Box],
    *,
    margin: float = 24.0,
    scale: float = 2.0,
) -> bytes:
    """A PNG picture of the band of a PDF page that holds these boxes, each outlined in red.

    ``source`` is the PDF as :func:`~gkdisclosure.ingest.read_pdf` takes it
    (a path, its bytes or a binary file); ``page`` counts from 1; ``boxes``
    are cells' boxes as a :class:`~gkdisclosure.ingest.CellSource` gives them,
    ``(x0, top, x1, bottom)`` in points from the page's top-left corner (as
    pdfplumber measures them, where a page's boxes are off the origin). The
    picture spans the page's width and reaches ``margin`` points above the
    highest box and below the lowest, drawn at ``scale`` pixels per point (2
    is 144 dots per inch), or smaller where a side would exceed
    :data:`MAX_CROP_PIXELS`.

    Raises :exc:`~gkdisclosure.IngestError` for a file that is no PDF or
    cannot be opened, a page it does not have, a rotated page, and a box
    not on the page; :exc:`~gkdisclosure.OptionError` for no boxes, more
    than 200, or a scale or margin out of range (scale above 0 up to 4, margin
    0 or more); :exc:`~gkdisclosure.MissingExtraError` without the ``pdf``
    extra.
    """
    if not boxes or len(boxes) > MAX_CROP_BOXES:
        msg = f"a crop outlines 1 to {MAX_CROP_BOXES} boxes, not {len(boxes)}"
        raise OptionError(msg)
    if not 0 < scale <= _MAX_SCALE:
        msg = f"scale must be above 0 and at most {_MAX_SCALE:g}, not {scale!r}"
        raise OptionError(msg)
    if not margin >= 0:
        msg = f"margin must be 0 or more points, not {margin!r}"
        raise OptionError(msg)
    data, name = _load(source)
    pdfium = _pdfium()
    document = open_document(pdfium, data, name)
    try:
        return _crop(document, page, boxes, margin=margin, scale=scale, name=name)
    except pdfium.PdfiumError as error:
        raise IngestError(f"page {page} cannot be drawn: {error}", name) from None
    finally:
        document.close()


def _pdfium() -> Any:
    try:
        import PIL.ImageDraw  # noqa: PLC0415, F401 - only a crop needs it, and only with the extra
        import pypdfium2  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("pdf", "drawing a PDF's cells", "pypdfium2 and Pillow") from None
    return pypdfium2


def _crop(  # noqa: PLR0913 - the page, the boxes, and how large
    document: Any,
    number: int,
    boxes: Sequence[Box],
    *,
    margin: float,
    scale: float,
    name: str | None,
) -> bytes:
    import PIL.ImageDraw  # noqa: PLC0415 - imported by _pdfium already

    if not 1 <= number <= len(document):
        raise IngestError(f"the PDF has {len(document)} pages; there is no page {number}", name)
    page = document[number - 1]
    try:
        if page.get_rotation() % 360:
            raise IngestError(f"page {number} is rotated; only an upright page is drawn", name)
        # the boxes are pdfplumber's: x as in user space, y down from the media box's height;
        # PDFium draws the crop box
        _left, media_bottom, _right, media_top = page.get_mediabox()
        left, bottom, right, top = page.get_cropbox()
        width, height = right - left, top - bottom
        down = top - (media_top - media_bottom)
        shifted = [(x0 - left, y0 + down, x1 - left, y1 + down) for x0, y0, x1, y1 in boxes]
        for given, box in zip(boxes, shifted, strict=True):
            if not (0 <= box[0] < box[2] <= width and 0 <= box[1] < box[3] <= height):
                raise IngestError(f"the box {tuple(given)!r} is not on page {number}", name)
        upper = max(0.0, min(box[1] for box in shifted) - margin)
        lower = min(height, max(box[3] for box in shifted) + margin)
        scale = min(scale, MAX_CROP_PIXELS / width, MAX_CROP_PIXELS / (lower - upper))
        bitmap = page.render(scale=scale, crop=(0, height - lower, 0, upper))
        image = bitmap.to_pil()
    finally:
        page.close()
    draw = PIL.ImageDraw.Draw(image)
    line = max(2, round(scale * 1.5))
    cut = math.ceil(upper * scale)  # the pixels PDFium cut off above the band
    for x0, y0, x1, y1 in shifted:
        corners = (x0 * scale, y0 * scale - cut, x1 * scale, y1 * scale - cut)
        draw.rectangle(tuple(round(value) for value in corners), outline=_OUTLINE, width=line)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

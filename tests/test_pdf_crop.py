"""``crop_pdf``: a band of a PDF page around cells' boxes, the cells outlined, as a PNG.

The boxes are those ``read_pdf`` records (points from the media box's
top-left corner, as pdfplumber measures them). A hand-written PDF whose
media box and crop box are not at the origin checks that the outline falls
exactly on what was printed there.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from gkdisclosure import IngestError, MissingExtraError, OptionError
from gkdisclosure.ingest import MAX_CROP_PIXELS, crop_pdf
from helpers import pdf_file

pypdfium2 = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")
Image = pytest.importorskip("PIL.Image")

HUAIAN = Path(__file__).parent / "data" / "corpus" / "2024-huaian-shi.pdf"
#: 自然人 of （一）予以公开 on page 4 of the 淮安 PDF, printed as 1288 (read_pdf's box).
GRANTED = (250.66, 504.39, 284.41, 528.04)
RED = (198, 40, 40)


def _pdf(objects: list[bytes]) -> bytes:
    return pdf_file(objects)


def _shifted_pdf(rotate: int = 0) -> bytes:
    """One black rectangle at user space (200, 700)-(250, 720) of a page whose boxes are shifted."""
    content = b"0 0 0 rg 200 700 50 20 re f"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [100 100 695 942] "
            b"/CropBox [150 150 645 892] /Contents 4 0 R /Rotate " + str(rotate).encode() + b" >>",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        ]
    )


def _image(png: bytes) -> Any:
    """The PNG decoded, as RGB (a ``PIL.Image.Image``)."""
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("RGB")


def test_the_band_of_the_page_with_the_cell_outlined() -> None:
    """The page's width, the box's height and 24 points either side, at 2 pixels a point."""
    image = _image(crop_pdf(HUAIAN, 4, [GRANTED]))
    assert image.size[0] == 1190
    assert image.size[1] == pytest.approx((528.04 - 504.39 + 48) * 2, abs=1)
    x0, top = round(GRANTED[0] * 2), round((GRANTED[1] - (504.39 - 24)) * 2)
    x1, bottom = round(GRANTED[2] * 2), round((GRANTED[3] - (504.39 - 24)) * 2)
    middle = (top + bottom) // 2
    assert image.getpixel((x0 + 1, middle)) == RED  # the outline, left
    assert image.getpixel((x1 - 1, middle)) == RED  # and right
    assert image.getpixel(((x0 + x1) // 2, top + 1)) == RED  # top
    assert image.getpixel((x0 - 12, middle)) != RED  # outside the box, not outlined
    # the printed digits: dark pixels inside the box, none drawn there by the outline
    inside = [
        image.getpixel((x, y)) for x in range(x0 + 6, x1 - 6) for y in range(top + 6, bottom - 6)
    ]
    assert min(sum(pixel) for pixel in inside) < 300
    assert RED not in inside


def test_a_box_where_pdfplumber_measured_it_on_a_shifted_page() -> None:
    """Media box and crop box off the origin: the outline falls on the rectangle printed there."""
    data = _shifted_pdf()
    with pdfplumber.open(io.BytesIO(data)) as document:
        (rect,) = document.pages[0].rects
        box = (rect["x0"], rect["top"], rect["x1"], rect["bottom"])
    # pdfplumber's measure: x as in user space, top from the media box's height (842 points)
    assert box == pytest.approx((200, 842 - 720, 250, 842 - 700))
    image = _image(crop_pdf(data, 1, [box], margin=10, scale=1))
    assert image.size == (495, 40)  # the crop box's width; 20 points and 10 either side
    # in the crop box: x from 150, the band from 892 - 730 = 162 points down
    assert image.getpixel((50, 10)) == RED  # the outline's corner at (200, 730) in user space
    assert image.getpixel((75, 20)) == (0, 0, 0)  # the rectangle inside it
    assert image.getpixel((40, 20)) == (255, 255, 255)  # the page beside it


def test_several_boxes_make_one_band() -> None:
    """Two cells a row apart: one picture reaching from the higher to the lower."""
    below = (250.66, 528.04, 284.41, 573.0)
    image = _image(crop_pdf(HUAIAN, 4, [GRANTED, below], margin=0, scale=1))
    assert image.size[0] == 595
    assert image.size[1] == pytest.approx(573.0 - 504.39, abs=1)


def test_a_large_band_is_drawn_smaller() -> None:
    """No side of a picture is longer than MAX_CROP_PIXELS."""
    image = _image(crop_pdf(HUAIAN, 4, [GRANTED], margin=math.inf, scale=4))
    assert max(image.size) == MAX_CROP_PIXELS
    assert image.size == (round(595 * MAX_CROP_PIXELS / 842), MAX_CROP_PIXELS)


@pytest.mark.parametrize(
    ("page", "boxes", "says"),
    [
        (0, [GRANTED], "has 6 pages; there is no page 0"),
        (7, [GRANTED], "no page 7"),
        (
            4,
            [(250.0, 504.0, 700.0, 528.0)],
            r"the box \(250.0, 504.0, 700.0, 528.0\) is not on page 4",
        ),
        (4, [(284.0, 504.0, 250.0, 528.0)], "is not on page 4"),  # x1 before x0
        (4, [(250.0, -5.0, 284.0, 528.0)], "is not on page 4"),
    ],
)
def test_a_page_or_box_not_there_is_an_ingest_error(
    page: int, boxes: list[tuple[float, float, float, float]], says: str
) -> None:
    with pytest.raises(IngestError, match=says) as caught:
        crop_pdf(HUAIAN, page, boxes)
    assert caught.value.source == str(HUAIAN)


@pytest.mark.parametrize(
    ("keywords", "says"),
    [
        ({"scale": 0}, "scale must be above 0"),
        ({"scale": 4.5}, "at most 4"),
        ({"scale": math.nan}, "scale must be"),
        ({"margin": -1}, "margin must be 0 or more"),
        ({"margin": math.nan}, "margin must be"),
    ],
)
def test_options_out_of_range(keywords: dict[str, float], says: str) -> None:
    with pytest.raises(OptionError, match=says):
        crop_pdf(HUAIAN, 4, [GRANTED], **keywords)


@pytest.mark.parametrize("count", [0, 201])
def test_one_to_two_hundred_boxes(count: int) -> None:
    with pytest.raises(OptionError, match=f"1 to 200 boxes, not {count}"):
        crop_pdf(HUAIAN, 4, [GRANTED] * count)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<html>not a pdf</html>", "not a PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "damaged"),
        (_shifted_pdf(rotate=90), "page 1 is rotated; only an upright page is drawn"),
    ],
)
def test_documents_that_cannot_be_drawn_say_why(data: bytes, says: str) -> None:
    with pytest.raises(IngestError, match=says):
        crop_pdf(data, 1, [(200.0, 122.0, 250.0, 142.0)])


def test_without_the_pdf_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(MissingExtraError, match=r"gkdisclosure\[pdf\]"):
        crop_pdf(HUAIAN, 4, [GRANTED])

"""Hostile PDFs: each is refused by the limit it breaks, or read, in bounded time and memory.

The PDFs are written here byte by byte: small files whose pages unpack to
megabytes, draw thousands of rules, a huge grid, many glyphs, or forms
drawn again and again. Each is read in a new process, whose time and peak
memory are measured; the bounds are generous, for a loaded machine.
"""

from __future__ import annotations

import subprocess
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from gkdisclosure.ingest import IngestError, read_pdf
from gkdisclosure.limits import MAX_PDF_PAGE_CONTENT_BYTES
from helpers import PEAK_KIB, pdf_file

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

_TITLE = b"BT /F1 12 Tf 1 0 0 1 40 800 Tm (Report 2022) Tj ET\n"


def pdf(pages: Sequence[bytes], forms: Sequence[bytes] = (), *, size: int = 842) -> bytes:
    """A PDF of these pages' content streams (Flate-compressed), drawing these forms as /X0…."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")

    def stream(data: bytes, head: bytes = b"") -> bytes:
        packed = zlib.compress(data, 9)
        return b"<< %s/Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
            head,
            len(packed),
            packed,
        )

    first = len(objects) + 1
    head = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
    objects += [stream(form, head) for form in forms]
    named = b" ".join(b"/X%d %d 0 R" % (i, first + i) for i in range(len(forms)))
    # every form may draw every form: a form's resources are the page's
    resources = b"<< /Font << /F1 3 0 R >> /XObject << %s >> >>" % named
    kids = []
    for content in pages:
        objects.append(stream(content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 %d] /Resources %s /Contents %d 0 R >>"
            % (size, resources, len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    return pdf_file(objects)


def glyphs(count: int) -> bytes:
    """Lines of 4-point glyphs filling the page from the top."""
    lines = [b"BT /F1 4 Tf"]
    for at in range(0, count, 140):
        y = 830 - (at // 140 * 4) % 820
        lines.append(b"1 0 0 1 2 %d Tm (%s) Tj" % (y, b"x" * min(140, count - at)))
    return b"\n".join([*lines, b"ET"])


def grid(rows: int, columns: int) -> bytes:
    """A ruled grid over the page."""
    height, width = 800 / rows, 580 / columns
    across = [b"5 %.2f m 585 %.2f l S" % ((20 + r * height,) * 2) for r in range(rows + 1)]
    down = [b"%.2f 20 m %.2f 820 l S" % ((5 + c * width,) * 2) for c in range(columns + 1)]
    return b"\n".join([*across, *down])


def tiny_rules(count: int) -> bytes:
    """Short rules (6 points), each on its own, scattered over the page."""
    return b"\n".join(
        b"%d %d m %d %d l S" % (x, y, x + 6, y)
        for x, y in ((10 + (i * 7) % 570, 10 + (i * 13) % 820) for i in range(count))
    )


def small_tables(count: int) -> bytes:
    """Tables of two cells, 40 by 20 points, apart from one another, row after row."""
    drawn = []
    for i in range(count):
        x, y = 10 + (i % 11) * 52, 20 + (i // 11) * 30
        drawn += [b"%d %d m %d %d l S" % (x, y + dy, x + 40, y + dy) for dy in (0, 20)]
        drawn += [b"%d %d m %d %d l S" % (x + dx, y, x + dx, y + 20) for dx in (0, 20, 40)]
    return b"\n".join(drawn)


def stacked(count: int) -> bytes:
    """Page-high rules a hundredth of a point apart: each touches its neighbours."""
    return b"\n".join(b"%.2f 10 m %.2f 830 l S" % ((20 + i / 100,) * 2) for i in range(count))


#: Each case: the PDF (made when its test runs), and what its reading says (a limit, or the
#: library's error for a PDF with no report in it).
CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "4,000 tiny rules": (lambda: pdf([_TITLE + tiny_rules(4000)]), "statutory tables"),
    "6,000 tiny rules": (lambda: pdf([_TITLE + tiny_rules(6000)]), "(MAX_PDF_PAGE_RULES)"),
    "rules lying on one another": (
        lambda: pdf([_TITLE + grid(2, 2) + b"\n" + stacked(4900)]),
        "(MAX_PDF_PAGE_RULE_PAIRS)",
    ),
    "101 ruled tables": (lambda: pdf([_TITLE + small_tables(101)]), "(MAX_PDF_PAGE_TABLES)"),
    "100 ruled tables": (lambda: pdf([_TITLE + small_tables(100)]), "statutory tables"),
    "a grid of 150 x 150 slots": (lambda: pdf([_TITLE + grid(150, 150)]), "(MAX_PDF_PAGE_SLOTS)"),
    "a grid of 100 x 100 slots on each of 10 pages": (
        lambda: pdf([_TITLE + grid(100, 100)] * 10),
        "(MAX_CELLS)",
    ),
    "30,000 glyphs on a page": (
        lambda: pdf([_TITLE + glyphs(30_000) + grid(2, 2)]),
        "(MAX_PDF_PAGE_CHARS)",
    ),
    "15,000 glyphs on each of 15 pages": (
        lambda: pdf([_TITLE + glyphs(15_000) + grid(2, 2)] * 15),
        "(MAX_PDF_CHARS)",
    ),
    "30,000 drawn things": (
        lambda: pdf([_TITLE + b"0 0 m 1 1 l 2 2 l 3 3 l S\n" * 8000]),
        "(MAX_PDF_PAGE_OBJECTS)",
    ),
    "a page unpacking to 64 MiB": (
        lambda: pdf([_TITLE + grid(2, 2) + b"\n" + b"0 0 m\n" * (64 * 1024 * 1024 // 6)]),
        "(MAX_PDF_PAGE_CONTENT_BYTES)",
    ),
    "pages unpacking to 0.9 MiB each": (
        lambda: pdf([_TITLE + b"%" + b" " * (900 * 1024) + b"\n" + grid(2, 2)] * 10),
        "(MAX_PDF_CONTENT_BYTES)",
    ),
    "graphics states nested 150,000 deep": (
        lambda: pdf([_TITLE + b"q " * 150_000 + grid(2, 2) + b" Q" * 150_000]),
        "statutory tables",
    ),
    "a form drawn 10,000 times": (
        lambda: pdf([_TITLE + b"/X0 Do\n" * 10_000], [grid(3, 3)]),
        "(MAX_PDF_PAGE_CONTENT_BYTES)",
    ),
    "forms drawing forms, 20 deep, twice each": (
        lambda: pdf(
            [_TITLE + b"/X0 Do /X0 Do"],
            [b"/X%d Do /X%d Do %s" % (i + 1, i + 1, grid(2, 2)) for i in range(20)],
        ),
        "(MAX_PDF_PAGE_CONTENT_BYTES)",
    ),
    "a form drawing itself": (
        lambda: pdf([_TITLE + b"/X0 Do"], [b"/X0 Do " + grid(3, 3)]),
        "statutory tables",
    ),
}

_READ = (
    """
import resource, sys, time
from pathlib import Path
import gkdisclosure as gk

"""
    + PEAK_KIB
    + """
start = time.perf_counter()
try:
    gk.read_pdf(Path(sys.argv[1]), agency="某局", year=2022)
    said = "read"
except gk.IngestError as error:
    said = str(error).replace("\\n", " ")
print(f"{time.perf_counter() - start} {peak_kib()} {said}")
"""
)


def read_measured(path: Path) -> tuple[float, int, str]:
    """Read a PDF in a new process: seconds, peak memory (KiB), and what it said."""
    done = subprocess.run(  # noqa: S603 - our own program
        [sys.executable, "-c", _READ, str(path)],
        capture_output=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    seconds, peak, said = done.stdout.decode().split(" ", 2)
    return float(seconds), int(peak), said.strip()


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_pdf_is_refused_in_bounded_time_and_memory(tmp_path: Path, case: str) -> None:
    make, says = CASES[case]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(make())
    assert path.stat().st_size < 1024 * 1024  # small files: the work is in what they unpack to
    seconds, peak, said = read_measured(path)
    print(f"{case}: {seconds:.2f} s, {peak // 1024} MiB: {said}")  # noqa: T201 - the measure
    assert says in said, said
    assert peak < 400 * 1024, f"{peak} KiB"
    assert seconds < 60


@pytest.mark.parametrize("case", [case for case in CASES if "(MAX_" in CASES[case][1]])
def test_each_limit_ends_in_the_library_error_naming_it(case: str) -> None:
    """The same refusals in this process, where the error itself is seen."""
    make, says = CASES[case]
    with pytest.raises(IngestError) as raised:
        read_pdf(make(), agency="某局", year=2022)
    assert says in str(raised.value)
    assert type(raised.value) is IngestError


def test_a_limit_names_the_page() -> None:
    with pytest.raises(IngestError, match=r"^page 2's content unpacks to more than 1,048,576"):
        read_pdf(pdf([_TITLE + grid(2, 2), _TITLE + b" " * (MAX_PDF_PAGE_CONTENT_BYTES + 1)]))

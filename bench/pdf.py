"""Reading PDFs: pages per second of ``read_pdf`` on the corpus, and the six-page report's time.

Run it with ``python -m bench.pdf`` from the repository's root, with the
``pdf`` extra installed. Each document is read ``--repeat`` times after
one warm-up read; its time is the best read (the least disturbed on a
shared machine), the median is printed beside it to show the spread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from gkdisclosure import read_pdf

CORPUS: Final = Path(__file__).parent.parent / "tests" / "data" / "corpus"
#: DESIGN.md: a six-page PDF read in at most 1.5 s.
SIX_PAGES: Final = "2024-huaian-shi.pdf"
TARGET_SECONDS: Final = 1.5


def _pages(path: Path) -> int:
    import pypdfium2  # noqa: PLC0415 - installed with the pdf extra, like the reader's

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def _times(path: Path, repeat: int) -> list[float]:
    read_pdf(path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_pdf(path)
        times.append(time.perf_counter() - start)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    """Print each corpus PDF's pages, best and median time, and pages per second."""
    parser = argparse.ArgumentParser(prog="python -m bench.pdf", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed reads per document")
    options = parser.parse_args(argv)
    total_pages = 0
    total_seconds = 0.0
    best_six = None
    print(f"{'document':32} {'pages':>5} {'best s':>7} {'median s':>8} {'pages/s':>8}")
    for path in sorted(CORPUS.glob("*.pdf")):
        pages = _pages(path)
        times = _times(path, options.repeat)
        best = min(times)
        total_pages += pages
        total_seconds += best
        if path.name == SIX_PAGES:
            best_six = best
        row = f"{path.name:32} {pages:5} {best:7.2f} {statistics.median(times):8.2f}"
        print(f"{row} {pages / best:8.1f}")
    print(
        f"{'all':32} {total_pages:5} {total_seconds:7.2f} {'':8} {total_pages / total_seconds:8.1f}"
    )
    if best_six is not None:
        verdict = "met" if best_six <= TARGET_SECONDS else "missed"
        print(f"{SIX_PAGES}: {best_six:.2f} s (target {TARGET_SECONDS} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

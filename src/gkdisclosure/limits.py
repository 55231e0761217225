"""The bounds the library holds its input to, in one place.

Each is a module constant, documented in the reference; the error for an
input beyond one names it.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_AMOUNT_DIGITS",
    "MAX_COUNT",
    "MAX_ELEMENTS",
    "MAX_LINE_CHARS",
    "MAX_PDF_CHARS",
    "MAX_PDF_CONTENT_BYTES",
    "MAX_PDF_PAGE_CHARS",
    "MAX_PDF_PAGE_CONTENT_BYTES",
    "MAX_PDF_PAGE_OBJECTS",
    "MAX_PDF_PAGE_RULES",
    "MAX_PDF_PAGE_RULE_PAIRS",
    "MAX_PDF_PAGE_SLOTS",
    "MAX_PDF_PAGE_TABLES",
    "MAX_TEXT_CHARS",
    "MAX_TEXT_LINES",
    "MAX_TITLE_CHARS",
]

#: The largest count (and year) a report document may hold, in absolute value:
#: 999,999,999,999. No agency handles a trillion requests; a larger number is
#: digits run together or a unit mistaken.
MAX_COUNT: Final = 10**12 - 1

#: The most digits an amount may have, leading zeros of its whole part not
#: counted (``"800.68"`` has 5). Eighteen digits hold any sum of money in 万元
#: to the cent, and keep the sums the rules take exact.
MAX_AMOUNT_DIGITS: Final = 18

#: The most lines a text given to :func:`~gkdisclosure.read_text` may have. A
#: report's text has a few thousand.
MAX_TEXT_LINES: Final = 100_000

#: The longest line, in characters, of a text given to :func:`~gkdisclosure.read_text`.
#: A line of a report's text is a row of a table or a paragraph.
MAX_LINE_CHARS: Final = 100_000

#: The most characters a text given to :func:`~gkdisclosure.read_text` may have. A
#: report's text has tens of thousands; reading one costs time and memory in
#: proportion to its characters, so this, not :data:`~gkdisclosure.ingest.MAX_INPUT_BYTES`,
#: bounds the work on a text.
MAX_TEXT_CHARS: Final = 2_000_000

#: The most start tags a page given to :func:`~gkdisclosure.read_html` may have,
#: counted as it is parsed. A report page with its site's chrome has a few thousand.
MAX_ELEMENTS: Final = 100_000

#: The longest ``<title>`` of a page, in characters. A report's title names the
#: agency and the year in a few dozen.
MAX_TITLE_CHARS: Final = 10_000

# A PDF is small and its pages few (``MAX_PDF_BYTES``, ``MAX_PDF_PAGES``), but a
# compressed page can unpack to gigabytes and draw millions of things. These bound
# what a page, and the whole file, may ask of the reader; each is checked before the
# work it bounds.

#: The most bytes a page's content may unpack to, counting a form it draws (an
#: XObject) once for each time it is drawn. A report's page has a few dozen kilobytes.
MAX_PDF_PAGE_CONTENT_BYTES: Final = 1024 * 1024

#: The most bytes all the pages' content may unpack to together.
MAX_PDF_CONTENT_BYTES: Final = 8 * 1024 * 1024

#: The most glyphs a page may print. A dense page of a report has two thousand.
MAX_PDF_PAGE_CHARS: Final = 20_000

#: The most glyphs all the pages may print together.
MAX_PDF_CHARS: Final = 200_000

#: The most things a page may draw: a path counts its segments, a form what it holds.
#: A report's page draws a few hundred to two thousand.
MAX_PDF_PAGE_OBJECTS: Final = 20_000

#: The most rules (lines and the sides of thin rectangles) a page's tables may have.
#: A report's page has a few hundred.
MAX_PDF_PAGE_RULES: Final = 5_000

#: The most pairs of a page's rules compared to find the ones that touch. Only rules
#: lying near one another are compared: a report's page compares a few thousand pairs.
MAX_PDF_PAGE_RULE_PAIRS: Final = 1_000_000

#: The most ruled tables a page may have. A report's page has one to three.
MAX_PDF_PAGE_TABLES: Final = 100

#: The most grid slots (rows × columns) a page's ruled tables may have together. A
#: report's table has a few hundred.
MAX_PDF_PAGE_SLOTS: Final = 20_000

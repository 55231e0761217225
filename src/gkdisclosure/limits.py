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

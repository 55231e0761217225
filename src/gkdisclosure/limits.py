"""The bounds the library holds its input to, in one place.

Each is a module constant, documented in the reference; the error for an
input beyond one names it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_AMOUNT_DIGITS", "MAX_COUNT"]

#: The largest count (and year) a report document may hold, in absolute value:
#: 999,999,999,999. No agency handles a trillion requests; a larger number is
#: digits run together or a unit mistaken.
MAX_COUNT: Final = 10**12 - 1

#: The most digits an amount may have, leading zeros of its whole part not
#: counted (``"800.68"`` has 5). Eighteen digits hold any sum of money in 万元
#: to the cent, and keep the sums the rules take exact.
MAX_AMOUNT_DIGITS: Final = 18

"""Peak memory while streaming 10,000 and 100,000 reports: ``python -m bench.memory``.

Each count runs in a fresh process that reads and validates the reports
one at a time and keeps only a count of findings, as a batch over JSON
Lines does; memory is flat when the peak does not grow with the count.
"""

from __future__ import annotations

import sys

from .processes import memory

COUNTS = (10_000, 100_000)


def main() -> int:
    """Print the peak resident memory of a fresh process per count of reports."""
    for count, (before, after) in memory(COUNTS, size=200, seed=20210130).items():
        print(f"{count:>9,} reports: peak {after / 1024:7.1f} MiB ({before / 1024:7.1f} before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

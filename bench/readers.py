"""Documents per second for each reader on the corpus: ``python -m bench.readers``.

Each document of ``tests/data/corpus`` is read with the reader of its kind
(through :func:`gkdisclosure.read`, as the command line reads it),
``--repeat`` rounds of ``--rounds`` reads; the best round is kept, as
:mod:`timeit` advises, since slower rounds measure other processes on the
machine. A "page" here is one published document (a report page, a Word
file), not a printed page.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import gkdisclosure

CORPUS: Final = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
KINDS: Final = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".txt": "text"}


def _best(path: Path, rounds: int, repeat: int) -> float:
    """The best time of one read, in seconds."""
    data = path.read_bytes()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(rounds):
            gkdisclosure.read(data)
        best = min(best, (time.perf_counter() - start) / rounds)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    """Print, for each document and each kind, the time of one read and documents per second."""
    parser = argparse.ArgumentParser(prog="python -m bench.readers", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="reads per timed round")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds; the best is kept")
    args = parser.parse_args(argv)
    by_kind: dict[str, list[float]] = {}
    print(f"{'document':<28} {'kind':<5} {'ms/read':>8} {'docs/s':>7}")
    for path in sorted(CORPUS.iterdir()):
        kind = KINDS.get(path.suffix)
        if kind is None:
            continue
        seconds = _best(path, args.rounds, args.repeat)
        by_kind.setdefault(kind, []).append(seconds)
        print(f"{path.name:<28} {kind:<5} {seconds * 1000:>8.1f} {1 / seconds:>7.1f}")
    for kind, times in sorted(by_kind.items()):
        rate = len(times) / sum(times)
        print(f"{kind}: {rate:.1f} documents per second over {len(times)} documents")


if __name__ == "__main__":
    main()

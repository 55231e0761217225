"""Peak memory of the batch command: flat in the number of reports, whatever ``--jobs``.

``python -m bench.batch_memory`` writes JSON Lines files of 10,000 and
100,000 reports (cycling through a seeded pool of distinct reports from
:mod:`bench.data`), runs ``gkdisclosure validate FILE --jobs N --format
jsonl`` on each in a fresh process, and prints the peak resident set size
of the largest process (the command or one of its workers), the time
taken, and how the CPU time split between the command and its workers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

from .data import make_dataset

COUNTS: Final = (10_000, 100_000)
POOL: Final = 2_000
SEED: Final = 20_211_231


def write_lines(path: Path, count: int, pool: int = POOL, seed: int = SEED) -> None:
    """Write ``count`` JSON Lines reports to ``path``, cycling through ``pool`` distinct ones."""
    lines = make_dataset(pool, seed).compact
    with path.open("wb") as stream:
        for index in range(count):
            stream.write(lines[index % pool] + b"\n")


# Runs the command in-process (so that its own CPU time can be told from its workers'), in a
# fresh interpreter (so that the peak is this run's alone).
_MEASURE: Final = """
import contextlib, io, json, os, resource, sys, time
from gkdisclosure.cli import main
start = time.perf_counter()
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), \\
        contextlib.redirect_stderr(io.StringIO()):
    status = main(sys.argv[1:])
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "status": status,
    "seconds": elapsed,
    "peak_kib": max(own.ru_maxrss, workers.ru_maxrss),
    "own_cpu": own.ru_utime + own.ru_stime,
    "workers_cpu": workers.ru_utime + workers.ru_stime,
}))
"""


def measure(path: Path, jobs: int) -> dict[str, float]:
    """Peak RSS (KiB), seconds, CPU seconds of the command and of its workers, exit status."""
    arguments = ["validate", str(path), "--jobs", str(jobs), "--format", "jsonl", "--no-progress"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *arguments], capture_output=True, text=True, check=True
    )
    measured: dict[str, float] = json.loads(done.stdout)
    return measured


def main(argv: list[str] | None = None) -> int:
    """Measure each count; print one JSON object per count."""
    parser = argparse.ArgumentParser(prog="python -m bench.batch_memory", description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=list(COUNTS))
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for count in args.counts:
            path = Path(folder) / f"reports-{count}.jsonl"
            write_lines(path, count)
            measured = measure(path, args.jobs)
            row = {
                "reports": count,
                "jobs": args.jobs,
                "peak_rss_mib": round(measured["peak_kib"] / 1024, 1),
                "seconds": round(measured["seconds"], 2),
                "reports_per_second": round(count / measured["seconds"]),
                "command_cpu_s": round(measured["own_cpu"], 2),
                "workers_cpu_s": round(measured["workers_cpu"], 2),
                "exit_status": measured["status"],
            }
            print(json.dumps(row))
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

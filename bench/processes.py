"""What needs fresh processes: the cost of starting, the use of several cores, flat memory.

Each figure here comes from child processes started with this
interpreter, so nothing the parent imported or warmed counts.
"""

from __future__ import annotations

import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

import attrs

import gkdisclosure

from .data import make_dataset

__all__ = [
    "Scaling",
    "Startup",
    "memory",
    "scaling",
    "scaling_command",
    "scaling_validate_many",
    "startup",
]

ROOT: Final = Path(__file__).resolve().parent.parent

#: Measured inside the child: from before the import to the first findings.
_STARTUP: Final = """
import sys, time
start, cpu_start = time.perf_counter(), time.process_time()
{setup}
imported, cpu_imported = time.perf_counter(), time.process_time()
{first}
done, cpu_done = time.perf_counter(), time.process_time()
print(imported - start, done - start, cpu_imported - cpu_start, cpu_done - cpu_start)
"""
_CONTENDERS: Final = {
    "gkdisclosure": (
        "import gkdisclosure",
        "gkdisclosure.validate(gkdisclosure.loads(DOCUMENT))",
    ),
    "pydantic v2": (
        "from bench import with_pydantic as m",
        "m.findings(m.loads(DOCUMENT))",
    ),
    "msgspec": (
        "from bench import with_msgspec as m",
        "m.findings(m.loads(DOCUMENT))",
    ),
}


@attrs.frozen
class Startup:
    """Milliseconds from the import to the first findings, in fresh processes."""

    name: str
    #: (import, import and first validation) per child, in milliseconds.
    runs: tuple[tuple[float, float], ...]
    #: The same in CPU time of the child (``time.process_time``), which other processes on the
    #: machine inflate far less than the wall clock.
    cpu: tuple[tuple[float, float], ...] = ()

    @property
    def best_cpu_import(self) -> float:
        """The least CPU time of the import alone, in milliseconds."""
        return min(imported for imported, _ in self.cpu)

    @property
    def best_cpu_first_use(self) -> float:
        """The least CPU time of the first validation after the import, in milliseconds."""
        return min(total - imported for imported, total in self.cpu)

    @property
    def best(self) -> float:
        """The fastest child's import and first validation, in milliseconds."""
        return min(total for _, total in self.runs)

    @property
    def median(self) -> float:
        """The median child's import and first validation, in milliseconds."""
        return statistics.median(total for _, total in self.runs)

    @property
    def imports(self) -> float:
        """The median child's import alone, in milliseconds."""
        return statistics.median(imported for imported, _ in self.runs)

    @property
    def best_import(self) -> float:
        """The fastest child's import alone, in milliseconds."""
        return min(imported for imported, _ in self.runs)

    @property
    def first_use(self) -> float:
        """The fastest first validation after the import (its own time alone), in milliseconds."""
        return min(total - imported for imported, total in self.runs)


def _child(code: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return completed.stdout


def startup(document: bytes, repeat: int) -> dict[str, Startup]:
    """Start ``repeat`` children per contender (rotating) and time import + first findings."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in _CONTENDERS}
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in _CONTENDERS}
    for _ in range(repeat):
        for name, (setup, first) in _CONTENDERS.items():
            code = _STARTUP.format(
                setup=f"sys.path.insert(0, {str(ROOT)!r})\n{setup}",
                first=f"DOCUMENT = {document!r}\n{first}",
            )
            imported, total, cpu_imported, cpu_total = (
                float(part) * 1000 for part in _child(code).split()
            )
            runs[name].append((imported, total))
            cpu[name].append((cpu_imported, cpu_total))
    return {name: Startup(name, tuple(found), tuple(cpu[name])) for name, found in runs.items()}


# --- several cores ------------------------------------------------------------------

_DOCUMENTS: list[bytes] = []


def _load_dataset(size: int, seed: int) -> None:
    _DOCUMENTS[:] = make_dataset(size, seed).indented


def _validate_range(bounds: tuple[int, int]) -> int:
    start, stop = bounds
    found = 0
    for document in _DOCUMENTS[start:stop]:
        found += len(gkdisclosure.validate(gkdisclosure.loads(document)))
    return found


@attrs.frozen
class Scaling:
    """Reports per second with one worker process and with ``jobs`` of them."""

    jobs: int
    #: Best rate (reports/s) per number of workers.
    rates: dict[int, float]
    api: str
    #: CPU seconds of the command and of its workers in the best run, per number of workers
    #: (where measured): what the machine's other work cannot inflate as much as the wall clock.
    cpu: dict[int, tuple[float, float]] = attrs.field(factory=dict)

    @property
    def speedup(self) -> float:
        """How many times the rate of one worker ``jobs`` workers reach."""
        return self.rates[self.jobs] / self.rates[1]


def scaling(size: int, seed: int, jobs: int, repeat: int) -> Scaling:
    """Validate the dataset with a pool of 1 and of ``jobs`` workers over the public API.

    The workers build the dataset themselves (same size and seed) and are
    handed ranges of it, so what is measured is the validation, not the
    copying of documents between processes. Each pool is started and
    warmed before it is timed.
    """
    chunk = 50
    ranges = [(start, min(start + chunk, size)) for start in range(0, size, chunk)]
    rates: dict[int, float] = {}
    context = multiprocessing.get_context("spawn")
    pools = {
        count: context.Pool(count, initializer=_load_dataset, initargs=(size, seed))
        for count in sorted({1, jobs})
    }
    try:
        for pool in pools.values():
            pool.map(_validate_range, ranges)  # warm every worker
        best: dict[int, float] = dict.fromkeys(pools, float("inf"))
        for _ in range(repeat):
            for count, pool in pools.items():
                start = time.perf_counter()
                pool.map(_validate_range, ranges)
                best[count] = min(best[count], time.perf_counter() - start)
        rates = {count: size / seconds for count, seconds in best.items()}
    finally:
        for pool in pools.values():
            pool.terminate()
    return Scaling(jobs, rates, "multiprocessing.Pool over loads + validate")


def scaling_validate_many(documents: tuple[bytes, ...], jobs: int, repeat: int) -> Scaling | None:
    """Time ``gkdisclosure.validate_many`` with 1 and ``jobs`` workers, where it exists.

    This process reads the documents (``loads``) and hands the reports to
    the batch API, which validates them in its workers: what a batch run
    over files does.
    """
    validate_many = getattr(gkdisclosure, "validate_many", None)
    if validate_many is None:
        return None
    best: dict[int, float] = {}
    for _ in range(repeat):
        for count in sorted({1, jobs}):
            start = time.perf_counter()
            reports = (gkdisclosure.loads(document) for document in documents)
            for result in validate_many(reports, jobs=count):
                len(result)
            seconds = time.perf_counter() - start
            best[count] = min(best.get(count, seconds), seconds)
    rates = {count: len(documents) / seconds for count, seconds in best.items()}
    return Scaling(jobs, rates, "gkdisclosure.validate_many(loads(...) for ...)")


def scaling_command(count: int, jobs: int) -> Scaling:
    """Time ``gkdisclosure validate FILE.jsonl --jobs N`` over ``count`` reports, 1 and ``jobs``.

    Each run is a fresh process (see :mod:`bench.batch_memory`); the runs alternate, three of
    each, and the best of each counts.
    """
    from . import batch_memory  # noqa: PLC0415 - only this section needs it

    best: dict[int, float] = {}
    cpu: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        batch_memory.write_lines(path, count)
        for _ in range(3):
            for workers in sorted({1, jobs}):
                measured = batch_memory.measure(path, workers)
                seconds = measured["seconds"]
                if seconds < best.get(workers, float("inf")):
                    best[workers] = seconds
                    cpu[workers] = (measured["own_cpu"], measured["workers_cpu"])
    rates = {workers: count / seconds for workers, seconds in best.items()}
    return Scaling(jobs, rates, f"gkdisclosure validate FILE.jsonl, {count:,} reports", cpu)


# --- flat memory --------------------------------------------------------------------

_MEMORY: Final = """
import itertools, re, resource, sys
sys.path.insert(0, {root!r})
import gkdisclosure
from bench.data import make_dataset

def peak():
    # VmHWM starts afresh with this program; ru_maxrss would count the parent's memory
    # from before the exec on Linux
    try:
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

documents = make_dataset({size}, {seed}).indented
before = peak()
found = 0
for document in itertools.islice(itertools.cycle(documents), {count}):
    found += len(gkdisclosure.validate(gkdisclosure.loads(document)))
print(before, peak(), found)
"""


def memory(counts: tuple[int, ...], size: int, seed: int) -> dict[int, tuple[int, int]]:
    """Peak memory (KiB) of a fresh process before and after streaming ``count`` reports.

    The reports cycle through a dataset of ``size``; each is validated and
    dropped, as a batch run over JSON Lines would.
    """
    found: dict[int, tuple[int, int]] = {}
    for count in counts:
        code = _MEMORY.format(root=str(ROOT), size=size, seed=seed, count=count)
        before, after, _ = (int(part) for part in _child(code).split())
        found[count] = (before, after)
    return found

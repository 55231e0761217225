"""Run the benchmark: ``python -m bench`` (``--help`` for the options)."""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import gkdisclosure
from gkdisclosure.converter import _json

from . import processes
from .data import Dataset, make_dataset
from .timing import Timing, Work, each, side_by_side

OURS: Final = "gkdisclosure"
BARE: Final = "msgspec, bare typed decode"
#: The targets of DESIGN.md, "Speed and scale", as sharpened for the second pass.
TARGET_RATE: Final = 25_000
TARGET_PYDANTIC: Final = 1.5
TARGET_BARE_DECODE: Final = 0.25
TARGET_RULES_US: Final = 10.0
TARGET_IMPORT_MS: Final = 150.0
TARGET_FIRST_MS: Final = 30.0
TARGET_HTML_PAGES: Final = 50.0
TARGET_TEXT_PAGES: Final = 80.0
TARGET_BATCH_SPEEDUP: Final = 1.6
CORPUS: Final = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def _load() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="JSON -> Report -> findings, side by side with pydantic v2 and msgspec.",
    )
    parser.add_argument("--reports", type=int, default=2000, help="reports in the dataset")
    parser.add_argument("--seed", type=int, default=20210130, help="seed of the dataset")
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds per figure")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for scaling")
    parser.add_argument("--quick", action="store_true", help="a small, fast run (smoke test)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["startup", "scaling", "memory"],
        help="leave out a section that starts processes",
    )
    return parser


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def _decoder() -> str:
    machinery = _json._machinery()  # noqa: SLF001 - the bench reports the library's choice
    if machinery.typed is not None:
        return "msgspec with a schema per edition"
    return "orjson" if machinery.decode is not _json._quick_json else "json (stdlib)"  # noqa: SLF001


@contextlib.contextmanager
def _stdlib_json() -> Iterator[None]:
    """Make gkdisclosure read with the standard library's decoder, as without the ``fast`` extra."""
    machinery = _json._machinery()  # noqa: SLF001 - the bench compares both decoders
    chosen = machinery.decode, machinery.typed
    # a frozen instance, changed for the comparison only
    object.__setattr__(machinery, "decode", _json._quick_json)  # noqa: SLF001
    object.__setattr__(machinery, "typed", None)
    try:
        yield
    finally:
        object.__setattr__(machinery, "decode", chosen[0])
        object.__setattr__(machinery, "typed", chosen[1])


def _with_stdlib_json(work: Work) -> Work:
    def run() -> object:
        with _stdlib_json():
            return work()

    return Work(run, work.items)


class Report:
    """Prints the figures as they come and keeps them for ``--json``."""

    def __init__(self) -> None:
        self.record: dict[str, Any] = {}

    def heading(self, title: str) -> None:
        """Print a section's title."""
        print(f"\n{title}")
        print("-" * len(title))

    def timings(self, key: str, timings: Mapping[str, Timing], unit: str = "report") -> None:
        """One line per contender: best and median µs, rate, and time relative to ours."""
        reference = timings.get(OURS) or next(iter(timings.values()))
        print(f"  {'':32} {'µs/' + unit:>16} {unit + 's/s':>12} {'time vs ' + reference.name:>22}")
        for name, timing in timings.items():
            ratio = timing.best / reference.best
            print(
                f"  {name:32} {timing.best:7.1f} ({timing.median:6.1f})"
                f" {timing.rate:12,.0f} {ratio:21.2f}×"
            )
        self.record[key] = {
            name: {
                "best_us": t.best,
                "median_us": t.median,
                "per_second": t.rate,
                "ratio": t.best / reference.best,
            }
            for name, t in timings.items()
        }


def _agreement(data: Dataset) -> int:
    """Check that the three find the same identities wanting in every report; count them."""
    from . import with_msgspec, with_pydantic  # noqa: PLC0415 - optional dependencies

    total = 0
    for document in data.indented:
        ours = {(f.rule, f.path) for f in gkdisclosure.validate(gkdisclosure.loads(document))}
        if not (
            ours
            == set(with_pydantic.findings(with_pydantic.loads(document)))
            == set(with_msgspec.findings(with_msgspec.loads(document)))
        ):
            raise SystemExit(f"the baselines disagree with gkdisclosure on {document[:200]!r}")
        total += len(ours)
    return total


def _end_to_end(out: Report, data: Dataset, repeat: int) -> None:
    from . import with_msgspec, with_pydantic  # noqa: PLC0415 - optional dependencies

    def ours(document: bytes) -> object:
        return gkdisclosure.validate(gkdisclosure.loads(document))

    def pydantic(document: bytes) -> object:
        return with_pydantic.findings(with_pydantic.loads(document))

    def msgspec(document: bytes) -> object:
        return with_msgspec.findings(with_msgspec.loads(document))

    for layout, documents in (("indented", data.indented), ("compact", data.compact)):
        out.heading(f"JSON -> Report -> all findings, {layout} documents ({len(data)} reports)")
        contenders: dict[str, Work] = {
            OURS: each(ours, documents),
            "pydantic v2": each(pydantic, documents),
            "msgspec": each(msgspec, documents),
            BARE: each(with_msgspec.loads, documents),
        }
        if _decoder() != "json (stdlib)":
            contenders[f"{OURS}, stdlib json"] = _with_stdlib_json(each(ours, documents))
        out.timings(f"end_to_end.{layout}", side_by_side(contenders, repeat))
        out.record[f"load_average.end_to_end.{layout}"] = os.getloadavg()
        print(f"  load average now: {_load()}")


def _readers(out: Report, repeat: int) -> None:
    """Pages a second of read_html and read_text over the corpus of published reports."""
    html = [path.read_bytes() for path in sorted(CORPUS.glob("*.html"))]
    text = [path.read_bytes() for path in sorted(CORPUS.glob("*.txt"))]
    out.heading(f"readers: published pages -> report ({len(html)} HTML, {len(text)} text)")
    timings = side_by_side(
        {
            "read_html": each(gkdisclosure.read_html, html),
            "read_text": each(gkdisclosure.read_text, text),
        },
        repeat,
    )
    print(f"  {'':32} {'ms/page':>16} {'pages/s':>12}")
    for name, timing in timings.items():
        best, median = timing.best / 1000, timing.median / 1000
        print(f"  {name:32} {best:7.1f} ({median:6.1f}) {timing.rate:12.1f}")
    print(f"  load average now: {_load()}")
    out.record["readers"] = {
        name: {"best_ms": t.best / 1000, "median_ms": t.median / 1000, "per_second": t.rate}
        for name, t in timings.items()
    } | {"load_average": os.getloadavg()}


def _pieces(out: Report, data: Dataset, repeat: int) -> None:
    import msgspec  # noqa: PLC0415 - optional dependencies
    import pydantic_core  # noqa: PLC0415

    from . import with_msgspec, with_pydantic  # noqa: PLC0415

    documents = data.indented
    n = len(documents)
    trees = [json.loads(document) for document in documents]
    reports = [gkdisclosure.from_dict(tree) for tree in trees]
    models = [with_pydantic.from_dict(tree) for tree in trees]
    structs = [with_msgspec.from_dict(tree) for tree in trees]
    clean = [r for r in reports if not gkdisclosure.validate(r)]

    out.heading("decode: JSON bytes -> dicts and lists")
    contenders: dict[str, Work] = {
        "json.loads (stdlib)": each(json.loads, documents),
        "json.loads, duplicate keys refused": each(_json._parse, documents),  # noqa: SLF001 - the careful path
        "msgspec.json.decode": each(msgspec.json.decode, documents),
        "pydantic_core.from_json": each(pydantic_core.from_json, documents),
    }
    with contextlib.suppress(ImportError):
        import orjson  # noqa: PLC0415

        contenders["orjson.loads"] = each(orjson.loads, documents)
    out.timings("decode", side_by_side(contenders, repeat))

    out.heading("structure: dicts and lists -> typed report")
    out.timings(
        "structure",
        side_by_side(
            {
                OURS: each(gkdisclosure.from_dict, trees),
                "pydantic v2": each(with_pydantic.from_dict, trees),
                "msgspec": each(with_msgspec.from_dict, trees),
            },
            repeat,
        ),
    )

    out.heading("decode + structure: JSON bytes -> typed report")
    out.timings(
        "loads",
        side_by_side(
            {
                OURS: each(gkdisclosure.loads, documents),
                "pydantic v2": each(with_pydantic.loads, documents),
                "msgspec": each(with_msgspec.loads, documents),
            },
            repeat,
        ),
    )

    out.heading(f"rules: typed report -> all findings ({len(clean)} clean of {n})")
    out.timings(
        "rules",
        side_by_side(
            {
                OURS: each(gkdisclosure.validate, reports),
                f"{OURS}, clean reports only": each(gkdisclosure.validate, clean),
                "plain identities over pydantic": each(with_pydantic.findings, models),
                "plain identities over msgspec": each(with_msgspec.findings, structs),
            },
            repeat,
        ),
    )
    findings = [f for report in reports for f in gkdisclosure.validate(report)]
    out.heading(f"messages: one finding -> a sentence ({len(findings)} findings)")
    out.timings(
        "messages",
        side_by_side(
            {
                "describe, zh_CN": each(lambda f: gkdisclosure.describe(f, "zh_CN"), findings),
                "describe, en": each(lambda f: gkdisclosure.describe(f, "en"), findings),
            },
            repeat,
        ),
        unit="finding",
    )


def _processes(out: Report, data: Dataset, args: argparse.Namespace) -> None:
    if "startup" not in args.skip:
        out.heading("import + first validation, fresh process (ms)")
        runs = processes.startup(data.indented[0], repeat=5 if args.quick else 9)
        reference = runs[OURS]
        print(
            f"  {'':32} {'best':>8} {'median':>8} {'import':>8} {'best':>8}"
            f" {'1st use':>8} {'vs ' + OURS:>18}   CPU: {'import':>8} {'1st use':>8}"
        )
        for name, found in runs.items():
            print(
                f"  {name:32} {found.best:8.1f} {found.median:8.1f} {found.imports:8.1f}"
                f" {found.best_import:8.1f} {found.first_use:8.1f}"
                f" {found.median / reference.median:17.2f}×"
                f"        {found.best_cpu_import:8.1f} {found.best_cpu_first_use:8.1f}"
            )
        print(f"  load average now: {_load()}")
        out.record["startup_ms"] = {
            name: {
                "best": f.best,
                "median": f.median,
                "import": f.imports,
                "best_import": f.best_import,
                "first_use": f.first_use,
                "best_cpu_import": f.best_cpu_import,
                "best_cpu_first_use": f.best_cpu_first_use,
            }
            for name, f in runs.items()
        }
    if "scaling" not in args.skip:
        out.heading(f"several cores: {args.jobs} worker processes against 1")
        scale = processes.scaling(len(data), args.seed, args.jobs, repeat=3)
        for count, rate in scale.rates.items():
            print(f"  {count} worker(s): {rate:10,.0f} reports/s")
        print(f"  speed-up with {args.jobs}: {scale.speedup:.2f}× ({scale.api})")
        print(f"  load average now: {_load()}")
        out.record["scaling"] = {"rates": scale.rates, "speedup": scale.speedup}
        command = processes.scaling_command(2_000 if args.quick else 10_000, args.jobs)
        for count, rate in command.rates.items():
            own, workers = command.cpu[count]
            print(
                f"  gkdisclosure validate --jobs {count}: {rate:10,.0f} reports/s"
                f"  (CPU s: command {own:.2f}, workers {workers:.2f})"
            )
        print(f"  speed-up with {args.jobs}: {command.speedup:.2f}× ({command.api})")
        print(f"  load average now: {_load()}")
        out.record["scaling_command"] = {
            "rates": command.rates,
            "speedup": command.speedup,
            "cpu_seconds": command.cpu,
            "load_average": os.getloadavg(),
        }
        batch = processes.scaling_validate_many(data.indented, args.jobs, repeat=3)
        if batch is not None:
            for count, rate in batch.rates.items():
                print(f"  validate_many, jobs={count}: {rate:10,.0f} reports/s")
            print(f"  speed-up with {args.jobs}: {batch.speedup:.2f}× ({batch.api})")
            out.record["scaling_validate_many"] = {"rates": batch.rates, "speedup": batch.speedup}
    if "memory" not in args.skip:
        counts = (2_000, 8_000) if args.quick else (2_000, 20_000, 80_000)
        out.heading("memory while streaming reports (peak RSS of a fresh process, MiB)")
        peaks = processes.memory(counts, size=200, seed=args.seed)
        for count, (before, after) in peaks.items():
            print(f"  {count:>7,} reports: {before / 1024:7.1f} before, {after / 1024:7.1f} after")
        out.record["memory_kib"] = {str(count): pair for count, pair in peaks.items()}


def _targets(out: Report) -> None:
    out.heading("targets (DESIGN.md, 'Speed and scale'; issue of the second pass)")
    record = out.record
    end = record["end_to_end.indented"]
    rate = end[OURS]["per_second"]
    load = ", ".join(f"{figure:.2f}" for figure in record["load_average.end_to_end.indented"])
    bare = rate / end[BARE]["per_second"]
    rows = [
        (
            f"JSON -> findings >= {TARGET_RATE:,}/s a core",
            f"{rate:,.0f}/s (load average {load})",
            rate >= TARGET_RATE,
        ),
        (
            f"pydantic v2 takes >= {TARGET_PYDANTIC}× our time",
            f"{end['pydantic v2']['ratio']:.2f}×",
            end["pydantic v2"]["ratio"] >= TARGET_PYDANTIC,
        ),
        (
            f">= {TARGET_BARE_DECODE}× msgspec's bare decode",
            f"{bare:.2f}× its throughput",
            bare >= TARGET_BARE_DECODE,
        ),
    ]
    rules = record["rules"][f"{OURS}, clean reports only"]["best_us"]
    rows.append((f"identities <= {TARGET_RULES_US:.0f} µs/report", f"{rules:.1f} µs", rules <= 10))
    if "startup_ms" in record:
        ours = record["startup_ms"][OURS]
        rows.append(
            (
                f"import <= {TARGET_IMPORT_MS:.0f} ms (best)",
                f"{ours['best_import']:.0f} ms (CPU {ours['best_cpu_import']:.0f} ms)",
                ours["best_import"] <= TARGET_IMPORT_MS,
            )
        )
        rows.append(
            (
                f"first validation <= {TARGET_FIRST_MS:.0f} ms after it",
                f"{ours['first_use']:.0f} ms (CPU {ours['best_cpu_first_use']:.0f} ms)",
                ours["first_use"] <= TARGET_FIRST_MS,
            )
        )
    readers = record["readers"]
    for name, target in (("read_html", TARGET_HTML_PAGES), ("read_text", TARGET_TEXT_PAGES)):
        pages = readers[name]["per_second"]
        rows.append((f"{name} >= {target:.0f} pages/s", f"{pages:.1f} pages/s", pages >= target))
    if "scaling_command" in record:
        speedup = record["scaling_command"]["speedup"]
        load = ", ".join(f"{f:.2f}" for f in record["scaling_command"]["load_average"])
        rows.append(
            (
                f"validate --jobs 2 >= {TARGET_BATCH_SPEEDUP}× --jobs 1",
                f"{speedup:.2f}× (load average {load})",
                speedup >= TARGET_BATCH_SPEEDUP,
            )
        )
    for what, figure, met in rows:
        print(f"  {'met ' if met else 'GAP '} {what:42} {figure}")
    out.record["targets"] = {what: {"figure": figure, "met": met} for what, figure, met in rows}


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section and print the figures; return the exit status."""
    args = _parser().parse_args(argv)
    if args.quick:
        args.reports, args.repeat = min(args.reports, 300), min(args.repeat, 3)
    data = make_dataset(args.reports, args.seed)
    out = Report()
    print(
        f"gkdisclosure {_version('gkdisclosure')} (cattrs {_version('cattrs')}, attrs"
        f" {_version('attrs')}, decoder: {_decoder()}) against pydantic {_version('pydantic')}"
        f" and msgspec {_version('msgspec')}"
    )
    print(
        f"{_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"load average before the run: {load} (other processes share the cores)")
    print(
        f"{len(data)} reports from seed {data.seed}, {data.faulty} with planted faults;"
        f" {args.repeat} rounds a figure; µs: best round (median round)"
    )
    out.record["setup"] = {
        "reports": len(data),
        "seed": data.seed,
        "faulty": data.faulty,
        "repeat": args.repeat,
        "decoder": _decoder(),
        "cpu": _cpu(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }
    found = _agreement(data)
    print(f"all three find the same {found} findings (rule and cell) in the {len(data)} reports")
    out.record["setup"]["findings"] = found
    _end_to_end(out, data, args.repeat)
    _readers(out, args.repeat)
    _pieces(out, data, args.repeat)
    _processes(out, data, args)
    _targets(out)
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"\nload average after the run: {load}")
    if args.json is not None:
        args.json.write_text(json.dumps(out.record, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

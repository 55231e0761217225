"""``gkdisclosure validate`` over many reports: folders, JSON Lines, every core, a summary.

The command's batch mode, kept apart from :mod:`gkdisclosure.cli` so that
the single-file path stays short. Only the presentation lives here; the
work is :func:`gkdisclosure.batch.check_sources`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Final, TextIO

from .._gettext import N_
from ..batch import Outcome, Reader, Summary, check_sources, iter_sources
from ..findings import Severity
from ..render import LocaleName, gettext, render_batch, severity_name
from ._options import validation_options
from ._output import write_output

__all__ = ["run_batch"]

_PLAIN_EVERY: Final = 1000


def _progress(outcomes: Iterable[Outcome], stream: TextIO, *, show: bool) -> Iterator[Outcome]:
    """The outcomes, with a progress bar on a terminal: tqdm's if installed, else a counter."""
    if not show:
        yield from outcomes
        return
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional: the "progress" extra
    except ImportError:
        count = 0
        for count, outcome in enumerate(outcomes, start=1):
            if count % _PLAIN_EVERY == 0:
                stream.write(f"\r{count} reports")
                stream.flush()
            yield outcome
        stream.write(f"\r{count} reports\n")
        return
    yield from tqdm(outcomes, unit=" reports", file=stream, dynamic_ncols=True)


_REPORT: Final = N_("%(file)s: %(agency)s, %(year)s: %(errors)s errors, %(findings)s findings")
_COUNTS: Final = N_(
    "Reports: %(reports)s (failing: %(failing)s, unreadable: %(unreadable)s); "
    "cells: %(cells)s; findings: %(findings)s"
)
_BY_SEVERITY: Final = N_("By severity: %(counts)s")
_BY_RULE: Final = N_("By rule:")
_WORST: Final = N_("Worst reports:")
_WORST_LINE: Final = N_("%(file)s: %(errors)s errors, %(findings)s findings")


def _line(outcome: Outcome, locale: LocaleName) -> str:
    return gettext(_REPORT, locale) % {
        "file": outcome.source,
        "agency": outcome.agency,
        "year": outcome.year,
        "errors": outcome.errors,
        "findings": len(outcome.tally),
    }


def _summary_text(summary: Summary, locale: LocaleName) -> str:
    data = summary.to_dict()
    severities = ", ".join(
        f"{severity_name(name, locale)} {count}" for name, count in data["by_severity"].items()
    )
    lines = [
        gettext(_COUNTS, locale) % data,
        gettext(_BY_SEVERITY, locale) % {"counts": severities},
    ]
    if data["by_rule"]:
        lines.append(gettext(_BY_RULE, locale))
        lines.extend(f"  {rule}: {count}" for rule, count in data["by_rule"].items())
    if data["worst"]:
        lines.append(gettext(_WORST, locale))
        lines.extend(f"  {gettext(_WORST_LINE, locale) % item}" for item in data["worst"])
    return "\n".join(lines) + "\n"


def _write(outcome: Outcome, args: argparse.Namespace, *, first: bool) -> None:
    """One outcome: a JSON line, an element of the JSON array, or a line of text if it matters."""
    if args.format == "jsonl":
        sys.stdout.write(f"{outcome.text}\n")
    elif args.format == "json":
        sys.stdout.write(("\n" if first else ",\n") + (outcome.text or ""))
    elif outcome.error is not None:
        where = "" if outcome.error.startswith(outcome.source) else f"{outcome.source}: "
        sys.stderr.write(f"gkdisclosure: {where}{outcome.error}\n")
    elif outcome.tally:
        sys.stdout.write(_line(outcome, args.locale) + "\n")


def run_batch(args: argparse.Namespace, reader: Reader) -> int:
    """Validate every report the arguments name; write outcomes, then the summary; exit status."""
    sources = iter_sources(args.files)
    outcomes = check_sources(
        sources,
        jobs=args.jobs,
        reader=reader,
        locale=args.locale if args.format != "text" else None,
        as_json=args.format != "text",
        keep_reports=args.report is not None,
        **validation_options(args).keywords(),
    )
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    summary = Summary()
    threshold = Severity(args.fail_on).rank
    status = 0
    if args.format == "json":
        sys.stdout.write("[")
    kept: list[Outcome] = []
    for index, outcome in enumerate(_progress(outcomes, sys.stderr, show=show)):
        summary.add(outcome)
        if args.report is not None:
            kept.append(outcome)
        if outcome.error is not None:
            status = 2
        elif status == 0 and any(Severity(s).rank >= threshold for _r, s in outcome.tally):
            status = 1
        _write(outcome, args, first=index == 0)
    if args.format == "json":
        sys.stdout.write("\n]\n")
    if summary.reports == 0 and summary.unreadable == 0:
        sys.stderr.write(f"gkdisclosure: no report found in: {', '.join(args.files)}\n")
        return 2
    text = _summary_text(summary, args.locale)
    (sys.stdout if args.format == "text" else sys.stderr).write(text)
    if args.report is not None:
        page = render_batch(kept, args.locale)
        if write_output(args.report, page, sources=args.files) != 0:
            return 2
    return status

"""Validating many reports: streaming, in constant memory, on every core.

:func:`validate_many` validates an iterable of reports and yields their
results in order, holding only a bounded window of reports at a time;
with ``jobs`` above 1 the window is spread over worker processes (reports,
findings and results pickle, so the same functions run under Dask or
Spark too). :func:`iter_sources` turns files, folders and JSON Lines into
:class:`Source` items, :func:`check_sources` reads and validates them
where they are read (in the workers), and :class:`Summary` adds up what
they found without keeping them.
"""

from __future__ import annotations

import heapq
import json
import os
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, TypeVar, Unpack

import attrs
from attrs import define, field, frozen

from .catalog import edition
from .converter import MAX_DOCUMENT_BYTES, load, loads
from .errors import GkDisclosureError
from .findings import Finding, Severity, ValidationResult
from .model import Report
from .narrative import NarrativeFigure
from .rules import ValidationKeywords, ValidationOptions, validate

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "Outcome",
    "Source",
    "Summary",
    "check_sources",
    "iter_sources",
    "validate_many",
]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: The files a folder is searched for.
SUFFIXES: Final = (".json", ".jsonl", ".html", ".htm", ".txt", ".docx", ".doc", ".pdf")
_CHUNK: Final = 256
_WORST: Final = 10


def cores() -> int:
    """How many cores this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - systems without sched_getaffinity (macOS)
        return os.cpu_count() or 1


def _jobs(jobs: int | None) -> int:
    """The number of workers: one per core for ``None`` or 0, never more than the cores."""
    available = cores()
    if jobs is None or jobs <= 0:
        return available
    return min(jobs, available)


def _chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _ordered(
    function: Callable[[list[_T]], list[_R]],
    items: Iterable[_T],
    *,
    jobs: int | None,
    chunk: int,
) -> Iterator[_R]:
    """Apply ``function`` to chunks of the items in order, two chunks a worker in flight at most."""
    workers = _jobs(jobs)
    if workers == 1:
        for part in _chunks(items, chunk):
            yield from function(part)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - only batches need it

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[_R]]] = deque()
        for part in _chunks(items, chunk):
            pending.append(pool.submit(function, part))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _validate(
    report: Report, options: ValidationOptions, narrative: Sequence[NarrativeFigure] = ()
) -> ValidationResult:
    return validate(report, narrative=narrative, **options.keywords())


@frozen
class _ValidateChunk:
    options: ValidationOptions

    def __call__(self, reports: list[Report]) -> list[ValidationResult]:
        return [_validate(report, self.options) for report in reports]


def validate_many(
    reports: Iterable[Report],
    *,
    jobs: int | None = 1,
    chunk: int = _CHUNK,
    **options: Unpack[ValidationKeywords],
) -> Iterator[ValidationResult]:
    """Validate every report, yielding the results in the order of the reports.

    The reports are read lazily, ``chunk`` at a time, and at most two
    chunks per worker are in flight: memory stays flat however many
    reports there are, as long as the caller does not keep the results.
    ``jobs`` is the number of worker processes (``None`` or ``0``: one per
    core), never more than the cores this process may use: more workers
    than cores only add processes; with 1 everything runs in this process.
    The other keyword arguments are the
    :class:`~gkdisclosure.rules.ValidationOptions`.
    """
    function = _ValidateChunk(ValidationOptions(**options))
    return _ordered(function, reports, jobs=jobs, chunk=chunk)


# --- sources: files, folders, JSON Lines --------------------------------------------------


@frozen
class Source:
    """One report to read: a file, or one line of a JSON Lines file.

    ``name`` says where it is (``"reports.jsonl:12"`` for line 12);
    ``text`` holds a JSON Lines line, ``path`` a file read where it is checked;
    ``error`` says why a source could not even be read as text.
    """

    name: str
    path: str | None = None
    text: str | None = None
    error: str | None = None

    def __reduce__(self) -> tuple[type[Source], tuple[str, str | None, str | None, str | None]]:
        # sent to the workers by the hundred: a tuple of fields pickles in a third of the time
        # of attrs' state dictionary
        return (Source, (self.name, self.path, self.text, self.error))


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Every report under the paths, lazily: files, folders (searched in name order), lines.

    A folder yields its ``.json``, ``.jsonl``, ``.html``, ``.htm``,
    ``.txt``, ``.docx``, ``.doc`` and ``.pdf`` files, depth first, leaving
    out names that start with a dot and not following links to folders; a
    folder that cannot be read and a symbolic link that leads nowhere
    (dangling, or a loop) are sources with an ``error``, so
    that nothing is skipped silently. A ``.jsonl`` file yields one source
    per non-blank line; any other file is one source. ``-`` reads JSON
    Lines from standard input.
    """
    for given in paths:
        path = Path(given)
        if str(given) == "-":
            yield from _lines("<stdin>", _stdin())
        elif path.is_dir():
            for found, error in _folder(path):
                if error is None:
                    yield from iter_sources([found])
                else:
                    yield Source(found, error=error)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _jsonl(path)
        else:
            yield Source(str(given), path=str(given))


def _folder(folder: Path) -> list[tuple[str, str | None]]:
    """The report files under a folder, with the entries that cannot be read and why, by name."""
    found: list[tuple[str, str | None]] = []

    def unreadable(error: OSError) -> None:
        found.append((str(error.filename), f"cannot read the folder: {error.strerror or error}"))

    for top, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(top, name)
            try:
                mode = path.stat().st_mode
            except OSError as error:  # a link that leads nowhere
                found.append((str(path), f"cannot read: {error.strerror or error}"))
                continue
            if path.suffix.lower() not in SUFFIXES:
                continue
            if stat.S_ISREG(mode):
                found.append((str(path), None))
            elif not stat.S_ISDIR(mode):  # reading a FIFO or a device would wait or never end
                found.append((str(path), "not an ordinary file (a FIFO, a device or a socket)"))
    return sorted(found, key=lambda item: Path(item[0]))


def _jsonl(path: Path) -> Iterator[Source]:
    """The lines of a JSON Lines file; one that cannot be read is one source that says why."""
    try:
        with path.open("rb") as stream:
            yield from _lines(str(path), stream)
    except OSError as error:
        yield Source(str(path), error=f"cannot read: {error.strerror or error}")


def _stdin() -> BinaryIO:
    import sys  # noqa: PLC0415 - only the command reads standard input

    return sys.stdin.buffer


#: How much of an overlong line is read at a time while it is skipped.
_SKIP: Final = 1024 * 1024


def _bounded(stream: BinaryIO) -> Iterator[bytes | None]:
    """Each line of a stream, or ``None`` for one longer than a document may be.

    An overlong line is read past in pieces, never held whole: memory stays
    bounded by :data:`~gkdisclosure.converter.MAX_DOCUMENT_BYTES` whatever
    the stream holds.
    """
    while line := stream.readline(MAX_DOCUMENT_BYTES + 1):
        if len(line) <= MAX_DOCUMENT_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_SKIP)) and not rest.endswith(b"\n"):
            pass
        yield None


def _lines(name: str, stream: BinaryIO) -> Iterator[Source]:
    """The non-blank lines of JSON Lines bytes; a line that cannot be a report says why."""
    for number, raw in enumerate(_bounded(stream), start=1):
        where = f"{name}:{number}"
        if raw is None:
            reason = (
                f"a line of more than {MAX_DOCUMENT_BYTES:,} bytes; a report is at most that "
                "(MAX_DOCUMENT_BYTES)"
            )
            yield Source(where, error=reason)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Source(where, error=f"not UTF-8 text (byte {error.start})")
            continue
        if line.strip():
            yield Source(where, text=line)


@frozen
class Outcome:
    """What checking one source gave: the report's identity, its cells and findings, or an error.

    Light enough to send between processes by the hundred thousand; the
    report itself is left behind.
    """

    source: str
    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    #: How many value cells the report's tables have (reported or not).
    cells: int = 0
    findings: tuple[Finding, ...] = ()
    #: Why the source could not be read, if it could not.
    error: str | None = None
    #: Each finding as a sentence, when :func:`check_sources` was given a locale.
    messages: tuple[str, ...] = ()
    #: ``(rule, severity)`` of each finding: what a summary counts (kept when findings are not).
    tally: tuple[tuple[str, str], ...] = field(
        default=attrs.Factory(lambda self: _tally(self.findings), takes_self=True)
    )
    #: The outcome as one line of JSON, when :func:`check_sources` wrote it (``as_json=True``).
    text: str | None = None
    #: The report itself, when :func:`check_sources` was asked to keep it (``keep_reports=True``).
    report: Report | None = field(default=None, eq=False, repr=False)

    def __reduce__(self) -> tuple[type[Outcome], tuple[Any, ...]]:
        # sent back from the workers one per report: a tuple of fields pickles faster than
        # attrs' state dictionary, and the tally is not worked out again; the report goes
        # along only when it was kept (a page about the batch needs it)
        return (
            Outcome,
            (
                self.source,
                self.agency,
                self.year,
                self.edition,
                self.cells,
                self.findings,
                self.error,
                self.messages,
                self.tally,
                self.text,
                self.report,
            ),
        )

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for _rule, severity in self.tally if severity == Severity.ERROR.value)

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data, each finding with its sentence where there is one."""
        if self.error is not None:
            return {"file": self.source, "error": self.error}
        findings = [finding.to_dict() for finding in self.findings]
        for data, message in zip(findings, self.messages, strict=False):
            data["message"] = message
        return {
            "file": self.source,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "cells": self.cells,
            "ok": self.errors == 0,
            "findings": findings,
        }


def _tally(findings: tuple[Finding, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((finding.rule, finding.severity.value) for finding in findings)


def _cells(report: Report) -> int:
    spec = edition(report.edition)
    return sum(
        len(row.columns)
        for table in spec.tables
        if getattr(report, table.key) is not None
        for row in table.rows
        if row.official
    )


class _SourceError(GkDisclosureError):
    """A source that could not be read as text; the message says why."""


#: Reads a file of a batch: a report, or a report with the totals its text states.
Reader = Callable[[str], Report | tuple[Report, Sequence[NarrativeFigure]]]


def _read(source: Source, reader: Reader | None) -> tuple[Report, Sequence[NarrativeFigure]]:
    if source.error is not None:
        raise _SourceError(source.error)
    if source.text is not None:
        return loads(source.text), ()
    path = source.path or source.name
    if reader is None:
        return load(path), ()
    read = reader(path)
    return read if isinstance(read, tuple) else (read, ())


@frozen
class _CheckChunk:
    options: ValidationOptions
    reader: Reader | None = None
    locale: str | None = None
    as_json: bool = False
    keep_reports: bool = False

    def __call__(self, sources: list[Source]) -> list[Outcome]:
        outcomes = []
        for source in sources:
            try:
                report, narrative = _read(source, self.reader)
            except (GkDisclosureError, OSError, ValueError) as error:
                reason = getattr(error, "strerror", None) or "; ".join(
                    line.strip() for line in str(error).splitlines()
                )
                outcomes.append(self._finish(Outcome(source.name, error=reason)))
                continue
            result = _validate(report, self.options, narrative)
            outcome = Outcome(
                source.name,
                agency=report.agency,
                year=report.year,
                edition=report.edition.value,
                cells=_cells(report),
                findings=result.findings,
                messages=self._messages(result.findings),
                report=report if self.keep_reports else None,
            )
            outcomes.append(self._finish(outcome))
        return outcomes

    def _finish(self, outcome: Outcome) -> Outcome:
        """Write the JSON line here, in the worker, and send back only what a summary needs."""
        if not self.as_json:
            return outcome
        text = json.dumps(outcome.to_dict(), ensure_ascii=False)
        return attrs.evolve(outcome, findings=(), messages=(), text=text)

    def _messages(self, findings: tuple[Finding, ...]) -> tuple[str, ...]:
        if self.locale is None:
            return ()
        from .render import describe  # noqa: PLC0415 - only when sentences are asked for

        return tuple(describe(finding, self.locale) for finding in findings)


def check_sources(  # noqa: PLR0913 - how to spread, read and write, and the options
    sources: Iterable[Source],
    *,
    jobs: int | None = 1,
    chunk: int = _CHUNK,
    reader: Reader | None = None,
    locale: str | None = None,
    as_json: bool = False,
    keep_reports: bool = False,
    **options: Unpack[ValidationKeywords],
) -> Iterator[Outcome]:
    """Read and validate every source (in the workers), yielding outcomes in order.

    Files are read with ``reader`` (a picklable function of a path; by
    default :func:`gkdisclosure.load`, JSON only); JSON Lines lines are
    always JSON. A source that cannot be read gives an outcome with
    :attr:`Outcome.error` rather than stopping the batch. With ``locale``
    (``zh_CN`` or ``en``) each finding's sentence is written in the
    workers too (:attr:`Outcome.messages`). With ``as_json`` each outcome
    comes back as its JSON line (:attr:`Outcome.text`) and its
    :attr:`~Outcome.tally`, without the findings: far less to send back,
    so that the workers, not the collecting process, do the work. With
    ``keep_reports`` each outcome carries its report (:attr:`Outcome.report`),
    for a page about the whole batch (:func:`gkdisclosure.render.render_batch`).
    The other keyword arguments are the :class:`~gkdisclosure.rules.ValidationOptions`.
    """
    function = _CheckChunk(ValidationOptions(**options), reader, locale, as_json, keep_reports)
    return _ordered(function, sources, jobs=jobs, chunk=chunk)


# --- the summary ----------------------------------------------------------------------------


@define
class Summary:
    """Counts over a batch, added up one outcome at a time (constant memory).

    ``worst`` keeps the ``keep`` reports with the most errors (then the
    most findings), worst first.
    """

    keep: int = _WORST
    reports: int = field(default=0, init=False)
    unreadable: int = field(default=0, init=False)
    failing: int = field(default=0, init=False)
    cells: int = field(default=0, init=False)
    by_rule: Counter[str] = field(factory=Counter, init=False)
    by_severity: Counter[str] = field(factory=Counter, init=False)
    _heap: list[tuple[int, int, int, str]] = field(factory=list, init=False)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome in."""
        if outcome.error is not None:
            self.unreadable += 1
            return
        self.reports += 1
        self.cells += outcome.cells
        errors = outcome.errors
        if errors:
            self.failing += 1
        self.by_rule.update(rule for rule, _severity in outcome.tally)
        self.by_severity.update(severity for _rule, severity in outcome.tally)
        if outcome.tally:
            item = (errors, len(outcome.tally), -self.reports, outcome.source)
            if len(self._heap) < self.keep:
                heapq.heappush(self._heap, item)
            else:
                heapq.heappushpop(self._heap, item)

    @property
    def worst(self) -> tuple[tuple[str, int, int], ...]:
        """``(source, errors, findings)`` of the worst reports, worst first."""
        ranked = sorted(self._heap, reverse=True)
        return tuple((source, errors, count) for errors, count, _order, source in ranked)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "reports": self.reports,
            "unreadable": self.unreadable,
            "failing": self.failing,
            "cells": self.cells,
            "findings": sum(self.by_rule.values()),
            "by_severity": {s.value: self.by_severity[s.value] for s in Severity},
            "by_rule": dict(sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
            "worst": [
                {"file": source, "errors": errors, "findings": count}
                for source, errors, count in self.worst
            ],
        }

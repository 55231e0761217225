"""Reading and validating the reports of a batch where they are read, and what that gave."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Unpack

import attrs
from attrs import field, frozen

from ..catalog import edition
from ..converter import load, loads
from ..errors import GkDisclosureError
from ..findings import Finding, Severity, Status, ValidationResult
from ..model import Report
from ..narrative import NarrativeFigure
from ..rules import ValidationKeywords, ValidationOptions, validate
from ._pool import ordered
from ._sources import Source

if TYPE_CHECKING:
    from ..ingest import CellSource, IngestResult

__all__ = ["Outcome", "Reader", "check_sources", "validate_many", "weight"]

_CHUNK: Final = 256


def _validate(
    report: Report, options: ValidationOptions, narrative: Sequence[NarrativeFigure] = ()
) -> ValidationResult:
    return validate(report, narrative=narrative, **options.keywords())


@frozen
class _ValidateChunk:
    options: ValidationOptions

    def __call__(self, reports: list[Report]) -> list[tuple[Finding, ...]]:
        # only the findings go back: the caller holds the reports already
        return [_validate(report, self.options).findings for report in reports]


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
    The reports go to the workers and only their findings come back; each
    result holds the very report it was given.
    The other keyword arguments are the
    :class:`~gkdisclosure.rules.ValidationOptions`.
    """
    function = _ValidateChunk(ValidationOptions(**options))
    sent: deque[Report] = deque()

    def recorded() -> Iterator[Report]:
        for report in reports:
            sent.append(report)  # taken back out, in order, as its findings come in
            yield report

    return (
        ValidationResult(findings, sent.popleft())
        for findings in ordered(function, recorded(), jobs=jobs, chunk=chunk)
    )


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
    #: Where the cells of the failed findings were printed, kept with the report for a report
    #: read from a PDF: their :class:`~gkdisclosure.ingest.CellSource`, each with its page.
    evidence: tuple[CellSource, ...] = field(default=(), eq=False, repr=False)

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
                self.evidence,
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


#: Reads a file of a batch: a report, a report with the totals its text states, or all that
#: ingest gives (an :class:`~gkdisclosure.ingest.IngestResult`: the provenance of the cells too).
Reader = Callable[[str], "Report | tuple[Report, Sequence[NarrativeFigure]] | IngestResult"]


@frozen
class _Read:
    report: Report
    narrative: Sequence[NarrativeFigure] = ()
    ingest: IngestResult | None = None


def _read(source: Source, reader: Reader | None) -> _Read:
    if source.error is not None:
        raise _SourceError(source.error)
    if source.text is not None:
        return _Read(loads(source.text))
    path = source.path or source.name
    if reader is None:
        return _Read(load(path))
    read = reader(path)
    if isinstance(read, Report):
        return _Read(read)
    if isinstance(read, tuple):
        return _Read(*read)
    return _Read(read.report, read.narrative, read)


def _evidence(result: ValidationResult, ingest: IngestResult | None) -> tuple[CellSource, ...]:
    """The provenance of the cells of the failed findings that were printed on a page."""
    failed = [finding for finding in result.findings if finding.status is Status.FAILED]
    if ingest is None or not failed:
        return ()
    return tuple(
        cell
        for cell in ingest.provenance
        if cell.page is not None and any(finding.touches(cell.path) for finding in failed)
    )


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
                read = _read(source, self.reader)
            except (GkDisclosureError, OSError, ValueError) as error:
                reason = getattr(error, "strerror", None) or "; ".join(
                    line.strip() for line in str(error).splitlines()
                )
                outcomes.append(self._finish(Outcome(source.name, error=reason)))
                continue
            report = read.report
            result = _validate(report, self.options, read.narrative)
            outcome = Outcome(
                source.name,
                agency=report.agency,
                year=report.year,
                edition=report.edition.value,
                cells=_cells(report),
                findings=result.findings,
                messages=self._messages(result.findings),
                report=report if self.keep_reports else None,
                evidence=_evidence(result, read.ingest) if self.keep_reports else (),
            )
            outcomes.append(self._finish(outcome))
        return outcomes

    def _finish(self, outcome: Outcome) -> Outcome:
        """Write the JSON line here, in the worker, and send back only what a summary needs.

        With the reports kept, the findings go back too: a page about the
        batch marks them in each report's tables.
        """
        if not self.as_json:
            return outcome
        text = json.dumps(outcome.to_dict(), ensure_ascii=False)
        if self.keep_reports:
            return attrs.evolve(outcome, text=text)
        return attrs.evolve(outcome, findings=(), messages=(), text=text)

    def _messages(self, findings: tuple[Finding, ...]) -> tuple[str, ...]:
        if self.locale is None:
            return ()
        from ..render import describe  # noqa: PLC0415 - only when sentences are asked for

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

    Files are read with ``reader`` (a picklable function of a path
    returning a report, a report and its narrative, or an
    :class:`~gkdisclosure.ingest.IngestResult`, as
    :func:`gkdisclosure.read` does; by default :func:`gkdisclosure.load`,
    JSON only); JSON Lines lines are
    always JSON. A source that cannot be read gives an outcome with
    :attr:`Outcome.error` rather than stopping the batch. With ``locale``
    (``zh_CN`` or ``en``) each finding's sentence is written in the
    workers too (:attr:`Outcome.messages`). With ``as_json`` each outcome
    comes back as its JSON line (:attr:`Outcome.text`) and its
    :attr:`~Outcome.tally`, without the findings: far less to send back,
    so that the workers, not the collecting process, do the work. With
    ``keep_reports`` each outcome carries its report (:attr:`Outcome.report`)
    and its findings (even with ``as_json``), for a page about the whole
    batch (:func:`gkdisclosure.render.render_batch`), and, where ``reader``
    gave the cells' provenance, where the cells of the failed findings were
    printed (:attr:`Outcome.evidence`).
    The sources go to the workers ``chunk`` JSON documents at a time; a
    file of another kind (a page, a Word file, a PDF) counts as 32 of them,
    so that a folder of pages is spread over the workers too.
    The other keyword arguments are the :class:`~gkdisclosure.rules.ValidationOptions`.
    """
    function = _CheckChunk(ValidationOptions(**options), reader, locale, as_json, keep_reports)
    return ordered(function, sources, jobs=jobs, chunk=chunk, weight=weight)


#: What reading a page, a text, a Word file or a PDF costs in a chunk, against a JSON document:
#: tens of milliseconds where a JSON document takes a fraction of one.
_PAGE: Final = 32


def weight(source: Source) -> int:
    """A source's share of a chunk: 1 for JSON (a line or a file), 32 for the others."""
    if source.path is None or source.path.lower().endswith(".json"):
        return 1
    return _PAGE

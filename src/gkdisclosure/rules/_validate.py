"""Validating a report: compiled identities, report, series and narrative rules, in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from decimal import Decimal
from functools import cache
from typing import Final, Unpack

from attrs import frozen

from ..catalog import Edition, Identity, edition, identities, series_identities, vocabulary
from ..findings import Finding, InconsistentReportError, Severity, Status, ValidationResult
from ..findings import fingerprint as _fingerprint
from ..model import Report, paths
from ..narrative import NarrativeFigure, NarrativeKind
from ._catalogue import RULES, UNASSESSABLE, ValidationKeywords, ValidationOptions
from ._compile import Checker, Explainer, compile_checker, compile_explainer
from ._completeness import completeness_findings, official_cells
from ._evaluate import evaluate

__all__ = ["check", "is_consistent", "iter_findings", "validate"]


@frozen
class _Compiled:
    numbered: tuple[Identity, ...]
    checkers: tuple[tuple[str, Checker], ...]
    blank_as_zero: bool
    #: Each identity's explainer, compiled the first time it is needed.
    explainers: list[Explainer | None]

    def explain(
        self, index: int, report: Report, severities: dict[str, Severity]
    ) -> Finding | None:
        """The finding of the identity at ``index``, built by its compiled explainer."""
        explainer = self.explainers[index]
        if explainer is None:
            identity = self.numbered[index]
            explainer = compile_explainer(identity, blank_as_zero=self.blank_as_zero)
            self.explainers[index] = explainer
        return explainer(report, severities)


@cache
def _compiled(which: Edition, *, blank_as_zero: bool) -> _Compiled:
    numbered = identities(edition(which))
    checkers = []
    for table in edition(which).tables:
        mine = [(i, ident) for i, ident in enumerate(numbered) if ident.table == table.key]
        checker = compile_checker(
            table.key, mine, blank_as_zero=blank_as_zero, filled=official_cells(table)
        )
        checkers.append((table.key, checker))
    return _Compiled(numbered, tuple(checkers), blank_as_zero, [None] * len(numbered))


def iter_findings(
    report: Report,
    *,
    previous: Report | None = None,
    narrative: Iterable[NarrativeFigure] = (),
    **options: Unpack[ValidationKeywords],
) -> Iterator[Finding]:
    """Yield every finding about the report, table by table.

    See :func:`validate` for the arguments.
    """
    return _findings(report, previous, narrative, ValidationOptions(**options))


def _findings(
    report: Report,
    previous: Report | None,
    narrative: Iterable[NarrativeFigure],
    options: ValidationOptions,
) -> Iterator[Finding]:
    severities = options.severities()
    silenced = options.silenced()
    found = _all_findings(report, previous, narrative, severities, options.blank_as_zero)
    if not silenced:
        return found
    return (
        finding
        for finding in found
        if (UNASSESSABLE if finding.status is Status.UNASSESSABLE else finding.rule) not in silenced
    )


def _all_findings(
    report: Report,
    previous: Report | None,
    narrative: Iterable[NarrativeFigure],
    severities: dict[str, Severity],
    blank_as_zero: bool,  # noqa: FBT001 - private
) -> Iterator[Finding]:
    compiled = _compiled(report.edition, blank_as_zero=blank_as_zero)
    # the checkers run first: where one says its table is filled, the
    # completeness rules have nothing to look at there
    failed, filled = _check(compiled, report)
    blank: set[str | None] = set()
    for plain in _report_findings(report, severities, filled):
        if plain.rule == "report.blank_table":
            blank.add(plain.table)  # one error says it all: no identity of it can be checked
        yield plain
    for key, indexes in failed:
        if key in blank:
            continue
        for index in indexes:
            finding = compiled.explain(index, report, severities)
            if finding is not None:  # pragma: no branch - the checkers flag only what fails
                yield finding
    if previous is not None:
        yield from _series_findings(report, previous, severities, blank_as_zero=blank_as_zero)
    for figure in narrative:
        finding = _narrative_finding(report, figure, severities)
        if finding is not None:
            yield finding


def _check(compiled: _Compiled, report: Report) -> tuple[list[tuple[str, list[int]]], set[str]]:
    """Run the checkers: the indexes each table's flags, and the tables known filled."""
    failed: list[tuple[str, list[int]]] = []
    filled: set[str] = set()
    for key, checker in compiled.checkers:
        table = getattr(report, key)
        if table is not None:
            out: list[int] = []
            if checker(table, out):
                filled.add(key)
            failed.append((key, out))
    return failed, filled


def validate(
    report: Report,
    *,
    previous: Report | None = None,
    narrative: Iterable[NarrativeFigure] = (),
    **options: Unpack[ValidationKeywords],
) -> ValidationResult:
    """Check every identity of the report and return all findings at once.

    - ``previous``: the same agency's report for the year before, for the
      cross-report rules (``series.*``).
    - ``narrative``: totals the report's prose states (as
      :func:`gkdisclosure.read_html` and :func:`gkdisclosure.read_text`
      find them), for the ``narrative.*`` rules.
    - ``blank_as_zero``, ``profile`` and ``severity``: the
      :class:`ValidationOptions`.

    An identity that holds yields nothing; one that does not yields a
    finding with status ``failed``; one with a cell not reported yields a
    finding with status ``unassessable``.
    """
    findings = _findings(report, previous, narrative, ValidationOptions(**options))
    return ValidationResult(tuple(findings), report)


def check(
    report: Report,
    *,
    previous: Report | None = None,
    narrative: Iterable[NarrativeFigure] = (),
    fail_on: Severity | str = Severity.ERROR,
    **options: Unpack[ValidationKeywords],
) -> ValidationResult:
    """Validate, and raise :exc:`InconsistentReportError` if any finding is at or above ``fail_on``.

    Returns the result otherwise (it may hold findings below ``fail_on``).
    """
    result = validate(report, previous=previous, narrative=narrative, **options)
    serious = result.at_least(fail_on)
    if serious:
        raise InconsistentReportError(serious)
    return result


def is_consistent(report: Report, *, previous: Report | None = None) -> bool:
    """Whether the report has no finding of severity error under the default profile."""
    return validate(report, previous=previous).ok


_TABLE_NAMES: Final = ("proactive", "requests", "review_litigation")


def _report_findings(
    report: Report, severities: dict[str, Severity], filled: AbstractSet[str]
) -> Iterator[Finding]:
    edition_value = report.edition.value
    for key in _TABLE_NAMES:
        if getattr(report, key) is None:
            yield _plain(report, severities, "report.missing_table", key, table=key)
    yield from completeness_findings(report, severities, filled)
    expected = Edition.E2019 if report.year <= 2020 else Edition.E2021  # noqa: PLR2004 - the 2021 edition applies from the 2021 reports on
    if report.edition is not expected:
        yield _plain(
            report,
            severities,
            "report.edition_year",
            "edition",
            expected=expected.value,
            actual=edition_value,
        )


def _plain(  # noqa: PLR0913 - the parts of a report-level finding
    report: Report,
    severities: dict[str, Severity],
    rule: str,
    path: str,
    *,
    table: str | None = None,
    expected: int | str | None = None,
    actual: int | str | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severities[rule],
        status=Status.FAILED,
        path=path,
        table=table,
        expected=expected,
        actual=actual,
        args={"edition": report.edition.value, "year": report.year, "agency": report.agency},
        fingerprint=_fingerprint(report.agency, report.year, rule, path),
    )


def _series_findings(
    report: Report, previous: Report, severities: dict[str, Severity], *, blank_as_zero: bool
) -> Iterator[Finding]:
    if previous.year != report.year - 1:
        yield _plain(
            report,
            severities,
            "series.sequence",
            "year",
            expected=report.year - 1,
            actual=previous.year,
        )
        return
    if "".join(previous.agency.split()) != "".join(report.agency.split()):
        yield _plain(
            report,
            severities,
            "series.sequence",
            "agency",
            expected=report.agency,
            actual=previous.agency,
        )
    for identity in series_identities(edition(report.edition), edition(previous.edition)):
        if getattr(report, identity.table) is None or getattr(previous, identity.table) is None:
            continue
        finding = evaluate(
            identity, report, severities, blank_as_zero=blank_as_zero, previous=previous
        )
        if finding is not None:
            yield finding


#: The new requests alone, and new plus carried over (FORMAT.md §5.4 X5a).
_RECEIVED: Final = ("requests.received.total",)
_ACCEPTED: Final = ("requests.received.total", "requests.carried_over.total")


def _meanings(figure: NarrativeFigure) -> tuple[tuple[str, ...], ...]:
    """The sums of cells a narrative figure may state, by its wording (FORMAT.md §5.4 X5a).

    "共收到申请X件" and "新收X件" are the new requests; "办结X件" and "答复X件" the
    requests handled (（七）总计). "共受理X件" is ambiguous: the new requests in
    some reports, new plus carried over in many others. "办理…申请X件" is too:
    the requests handled, or those received (new, or new plus carried over).
    """
    if figure.kind is NarrativeKind.RECEIVED and vocabulary.ACCEPTED in figure.phrase:
        return (figure.paths, _ACCEPTED)
    if figure.kind is NarrativeKind.HANDLED and vocabulary.PROCESSED.match(figure.phrase):
        return (figure.paths, _RECEIVED, _ACCEPTED)
    return (figure.paths,)


def _narrative_finding(
    report: Report, figure: NarrativeFigure, severities: dict[str, Severity]
) -> Finding | None:
    """Compare a figure the text states with each quantity its wording may name.

    It holds when one of them equals it; it fails when every one that is
    reported differs; it cannot be checked when none is reported.
    """
    rule = f"narrative.{figure.kind.value}"
    if rule not in RULES or not figure.paths:
        return None  # the fee: no table holds it
    sums: list[tuple[tuple[str, ...], int | Decimal]] = []
    for meaning in _meanings(figure):
        found = [paths.get(report, path) for path in meaning]
        if all(value is not None for value in found):
            if sum(found) == figure.value:
                return None
            sums.append((meaning, sum(found)))
    cells = sums[0][0] if sums else figure.paths
    values = {path: paths.get(report, path) for path in cells}
    missing = tuple(path for path, value in values.items() if value is None)
    operands = {path: value for path, value in values.items() if value is not None}
    expected = sums[0][1] if sums else None
    return Finding(
        rule=rule,
        severity=severities[rule if expected is not None else UNASSESSABLE],
        status=Status.FAILED if expected is not None else Status.UNASSESSABLE,
        path=figure.paths[0],
        table=figure.paths[0].split(".", 1)[0],
        expected=expected,
        actual=figure.value,
        delta=None if expected is None else figure.value - expected,
        operands=operands,
        missing=missing,
        args={
            "edition": report.edition.value,
            "sentence": figure.sentence,
            "phrase": figure.phrase,
            "paths": cells,
            "meanings": tuple(sums),
        },
        fingerprint=_fingerprint(report.agency, report.year, rule, figure.paths[0]),
    )

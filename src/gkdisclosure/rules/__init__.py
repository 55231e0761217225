"""The rules: every identity of the format as a pure function over a Report.

``validate`` collects every finding in one pass; ``check`` raises;
``is_consistent`` answers yes or no; ``iter_findings`` yields lazily
(jsonschema's ``iter_errors`` / ``validate`` / ``is_valid`` triad).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Final, Literal, TypedDict, Unpack

from attrs import field, frozen

from .._gettext import N_
from ..catalog import Edition, Identity, edition, identities, series_identities
from ..findings import Finding, InconsistentReportError, Severity, Status, ValidationResult
from ..findings import fingerprint as _fingerprint
from ..model import Report, paths
from ..narrative import NarrativeFigure, NarrativeKind
from ._compile import Checker, Explainer, compile_checker, compile_explainer
from ._evaluate import evaluate

__all__ = [
    "PROFILES",
    "RULES",
    "ProfileName",
    "Rule",
    "ValidationKeywords",
    "ValidationOptions",
    "check",
    "is_consistent",
    "iter_findings",
    "validate",
]

#: The names of the severity profiles.
ProfileName = Literal["strict", "default", "lenient"]


@frozen
class Rule:
    """A rule's id, what it checks (English; translated on display) and its default severity."""

    id: str
    scope: Literal["identity", "report", "series", "narrative"]
    severity: Severity
    title: str
    identity: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_NARRATIVE_IDENTITY: Final = N_("the figure stated in the text = the table's cells")

#: Every rule, by id, in the order they are documented.
RULES: Final[Mapping[str, Rule]] = {
    rule.id: rule
    for rule in (
        Rule(
            "requests.ledger",
            "identity",
            _E,
            N_("Ledger of each column"),
            N_("received + carried over = total handled + carried forward"),
        ),
        Rule(
            "requests.handled_sum",
            "identity",
            _E,
            N_("Outcomes add up to the total handled"),
            N_("total handled = the sum of every outcome row"),
        ),
        Rule(
            "requests.applicant_sum",
            "identity",
            _E,
            N_("Applicants add up to the total"),
            N_("total = the sum of the six applicant columns"),
        ),
        Rule(
            "requests.group_sum",
            "identity",
            _E,
            N_("A printed subtotal equals its rows"),
            N_("group subtotal = the sum of the group's rows"),
        ),
        Rule(
            "review_litigation.sum",
            "identity",
            _E,
            N_("Review and litigation results add up"),
            N_("total = upheld + corrected + other + pending"),
        ),
        Rule(
            "cells.non_negative",
            "identity",
            _E,
            N_("Counts and amounts are not negative"),
            N_("every count and amount ≥ 0"),
        ),
        Rule(
            "report.missing_table",
            "report",
            _E,
            N_("A statutory table is missing"),
            N_("the report has tables 2, 3 and 4"),
        ),
        Rule(
            "report.edition_year",
            "report",
            _W,
            N_("The tables' edition fits the year"),
            N_("reports for 2019 and 2020 use the 2019 edition; later reports, the 2021 edition"),
        ),
        Rule(
            "series.sequence",
            "series",
            _W,
            N_("The previous report is the year before"),
            N_("previous report: same agency, year − 1"),
        ),
        Rule(
            "series.carry_over",
            "series",
            _W,
            N_("Carried over equals last year's carried forward"),
            N_("carried over = last year's carried forward"),
        ),
        Rule(
            "series.in_force",
            "series",
            _I,
            N_("Documents in force follow from last year"),
            N_("in force = last year's in force + issued − repealed"),
        ),
        Rule(
            "series.public_total",
            "series",
            _I,
            N_("Public documents follow from last year"),
            N_("public in total = last year's public in total + newly published"),
        ),
        Rule(
            "series.previous_items",
            "series",
            _I,
            N_("Item counts follow from last year"),
            N_("items last year = last year's items last year + last year's change"),
        ),
        *(
            Rule(f"narrative.{kind.value}", "narrative", _W, title, _NARRATIVE_IDENTITY)
            for kind, title in (
                (
                    NarrativeKind.RECEIVED,
                    N_("The text's count of requests received fits the table"),
                ),
                (NarrativeKind.HANDLED, N_("The text's count of requests handled fits the table")),
                (NarrativeKind.CARRIED_OVER, N_("The text's count carried over fits the table")),
                (
                    NarrativeKind.CARRIED_FORWARD,
                    N_("The text's count carried forward fits the table"),
                ),
                (NarrativeKind.REVIEW, N_("The text's count of reviews fits the table")),
                (NarrativeKind.LITIGATION, N_("The text's count of lawsuits fits the table")),
            )
        ),
    )
}

_UNASSESSABLE: Final = "unassessable"


def _profile(base: Mapping[str, Severity], **changes: Severity) -> dict[str, Severity]:
    return {**base, **changes}


_DEFAULT: Final = {rule.id: rule.severity for rule in RULES.values()} | {_UNASSESSABLE: _I}

#: Severity of every rule (and of ``"unassessable"`` findings) per profile.
PROFILES: Final[Mapping[ProfileName, Mapping[str, Severity]]] = {
    "default": _DEFAULT,
    "strict": _profile(
        _DEFAULT,
        **{rule.id: _E for rule in RULES.values() if rule.severity is _W},
        **{rule.id: _W for rule in RULES.values() if rule.severity is _I},
        unassessable=_W,
    ),
    "lenient": _profile(
        _DEFAULT,
        **{rule.id: _I for rule in RULES.values() if rule.scope != "identity"},
    ),
}


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
        checkers.append((table.key, compile_checker(table.key, mine, blank_as_zero=blank_as_zero)))
    return _Compiled(numbered, tuple(checkers), blank_as_zero, [None] * len(numbered))


#: The severities of each profile without overrides, shared: nothing changes them.
_PROFILE_SEVERITIES: Final[Mapping[str, dict[str, Severity]]] = {
    name: dict(severities) for name, severities in PROFILES.items()
}


def _severities(
    profile: ProfileName, overrides: Mapping[str, Severity | str] | None
) -> dict[str, Severity]:
    if not overrides and profile in _PROFILE_SEVERITIES:
        return _PROFILE_SEVERITIES[profile]
    try:
        severities = dict(PROFILES[profile])
    except KeyError:
        raise ValueError(
            f"unknown profile {profile!r}; choose from {', '.join(sorted(PROFILES))}"
        ) from None
    for rule, severity in (overrides or {}).items():
        if rule not in severities:
            raise ValueError(f"unknown rule {rule!r} in severity overrides")
        severities[rule] = Severity(severity)
    return severities


class ValidationKeywords(TypedDict, total=False):
    """The fields of :class:`ValidationOptions`, as keyword arguments (for type checkers)."""

    blank_as_zero: bool
    profile: ProfileName
    severity: Mapping[str, Severity | str] | None


@frozen(kw_only=True)
class ValidationOptions:
    """How to validate a report, the same for every function that validates.

    - ``blank_as_zero``: read cells that are not reported as 0 instead of
      leaving their identities unassessable; every finding that did so
      lists those cells in ``assumed_zero``.
    - ``profile``: ``"default"``, ``"strict"`` or ``"lenient"`` (see
      :data:`PROFILES`); ``severity`` overrides it per rule id (and for
      ``"unassessable"`` findings).

    :func:`validate`, :func:`check`, :func:`iter_findings`,
    :func:`gkdisclosure.validate_many` and the batch take these as keyword
    arguments; an unknown one is a :exc:`TypeError`.
    """

    blank_as_zero: bool = False
    profile: ProfileName = "default"
    severity: Mapping[str, Severity | str] | None = field(default=None, hash=False)

    def severities(self) -> dict[str, Severity]:
        """The severity of every rule under these options.

        Raises :exc:`ValueError` for an unknown profile or rule id.
        """
        return _severities(self.profile, self.severity)

    def keywords(self) -> ValidationKeywords:
        """The options as keyword arguments: ``validate(report, **options.keywords())``."""
        return {
            "blank_as_zero": self.blank_as_zero,
            "profile": self.profile,
            "severity": self.severity,
        }


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
    blank_as_zero = options.blank_as_zero
    yield from _report_findings(report, severities)
    compiled = _compiled(report.edition, blank_as_zero=blank_as_zero)
    failed: list[int] = []
    for key, checker in compiled.checkers:
        table = getattr(report, key)
        if table is not None:
            checker(table, failed)
    for index in failed:
        finding = compiled.explain(index, report, severities)
        if finding is not None:  # pragma: no branch - the checkers flag only what fails
            yield finding
    if previous is not None:
        yield from _series_findings(report, previous, severities, blank_as_zero=blank_as_zero)
    for figure in narrative:
        finding = _narrative_finding(report, figure, severities)
        if finding is not None:
            yield finding


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


def _report_findings(report: Report, severities: dict[str, Severity]) -> Iterator[Finding]:
    edition_value = report.edition.value
    for key in _TABLE_NAMES:
        if getattr(report, key) is None:
            yield _plain(report, severities, "report.missing_table", key, table=key)
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


def _narrative_finding(
    report: Report, figure: NarrativeFigure, severities: dict[str, Severity]
) -> Finding | None:
    """Compare a figure the text states with the cells of the table it sums."""
    rule = f"narrative.{figure.kind.value}"
    if rule not in RULES or not figure.paths:
        return None  # the fee: no table holds it
    values = {path: paths.get(report, path) for path in figure.paths}
    missing = tuple(path for path, value in values.items() if value is None)
    operands = {path: value for path, value in values.items() if value is not None}
    expected = None if missing else sum(operands.values())
    if expected is not None and expected == figure.value:
        return None
    return Finding(
        rule=rule,
        severity=severities[rule if expected is not None else _UNASSESSABLE],
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
            "paths": figure.paths,
        },
        fingerprint=_fingerprint(report.agency, report.year, rule, figure.paths[0]),
    )

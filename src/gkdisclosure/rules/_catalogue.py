"""The rule catalogue, the severity profiles, and the options that choose among them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, TypedDict

from attrs import field, frozen

from .._gettext import N_
from ..errors import OptionError
from ..findings import Severity
from ..narrative import NarrativeKind

__all__ = [
    "PROFILES",
    "RULES",
    "SILENCED",
    "UNASSESSABLE",
    "ProfileName",
    "Rule",
    "ValidationKeywords",
    "ValidationOptions",
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
            "report.blank_table",
            "report",
            _E,
            N_("A statutory table is printed blank"),
            N_("a table the report prints holds at least one number"),
        ),
        Rule(
            "report.incomplete_table",
            "report",
            _W,
            N_("A statutory table has cells not reported"),
            N_("every cell of a table the report prints holds a number"),
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

#: The key of the severity of findings that cannot be assessed.
UNASSESSABLE: Final = "unassessable"


def _profile(base: Mapping[str, Severity], **changes: Severity) -> dict[str, Severity]:
    return {**base, **changes}


_DEFAULT: Final = {rule.id: rule.severity for rule in RULES.values()} | {UNASSESSABLE: _I}

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

#: The findings each profile leaves out, by rule id (and ``"unassessable"``):
#: ``"lenient"`` keeps only the identities that failed. A rule given a
#: severity in ``severity=`` is reported whatever the profile.
SILENCED: Final[Mapping[ProfileName, frozenset[str]]] = {
    "default": frozenset(),
    "strict": frozenset(),
    "lenient": frozenset(
        {rule.id for rule in RULES.values() if rule.scope != "identity"} | {UNASSESSABLE}
    ),
}


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
        raise OptionError(
            f"unknown profile {profile!r}; choose from {', '.join(sorted(PROFILES))}"
        ) from None
    for rule, severity in (overrides or {}).items():
        if rule not in severities:
            raise OptionError(f"unknown rule {rule!r} in severity overrides")
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
      :data:`~gkdisclosure.rules.PROFILES` and :data:`~gkdisclosure.rules.SILENCED`:
      ``"lenient"`` keeps only the identities that failed); ``severity`` overrides it per
      rule id (and for ``"unassessable"`` findings).

    :func:`validate`, :func:`check`, :func:`iter_findings`,
    :func:`gkdisclosure.validate_many` and the batch take these as keyword
    arguments; an unknown one is a :exc:`TypeError`.
    """

    blank_as_zero: bool = False
    profile: ProfileName = "default"
    severity: Mapping[str, Severity | str] | None = field(default=None, hash=False)

    def severities(self) -> dict[str, Severity]:
        """The severity of every rule under these options.

        Raises :exc:`~gkdisclosure.OptionError` for an unknown profile or rule id.
        """
        return _severities(self.profile, self.severity)

    def silenced(self) -> frozenset[str]:
        """The rules (and ``"unassessable"``) whose findings these options leave out."""
        return SILENCED.get(self.profile, frozenset()) - set(self.severity or ())

    def keywords(self) -> ValidationKeywords:
        """The options as keyword arguments: ``validate(report, **options.keywords())``."""
        return {
            "blank_as_zero": self.blank_as_zero,
            "profile": self.profile,
            "severity": self.severity,
        }

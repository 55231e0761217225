"""The rules: every identity of the format, three-valued, checked in one pass.

Worked cases from real reports live in ``tests/data/rules/*.json``; each file holds a
report document (cells left out are not reported), the format's own words for the
identity it exercises, and what ``validate`` must say about the report and about
corrupted copies of it:

- ``quotes``: ``{"table", "in", "text"}``: ``text`` is part of a ``note``, ``row``,
  ``column`` or ``group`` label of that table in the catalog;
- ``checks``: ``{"rule", "path", "status", ...}``: the finding of the identity of
  ``rule`` that totals the cell ``path`` is ``failed`` or ``unassessable`` (with the
  ``expected``, ``actual``, ``delta``, ``operands``, ``missing`` and ``assumed_zero``
  given, as :meth:`Finding.to_dict` writes them), or absent (``passed``);
  ``blank_as_zero`` is the option it runs with;
- ``corruptions``: the same, on a copy with the cells of ``set`` changed;
- ``counts``: how many findings of each status, with and without ``blank_as_zero``.
"""

from __future__ import annotations

import copy
import inspect
import json
import pickle
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkdisclosure import (
    ApplicantCounts,
    Finding,
    GkDisclosureError,
    InconsistentReportError,
    NarrativeFigure,
    NarrativeKind,
    OtherHandling,
    Report,
    Severity,
    Status,
    ValidationOptions,
    ValidationResult,
    check,
    from_dict,
    is_consistent,
    iter_findings,
    load,
    validate,
    validate_many,
)
from gkdisclosure.catalog import Cell, Edition, ValueKind, edition, identities
from gkdisclosure.rules import PROFILES, RULES, ValidationKeywords
from gkdisclosure.testing import (
    PlantedFault,
    assert_consistent,
    assert_findings,
    corrupted_reports,
    reports,
    with_cell,
)

ROOT = Path(__file__).parent.parent
SAMPLE_PATH = ROOT / "examples" / "2021-fujian-gxt.json"
SAMPLE = load(SAMPLE_PATH)
CASES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((Path(__file__).parent / "data" / "rules").glob("*.json"))
}
EDITIONS = ("2019", "2021")
Profile = Literal["strict", "default", "lenient"]

#: The corner note of 表三 (FORMAT.md §2.4): the ledger, 一 + 二 = 三 + 四.
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#: The note on row （二） (FORMAT.md §2.4): each request falls under exactly one outcome row.
ONLY_THIS_OUTCOME = "区分处理的，只计这一情形，不计其他情形"

#: Rows of 表三 that the ledger reads: 一, 二, （七）总计 (for 三) and 四.
LEDGER_ROWS = frozenset({"received", "carried_over", "total_handled", "carried_forward"})
#: Rows of 表三 that are not results of handling.
NOT_OUTCOMES = frozenset({"received", "carried_over", "carried_forward"})


# --- helpers --------------------------------------------------------------------------------------


def read(obj: Any, path: str) -> Any:
    """The value at a dotted path of attributes (``None`` past an absent row)."""
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def put(document: dict[str, Any], path: str, value: object) -> None:
    """Set a value at a dotted path of a JSON document, creating objects on the way."""
    *parents, leaf = path.split(".")
    for key in parents:
        document = document.setdefault(key, {})
    document[leaf] = value


def zeros_document(which: str, year: int | None = None) -> dict[str, Any]:
    """A report document of the edition with every official cell a reported 0."""
    document: dict[str, Any] = {
        "edition": which,
        "agency": "示例单位",
        "year": year if year is not None else int(which),
    }
    for cell in edition(which).cells():
        if cell.row.official:
            put(document, cell.path, "0" if cell.column.kind is ValueKind.AMOUNT else 0)
    return document


def zeros(which: str, year: int | None = None) -> Report:
    """A report of the edition with every official cell 0: consistent, and without findings."""
    return from_dict(zeros_document(which, year))


#: The rules about whether a printed table is filled, not about its arithmetic.
COMPLETENESS = frozenset({"report.blank_table", "report.incomplete_table"})


def arithmetic(findings: Iterable[Finding]) -> list[Finding]:
    """The findings other than those about blank cells of a printed table."""
    return [f for f in findings if f.rule not in COMPLETENESS]


def keys(findings: Iterable[Finding]) -> set[tuple[str, str]]:
    """The (rule, path) of each finding."""
    return {(finding.rule, finding.path) for finding in findings}


def table_cells(which: str) -> list[Cell]:
    """The official cells of 表三 and 表四 of an edition."""
    return [
        cell
        for cell in edition(which).cells()
        if cell.row.official and cell.table.key != "proactive"
    ]


def broken_by(cell: Cell) -> set[tuple[str, str]]:
    """The identities a change to one official cell of 表三 or 表四 breaks, from the format.

    表四: the total of its block. 表三: the total of its row (I3); the ledger of its
    column for rows 一, 二, （七） and 四 (I1); the total handled of its column for the
    outcome rows and （七）总计 itself (I2).
    """
    row, column = cell.row.key, cell.column.key
    if cell.table.key == "review_litigation":
        return {("review_litigation.sum", f"review_litigation.{row}.total")}
    found = {("requests.applicant_sum", f"requests.{row}.total")}
    if row in LEDGER_ROWS:
        found.add(("requests.ledger", f"requests.carried_forward.{column}"))
    if row not in NOT_OUTCOMES:
        found.add(("requests.handled_sum", f"requests.total_handled.{column}"))
    return found


def expected_delta(rule: str, cell: Cell, target: str, change: int) -> int:
    """``actual - expected`` of an identity after ``change`` to one of its cells."""
    if cell.path == target:
        return change
    subtracted = rule == "requests.ledger" and cell.row.key == "total_handled"
    return change if subtracted else -change


# --- rule ids and what they cover -----------------------------------------------------------------


def test_rule_ids_are_stable() -> None:
    """The rule ids, in their documented order, are the contract callers filter on."""
    assert list(RULES) == [
        "requests.ledger",
        "requests.handled_sum",
        "requests.applicant_sum",
        "requests.group_sum",
        "review_litigation.sum",
        "cells.non_negative",
        "report.missing_table",
        "report.blank_table",
        "report.incomplete_table",
        "report.edition_year",
        "series.sequence",
        "series.carry_over",
        "series.in_force",
        "series.public_total",
        "series.previous_items",
        "narrative.received",
        "narrative.handled",
        "narrative.carried_over",
        "narrative.carried_forward",
        "narrative.review",
        "narrative.litigation",
    ]
    assert all(rule.id == key for key, rule in RULES.items())


@pytest.mark.parametrize(
    ("rule", "scope", "severity"),
    [
        ("requests.ledger", "identity", Severity.ERROR),
        ("requests.handled_sum", "identity", Severity.ERROR),
        ("requests.applicant_sum", "identity", Severity.ERROR),
        ("requests.group_sum", "identity", Severity.ERROR),
        ("review_litigation.sum", "identity", Severity.ERROR),
        ("cells.non_negative", "identity", Severity.ERROR),
        ("report.missing_table", "report", Severity.ERROR),
        ("report.blank_table", "report", Severity.ERROR),
        ("report.incomplete_table", "report", Severity.WARNING),
        ("report.edition_year", "report", Severity.WARNING),
        ("series.sequence", "series", Severity.WARNING),
        ("series.carry_over", "series", Severity.WARNING),
        ("series.in_force", "series", Severity.INFO),
        ("series.public_total", "series", Severity.INFO),
        ("series.previous_items", "series", Severity.INFO),
    ],
)
def test_rule_scope_and_default_severity(rule: str, scope: str, severity: Severity) -> None:
    """Hard identities are errors; X1 (carry over) a warning; the 表二 heuristics only notes."""
    assert RULES[rule].scope == scope
    assert RULES[rule].severity is severity
    assert PROFILES["default"][rule] is severity


@pytest.mark.parametrize("which", EDITIONS)
def test_every_identity_belongs_to_a_rule(which: str) -> None:
    """Each identity of the catalog is checked under a listed rule of scope identity."""
    rules = {identity.rule for identity in identities(edition(which))}
    assert rules == {rule.id for rule in RULES.values() if rule.scope == "identity"}


@pytest.mark.parametrize(
    ("which", "rule", "count"),
    [
        ("2021", "requests.ledger", 7),
        ("2019", "requests.ledger", 7),
        ("2021", "requests.handled_sum", 7),
        ("2019", "requests.handled_sum", 7),
        ("2021", "requests.group_sum", 4 * 7),
        ("2019", "requests.group_sum", 3 * 7),
        ("2021", "review_litigation.sum", 3),
        ("2019", "review_litigation.sum", 3),
    ],
)
def test_identities_per_column_and_per_block(which: str, rule: str, count: int) -> None:
    """Ledger and outcome total per column of 表三, group sums per group, 表四 per block."""
    assert sum(1 for i in identities(edition(which)) if i.rule == rule) == count


@pytest.mark.parametrize(("which", "rows"), [("2021", 25), ("2019", 23)])
def test_applicant_sum_covers_every_row(which: str, rows: int) -> None:
    """I3 holds for each of the 25 (2021) or 23 (2019) rows, and for each printed subtotal row."""
    found = [i for i in identities(edition(which)) if i.rule == "requests.applicant_sum"]
    official = [i for i in found if i.when is None]
    assert len(official) == rows
    assert {i.row for i in official} == {r.key for r in edition(which).requests.rows if r.official}
    assert {i.when for i in found if i.when is not None} == {
        f"requests.{r.key}" for r in edition(which).requests.rows if not r.official
    }


@pytest.mark.parametrize("which", EDITIONS)
def test_non_negative_covers_every_cell_but_the_signed_change(which: str) -> None:
    """I6: every count and amount ≥ 0; only the 2019 本年增/减 column may be negative."""
    spec = edition(which)
    checked = {i.target for i in identities(spec) if i.rule == "cells.non_negative"}
    unchecked = {cell.path for cell in spec.cells()} - checked
    assert unchecked == {cell.path for cell in spec.cells() if cell.column.zh == "本年增/减"}
    assert bool(unchecked) is (which == "2019")


# --- the bundled sample and every single-cell change ----------------------------------------------


def test_sample_has_no_finding_at_all() -> None:
    """The bundled sample (福建省工业和信息化厅, 2021) has no finding, not even a note."""
    result = validate(SAMPLE)
    assert list(result) == []
    assert result.ok
    assert is_consistent(SAMPLE)
    assert check(SAMPLE) == result


@pytest.mark.parametrize("blank_as_zero", [False, True])
@pytest.mark.parametrize("profile", ["strict", "default", "lenient"])
def test_sample_has_no_finding_under_any_option(blank_as_zero: bool, profile: Profile) -> None:
    """No profile or blank handling invents a finding about a consistent, complete report."""
    assert list(validate(SAMPLE, blank_as_zero=blank_as_zero, profile=profile)) == []


def test_table_cells_of_2021_are_190() -> None:
    """表三 has 175 value cells and 表四 15 (FORMAT.md §2.4, §2.5)."""
    cells = table_cells("2021")
    assert len([c for c in cells if c.table.key == "requests"]) == 175
    assert len([c for c in cells if c.table.key == "review_litigation"]) == 15


def _assert_single_change_caught(report: Report, cell: Cell, change: int) -> None:
    value = read(report, cell.path)
    new = value + change
    result = validate(with_cell(report, cell.path, new))
    broken = broken_by(cell)
    expected = broken | ({("cells.non_negative", cell.path)} if new < 0 else set())
    assert keys(result) == expected
    for finding in result:
        assert finding.status is Status.FAILED
        assert finding.severity is Severity.ERROR
        assert finding.operands[cell.path] == new
        assert finding.missing == ()
        assert finding.assumed_zero == ()
        if finding.rule != "cells.non_negative":
            assert finding.delta == expected_delta(finding.rule, cell, finding.path, change)
            assert finding.delta == finding.actual - finding.expected  # type: ignore[operator]
    assert {f.path for f in result.for_cell(cell.path)} == {f.path for f in result}


@pytest.mark.parametrize("cell", table_cells("2021"), ids=lambda cell: cell.path)
def test_adding_one_to_any_cell_of_the_sample_is_caught(cell: Cell) -> None:
    """+1 to any cell of 表三 or 表四 fails exactly the identities that read it, no more."""
    _assert_single_change_caught(SAMPLE, cell, 1)


@pytest.mark.parametrize(
    "cell",
    [cell for cell in table_cells("2021") if read(SAMPLE, cell.path) >= 1],
    ids=lambda cell: cell.path,
)
def test_subtracting_one_from_a_positive_cell_of_the_sample_is_caught(cell: Cell) -> None:
    """−1 to a cell that stays ≥ 0 fails exactly the identities that read it."""
    _assert_single_change_caught(SAMPLE, cell, -1)


@pytest.mark.parametrize("cell", table_cells("2021"), ids=lambda cell: cell.path)
def test_a_cell_of_the_sample_made_negative_is_caught_twice(cell: Cell) -> None:
    """A cell set to −1 fails its identities and cells.non_negative too."""
    _assert_single_change_caught(SAMPLE, cell, -1 - read(SAMPLE, cell.path))


@pytest.mark.parametrize("cell", table_cells("2019"), ids=lambda cell: cell.path)
@pytest.mark.parametrize("change", [1, -1])
def test_changing_any_cell_of_a_2019_report_by_one_is_caught(cell: Cell, change: int) -> None:
    """In the 2019 edition too, with （六）其他处理 as a single outcome row."""
    _assert_single_change_caught(zeros("2019"), cell, change)


# --- three outcomes per identity ------------------------------------------------------------------


def test_a_blank_operand_makes_the_identity_unassessable_not_zero() -> None:
    """A cell not reported is never read as 0: its identities are unassessable, listing it."""
    report = with_cell(SAMPLE, "requests.carried_over.natural_person", None)
    result = ValidationResult(tuple(arithmetic(validate(report))), report)
    assert keys(result) == {
        ("requests.ledger", "requests.carried_forward.natural_person"),
        ("requests.applicant_sum", "requests.carried_over.total"),
    }
    for finding in result:
        assert finding.status is Status.UNASSESSABLE
        assert finding.severity is Severity.INFO
        assert finding.missing == ("requests.carried_over.natural_person",)
        assert "requests.carried_over.natural_person" not in finding.operands
        assert finding.expected is None
        assert finding.delta is None
        assert finding.assumed_zero == ()
    (ledger,) = result.for_rule("requests.ledger")
    assert ledger.actual == 0
    assert ledger.args == {
        "edition": "2021",
        "terms": (
            (1, "requests.received.natural_person", 11),
            (1, "requests.carried_over.natural_person", None),
            (-1, "requests.total_handled.natural_person", 11),
        ),
    }
    assert ledger.operands == {
        "requests.carried_forward.natural_person": 0,
        "requests.received.natural_person": 11,
        "requests.total_handled.natural_person": 11,
    }
    assert result.ok


def test_a_blank_target_is_missing_too() -> None:
    """The total an identity checks may itself be blank: the finding has no actual value."""
    report = with_cell(SAMPLE, "review_litigation.review.total", None)
    (finding,) = arithmetic(validate(report))
    assert finding.rule == "review_litigation.sum"
    assert finding.status is Status.UNASSESSABLE
    assert finding.actual is None
    assert finding.missing == ("review_litigation.review.total",)
    assert finding.operands == {
        "review_litigation.review.upheld": 1,
        "review_litigation.review.corrected": 0,
        "review_litigation.review.other": 0,
        "review_litigation.review.pending": 0,
    }


def test_blank_as_zero_reads_blanks_as_zero_and_says_so() -> None:
    """blank_as_zero=True: nothing is unassessable; each finding lists the blanks it read."""
    report = with_cell(SAMPLE, "requests.carried_over.natural_person", None)
    assert arithmetic(validate(report, blank_as_zero=True)) == []
    report = with_cell(report, "requests.received.natural_person", None)
    result = validate(report, blank_as_zero=True)
    assert keys(arithmetic(result)) == {
        ("requests.ledger", "requests.carried_forward.natural_person"),
        ("requests.applicant_sum", "requests.received.total"),
    }
    ledger, applicants = result.for_rule("requests.ledger") + result.for_rule(
        "requests.applicant_sum"
    )
    assert ledger.status is Status.FAILED
    assert (ledger.expected, ledger.actual, ledger.delta) == (-11, 0, 11)
    assert ledger.assumed_zero == (
        "requests.received.natural_person",
        "requests.carried_over.natural_person",
    )
    assert (applicants.expected, applicants.actual, applicants.delta) == (0, 11, 11)
    assert applicants.assumed_zero == ("requests.received.natural_person",)


def test_blank_as_zero_marks_every_finding_it_touched() -> None:
    """On a real report with blanks, a finding lists exactly the blank cells of its identity."""
    report = from_dict(CASES["shanghai-2019-report"]["report"])
    by_target = {(i.rule, i.target): i for i in identities(edition("2019"))}
    result = arithmetic(validate(report, blank_as_zero=True))
    assert len(result) > 0
    for finding in result:
        assert finding.status is Status.FAILED
        identity = by_target[finding.rule, finding.path]
        # the report prints no subtotal line, so no term falls back on one
        cells = [identity.target, *(path for term in identity.terms for path in term.paths)]
        blanks = [path for path in cells if read(report, path) is None]
        assert list(finding.assumed_zero) == blanks
        assert not set(finding.assumed_zero) & set(finding.operands)
    strict = arithmetic(validate(report))
    assert all(f.assumed_zero == () for f in strict)
    assert {f.status for f in strict} == {Status.UNASSESSABLE}


# --- worked cases from real reports ---------------------------------------------------------------


def _quoted_texts(which: str, table_key: str, where: str) -> list[str]:
    table = edition(which).table(table_key)
    if where == "note":
        return [table.note or ""]
    if where == "row":
        return [row.zh for row in table.rows]
    if where == "column":
        return [column.zh for row in table.rows for column in row.columns]
    assert where == "group"
    return [group.zh for group in table.groups]


QUOTES = [
    pytest.param(case["edition"], quote, id=f"{name}-{quote['text']}")
    for name, case in CASES.items()
    for quote in case["quotes"]
]


@pytest.mark.parametrize(("which", "quote"), QUOTES)
def test_worked_cases_quote_the_format(which: str, quote: dict[str, str]) -> None:
    """Each worked case quotes the format's own words for its identity, as the catalog has them."""
    texts = _quoted_texts(which, quote["table"], quote["in"])
    assert any(quote["text"] in text for text in texts), texts


def test_worked_cases_cover_the_identities() -> None:
    """The worked cases exercise every identity rule and both editions."""
    covered = {c["rule"] for case in CASES.values() for c in case["checks"] + case["corruptions"]}
    assert covered == {rule.id for rule in RULES.values() if rule.scope == "identity"}
    assert {case["edition"] for case in CASES.values()} == set(EDITIONS)


def _verify(document: Mapping[str, Any], expectation: Mapping[str, Any]) -> None:
    spec = edition(document["edition"])
    spec.cell(expectation["path"])  # a cell of the edition: a typo cannot pass
    assert expectation["rule"] in RULES
    report = from_dict(document)
    result = validate(report, blank_as_zero=expectation.get("blank_as_zero", False))
    found = [f for f in result if (f.rule, f.path) == (expectation["rule"], expectation["path"])]
    if expectation["status"] == "passed":
        assert found == []
        return
    (finding,) = found
    data = finding.to_dict()
    assert data["status"] == expectation["status"]
    for key in ("expected", "actual", "delta", "operands", "missing", "assumed_zero"):
        if key in expectation:
            assert data[key] == expectation[key], key


CHECKS = [
    pytest.param(case["report"], expectation, id=f"{name}-{index}")
    for name, case in CASES.items()
    for index, expectation in enumerate(case["checks"])
]
CORRUPTIONS = [
    pytest.param(case["report"], corruption, id=f"{name}-{index}")
    for name, case in CASES.items()
    for index, corruption in enumerate(case["corruptions"])
]


@pytest.mark.parametrize(("document", "expectation"), CHECKS)
def test_worked_case(document: dict[str, Any], expectation: dict[str, Any]) -> None:
    """The figures a real report printed pass or fail their identities as the case says."""
    _verify(document, expectation)


@pytest.mark.parametrize(("document", "corruption"), CORRUPTIONS)
def test_worked_case_corrupted(document: dict[str, Any], corruption: dict[str, Any]) -> None:
    """A worked case with cells changed fails with the right expected, actual and delta."""
    changed = copy.deepcopy(document)
    spec = edition(document["edition"])
    for path, value in corruption["set"].items():
        spec.cell(path)
        put(changed, path, value)
    _verify(changed, corruption)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize(("mode", "blank_as_zero"), [("strict", False), ("blank_as_zero", True)])
def test_worked_case_counts(name: str, mode: str, blank_as_zero: bool) -> None:
    """Each worked case yields as many failed and unassessable findings as counted by hand."""
    case = CASES[name]
    result = validate(from_dict(case["report"]), blank_as_zero=blank_as_zero)
    counts = Counter(f.status.value for f in arithmetic(result))
    assert {status: counts[status] for status in ("failed", "unassessable")} == case["counts"][mode]


def test_ledger_is_the_identity_of_the_corner_note() -> None:
    """“第一项加第二项之和，等于第三项加第四项之和”: 一 + 二 = （七）总计 + 四, per column."""
    for which in EDITIONS:
        table = edition(which).requests
        assert table.note == CORNER_NOTE
        ledgers = [i for i in identities(edition(which)) if i.rule == "requests.ledger"]
        assert [i.column for i in ledgers] == [c.key for c in table.row("received").columns]
        for ledger in ledgers:
            column = ledger.column
            assert ledger.target == f"requests.carried_forward.{column}"
            assert [(t.sign, t.paths) for t in ledger.terms] == [
                (1, (f"requests.received.{column}",)),
                (1, (f"requests.carried_over.{column}",)),
                (-1, (f"requests.total_handled.{column}",)),
            ]


@pytest.mark.parametrize("which", EDITIONS)
def test_a_request_counted_under_two_outcomes_breaks_the_outcome_total(which: str) -> None:
    """“区分处理的，只计这一情形，不计其他情形”: a request counted twice is caught."""
    assert ONLY_THIS_OUTCOME in edition(which).requests.row("partially_granted").zh
    report = zeros(which)
    for row in ("received", "partially_granted", "total_handled"):
        for column in ("natural_person", "total"):
            report = with_cell(report, f"requests.{row}.{column}", 1)
    assert list(validate(report)) == []
    for column in ("natural_person", "total"):
        report = with_cell(report, f"requests.withheld.third_party_rights.{column}", 1)
    result = validate(report)
    assert keys(result) == {
        ("requests.handled_sum", "requests.total_handled.natural_person"),
        ("requests.handled_sum", "requests.total_handled.total"),
    }
    assert {(f.expected, f.actual, f.delta) for f in result} == {(2, 1, -1)}


@pytest.mark.parametrize(
    ("which", "outcomes"),
    [
        ("2021", 2 + 8 + 3 + 5 + 3),
        ("2019", 2 + 8 + 3 + 5 + 1),
    ],
)
def test_handled_sum_adds_every_outcome_row(which: str, outcomes: int) -> None:
    """I2: （七）总计 = （一） to （六） with every sub-row; 2019's （六） is a single row."""
    (identity, *_) = [i for i in identities(edition(which)) if i.rule == "requests.handled_sum"]
    cells = [path for term in identity.terms for path in term.paths]
    assert len(cells) == outcomes
    assert all(term.sign == 1 for term in identity.terms)
    assert identity.target == "requests.total_handled.natural_person"


# --- subtotal rows --------------------------------------------------------------------------------


def _only_subtotal(report: Report, np: int) -> Report:
    """The sample with （六）其他处理 printed as one line: its subtotal, and blank sub-rows."""
    line = ApplicantCounts(
        natural_person=np, commercial=0, research=0, public_interest=0,
        legal_services=0, other=0, total=np,
    )  # fmt: skip
    report = with_cell(report, "requests.other_handling", OtherHandling(subtotal=line))
    granted = read(report, "requests.granted.natural_person") - np
    report = with_cell(report, "requests.granted.natural_person", granted)
    return with_cell(report, "requests.granted.total", granted)


def test_handled_sum_reads_a_subtotal_printed_instead_of_its_rows() -> None:
    """A 2021 report printed （六）其他处理 as one row: the outcome total uses that line."""
    report = _only_subtotal(SAMPLE, 1)
    result = ValidationResult(tuple(arithmetic(validate(report))), report)
    assert result.for_rule("requests.handled_sum") == ()
    assert result.for_rule("requests.ledger") == ()
    assert {f.rule for f in result} == {"requests.group_sum", "requests.applicant_sum"}
    assert {f.status for f in result} == {Status.UNASSESSABLE}
    assert len(result.for_rule("requests.group_sum")) == 7
    assert {f.row for f in result.for_rule("requests.applicant_sum")} == {
        "other_handling.overdue_correction",
        "other_handling.overdue_fee",
        "other_handling.other",
    }
    broken = with_cell(report, "requests.other_handling.subtotal.natural_person", 2)
    finding = next(
        f
        for f in validate(broken)
        if f.path == "requests.total_handled.natural_person" and f.rule == "requests.handled_sum"
    )
    assert (finding.expected, finding.actual, finding.delta) == (12, 11, -1)
    assert finding.operands["requests.other_handling.subtotal.natural_person"] == 2
    assert finding.missing == ()


def test_handled_sum_uses_sub_rows_when_they_are_all_reported() -> None:
    """With the subtotal beside complete sub-rows, a wrong subtotal breaks only its own sums."""
    line = ApplicantCounts.zeros()
    report = with_cell(SAMPLE, "requests.withheld.subtotal", line)
    assert list(validate(report)) == []
    report = with_cell(report, "requests.withheld.subtotal.natural_person", 1)
    assert keys(validate(report)) == {
        ("requests.group_sum", "requests.withheld.subtotal.natural_person"),
        ("requests.applicant_sum", "requests.withheld.subtotal.total"),
    }


def test_group_sum_applies_only_where_the_subtotal_is_printed() -> None:
    """requests.group_sum never fires about a subtotal line the report does not have."""
    report = with_cell(SAMPLE, "requests.withheld.state_secret.natural_person", None)
    assert "requests.group_sum" not in validate(report).by_rule()
    assert "requests.group_sum" not in validate(report, blank_as_zero=True).by_rule()


# --- cells.non_negative ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("proactive.normative_documents.issued", -1),
        ("proactive.licensing.decisions", -3),
        ("proactive.fees.amount_10k_yuan", "-0.01"),
    ],
)
def test_negative_counts_and_amounts_in_table_two_are_errors(path: str, value: object) -> None:
    """表二 has no identity, but every count and amount in it is ≥ 0 (I6)."""
    document = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    put(document, path, value)
    (finding,) = validate(from_dict(document))
    assert finding.rule == "cells.non_negative"
    assert finding.severity is Severity.ERROR
    assert finding.to_dict()["actual"] == value
    assert finding.to_dict()["operands"] == {path: value}
    assert (finding.table, finding.row, finding.column) == tuple(path.split("."))
    assert (finding.expected, finding.delta) == (None, None)


@pytest.mark.parametrize(
    "row", ["licensing", "other_services", "penalties", "coercive_measures", "fees"]
)
def test_the_2019_change_column_may_be_negative(row: str) -> None:
    """2019 本年增/减 is signed: a decrease is written as a negative number."""
    report = with_cell(zeros("2019"), f"proactive.{row}.change", -8)
    assert list(validate(report)) == []
    report = with_cell(report, f"proactive.{row}.previous_items", -8)
    assert keys(validate(report)) == {("cells.non_negative", f"proactive.{row}.previous_items")}


def test_a_negative_subtotal_is_an_error_only_where_printed() -> None:
    """A printed subtotal line is counted like any row."""
    line = attrs.evolve(ApplicantCounts.zeros(), commercial=-1, total=-1)
    report = with_cell(zeros("2021"), "requests.unavailable.subtotal", line)
    result = validate(report)
    assert ("cells.non_negative", "requests.unavailable.subtotal.commercial") in keys(result)
    assert ("cells.non_negative", "requests.unavailable.subtotal.total") in keys(result)


# --- report-level rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["proactive", "requests", "review_litigation"])
def test_a_missing_table_is_one_error_and_silences_its_identities(table: str) -> None:
    """A table that is not there yields report.missing_table, not one finding per identity."""
    (finding,) = validate(with_cell(SAMPLE, table, None))
    assert finding.rule == "report.missing_table"
    assert finding.args == {"edition": "2021", "year": 2021, "agency": "福建省工业和信息化厅"}
    assert finding.severity is Severity.ERROR
    assert finding.status is Status.FAILED
    assert (finding.path, finding.table) == (table, table)
    assert not is_consistent(with_cell(SAMPLE, table, None))


def test_a_report_without_tables_has_three_missing_tables() -> None:
    """All three statutory tables are required."""
    report = Report(edition=Edition.E2021, agency="示例单位", year=2021)
    assert [f.path for f in validate(report)] == ["proactive", "requests", "review_litigation"]


@pytest.mark.parametrize(
    ("which", "year", "fits"),
    [
        ("2019", 2019, True),
        ("2019", 2020, True),
        ("2019", 2021, False),
        ("2019", 2022, False),
        ("2021", 2021, True),
        ("2021", 2025, True),
        ("2021", 2020, False),
        ("2021", 2019, False),
    ],
)
def test_edition_year(which: str, year: int, fits: bool) -> None:
    """2019/2020 reports use the 2019 tables, later ones the 2021 tables; else a warning."""
    result = validate(zeros(which, year))
    if fits:
        assert list(result) == []
        return
    (finding,) = result
    assert finding.rule == "report.edition_year"
    assert finding.severity is Severity.WARNING
    assert finding.status is Status.FAILED
    assert finding.actual == which
    assert finding.expected == ("2019" if year <= 2020 else "2021")
    assert result.ok
    assert is_consistent(zeros(which, year))


def test_a_2019_format_table_in_a_2022_report_still_has_its_identities_checked() -> None:
    """D1: the edition detected from the labels decides the identities, whatever the year."""
    report = with_cell(zeros("2019", 2022), "requests.other_handling.total", 1)
    assert keys(validate(report)) == {
        ("report.edition_year", "edition"),
        ("requests.applicant_sum", "requests.other_handling.total"),
        ("requests.handled_sum", "requests.total_handled.total"),
    }


# --- cross-report rules ---------------------------------------------------------------------------


def _previous(report: Report, **changes: Any) -> Report:
    """The sample as its own report for the year before, with cells changed (``a__b`` → value).

    Its 行政规范性文件 in force are 78 − 13 issued, so that the series holds.
    """
    previous = attrs.evolve(report, year=report.year - 1)
    previous = with_cell(previous, "proactive.normative_documents.in_force", 65)
    for path, value in changes.items():
        previous = with_cell(previous, path.replace("__", "."), value)
    return previous


def test_carry_over_holds_against_last_year() -> None:
    """X1: this year's 上年结转 equals last year's 结转下年度继续办理, column by column."""
    assert list(validate(SAMPLE, previous=_previous(SAMPLE))) == []


def test_carry_over_mismatch_is_a_warning_per_column() -> None:
    """A break in the series is a warning (agencies merge and split), both cells operands."""
    previous = _previous(
        SAMPLE, requests__carried_forward__natural_person=3, requests__carried_forward__total=3
    )
    result = validate(SAMPLE, previous=previous)
    assert keys(result) == {
        ("series.carry_over", "requests.carried_over.natural_person"),
        ("series.carry_over", "requests.carried_over.total"),
    }
    for finding in result:
        assert finding.severity is Severity.WARNING
        assert (finding.expected, finding.actual, finding.delta) == (3, 0, -3)
        column = finding.column
        assert finding.operands == {
            f"requests.carried_over.{column}": 0,
            f"previous.requests.carried_forward.{column}": 3,
        }
    assert result.ok
    assert is_consistent(SAMPLE, previous=previous)
    with pytest.raises(InconsistentReportError):
        check(SAMPLE, previous=previous, fail_on="warning")


def test_carry_over_with_a_blank_last_year_is_unassessable() -> None:
    """A blank in last year's report is not 0 either."""
    previous = _previous(SAMPLE, requests__carried_forward__research=None)
    (finding,) = validate(SAMPLE, previous=previous)
    assert (finding.rule, finding.status) == ("series.carry_over", Status.UNASSESSABLE)
    assert finding.missing == ("previous.requests.carried_forward.research",)
    assert finding.severity is Severity.INFO
    assert list(validate(SAMPLE, previous=previous, blank_as_zero=True)) == []


def test_carry_over_across_editions() -> None:
    """A 2021 report follows a 2020 report in the 2019 tables: 表三 still carries over."""
    previous = with_cell(zeros("2019", 2020), "requests.carried_forward.natural_person", 5)
    report = attrs.evolve(SAMPLE, agency="示例单位")
    result = validate(report, previous=previous)
    assert keys(result) == {("series.carry_over", "requests.carried_over.natural_person")}


def test_in_force_follows_from_last_year() -> None:
    """X2 (2021): 现行有效件数 = last year's + 本年制发件数 − 本年废止件数; only a note if not."""
    holds = _previous(SAMPLE, proactive__normative_documents__in_force=65)
    assert list(validate(SAMPLE, previous=holds)) == []
    expired = _previous(SAMPLE, proactive__normative_documents__in_force=70)
    (finding,) = validate(SAMPLE, previous=expired)
    assert (finding.rule, finding.path) == (
        "series.in_force",
        "proactive.normative_documents.in_force",
    )
    assert finding.severity is Severity.INFO
    assert (finding.expected, finding.actual, finding.delta) == (83, 78, -5)
    assert finding.operands == {
        "proactive.normative_documents.in_force": 78,
        "previous.proactive.normative_documents.in_force": 70,
        "proactive.normative_documents.issued": 13,
        "proactive.normative_documents.repealed": 0,
    }


def test_public_total_and_previous_items_follow_from_last_year() -> None:
    """X4 and X3 (2019): 对外公开总数量 and 上一年项目数量 continue last year's figures."""
    report = zeros("2019", 2020)
    report = with_cell(report, "proactive.regulations.published", 13)
    report = with_cell(report, "proactive.regulations.public_total", 524)
    report = with_cell(report, "proactive.licensing.previous_items", 22)
    previous = zeros("2019", 2019)
    previous = with_cell(previous, "proactive.regulations.public_total", 511)
    previous = with_cell(previous, "proactive.licensing.previous_items", 30)
    previous = with_cell(previous, "proactive.licensing.change", -8)
    assert list(validate(report, previous=previous)) == []
    previous = with_cell(previous, "proactive.licensing.change", -7)
    previous = with_cell(previous, "proactive.regulations.public_total", 500)
    result = validate(report, previous=previous)
    assert keys(result) == {
        ("series.previous_items", "proactive.licensing.previous_items"),
        ("series.public_total", "proactive.regulations.public_total"),
    }
    assert {f.severity for f in result} == {Severity.INFO}
    items = result.for_rule("series.previous_items")[0]
    assert (items.expected, items.actual, items.delta) == (23, 22, -1)
    total = result.for_rule("series.public_total")[0]
    assert (total.expected, total.actual, total.delta) == (513, 524, 11)


def test_table_two_heuristics_need_the_same_edition() -> None:
    """表二 changed its columns in 2021: a 2021 report is not compared with 2019-format 表二."""
    previous = with_cell(zeros("2019", 2020), "proactive.regulations.public_total", 99)
    rules = {f.rule for f in validate(zeros("2021"), previous=previous)}
    assert not rules & {"series.in_force", "series.public_total", "series.previous_items"}


@pytest.mark.parametrize("year", [2019, 2021, 2022, 2015])
def test_a_previous_report_of_another_year_is_a_sequence_warning(year: int) -> None:
    """series.sequence: the previous report must be for the year before, else nothing compares."""
    previous = attrs.evolve(SAMPLE, year=year, requests=None)
    (finding,) = validate(SAMPLE, previous=previous)
    assert (finding.rule, finding.path) == ("series.sequence", "year")
    assert (finding.expected, finding.actual) == (2020, year)
    assert finding.severity is Severity.WARNING


def test_a_previous_report_of_another_agency_is_a_sequence_warning() -> None:
    """Another agency's report is flagged; the series rules still run."""
    previous = _previous(SAMPLE, requests__carried_forward__total=1)
    previous = attrs.evolve(previous, agency="福建省发展和改革委员会")
    result = validate(SAMPLE, previous=previous)
    assert keys(result) == {
        ("series.sequence", "agency"),
        ("series.carry_over", "requests.carried_over.total"),
    }
    (finding,) = result.for_rule("series.sequence")
    assert (finding.expected, finding.actual) == ("福建省工业和信息化厅", "福建省发展和改革委员会")


def test_an_agency_name_spaced_differently_is_the_same_agency() -> None:
    """Spaces inside or around the name do not make another agency."""
    previous = attrs.evolve(_previous(SAMPLE), agency=" 福建省 工业和信息化厅 ")
    assert list(validate(SAMPLE, previous=previous)) == []


@pytest.mark.parametrize("table", ["proactive", "requests"])
def test_series_rules_skip_a_table_either_report_lacks(table: str) -> None:
    """No series finding about a table the previous report does not have."""
    previous = with_cell(_previous(SAMPLE, requests__carried_forward__total=9), table, None)
    assert {f.rule for f in validate(SAMPLE, previous=previous)} <= {"series.carry_over"}
    assert list(validate(with_cell(SAMPLE, table, None), previous=previous)) != []


# --- profiles and severity overrides --------------------------------------------------------------


def _every_kind() -> tuple[Report, Report]:
    """A report and its previous one that between them fail one rule of every default severity."""
    report = with_cell(zeros("2019", 2022), "review_litigation.review.total", 1)
    report = with_cell(report, "review_litigation.litigation_direct.total", None)
    previous = with_cell(zeros("2019", 2021), "requests.carried_forward.total", 4)
    previous = with_cell(previous, "proactive.regulations.public_total", 2)
    return report, previous


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (
            "default",
            {
                "review_litigation.sum": Severity.ERROR,
                "unassessable": Severity.INFO,
                "report.incomplete_table": Severity.WARNING,
                "report.edition_year": Severity.WARNING,
                "series.carry_over": Severity.WARNING,
                "series.public_total": Severity.INFO,
            },
        ),
        (
            "strict",
            {
                "review_litigation.sum": Severity.ERROR,
                "unassessable": Severity.WARNING,
                "report.incomplete_table": Severity.ERROR,
                "report.edition_year": Severity.ERROR,
                "series.carry_over": Severity.ERROR,
                "series.public_total": Severity.WARNING,
            },
        ),
        (
            "lenient",
            {"review_litigation.sum": Severity.ERROR},
        ),
    ],
)
def test_profiles(profile: str, expected: dict[str, Severity]) -> None:
    """strict raises warnings to errors, notes to warnings; lenient keeps only identities errors."""
    report, previous = _every_kind()
    result = validate(report, previous=previous, profile=profile)  # type: ignore[arg-type]
    severities = {
        ("unassessable" if f.status is Status.UNASSESSABLE else f.rule): f.severity for f in result
    }
    assert severities == expected
    for rule, severity in expected.items():
        assert PROFILES[profile][rule] is severity  # type: ignore[index]


def test_profiles_name_every_rule() -> None:
    """Every profile gives every rule, and unassessable findings, a severity."""
    for profile in PROFILES.values():
        assert set(profile) == {*RULES, "unassessable"}


@pytest.mark.parametrize("severity", [Severity.WARNING, "warning"])
def test_a_rule_severity_can_be_overridden(severity: Severity | str) -> None:
    """Per-rule overrides apply on top of the profile, as Severity or its value."""
    report = with_cell(SAMPLE, "review_litigation.review.total", 2)
    result = validate(report, severity={"review_litigation.sum": severity})
    (finding,) = result
    assert finding.severity is Severity.WARNING
    assert result.ok
    assert check(report, severity={"review_litigation.sum": severity}) == result
    result = validate(report, profile="lenient", severity={"review_litigation.sum": "info"})
    assert [f.severity for f in result] == [Severity.INFO]


def test_unassessable_severity_can_be_overridden() -> None:
    """``"unassessable"`` is a key of the overrides too: blanks can be made errors."""
    report = with_cell(SAMPLE, "review_litigation.review.total", None)
    result = validate(report, severity={"unassessable": "error"})
    assert [(f.rule, f.severity) for f in result] == [
        ("report.incomplete_table", Severity.WARNING),
        ("review_litigation.sum", Severity.ERROR),
    ]
    assert not result.ok


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"profile": "paranoid"}, "unknown profile 'paranoid'"),
        ({"profile": ""}, "unknown profile"),
        ({"severity": {"requests.ledgr": "error"}}, "unknown rule 'requests.ledgr'"),
        ({"severity": {"": "error"}}, "unknown rule"),
        ({"severity": {"requests.ledger": "fatal"}}, "fatal"),
    ],
)
def test_bad_profile_or_override_raises_value_error(options: dict[str, Any], message: str) -> None:
    """A profile or rule that does not exist is a mistake of the caller, not a silent default."""
    for function in (validate, check):
        with pytest.raises(ValueError, match=message):
            function(SAMPLE, **options)
    with pytest.raises(ValueError, match=message):
        next(iter_findings(SAMPLE, **options))


# --- the result and the triad ---------------------------------------------------------------------


def test_iter_findings_is_lazy_and_validate_collects_it() -> None:
    """iter_findings yields the same findings validate collects, in the same order."""
    report, previous = _every_kind()
    findings = iter_findings(report, previous=previous)
    assert inspect.isgenerator(findings)
    result = validate(report, previous=previous)
    assert isinstance(result, ValidationResult)
    assert list(findings) == list(result)
    assert result.report is report


def test_findings_come_in_a_stable_order() -> None:
    """Report-level findings first, then the identities in catalog order, then the series."""
    report, previous = _every_kind()
    rules = [f.rule for f in validate(report, previous=previous)]
    assert rules == [
        "report.incomplete_table",
        "report.edition_year",
        "review_litigation.sum",
        "review_litigation.sum",
        "series.carry_over",
        "series.public_total",
    ]
    assert validate(report, previous=previous) == validate(report, previous=previous)


def test_check_raises_with_the_serious_findings() -> None:
    """check raises InconsistentReportError carrying the findings at or above fail_on."""
    report = with_cell(zeros("2019", 2022), "review_litigation.review.total", 1)
    with pytest.raises(InconsistentReportError) as caught:
        check(report)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, GkDisclosureError)
    assert [f.rule for f in error.findings] == ["review_litigation.sum"]
    assert "review_litigation.sum" in str(error)
    with pytest.raises(InconsistentReportError) as caught:
        check(report, fail_on=Severity.WARNING)
    assert [f.rule for f in caught.value.findings] == [
        "report.edition_year",
        "review_litigation.sum",
    ]
    clone = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own object
    assert clone.findings == caught.value.findings
    assert str(clone) == str(caught.value)


def test_check_returns_the_result_below_fail_on() -> None:
    """Findings below the threshold are returned, not raised."""
    report = zeros("2019", 2022)
    result = check(report)
    assert [f.rule for f in result] == ["report.edition_year"]
    with pytest.raises(InconsistentReportError):
        check(report, fail_on="warning")
    assert is_consistent(report)


def test_one_bad_cell_yields_its_identities_not_an_avalanche() -> None:
    """No cascades: a wrong 一、本年新收 total breaks its row and its column, nothing downstream."""
    report = with_cell(SAMPLE, "requests.received.total", 12)
    result = validate(report)
    assert keys(result) == {
        ("requests.ledger", "requests.carried_forward.total"),
        ("requests.applicant_sum", "requests.received.total"),
    }
    assert result.by_rule() == {"requests.ledger": 1, "requests.applicant_sum": 1}
    assert result.by_severity() == {Severity.ERROR: 2, Severity.WARNING: 0, Severity.INFO: 0}
    assert len(result.for_cell("requests.received.total")) == 2
    assert result.for_cell("requests.granted.total") == ()


def test_fingerprints_follow_the_problem_not_the_values() -> None:
    """The same identity broken by different amounts keeps its fingerprint; others differ."""
    one = validate(with_cell(SAMPLE, "requests.received.total", 12))
    two = validate(with_cell(SAMPLE, "requests.received.total", 40))
    assert [f.fingerprint for f in one] == [f.fingerprint for f in two]
    assert len({f.fingerprint for f in one}) == len(one)
    other_year = validate(attrs.evolve(with_cell(SAMPLE, "requests.received.total", 12), year=2022))
    assert not {f.fingerprint for f in one} & {f.fingerprint for f in other_year}


# --- properties -----------------------------------------------------------------------------------


def present_cells(report: Report) -> list[str]:
    """The cells of 表三 and 表四 the report has rows for (official, or printed subtotals)."""
    return [
        cell.path
        for cell in edition(report.edition).cells()
        if cell.table.key != "proactive"
        and read(report, f"{cell.table.key}.{cell.row.key}") is not None
    ]


@pytest.mark.parametrize("which", EDITIONS)
@given(data=st.data())
def test_every_consistent_report_passes(which: str, data: st.DataObject) -> None:
    """A report built so that every identity holds has no finding at all."""
    report = data.draw(reports(edition=which, consistent=True, blanks=False))
    assert_consistent(report, fail_on="info")
    assert_consistent(report, blank_as_zero=True, fail_on="info")


@given(corrupted_reports())
def test_every_planted_fault_is_caught(pair: tuple[Report, PlantedFault]) -> None:
    """A fault in one row of 表三 or 表四 fails an identity on each cell it names, and only such.

    A blanked cell makes them unassessable instead, listing it as missing.
    """
    report, fault = pair
    result = arithmetic(validate(report))
    assert_findings(result, cells=fault.cells, status=fault.status)
    assert all(any(f.touches(cell) for cell in fault.cells) for f in result)
    assert validate(report).ok is (fault.status is Status.UNASSESSABLE)
    if fault.status is Status.UNASSESSABLE:
        assert all(f.status is Status.UNASSESSABLE and fault.cells[0] in f.missing for f in result)


@given(report=reports(consistent=True, blanks=False), data=st.data())
def test_a_cell_made_negative_is_caught_twice(report: Report, data: st.DataObject) -> None:
    """A negative cell of 表三 or 表四 fails an identity that reads it and cells.non_negative."""
    path = data.draw(st.sampled_from(present_cells(report)), label="cell")
    new = data.draw(st.integers(-50, -1), label="value")
    result = validate(with_cell(report, path, new))
    assert_findings(result, rule="cells.non_negative", cells=[path])
    identities_failed = [f for f in result if f.rule != "cells.non_negative"]
    assert any(f.status is Status.FAILED and path in f.operands for f in identities_failed)
    assert all(f.touches(path) for f in result)


@given(report=reports(consistent=True, blanks=False), data=st.data())
def test_a_negative_cell_in_table_two_is_caught_unless_signed(
    report: Report, data: st.DataObject
) -> None:
    """Any negative count or amount of 表二 is an error; the 2019 change column is exempt."""
    cells = [cell for cell in edition(report.edition).cells() if cell.table.key == "proactive"]
    cell = data.draw(st.sampled_from(cells), label="cell")
    value = data.draw(st.integers(-1000, -1), label="value")
    result = validate(with_cell(report, cell.path, type(read(report, cell.path))(value)))
    if cell.column.kind is ValueKind.SIGNED:
        assert list(result) == []
    else:
        assert keys(result) == {("cells.non_negative", cell.path)}


@given(report=reports(consistent=True, blanks=True))
def test_blanks_never_fail_a_consistent_report(report: Report) -> None:
    """Blank cells in a consistent report make identities unassessable, never failed."""
    result = arithmetic(validate(report))
    assert all(f.status is Status.UNASSESSABLE for f in result if f.rule != "report.missing_table")
    assert all(f.missing for f in result if f.status is Status.UNASSESSABLE)


# --- the text against the tables ------------------------------------------------------------------


def figure(kind: NarrativeKind, value: int | Decimal, *paths: str) -> NarrativeFigure:
    """A figure the prose states, as ingest finds it."""
    return NarrativeFigure(
        kind=kind,
        value=value,
        unit="件",
        phrase=f"{value}件",
        sentence=f"共{value}件。",
        paths=paths,
    )


RECEIVED = ("requests.received.total",)
LITIGATION = (
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.total",
)


def test_a_narrative_figure_that_agrees_yields_nothing() -> None:
    """共收到申请11件 beside a table whose 总计 is 11: no finding."""
    result = validate(SAMPLE, narrative=[figure(NarrativeKind.RECEIVED, 11, *RECEIVED)])
    assert not result.findings


def test_a_narrative_figure_that_disagrees_is_a_warning() -> None:
    """The text says 12 where the table sums to 11: a warning naming both."""
    (finding,) = validate(SAMPLE, narrative=[figure(NarrativeKind.RECEIVED, 12, *RECEIVED)])
    assert (finding.rule, finding.severity, finding.status) == (
        "narrative.received",
        Severity.WARNING,
        Status.FAILED,
    )
    assert (finding.expected, finding.actual, finding.delta) == (11, 12, 1)
    assert finding.operands == {"requests.received.total": 11}


def test_a_narrative_figure_sums_its_cells() -> None:
    """行政诉讼 N 件 is compared with the two litigation totals added up."""
    assert not validate(SAMPLE, narrative=[figure(NarrativeKind.LITIGATION, 1, *LITIGATION)])
    (finding,) = validate(SAMPLE, narrative=[figure(NarrativeKind.LITIGATION, 2, *LITIGATION)])
    assert (finding.expected, finding.actual) == (1, 2)


def test_a_narrative_figure_over_a_blank_cell_is_unassessable() -> None:
    """A table cell not reported makes the comparison unassessable, never a silent 0."""
    requests = SAMPLE.requests
    assert requests is not None
    received = attrs.evolve(requests.received, total=None)
    blank = attrs.evolve(SAMPLE, requests=attrs.evolve(requests, received=received))
    findings = validate(blank, narrative=[figure(NarrativeKind.RECEIVED, 11, *RECEIVED)])
    (finding,) = [f for f in findings if f.rule == "narrative.received"]
    assert finding.status is Status.UNASSESSABLE
    assert finding.missing == RECEIVED


def test_the_fee_has_no_table_to_compare_with() -> None:
    """信息处理费 stated in the text is not compared: no table holds it."""
    assert not validate(SAMPLE, narrative=[figure(NarrativeKind.FEE, Decimal(400))])


# --- the options, declared once ---------------------------------------------------------------


def test_the_keywords_are_the_options_fields() -> None:
    """The typed keyword set and the options class name the same options."""
    assert set(ValidationKeywords.__annotations__) == set(attrs.fields_dict(ValidationOptions))
    options = ValidationOptions(
        blank_as_zero=True, profile="strict", severity={"cells.non_negative": "info"}
    )
    assert ValidationOptions(**options.keywords()) == options


def test_an_unknown_option_is_a_type_error() -> None:
    """A misspelt option is refused at once, not ignored."""
    with pytest.raises(TypeError, match="profle"):
        validate(SAMPLE, profle="strict")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="profle"):
        iter_findings(SAMPLE, profle="strict")  # type: ignore[call-arg]


def test_every_validating_function_takes_every_option() -> None:
    """validate, check, iter_findings and validate_many agree under the same options."""
    report = with_cell(SAMPLE, "requests.received.natural_person", None)
    options: ValidationKeywords = {
        "blank_as_zero": True,
        "profile": "lenient",
        "severity": dict.fromkeys(RULES, "info"),
    }
    found = validate(report, **options).findings
    assert found
    assert all(f.severity is Severity.INFO for f in found)
    # every rule given a severity is reported, the blank cell's table too
    assert all(f.assumed_zero for f in found if f.rule != "report.incomplete_table")
    assert tuple(iter_findings(report, **options)) == found
    assert check(report, **options).findings == found
    (many,) = validate_many([report], **options)
    assert many.findings == found

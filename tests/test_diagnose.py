"""Diagnose: the cells that break a report's identities, and what they should probably be.

Worked cases live in ``tests/data/diagnose/*.json``; each holds a report (``report``, or
``base``, a file of the repository with an optional ``#key`` inside it) with the cells of
``set`` changed, an optional ``provenance`` (path → state and printed text), and what the
diagnosis must say: how many ``problems``, whether it is ``ambiguous``, its ``leading``
suspects (values, confidence, pattern, and where given the excluded repairs, checks and
printed text), the ``fills`` it offers (all of them with ``fill_count``), and whether
applying the leading suspects and the fills leaves no failed identity.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

from gkdisclosure import (
    ApplicantCounts,
    CellChange,
    Confidence,
    DamagePattern,
    Diagnosis,
    Report,
    Requests2021,
    Status,
    Suspect,
    apply_repairs,
    diagnose_report,
    from_dict,
    load,
    validate,
)
from gkdisclosure.diagnose._patterns import change_patterns
from gkdisclosure.diagnose._system import build, solve_blanks
from gkdisclosure.rules import RULES
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = load(ROOT / "examples" / "2021-fujian-gxt.json")
CASES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((Path(__file__).parent / "data" / "diagnose").glob("*.json"))
}


# --- helpers --------------------------------------------------------------------------------------


def with_cells(report: Report, cells: Mapping[str, int | None]) -> Report:
    """The report with these cells (wire paths) set, by the testing kit's ``with_cell``."""
    for path, value in cells.items():
        report = with_cell(report, path, value)
    return report


def case_report(case: Mapping[str, Any]) -> Report:
    if "report" in case:
        document = case["report"]
    else:
        file, _, key = case["base"].partition("#")
        document = json.loads((ROOT / file).read_text(encoding="utf-8"))
        if key:
            document = document[key]
    return with_cells(from_dict(document), case.get("set", {}))


@attrs.frozen
class Origin:
    """A cell's provenance, as ingest records it."""

    state: str
    raw: str


def values(suspects: tuple[Suspect, ...]) -> list[dict[str, int]]:
    return [suspect.values for suspect in suspects]


def failed(report: Report) -> list[str]:
    """The cells whose identities fail (report-level findings, such as a missing table, aside)."""
    return [
        f.path
        for f in validate(report)
        if f.status is Status.FAILED and RULES[f.rule].scope == "identity"
    ]


def balanced(rows: Mapping[str, tuple[int, int]]) -> Report:
    """A 2021 report whose outcome rows have these 自然人 and 商业企业 counts, all else 0.

    Everything handled was received this year, so every identity holds.
    """

    def row(np: int, biz: int) -> ApplicantCounts:
        return attrs.evolve(
            ApplicantCounts.zeros(), natural_person=np, commercial=biz, total=np + biz
        )

    np = sum(n for n, _ in rows.values())
    biz = sum(b for _, b in rows.values())
    requests = SAMPLE.requests
    assert isinstance(requests, Requests2021)
    zero = ApplicantCounts.zeros()
    requests = attrs.evolve(
        requests,
        received=row(np, biz),
        carried_over=zero,
        granted=zero,
        partially_granted=zero,
        total_handled=row(np, biz),
        carried_forward=zero,
    )
    report = attrs.evolve(SAMPLE, requests=requests)
    for key, (n, b) in rows.items():
        report = with_cells(
            report,
            {
                f"requests.{key}.natural_person": n,
                f"requests.{key}.commercial": b,
                f"requests.{key}.total": n + b,
            },
        )
    report = with_cells(
        report,
        {
            "requests.unavailable.not_held.natural_person": 0,
            "requests.unavailable.not_held.total": 0,
        },
    )
    assert failed(report) == []
    return report


# --- worked cases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_worked_case_leading_suspects(name: str) -> None:
    """The leading suspects of each worked case: cells, values, confidence, damage, evidence."""
    case = CASES[name]
    expect = case["expect"]
    provenance = {
        path: Origin(origin["state"], origin["raw"])
        for path, origin in case.get("provenance", {}).items()
    }
    diagnosis = diagnose_report(case_report(case), provenance=provenance or None)
    assert len(diagnosis.problems) == expect["problems"]
    assert diagnosis.ambiguous is expect["ambiguous"]
    assert values(diagnosis.leading) == [lead["values"] for lead in expect["leading"]]
    for suspect, lead in zip(diagnosis.leading, expect["leading"], strict=True):
        assert suspect.confidence is Confidence(lead["confidence"])
        assert suspect.pattern is DamagePattern(lead["pattern"])
        assert suspect.complete
        for key in ("excluded", "checks"):
            if key in lead:
                assert getattr(suspect, key) == lead[key]
        if "raw" in lead:
            assert {c.path: c.raw for c in suspect.changes} == lead["raw"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_worked_case_fills(name: str) -> None:
    """The blanks each worked case's identities determine, with their values."""
    expect = CASES[name]["expect"]
    fills = {fill.changes[0].path: fill for fill in diagnose_report(case_report(CASES[name])).fills}
    if "fill_count" in expect:
        assert len(fills) == expect["fill_count"]
    else:
        assert set(fills) == set(expect["fills"])
    for path, value in expect["fills"].items():
        assert fills[path].values == {path: value}
        assert fills[path].pattern is DamagePattern.BLANK
    for path, grade in expect.get("fill_confidence", {}).items():
        assert fills[path].confidence is Confidence(grade)


@pytest.mark.parametrize("name", sorted(CASES))
def test_worked_case_is_repaired_by_its_suggestions(name: str) -> None:
    """Applying the first leading suspect of each problem and every fill leaves no failure."""
    case = CASES[name]
    report = case_report(case)
    diagnosis = diagnose_report(report)
    chosen = [problem.leading[0] for problem in diagnosis.problems]
    repaired = apply_repairs(report, [*chosen, *diagnosis.fills]).report
    assert failed(repaired) == []
    left = [f.path for f in validate(repaired) if f.status is Status.UNASSESSABLE]
    assert left == case["expect"].get("unassessable_after_applying", [])


# --- one wrong cell -------------------------------------------------------------------------------


def test_a_consistent_report_has_nothing_to_diagnose() -> None:
    """The sample holds every identity: no problem, no suspect, no fill."""
    diagnosis = diagnose_report(SAMPLE)
    assert diagnosis.problems == ()
    assert diagnosis.fills == ()
    assert list(diagnosis) == []
    assert diagnosis.explained
    assert not diagnosis.ambiguous


@pytest.mark.parametrize(
    ("path", "printed", "true", "pattern"),
    [
        ("requests.granted.natural_person", 80, 8, DamagePattern.GLUED),
        ("requests.granted.total", 18, 8, DamagePattern.GLUED),
        ("requests.received.natural_person", 1, 11, DamagePattern.SPLIT),
        ("requests.total_handled.total", 17, 11, DamagePattern.MISREAD),
        ("requests.carried_forward.commercial", 3, 0, DamagePattern.MISREAD),
        ("requests.unavailable.not_held.natural_person", 0, 2, DamagePattern.MISREAD),
        ("requests.withheld.state_secret.total", 47, 0, None),
    ],
)
def test_a_wrong_cell_of_table_3_is_found_with_its_value(
    path: str, printed: int, true: int, pattern: DamagePattern | None
) -> None:
    """A cell of 表三 is in its row's identity and a column's: their intersection names it."""
    diagnosis = diagnose_report(with_cells(SAMPLE, {path: printed}))
    (problem,) = diagnosis.problems
    (suspect,) = problem.suspects
    assert suspect.values == {path: true}
    assert suspect.confidence is Confidence.HIGH
    assert suspect.checks >= 2
    assert suspect.pattern is pattern
    assert suspect.twins == ()
    assert suspect.leaves == ()
    assert set(suspect.repairs) == set(problem.failed)


@pytest.mark.parametrize(
    ("path", "printed"),
    [
        ("requests.withheld.subtotal.natural_person", 1),
        ("requests.withheld.state_secret.natural_person", 2),
        ("requests.withheld.subtotal.total", 3),
    ],
)
def test_a_printed_group_subtotal_and_its_rows_are_told_apart(path: str, printed: int) -> None:
    """A subtotal sits in its group's sum and its own row; a sub-row in the outcome sum too."""
    assert isinstance(SAMPLE.requests, Requests2021)
    withheld = attrs.evolve(SAMPLE.requests.withheld, subtotal=ApplicantCounts.zeros())
    report = attrs.evolve(SAMPLE, requests=attrs.evolve(SAMPLE.requests, withheld=withheld))
    assert failed(report) == []
    diagnosis = diagnose_report(with_cells(report, {path: printed}))
    (suspect,) = diagnosis.suspects
    assert suspect.values == {path: 0}
    assert suspect.confidence is Confidence.HIGH
    assert "requests.group_sum" in {f.rule for f in suspect.repairs}


def test_a_negative_count_is_repaired_too() -> None:
    """A count printed below 0 fails cells.non_negative as well; the repair covers it."""
    path = "requests.carried_forward.natural_person"
    diagnosis = diagnose_report(with_cells(SAMPLE, {path: -1}))
    (suspect,) = diagnosis.suspects
    assert suspect.values == {path: 0}
    assert "cells.non_negative" in {f.rule for f in suspect.repairs}
    assert suspect.complete


def test_cells_of_table_4_cannot_be_told_apart_by_the_arithmetic() -> None:
    """A block of 表四 is one identity: its five cells are twins, and a raised count is ambiguous.

    结果维持 1 → -1 and the two zeros → -2 would repair it too, but counts are never negative.
    """
    diagnosis = diagnose_report(
        with_cells(SAMPLE, {"review_litigation.litigation_after_review.pending": 2})
    )
    assert diagnosis.ambiguous
    block = "review_litigation.litigation_after_review"
    assert values(diagnosis.leading) == [{f"{block}.pending": 0}, {f"{block}.total": 3}]
    for suspect in diagnosis.leading:
        assert suspect.alternatives == 1
        assert len(suspect.twins) == 4
        assert suspect.excluded == 3


def test_the_given_result_is_used_and_must_be_of_the_report() -> None:
    """Passing the validation result gives the same diagnosis; another report's is refused."""
    report = with_cells(SAMPLE, {"requests.granted.natural_person": 80})
    result = validate(report)
    assert diagnose_report(report, result) == diagnose_report(report)
    assert diagnose_report(report, result).problems[0].failed == tuple(
        f for f in result if f.status is Status.FAILED
    )
    with pytest.raises(ValueError, match="another report"):
        diagnose_report(report, validate(SAMPLE))


def test_a_result_without_the_findings_is_refused() -> None:
    """A result that lacks a failed identity's finding is not of this report."""
    report = with_cells(SAMPLE, {"requests.granted.natural_person": 80})
    result = attrs.evolve(validate(report), findings=())
    with pytest.raises(ValueError, match="no finding for requests"):
        diagnose_report(report, result)


# --- two wrong cells and more ---------------------------------------------------------------------


def test_two_wrong_cells_in_different_rows_and_columns_are_found_together() -> None:
    """No single cell repairs four failed identities; the one pair that does is named."""
    changes = {"requests.received.natural_person": 13, "requests.unavailable.not_held.total": 20}
    diagnosis = diagnose_report(with_cells(SAMPLE, changes))
    (suspect,) = diagnosis.suspects
    assert suspect.values == {
        "requests.received.natural_person": 11,
        "requests.unavailable.not_held.total": 2,
    }
    assert suspect.confidence is Confidence.HIGH
    assert suspect.checks == 4


def test_failures_that_share_no_identity_are_separate_problems() -> None:
    """A wrong cell of 表三 and one of 表四 are two problems, each with its own suspects."""
    changes = {"requests.granted.natural_person": 80, "review_litigation.review.total": 0}
    diagnosis = diagnose_report(with_cells(SAMPLE, changes))
    assert [problem.failed[0].table for problem in diagnosis.problems] == [
        "requests",
        "review_litigation",
    ]
    assert values(diagnosis.leading) == [
        {"requests.granted.natural_person": 8},
        {"review_litigation.review.upheld": 0},
        {"review_litigation.review.total": 1},
    ]
    assert not diagnosis.problems[0].ambiguous
    assert diagnosis.problems[1].ambiguous
    assert len(diagnosis.suspects) == 3


def test_equal_errors_on_the_corners_of_a_rectangle_are_ambiguous() -> None:
    """+1 on two corners fails the same identities as +1 on the other two: both pairs are listed."""
    report = balanced({"granted": (5, 5), "partially_granted": (5, 5)})
    corners = {"requests.granted.natural_person": 6, "requests.partially_granted.commercial": 6}
    diagnosis = diagnose_report(with_cells(report, corners))
    assert diagnosis.ambiguous
    assert values(diagnosis.leading) == [
        {"requests.granted.natural_person": 5, "requests.partially_granted.commercial": 5},
        {"requests.granted.commercial": 4, "requests.partially_granted.natural_person": 4},
    ]


@pytest.mark.parametrize(
    ("changes", "pattern", "repair"),
    [
        (
            {"requests.granted.natural_person": 4, "requests.granted.commercial": 6},
            DamagePattern.WRONG_COLUMN,
            {"requests.granted.natural_person": 5, "requests.granted.commercial": 5},
        ),
        (
            {"requests.granted.natural_person": 5, "requests.granted.commercial": 0},
            DamagePattern.SPLIT,
            {"requests.granted.natural_person": 50, "requests.granted.commercial": 5},
        ),
        (
            {"requests.granted.natural_person": 81, "requests.granted.commercial": 0},
            DamagePattern.GLUED,
            {"requests.granted.natural_person": 8, "requests.granted.commercial": 1},
        ),
    ],
)
def test_two_cells_of_a_row_name_their_damage(
    changes: dict[str, int], pattern: DamagePattern, repair: dict[str, int]
) -> None:
    """A count in the wrong column, digits split across neighbours or glued: named as such."""
    report = balanced(
        {
            "granted": (
                repair["requests.granted.natural_person"],
                repair["requests.granted.commercial"],
            )
        }
    )
    diagnosis = diagnose_report(with_cells(report, changes))
    assert values(diagnosis.leading)[0] == repair
    assert diagnosis.leading[0].pattern is pattern


def test_a_count_in_the_wrong_row_keeps_the_column_and_is_named() -> None:
    """One request moved from （二） to （一）: the rows fail, the column holds."""
    report = balanced({"granted": (5, 0), "partially_granted": (5, 0)})
    changes = {"requests.granted.natural_person": 6, "requests.partially_granted.natural_person": 4}
    diagnosis = diagnose_report(with_cells(report, changes))
    first = diagnosis.leading[0]
    assert first.values == {
        "requests.granted.natural_person": 5,
        "requests.partially_granted.natural_person": 5,
    }
    assert first.pattern is DamagePattern.WRONG_ROW


def test_three_wrong_cells_leave_partial_suspects_of_low_confidence() -> None:
    """No change of one or two cells repairs all: each suspect says what it leaves failing."""
    changes = {
        "requests.received.natural_person": 2,
        "requests.unavailable.not_held.total": 20,
        "requests.granted.total": 1,
    }
    diagnosis = diagnose_report(with_cells(SAMPLE, changes))
    (problem,) = diagnosis.problems
    assert not problem.explained
    assert not diagnosis.explained
    assert problem.suspects
    assert all(s.confidence is Confidence.LOW and s.leaves for s in problem.suspects)
    assert problem.suspects[0].values == {"requests.received.natural_person": 11}
    assert len(problem.suspects[0].repairs) == 2
    repaired = [len(s.repairs) for s in problem.suspects]
    assert repaired == sorted(repaired, reverse=True)


# --- blanks ---------------------------------------------------------------------------------------


def test_blanks_that_two_identities_determine_are_filled_with_high_confidence() -> None:
    """Each blank sits in its row and a column; both give its value."""
    cells = {"requests.granted.natural_person": None, "requests.total_handled.natural_person": None}
    diagnosis = diagnose_report(with_cells(SAMPLE, cells))
    assert diagnosis.problems == ()
    assert values(diagnosis.fills) == [
        {"requests.granted.natural_person": 8},
        {"requests.total_handled.natural_person": 11},
    ]
    assert {fill.confidence for fill in diagnosis.fills} == {Confidence.HIGH}
    assert all(fill.changes[0].printed is None for fill in diagnosis.fills)


def test_blanks_are_filled_one_after_another() -> None:
    """A whole column blank but its total: each cell follows once its neighbours are known."""
    cells = {
        f"requests.{row}.commercial": None
        for row in ("received", "carried_over", "granted", "total_handled", "carried_forward")
    }
    diagnosis = diagnose_report(with_cells(SAMPLE, cells))
    filled = {fill.changes[0].path: fill.changes[0].suggested for fill in diagnosis.fills}
    assert filled == dict.fromkeys(cells, 0)


def test_two_blanks_of_one_sum_are_left_alone() -> None:
    """结果维持 + 结果纠正 = 1 has two answers: neither blank is filled."""
    cells = {"review_litigation.review.upheld": None, "review_litigation.review.corrected": None}
    assert diagnose_report(with_cells(SAMPLE, cells)).fills == ()


@pytest.mark.parametrize(
    ("cells", "kept"),
    [
        ({"requests.granted.natural_person": None, "requests.granted.total": 5}, []),
        ({"requests.granted.natural_person": None, "requests.granted.total": 7}, []),
        (
            {"requests.granted.natural_person": None, "requests.granted.commercial": None},
            ["requests.granted.natural_person", "requests.granted.commercial"],
        ),
        (
            {
                "requests.granted.natural_person": None,
                "requests.total_handled.natural_person": None,
                "requests.partially_granted.natural_person": 2,
                "requests.partially_granted.total": 2,
            },
            [],
        ),
    ],
    ids=["disagree", "disagree by one", "agree", "contradicted later"],
)
def test_blanks_that_identities_give_differently_are_not_filled(
    cells: dict[str, int | None], kept: list[str]
) -> None:
    """With every identity used, a blank two of them give differently has no value.

    Nor has one whose values, once all are known, leave an identity that does not hold.
    """
    fills = solve_blanks(build(with_cells(SAMPLE, cells)))
    assert [fill.path for fill in fills] == kept


def test_blanks_are_filled_from_identities_free_of_suspect_cells() -> None:
    """An identity that reads a probably wrong cell neither gives nor refutes a value."""
    cells = {
        "requests.total_handled.natural_person": 9,
        "requests.granted.natural_person": None,
        "requests.granted.total": None,
    }
    diagnosis = diagnose_report(with_cells(SAMPLE, cells))
    assert values(diagnosis.leading) == [{"requests.total_handled.natural_person": 11}]
    assert values(diagnosis.fills) == [
        {"requests.granted.natural_person": 8},
        {"requests.granted.total": 8},
    ]
    assert [fill.confidence for fill in diagnosis.fills] == [Confidence.MEDIUM, Confidence.HIGH]
    assert [fill.checks for fill in diagnosis.fills] == [1, 2]


# --- provenance -----------------------------------------------------------------------------------


def test_an_inferred_cell_leads_among_equal_repairs_and_carries_its_text() -> None:
    """Arithmetic ties; the provenance says which cell was not read as printed."""
    report = with_cells(SAMPLE, {"review_litigation.review.upheld": 10})
    plain = diagnose_report(report)
    assert values(plain.leading)[0] == {"review_litigation.review.upheld": 1}
    origins = {
        "review_litigation.review.upheld": Origin("number", "10"),
        "review_litigation.review.total": Origin("inferred", "110 1"),
    }
    told = diagnose_report(report, provenance=origins)
    assert told.ambiguous
    first = told.leading[0]
    assert first.values == {"review_litigation.review.total": 10}
    assert (first.changes[0].raw, first.changes[0].state) == ("110 1", "inferred")
    assert told.leading[1].changes[0].raw == "10"


def test_a_state_alone_is_enough_provenance() -> None:
    """A mapping of paths to states (no printed text) is accepted."""
    report = with_cells(SAMPLE, {"review_litigation.review.upheld": 10})
    told = diagnose_report(report, provenance={"review_litigation.review.total": "glued"})
    first = told.leading[0].changes[0]
    assert (first.path, first.raw, first.state) == ("review_litigation.review.total", None, "glued")


def test_the_provenance_of_an_ingested_report_is_read() -> None:
    """An ingest Provenance is accepted as it is, and its printed text reaches the suspect."""
    from gkdisclosure.ingest import read_text  # noqa: PLC0415 - only this test reads a document

    result = read_text(
        io.StringIO((ROOT / "tests" / "data" / "corpus" / "2019-pingtan.txt").read_text("utf-8"))
    )
    path = "requests.granted.natural_person"
    source = result.provenance[path]
    wrong = with_cells(result.report, {path: 70})
    diagnosis = diagnose_report(wrong, provenance=result.provenance)
    (suspect,) = diagnosis.leading
    assert suspect.values == {path: 7}
    assert (suspect.changes[0].raw, suspect.changes[0].state) == (source.raw, source.state)


# --- applying suggestions -------------------------------------------------------------------------


def test_apply_sets_the_values_on_a_new_report_and_records_the_changes() -> None:
    """The given report is unchanged; the new one holds; each change is returned."""
    report = with_cells(SAMPLE, {"requests.granted.natural_person": 80})
    (suspect,) = diagnose_report(report).suspects
    applied = apply_repairs(report, [suspect])
    assert applied.report == SAMPLE
    assert report.requests is not None
    assert report.requests.granted.natural_person == 80
    assert applied.changes == suspect.changes


def test_apply_takes_single_changes_and_repeats_of_one() -> None:
    """Changes can be given one by one; the same change twice is applied once."""
    change = CellChange(path="requests.granted.natural_person", printed=80, suggested=8)
    report = with_cells(SAMPLE, {"requests.granted.natural_person": 80})
    applied = apply_repairs(report, [change, change])
    assert applied.report == SAMPLE
    assert applied.changes == (change,)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            [
                CellChange(path="requests.granted.total", printed=8, suggested=9),
                CellChange(path="requests.granted.total", printed=8, suggested=7),
            ],
            "suggested both 9 and 7",
        ),
        ([CellChange(path="requests.granted.total", printed=9, suggested=8)], "prints 8, not 9"),
        ([CellChange(path="requests.nothing.total", printed=0, suggested=1)], "no such cell"),
        (
            [CellChange(path="proactive.fees.amount_10k_yuan", printed=0, suggested=1)],
            "not a count",
        ),
        (
            [CellChange(path="requests.withheld.subtotal.total", printed=None, suggested=0)],
            "has no subtotal",
        ),
    ],
    ids=["conflict", "stale", "unknown", "amount", "absent row"],
)
def test_apply_refuses_what_it_cannot_do_faithfully(
    changes: list[CellChange], message: str
) -> None:
    """Conflicting, stale or impossible suggestions raise ValueError naming the cell."""
    with pytest.raises(ValueError, match=message):
        apply_repairs(SAMPLE, changes)


# --- the data -------------------------------------------------------------------------------------


def test_a_diagnosis_is_json_ready() -> None:
    """to_dict gives plain data: problems with their suspects, fills, findings by rule and path."""
    cells = {"requests.granted.natural_person": 80, "requests.carried_over.commercial": None}
    data = diagnose_report(with_cells(SAMPLE, cells)).to_dict()
    assert json.loads(json.dumps(data)) == data
    (problem,) = data["problems"]
    assert problem["ambiguous"] is False
    assert problem["explained"] is True
    (suspect,) = problem["suspects"]
    assert suspect["changes"] == [
        {
            "path": "requests.granted.natural_person",
            "printed": 80,
            "suggested": 8,
            "patterns": ["glued", "misread"],
            "raw": None,
            "state": None,
        }
    ]
    assert suspect["confidence"] == "high"
    assert suspect["leaves"] == []
    assert {"rule": "requests.applicant_sum", "path": "requests.granted.total"} in suspect[
        "repairs"
    ]
    assert [fill["changes"][0]["path"] for fill in data["fills"]] == [
        "requests.carried_over.commercial"
    ]


def test_the_diagnosis_does_not_print_the_whole_report() -> None:
    """The repr names the problems and fills, not every cell of the report."""
    assert repr(diagnose_report(SAMPLE)) == "Diagnosis(problems=(), fills=())"
    assert isinstance(diagnose_report(SAMPLE), Diagnosis)


@pytest.mark.parametrize(
    ("printed", "suggested", "total", "patterns"),
    [
        (None, 0, False, (DamagePattern.BLANK,)),
        (2, 20, False, (DamagePattern.SPLIT, DamagePattern.MISREAD)),
        (0, 100, False, (DamagePattern.SPLIT,)),
        (35, 3, False, (DamagePattern.GLUED, DamagePattern.MISREAD)),
        (235, 5, False, (DamagePattern.GLUED,)),
        (1, 10, False, (DamagePattern.SPLIT, DamagePattern.MISREAD)),
        (3, 8, False, (DamagePattern.MISREAD,)),
        (12, 21, False, (DamagePattern.MISREAD,)),
        (105, 15, False, (DamagePattern.MISREAD,)),
        (0, 11, True, (DamagePattern.ZERO_TOTAL,)),
        (0, 11, False, ()),
        (-1, 1, False, ()),
        (47, 12, False, ()),
    ],
)
def test_damage_patterns_of_one_cell(
    printed: int | None, suggested: int, total: bool, patterns: tuple[DamagePattern, ...]
) -> None:
    """Split, glued and misread digits, a total printed as 0, a blank: by the digits alone."""
    assert change_patterns(printed, suggested, total=total) == patterns

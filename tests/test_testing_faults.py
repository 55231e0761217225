"""Planted faults: every fault is where its description says, and validate catches it there."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gkdisclosure import CaseOutcomes, Report, Status, ValidationResult, validate
from gkdisclosure.catalog import Edition, edition, identities
from gkdisclosure.testing import (
    FaultKind,
    PlantedFault,
    assert_consistent,
    assert_findings,
    corrupted_reports,
    reports,
    with_cell,
)
from gkdisclosure.testing._damage import places_for  # the kit's own choice of places

#: ``find`` without the example database and without the explain phase.
FIND = settings(database=None, phases=[Phase.generate, Phase.shrink], max_examples=1000)
TABLES = ("requests", "review_litigation")
#: The rules whose identity reads "target = the sum of the other cells".
SUM_RULES = frozenset(
    {
        "requests.applicant_sum",
        "requests.handled_sum",
        "requests.group_sum",
        "review_litigation.sum",
    }
)


def read(report: Report, path: str) -> Any:
    """The value at a wire path (``None`` past an absent table or row)."""
    value: Any = report
    for part in path.split("."):
        value = None if value is None else getattr(value, part)
    return value


def values(report: Report) -> Iterator[tuple[str, object]]:
    """Every cell of the report's edition, as (wire path, value)."""
    for cell in edition(report.edition).cells():
        yield cell.path, read(report, cell.path)


def run(fault: PlantedFault) -> list[str]:
    """The column keys of the fault's cells, checking they are adjacent cells of one row."""
    rows = {cell.rsplit(".", 1)[0] for cell in fault.cells}
    assert len(rows) == 1, fault
    (row,) = rows
    table, _, key = row.partition(".")
    (columns,) = {
        tuple(column.key for column in table_row.columns)
        for which in Edition
        for table_row in edition(which).table(table).rows
        if table_row.key == key
    }
    keys = [cell.rsplit(".", 1)[1] for cell in fault.cells]
    first = columns.index(keys[0])
    assert tuple(keys) == columns[first : first + len(keys)], fault
    return keys


# --- what each kind does, from its definition -------------------------------------------------


def off_by(fault: PlantedFault) -> None:
    (old,), (new,) = fault.original, fault.planted
    assert isinstance(old, int)
    assert isinstance(new, int)
    assert 1 <= abs(new - old) <= 100
    assert new >= 0


def split_digits(fault: PlantedFault) -> None:
    assert len(run(fault)) == 2
    digits = str(fault.original[0])
    assert len(digits) >= 2
    cuts = {(int(digits[:cut]), int(digits[cut:])) for cut in range(1, len(digits))}
    assert fault.planted in cuts


def glued_digits(fault: PlantedFault) -> None:
    assert len(run(fault)) == 2
    left, right = fault.original
    assert isinstance(left, int)
    assert left >= 1
    assert fault.planted == (int(f"{left}{right}"), 0)


def shifted_column(fault: PlantedFault) -> None:
    assert len(run(fault)) >= 2
    old = fault.original
    assert fault.planted in {(0, *old[:-1]), (*old[1:], 0)}
    assert fault.planted != old


def zeroed_total(fault: PlantedFault) -> None:
    (cell,), (old,), (new,) = fault.cells, fault.original, fault.planted
    assert isinstance(old, int)
    assert old > 0
    assert new == 0
    sums = {
        i.target for which in Edition for i in identities(edition(which)) if i.rule in SUM_RULES
    }
    assert cell in sums


def blanked_cell(fault: PlantedFault) -> None:
    (old,), (new,) = fault.original, fault.planted
    assert isinstance(old, int)
    assert new is None


DEFINITIONS: dict[FaultKind, Callable[[PlantedFault], None]] = {
    FaultKind.OFF_BY: off_by,
    FaultKind.SPLIT_DIGITS: split_digits,
    FaultKind.GLUED_DIGITS: glued_digits,
    FaultKind.SHIFTED_COLUMN: shifted_column,
    FaultKind.ZEROED_TOTAL: zeroed_total,
    FaultKind.BLANKED_CELL: blanked_cell,
}


def test_every_kind_has_a_definition_checked_here() -> None:
    assert set(DEFINITIONS) == set(FaultKind)


@given(corrupted_reports())
def test_the_description_says_exactly_what_changed(pair: tuple[Report, PlantedFault]) -> None:
    """The damage is what the kind defines, only in the cells named; revert restores the rest."""
    report, fault = pair
    DEFINITIONS[fault.kind](fault)
    original = fault.revert(report)
    before, after = dict(values(original)), dict(values(report))
    changed = {path for path in before if before[path] != after[path]}
    named = {c for c, old, new in zip(fault.cells, fault.original, fault.planted, strict=True)
             if old != new}  # fmt: skip
    assert changed == named
    assert tuple(after[cell] for cell in fault.cells) == fault.planted
    assert tuple(before[cell] for cell in fault.cells) == fault.original
    assert fault.apply(original) == report
    assert fault.cells[0] in fault.note
    assert fault.cells[-1] in fault.note
    assert_consistent(original, fail_on="info")


# --- every fault is caught where it is --------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
@given(data=st.data())
def test_every_planted_fault_is_caught_on_its_cells(table: str, data: st.DataObject) -> None:
    """validate has a finding of the fault's status on each named cell, and no other finding."""
    report, fault = data.draw(corrupted_reports(tables=[table]))
    assert all(cell.startswith(f"{table}.") for cell in fault.cells)
    # the identities' findings; a blanked cell also makes its table incomplete
    result = ValidationResult(
        tuple(f for f in validate(report) if f.rule != "report.incomplete_table"), report
    )
    for cell in fault.cells:
        assert any(f.status is fault.status for f in result.for_cell(cell)), cell
    assert all(any(f.touches(cell) for cell in fault.cells) for f in result)
    assert "cells.non_negative" not in result.by_rule()
    if fault.status is Status.FAILED:
        assert not result.ok
    else:
        assert result.ok
        assert all(f.status is Status.UNASSESSABLE for f in result)
        assert all(fault.cells[0] in f.missing for f in result)
    assert_findings(result, cells=fault.cells, status=fault.status)


def test_damage_that_every_identity_survives_is_never_planted() -> None:
    """In 表四, a split or a shift after which the block still adds up is not a place for damage."""
    zero = find(reports(edition="2021"), lambda _: True, settings=FIND)
    block = CaseOutcomes(upheld=1, corrected=0, other=0, pending=12, total=13)
    report = with_cell(zero, "review_litigation.review", block)
    tables = ("review_litigation",)
    # The only count of two digits with a neighbour is pending 12, next to the total 13:
    # split into 1 | 2 the block reads 1 + 0 + 0 + 1 = 2, which holds.
    assert places_for(report, FaultKind.SPLIT_DIGITS, tables) == []
    shifts = {(indexes, planted) for _, (indexes, planted, _) in
              places_for(report, FaultKind.SHIFTED_COLUMN, tables)}  # fmt: skip
    assert ((0, 1), (0, 1)) not in shifts  # upheld moved to corrected: still 13 in all
    assert ((0, 1), (0, 0)) in shifts  # upheld moved out of the block: 12 ≠ 13


# --- shrinking ----------------------------------------------------------------------------------

#: The smallest fault of each kind in each table: in an all-zero report, except where the
#: damage needs a count (two digits to split, a total to zero), which gets 10 in the first
#: column and the total of 一、本年新收 and 四、结转 (表三) or of the review block (表四).
SMALLEST = [
    ("requests", FaultKind.OFF_BY, ("received.natural_person",), (0,), (1,)),
    ("requests", FaultKind.SPLIT_DIGITS, ("received.natural_person", "received.commercial"),
     (10, 0), (1, 0)),
    ("requests", FaultKind.GLUED_DIGITS, ("received.natural_person", "received.commercial"),
     (10, 0), (100, 0)),
    ("requests", FaultKind.SHIFTED_COLUMN, ("received.natural_person", "received.commercial"),
     (10, 0), (0, 10)),
    ("requests", FaultKind.ZEROED_TOTAL, ("received.total",), (10,), (0,)),
    ("requests", FaultKind.BLANKED_CELL, ("received.natural_person",), (0,), (None,)),
    ("review_litigation", FaultKind.OFF_BY, ("review.upheld",), (0,), (1,)),
    ("review_litigation", FaultKind.SPLIT_DIGITS, ("review.upheld", "review.corrected"),
     (10, 0), (1, 0)),
    ("review_litigation", FaultKind.GLUED_DIGITS, ("review.upheld", "review.corrected"),
     (10, 0), (100, 0)),
    # In 表四 moving 10 from upheld to corrected leaves every identity holding: never planted.
    ("review_litigation", FaultKind.SHIFTED_COLUMN, ("review.upheld", "review.corrected"),
     (10, 0), (0, 0)),
    ("review_litigation", FaultKind.ZEROED_TOTAL, ("review.total",), (10,), (0,)),
    ("review_litigation", FaultKind.BLANKED_CELL, ("review.upheld",), (0,), (None,)),
]  # fmt: skip


def test_the_smallest_faults_cover_every_kind_in_every_table() -> None:
    assert {(table, kind) for table, kind, *_ in SMALLEST} == {
        (table, kind) for table in TABLES for kind in FaultKind
    }


@pytest.mark.parametrize(("table", "kind", "cells", "original", "planted"), SMALLEST)
def test_shrinking_reaches_the_smallest_fault(
    table: str,
    kind: FaultKind,
    cells: tuple[str, ...],
    original: tuple[int, ...],
    planted: tuple[int | None, ...],
) -> None:
    """One kind in one table comes even from an all-zero report, shrunk to the smallest fault."""
    report, fault = find(
        corrupted_reports(edition="2021", kinds=[kind], tables=[table]),
        lambda _: True,
        settings=FIND,
    )
    assert fault.kind is kind
    assert_findings(validate(report), cells=fault.cells, status=fault.status)
    assert fault.cells == tuple(f"{table}.{cell}" for cell in cells)
    assert (fault.original, fault.planted) == (original, planted)
    seeded = {path: value for path, value in values(fault.revert(report)) if value}
    assert set(seeded.values()) <= {10}
    assert len(seeded) == (0 if 10 not in original else 4 if table == "requests" else 2)
    assert report.year == 2021
    assert report.meta is None


def rows_add_up(report: Report) -> bool:
    """A toy checker: every row of 表三 adds up to its total (blank rows are skipped)."""
    found = True
    for cell in edition(report.edition).requests.cells():
        if cell.column.key == "total":
            row = read(report, f"requests.{cell.row.key}")
            if row is not None and None not in row.values():
                *parts, total = row.values()
                found = found and sum(parts) == total
    return found


def test_a_failing_toy_property_shrinks_to_a_small_example() -> None:
    """A checker that only adds up rows misses a shift; the falsifying example is the smallest."""
    seen: list[tuple[Report, PlantedFault]] = []

    @FIND
    @given(corrupted_reports(edition="2021", kinds=["shifted_column"], tables=["requests"]))
    def test_the_toy_checker_catches_every_shift(pair: tuple[Report, PlantedFault]) -> None:
        seen.append(pair)
        assert not rows_add_up(pair[0])

    with pytest.raises(AssertionError):
        test_the_toy_checker_catches_every_shift()
    report, fault = seen[-1]  # Hypothesis runs the shrunk example last
    assert fault == PlantedFault(
        kind=FaultKind.SHIFTED_COLUMN,
        cells=("requests.received.natural_person", "requests.received.commercial"),
        original=(10, 0),
        planted=(0, 10),
        note=fault.note,
    )
    assert {path: value for path, value in values(report) if value} == {
        "requests.received.commercial": 10,
        "requests.received.total": 10,
        "requests.carried_forward.natural_person": 10,
        "requests.carried_forward.total": 10,
    }


def test_an_off_by_fault_needs_no_seed() -> None:
    """Where the damage needs no count, the smallest example is an all-zero report with a 1."""
    report, fault = find(
        corrupted_reports(edition="2019"),
        lambda pair: read(pair[0], "requests.received.total") == 0,
        settings=FIND,
    )
    assert fault.kind is FaultKind.OFF_BY
    assert fault.cells == ("requests.received.natural_person",)
    assert {path: value for path, value in values(report) if value} == {
        "requests.received.natural_person": 1
    }


# --- arguments ------------------------------------------------------------------------------


BAD_ARGUMENTS = [
    ({"kinds": "off_by"}, "kinds must be None or a collection"),
    ({"kinds": 3}, "kinds must be None or a collection"),
    ({"kinds": ["off_by", "typo"]}, "kinds: 'typo' is not one of"),
    ({"kinds": [FaultKind.OFF_BY, None]}, "kinds: None is not one of"),
    ({"kinds": []}, "kinds must name at least one kind"),
    ({"tables": "requests"}, "tables must be None or a collection"),
    ({"tables": ["proactive"]}, "tables: 'proactive' is not one of"),
    ({"tables": ()}, "tables must name at least one table"),
    ({"edition": "2020"}, "edition must be"),
    ({"min_value": 3, "max_value": 2}, "min_value=3 is greater than max_value=2"),
    ({"max_value": 2.5}, "max_value must be an int"),
]


@pytest.mark.parametrize(("kwargs", "message"), BAD_ARGUMENTS, ids=str)
def test_bad_arguments_raise_invalid_argument_at_once(
    kwargs: dict[str, object], message: str
) -> None:
    """A bad argument raises InvalidArgument when the strategy is made, naming the problem."""
    with pytest.raises(InvalidArgument, match=message):
        corrupted_reports(**kwargs)  # type: ignore[arg-type]


def test_arguments_are_keyword_only() -> None:
    """corrupted_reports takes its arguments by keyword only."""
    with pytest.raises(TypeError):
        corrupted_reports("2021")  # type: ignore[call-arg]


@settings(max_examples=20)  # an argument's reading, not the damage: a few examples suffice
@given(corrupted_reports(kinds=["glued_digits", FaultKind.ZEROED_TOTAL, "glued_digits"]))
def test_kinds_may_be_given_as_values_or_members(pair: tuple[Report, PlantedFault]) -> None:
    """Kinds are FaultKind members or their values; only those come."""
    assert pair[1].kind in {FaultKind.GLUED_DIGITS, FaultKind.ZEROED_TOTAL}


@given(corrupted_reports(edition=Edition.E2019, min_value=5, max_value=6))
def test_the_report_follows_edition_and_bounds(pair: tuple[Report, PlantedFault]) -> None:
    """The report before the damage is of the edition and within the bounds given."""
    report, fault = pair
    assert report.edition is Edition.E2019
    proactive = report.proactive
    assert proactive is not None
    assert 5 <= proactive.licensing.decisions <= 6  # type: ignore[operator]
    counts = [
        value
        for path, value in values(fault.revert(report))
        if isinstance(value, int) and not path.startswith("proactive.")
    ]
    assert min(counts) >= 5


# --- the description as a value ---------------------------------------------------------------

FAULT = PlantedFault(
    kind=FaultKind.SPLIT_DIGITS,
    cells=("requests.granted.natural_person", "requests.granted.commercial"),
    original=(20, 0),
    planted=(2, 0),
    note="the 20 of requests.granted.natural_person is split",
)


def test_a_fault_pickles_and_compares_by_value() -> None:
    """A PlantedFault survives pickling equal, and hashes like its equal."""
    copy = pickle.loads(pickle.dumps(FAULT))  # noqa: S301 - our own data
    assert copy == FAULT
    assert hash(copy) == hash(FAULT)
    assert copy.kind is FaultKind.SPLIT_DIGITS


def test_the_repr_is_readable_and_evaluates_back() -> None:
    """The repr names the kind as FaultKind.X and every field; eval() gives an equal fault."""
    text = repr(FAULT)
    assert text.startswith("PlantedFault(kind=FaultKind.SPLIT_DIGITS, cells=(")
    assert eval(text, {"PlantedFault": PlantedFault, "FaultKind": FaultKind}) == FAULT  # noqa: S307 - our own repr


def test_the_kind_may_be_given_as_its_value() -> None:
    """kind="split_digits" is converted to the member."""
    fault = PlantedFault(kind="split_digits", cells=FAULT.cells, original=(20, 0), planted=(2, 0))
    assert fault.kind is FaultKind.SPLIT_DIGITS


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"kind": "typo"}, ValueError, "'typo' is not a valid FaultKind"),
        ({"cells": (), "original": (), "planted": ()}, ValueError, "at least one cell"),
        ({"original": (20,)}, ValueError, "differ in length: 2, 1 and 2"),
        ({"planted": (2, 0, 0)}, ValueError, "differ in length: 2, 2 and 3"),
    ],
)
def test_a_fault_that_does_not_add_up_is_refused(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    """An unknown kind, no cells, or cells and values of different lengths raise ValueError."""
    fields = {"kind": FAULT.kind, "cells": FAULT.cells, "original": FAULT.original,
              "planted": FAULT.planted} | changes  # fmt: skip
    with pytest.raises(error, match=message):
        PlantedFault(**fields)


@pytest.mark.parametrize(
    ("kind", "status"),
    [(kind, Status.UNASSESSABLE if kind is FaultKind.BLANKED_CELL else Status.FAILED)
     for kind in FaultKind],
)  # fmt: skip
def test_the_status_says_what_validate_reports(kind: FaultKind, status: Status) -> None:
    """Blanks make identities unassessable; every other kind makes them fail."""
    fault = PlantedFault(kind=kind, cells=("requests.granted.total",), original=(1,), planted=(0,))
    assert fault.status is status


def test_apply_and_revert_check_the_cells_first() -> None:
    """apply needs the original values in the cells, revert the planted ones; else ValueError."""
    report = find(reports(edition="2021"), lambda _: True, settings=FIND)
    report = with_cell(report, "requests.granted.natural_person", 20)
    damaged = FAULT.apply(report)
    assert read(damaged, "requests.granted.natural_person") == 2
    assert FAULT.revert(damaged) == report
    with pytest.raises(ValueError, match=re.escape("granted.natural_person holds 2, not 20")):
        FAULT.apply(damaged)
    with pytest.raises(ValueError, match=re.escape("granted.natural_person holds 20, not 2")):
        FAULT.revert(report)
    blank = PlantedFault(kind="blanked_cell", cells=("requests.granted.research",),
                         original=(0,), planted=(None,))  # fmt: skip
    with pytest.raises(ValueError, match="holds None, not 0"):
        blank.apply(blank.apply(report))

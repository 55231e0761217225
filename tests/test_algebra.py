"""The identity algebra: the cells an identity reads, its verdict, the unknown it determines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gkdisclosure import algebra, load
from gkdisclosure.algebra import Verdict
from gkdisclosure.catalog import Identity, Term, edition, identities
from gkdisclosure.testing import with_cell

COLUMN = "natural_person"


def identity(rule: str, target: str) -> Identity:
    """The 2021 edition's identity of a rule at a target path."""
    (found,) = [i for i in identities(edition("2021")) if i.rule == rule and i.target == target]
    return found


#: I1: "第一项加第二项之和，等于第三项加第四项之和" (received + carried over = handled + forward).
LEDGER = identity("requests.ledger", f"requests.carried_forward.{COLUMN}")
SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"


def ledger(
    received: int | None, over: int | None, handled: int | None, forward: int | None
) -> algebra.Lookup:
    values = {
        f"requests.received.{COLUMN}": received,
        f"requests.carried_over.{COLUMN}": over,
        f"requests.total_handled.{COLUMN}": handled,
        f"requests.carried_forward.{COLUMN}": forward,
    }
    return values.get


def test_the_ledger_reads_its_four_cells() -> None:
    """The cells of I1: the target, then each term's cell."""
    assert set(algebra.cells(LEDGER)) == {
        f"requests.{row}.{COLUMN}"
        for row in ("received", "carried_over", "total_handled", "carried_forward")
    }


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        ((5, 1, 4, 2), Verdict.HOLDS),
        ((5, 1, 4, 3), Verdict.FAILS),
        ((5, None, 4, 2), Verdict.UNKNOWN),
        ((None, 1, 4, 2), Verdict.UNKNOWN),
    ],
)
def test_an_identity_is_three_valued(
    values: tuple[int | None, int | None, int | None, int | None], verdict: Verdict
) -> None:
    """It holds, fails, or cannot tell: a blank cell never counts as 0."""
    assert algebra.evaluate(LEDGER, ledger(*values)).verdict is verdict


def test_blanks_count_as_zero_only_when_asked() -> None:
    """blank_as_zero reads the blank as 0 and names it among the cells zeroed."""
    found = algebra.evaluate(LEDGER, ledger(5, None, 4, 1), blank_as_zero=True)
    assert found.verdict is Verdict.HOLDS
    assert found.zeroed == (f"requests.carried_over.{COLUMN}",)


def test_a_failure_says_what_was_expected() -> None:
    """expected is the terms' sum, actual the target, and the operands every value read."""
    found = algebra.evaluate(LEDGER, ledger(5, 1, 4, 3))
    assert (found.actual, found.expected) == (3, 2)
    assert next(iter(found.operands)) == LEDGER.target


def test_an_identity_without_terms_says_the_value_is_not_negative() -> None:
    """cells.non_negative: a negative count or amount fails, a blank one holds."""
    negative = Identity("cells.non_negative", "x", (), "proactive", None, None)
    assert algebra.evaluate(negative, {"x": Decimal("-0.5")}.get).verdict is Verdict.FAILS
    assert algebra.evaluate(negative, {"x": None}.get).verdict is Verdict.HOLDS


def test_a_printed_subtotal_stands_in_for_a_blank_row() -> None:
    """A group term reads the subtotal where one of its rows is blank and the subtotal is not."""
    group = Identity(
        "requests.handled_sum",
        "t",
        (Term(1, ("a", "b"), fallback="s"), Term(1, ("c",))),
        "r",
        None,
        None,
    )
    assert algebra.coefficients(group, {"a": 1, "b": None, "s": 3, "c": 1}.get) == {
        "t": 1,
        "s": -1,
        "c": -1,
    }
    assert algebra.coefficients(group, {"a": 1, "b": 2, "s": 3, "c": 1}.get) == {
        "t": 1,
        "a": -1,
        "b": -1,
        "c": -1,
    }
    assert algebra.evaluate(group, {"t": 4, "a": 1, "b": None, "s": 3, "c": 1}.get).verdict is (
        Verdict.HOLDS
    )
    assert algebra.evaluate(group, {"t": 4, "a": 1, "b": None, "c": 1}.get).verdict is (
        Verdict.UNKNOWN
    )


def test_one_unknown_is_solved() -> None:
    """The value a blank cell must have for the identity to hold, wherever it sits."""
    assert algebra.solve(LEDGER, f"requests.carried_over.{COLUMN}", ledger(5, None, 4, 2)) == 1
    assert algebra.solve(LEDGER, f"requests.received.{COLUMN}", ledger(None, 1, 4, 2)) == 5
    assert algebra.solve(LEDGER, f"requests.received.{COLUMN}", ledger(99, 1, 4, 2)) == 5


def test_two_unknowns_are_not_solved() -> None:
    """With another cell blank, the identity determines nothing."""
    assert algebra.solve(LEDGER, f"requests.received.{COLUMN}", ledger(None, None, 4, 2)) is None


def test_a_cell_the_identity_does_not_read_is_not_solved() -> None:
    """solve answers only for the identity's own cells."""
    assert algebra.solve(LEDGER, "requests.granted.total", ledger(5, 1, 4, 2)) is None


def test_a_value_that_is_not_whole_is_not_given() -> None:
    """An equation with a coefficient of 2 that would give a half gives nothing."""
    assert algebra.solve_for({"a": 2, "b": -1}, "a", {"b": 3}.get) is None
    assert algebra.solve_for({"a": 2, "b": -1}, "a", {"b": 4}.get) == 2


def test_the_residual_is_the_delta() -> None:
    """Σ coefficient × cell: 0 where the identity holds, None where a cell is blank."""
    equation = algebra.coefficients(LEDGER, ledger(5, 1, 4, 3))
    assert algebra.residual(equation, ledger(5, 1, 4, 3)) == 1
    assert algebra.residual(equation, ledger(5, None, 4, 3)) is None


def test_a_lookup_reads_the_previous_report_by_prefix() -> None:
    """Series identities read ``previous.`` paths in the year before's report."""
    this = load(SAMPLE)
    before = with_cell(this, f"requests.carried_forward.{COLUMN}", 7)
    values = algebra.lookup(this, before)
    assert values(f"requests.carried_forward.{COLUMN}") == 0
    assert values(f"previous.requests.carried_forward.{COLUMN}") == 7
    assert algebra.lookup(this)(f"previous.requests.carried_forward.{COLUMN}") is None

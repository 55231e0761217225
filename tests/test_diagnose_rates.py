"""How often the diagnosis names the wrong cell and its true value: measured, and documented.

Every cell of the bundled sample is damaged in turn, in every way of
:func:`wrong_values` (one more, one less, ten more, zeroed, times ten, split digits,
digits glued to a neighbour's); so is every cell of generated reports, one way each.
A diagnosis *finds* the damage when it is not ambiguous and its leading suspect is the
damaged cell with its true value; it *lists* it when it says it is ambiguous and the true
repair is among the leading suspects; it is *masked* when the damage of two cells looks
exactly like the damage of one: the diagnosis repairs fewer cells than were damaged, and
the rules find no failed identity once that repair is made, so nothing printed tells the
two apart; otherwise it *misses*. The rates on the sample are
written in ``docs/diagnose.md``, which these tests hold to the figures measured here.

Run ``python tests/test_diagnose_rates.py`` to measure on more generated reports.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdisclosure import Diagnosis, Report, Status, diagnose_report, load, validate
from gkdisclosure.diagnose._system import build
from gkdisclosure.testing import reports, with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = load(ROOT / "examples" / "2021-fujian-gxt.json")
DOCS = (ROOT / "docs" / "diagnose.md").read_text(encoding="utf-8")

Outcome = Literal["found", "listed", "masked", "missed"]


def with_cells(report: Report, cells: Mapping[str, int | None]) -> Report:
    """The report with these cells (wire paths) set, by the testing kit's ``with_cell``."""
    for path, value in cells.items():
        report = with_cell(report, path, value)
    return report


def draws(seed: int) -> random.Random:
    """A reproducible stream of draws."""
    return random.Random(seed)  # noqa: S311 - reproducible draws, not secrets


def wrong_values(value: int, left: int | None, right: int | None) -> dict[str, int]:
    """The ways a count gets damaged, by name: each a different value, none negative."""
    digits = str(value)
    kinds = {"plus_one": value + 1, "plus_ten": value + 10}
    if value > 0:
        kinds |= {"minus_one": value - 1, "zeroed": 0, "times_ten": value * 10}
    if len(digits) > 1:
        kinds |= {"split_head": int(digits[:-1]), "split_tail": int(digits[1:])}
    if right is not None:
        kinds["glued_right"] = int(digits + str(right))
    if left is not None:
        kinds["glued_left"] = int(str(left) + digits)
    found: dict[str, int] = {}
    for kind, wrong in kinds.items():
        if wrong != value and wrong not in found.values():
            found[kind] = wrong
    return found


@attrs.frozen
class Damage:
    """One damaged cell: where, its true and damaged values, how, and how many checks read it."""

    path: str
    true: int
    wrong: int
    kind: str
    checks: int


def damages(report: Report) -> Iterator[Damage]:
    """Every way of damaging every reported count of 表三 and 表四 that an identity reads."""
    system = build(report)
    for path, value in system.values.items():
        if value is None:
            continue
        left, right = (
            None if side is None else system.values.get(side) for side in system.neighbours[path]
        )
        checks = len(system.checked(path))
        if not checks:
            continue
        for kind, wrong in wrong_values(value, left, right).items():
            yield Damage(path, value, wrong, kind, checks)


def outcome(
    diagnosis: Diagnosis,
    truth: Mapping[str, int],
    reports: tuple[Report, Report] | None = None,
) -> Outcome:
    """Found, listed, masked or missed: see above (masked is judged given ``reports``).

    ``reports`` are the report before and after the damage.
    """
    leading = [suspect.values for problem in diagnosis.problems for suspect in problem.leading]
    if not diagnosis.ambiguous:
        joined: dict[str, int] = {}
        for values in leading:
            joined |= values
        if joined == truth:
            return "found"
    parts = [s.values for p in diagnosis.problems if p.ambiguous for s in p.leading]
    unique = [s.values for p in diagnosis.problems if not p.ambiguous for s in p.leading]
    if all(set(u.items()) <= set(truth.items()) for u in unique) and any(
        set(p.items()) <= set(truth.items()) for p in parts
    ):
        return "listed"
    if reports is not None and masked(diagnosis, truth, *reports):
        return "masked"
    return "missed"


def failed(report: Report) -> set[tuple[str, str]]:
    """The rules and paths of the identities that fail on a report."""
    return {(f.rule, f.path) for f in validate(report) if f.status is Status.FAILED}


def masked(diagnosis: Diagnosis, truth: Mapping[str, int], report: Report, damaged: Report) -> bool:
    """Whether the diagnosis's repair is smaller than the damage and fails nothing new.

    Nothing new: every identity that fails once the repair is made also fails on the
    undamaged report (a generated report may miss a whole table, say).

    The rules, not the diagnosis, judge the repaired report: a smaller repair that every
    identity accepts is the simpler reading of what was printed, and no method can prefer
    the damage it cannot see.
    """
    if diagnosis.ambiguous or not diagnosis.problems:
        return False
    repair: dict[str, int] = {}
    for problem in diagnosis.problems:
        for values in (suspect.values for suspect in problem.leading):
            repair |= values
    if not repair or len(repair) >= len(truth):
        return False
    return failed(with_cells(damaged, repair)) <= failed(report)


def single_rates(report: Report) -> Counter[tuple[str, Outcome]]:
    """Outcome of every damage of one cell, by whether two or more identities read the cell."""
    counts: Counter[tuple[str, Outcome]] = Counter()
    for damage in damages(report):
        diagnosis = diagnose_report(with_cells(report, {damage.path: damage.wrong}))
        group = "two or more" if damage.checks > 1 else "one"
        counts[group, outcome(diagnosis, {damage.path: damage.true})] += 1
    return counts


def pair_rates(report: Report, rng: random.Random, tries: int) -> Counter[tuple[str, Outcome]]:
    """Outcome of damaging two cells in different rows and columns, drawn ``tries`` times."""
    system = build(report)
    cells = [p for p, v in system.values.items() if v is not None and system.checked(p)]
    counts: Counter[tuple[str, Outcome]] = Counter()
    if len(cells) < 2:  # pragma: no cover - generated reports with almost every cell blank
        return counts
    for _ in range(tries):
        first, second = rng.sample(cells, 2)
        if first.rpartition(".")[0] == second.rpartition(".")[0]:
            continue
        if first.rpartition(".")[2] == second.rpartition(".")[2]:
            continue
        truth = {first: system.values[first] or 0, second: system.values[second] or 0}
        wrong = {
            path: rng.choice(list(wrong_values(value, None, None).values()))
            for path, value in truth.items()
        }
        both = all(len(system.checked(path)) > 1 for path in truth)
        group = "two or more" if both else "one"
        damaged = with_cells(report, wrong)
        counts[group, outcome(diagnose_report(damaged), truth, (report, damaged))] += 1
    return counts


def rate(counts: Mapping[tuple[str, Outcome], int], group: str) -> tuple[int, int, int, int]:
    """Found, listed, missed and all damages of a group (masked ones count in the total)."""
    found, listed, missed = (counts[group, o] for o in ("found", "listed", "missed"))
    return found, listed, missed, found + listed + missed + counts[group, "masked"]


def documented(label: str, counts: Mapping[tuple[str, Outcome], int], group: str) -> str:
    """The row of the table of rates in docs/diagnose.md for a group of measured damages."""
    found, listed, missed, total = rate(counts, group)
    return f"| {label} | {total} | {found} ({100 * found / total:.1f}%) | {listed} | {missed} |"


# --- the sample, measured and documented --------------------------------------------------------


def test_every_cell_of_the_sample_read_by_two_identities_is_found() -> None:
    """Each damage to a cell of 表三 names the cell and its true value, unambiguously."""
    counts = single_rates(SAMPLE)
    assert rate(counts, "two or more") == (390, 0, 0, 390)
    found, listed, missed, total = rate(counts, "one")
    assert (missed, found + listed) == (0, total)
    assert documented("one cell, read by two or more identities", counts, "two or more") in DOCS
    assert documented("one cell, read by one identity", counts, "one") in DOCS


def test_two_cells_of_the_sample_are_found_in_most_cases() -> None:
    """600 draws of two damaged cells in different rows and columns; none missed."""
    counts = pair_rates(SAMPLE, draws(2021), 600)
    found, _, missed, total = rate(counts, "two or more")
    assert missed == 0
    assert found / total > 0.95
    assert rate(counts, "one")[2] == 0
    assert (
        documented("two cells, each read by two or more identities", counts, "two or more") in DOCS
    )
    assert documented("two cells, one of them read by one identity", counts, "one") in DOCS


# --- generated reports --------------------------------------------------------------------------


def one_damage_per_cell(report: Report) -> Iterator[Damage]:
    """One damage of each cell, the kinds taken in turn, so a run sees every kind."""
    by_cell: dict[str, list[Damage]] = {}
    for damage in damages(report):
        by_cell.setdefault(damage.path, []).append(damage)
    for index, found in enumerate(by_cell.values()):
        yield found[index % len(found)]


#: Consistent reports, some with blank cells in the patterns real reports show.
GENERATED = st.booleans().flatmap(lambda b: reports(consistent=True, blanks=b, max_value=30))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GENERATED)
def test_every_damaged_cell_of_a_generated_report_is_found_or_listed(report: Report) -> None:
    """A cell in two identities is found; one in one identity is found or listed; none missed.

    A cell that no identity can check (its row and columns blank) changes nothing the
    diagnosis can see.
    """
    for damage in one_damage_per_cell(report):
        diagnosis = diagnose_report(with_cells(report, {damage.path: damage.wrong}))
        result = outcome(diagnosis, {damage.path: damage.true})
        if damage.checks > 1:
            assert result == "found", damage
        else:
            assert result in {"found", "listed"}, damage


def test_a_cell_no_identity_checks_is_invisible() -> None:
    """Blank the rest of a row and column: the damage leaves nothing to diagnose."""
    path = "review_litigation.review.upheld"
    others = {f"review_litigation.review.{key}": None for key in ("corrected", "other", "pending")}
    report = with_cells(SAMPLE, {**others, path: 7})
    assert build(report).checked(path) == ()
    assert diagnose_report(report).problems == ()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GENERATED, st.randoms(use_true_random=False))
def test_two_damaged_cells_of_a_generated_report_are_found_or_listed(
    report: Report, rng: random.Random
) -> None:
    """Two damaged cells in different rows and columns: found, or an honest ambiguity."""
    counts = pair_rates(report, rng, 15)
    assert not any(o == "missed" for _, o in counts)


def main(examples: int) -> None:  # pragma: no cover - a measuring script
    """Print the rates on the sample and on ``examples`` generated reports."""
    sys.stdout.write(f"sample, one cell: {single_rates(SAMPLE)}\n")
    sys.stdout.write(f"sample, two cells: {pair_rates(SAMPLE, draws(2021), 600)}\n")
    singles: Counter[tuple[str, Outcome]] = Counter()
    pairs: Counter[tuple[str, Outcome]] = Counter()
    rng = draws(5)

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None)
    @given(reports(consistent=True, max_value=30))
    def measure(report: Report) -> None:
        singles.update(single_rates(report))
        pairs.update(pair_rates(report, rng, 100))

    measure()
    for name, counts in (("one cell", singles), ("two cells", pairs)):
        for group in ("two or more", "one"):
            found, listed, missed, total = rate(counts, group)
            sys.stdout.write(
                f"generated, {name}, {group}: {found} found, {listed} listed, "
                f"{missed} missed of {total}\n"
            )


if __name__ == "__main__":  # pragma: no cover
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)

"""Findings and results: data with a precise location, counted, looked up, pickled."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import pickle
import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkdisclosure import (
    Finding,
    GkDisclosureError,
    InconsistentReportError,
    Severity,
    Status,
    ValidationResult,
    from_dict,
    load,
    validate,
)
from gkdisclosure.findings import fingerprint, new_finding

SAMPLE_PATH = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
SAMPLE = load(SAMPLE_PATH)


def make(**changes: Any) -> Finding:
    """A failed ledger finding of the 自然人 column, with fields changed."""
    fields: dict[str, Any] = {
        "rule": "requests.ledger",
        "severity": Severity.ERROR,
        "status": Status.FAILED,
        "path": "requests.carried_forward.natural_person",
        "table": "requests",
        "column": "natural_person",
        "expected": 1,
        "actual": 0,
        "delta": -1,
        "operands": {
            "requests.carried_forward.natural_person": 0,
            "requests.received.natural_person": 12,
            "requests.carried_over.natural_person": 0,
            "requests.total_handled.natural_person": 11,
        },
        "args": {"edition": "2021", "terms": ()},
        "fingerprint": "0123456789abcdef",
    }
    return Finding(**{**fields, **changes})


# --- severity and status --------------------------------------------------------------------------


def test_severities_are_ordered() -> None:
    """info < warning < error, by rank; each is its string value."""
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [0, 1, 2]
    assert [str(s) for s in Severity] == ["info", "warning", "error"]
    assert Severity("warning") is Severity.WARNING


def test_statuses() -> None:
    """A finding is about an identity that failed or could not be checked; passing yields none."""
    assert [str(s) for s in Status] == ["failed", "unassessable"]


@pytest.mark.parametrize("value", ["fatal", "ERROR", "", "passed"])
def test_unknown_severity_is_a_value_error(value: str) -> None:
    """Severities are spelled exactly."""
    with pytest.raises(ValueError, match=repr(value)):
        Severity(value)


# --- Finding --------------------------------------------------------------------------------------


def test_finding_is_frozen_and_keyword_only() -> None:
    """A finding cannot be changed after the fact nor built from positional arguments."""
    finding = make()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.actual = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Finding("requests.ledger", Severity.ERROR, Status.FAILED, "x")  # type: ignore[call-arg]


def test_finding_defaults() -> None:
    """A report-level finding needs only its rule, severity, status and path."""
    finding = Finding(
        rule="report.missing_table", severity=Severity.ERROR, status=Status.FAILED, path="proactive"
    )
    assert (finding.table, finding.row, finding.column) == (None, None, None)
    assert (finding.expected, finding.actual, finding.delta) == (None, None, None)
    assert finding.operands == {}
    assert finding.missing == ()
    assert finding.assumed_zero == ()


def test_findings_compare_by_value_hash_and_pickle() -> None:
    """Equal findings are equal and hash alike; a pickled finding comes back equal."""
    assert make() == make()
    assert hash(make()) == hash(make())
    assert make() != make(actual=2)
    assert len({make(), make(), make(path="requests.carried_forward.total")}) == 2
    clone = pickle.loads(pickle.dumps(make()))  # noqa: S301 - our own object
    assert clone == make()
    assert clone.operands == make().operands


@pytest.mark.parametrize(
    ("path", "touches"),
    [
        ("requests.carried_forward.natural_person", True),
        ("requests.received.natural_person", True),
        ("requests.total_handled.natural_person", True),
        ("requests.received.total", False),
        ("requests.received", False),
        ("natural_person", False),
        ("", False),
    ],
)
def test_touches_its_target_and_operands(path: str, touches: bool) -> None:
    """A finding is about the cells of its identity, and no other."""
    assert make().touches(path) is touches


def test_touches_a_missing_cell() -> None:
    """A cell not reported is part of the finding it made unassessable."""
    finding = make(
        status=Status.UNASSESSABLE,
        expected=None,
        delta=None,
        operands={"requests.received.natural_person": 12},
        missing=("requests.carried_over.natural_person",),
    )
    assert finding.touches("requests.carried_over.natural_person")


def test_touches_a_cell_read_as_zero() -> None:
    """A blank cell that blank_as_zero read as 0 is part of the finding it helped fail."""
    requests = SAMPLE.requests
    assert requests is not None
    granted = attrs.evolve(requests.granted, natural_person=None)
    report = attrs.evolve(SAMPLE, requests=attrs.evolve(requests, granted=granted))
    result = validate(report, blank_as_zero=True)
    incomplete, *identities = result
    assert incomplete.rule == "report.incomplete_table"
    assert incomplete.missing == ("requests.granted.natural_person",)
    assert len(identities) == 2
    for finding in identities:
        assert finding.assumed_zero == ("requests.granted.natural_person",)
        assert finding.touches("requests.granted.natural_person")
    assert result.for_cell("requests.granted.natural_person") == result.findings


def test_to_dict_is_json_ready() -> None:
    """to_dict writes plain JSON values: enums as strings, amounts as strings, tuples as lists."""
    finding = make(
        rule="cells.non_negative",
        path="proactive.fees.amount_10k_yuan",
        expected=None,
        actual=Decimal("-0.50"),
        delta=None,
        operands={"proactive.fees.amount_10k_yuan": Decimal("-0.50")},
        missing=("a.b.c",),
        assumed_zero=("d.e.f",),
    )
    data = finding.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "rule": "cells.non_negative",
        "severity": "error",
        "status": "failed",
        "path": "proactive.fees.amount_10k_yuan",
        "table": "requests",
        "row": None,
        "column": "natural_person",
        "expected": None,
        "actual": "-0.50",
        "delta": None,
        "operands": {"proactive.fees.amount_10k_yuan": "-0.50"},
        "missing": ["a.b.c"],
        "assumed_zero": ["d.e.f"],
        "fingerprint": "0123456789abcdef",
    }


def test_to_dict_keeps_counts_as_integers() -> None:
    """Counts stay JSON numbers."""
    data = make().to_dict()
    assert (data["expected"], data["actual"], data["delta"]) == (1, 0, -1)
    assert data["operands"]["requests.received.natural_person"] == 12


# --- fingerprints ---------------------------------------------------------------------------------


def test_fingerprint_is_short_hex_and_separates_parts() -> None:
    """16 hex digits; parts are kept apart, so ("ab", "c") and ("a", "bc") differ."""
    value = fingerprint("福建省工业和信息化厅", 2021, "requests.ledger", "requests.received.total")
    assert len(value) == 16
    assert int(value, 16) >= 0
    assert fingerprint("ab", 2021, "r", "p") != fingerprint("a", 2021, "br", "p")
    assert fingerprint("a", 2021, "r", "p") != fingerprint("a", 2021, "rp", "")


_TEXT = st.text(st.characters(exclude_categories=["Cs"]))


@settings(deadline=None, max_examples=300)
@given(_TEXT, st.integers(), _TEXT, st.text(string.printable))
def test_fingerprint_hashes_the_parts_joined_by_unit_separators(
    agency: str, year: int, rule: str, path: str
) -> None:
    """The same bytes as ever: blake2b (8 bytes) of the parts' text joined by U+001F, in UTF-8."""
    text = "\x1f".join(str(part) for part in (agency, year, rule, path))
    expected = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
    assert fingerprint(agency, year, rule, path) == expected


_FIELDS = {
    "rule": st.text(max_size=8),
    "severity": st.sampled_from(Severity),
    "status": st.sampled_from(Status),
    "path": st.text(max_size=8),
    "table": st.none() | st.text(max_size=8),
    "row": st.none() | st.text(max_size=8),
    "column": st.none() | st.text(max_size=8),
    "expected": st.none() | st.integers() | st.decimals(allow_nan=False),
    "actual": st.none() | st.integers() | st.decimals(allow_nan=False) | st.text(max_size=4),
    "delta": st.none() | st.integers(),
    "operands": st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
    "missing": st.lists(st.text(max_size=4), max_size=3).map(tuple),
    "assumed_zero": st.lists(st.text(max_size=4), max_size=3).map(tuple),
    "args": st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
    "fingerprint": st.text(max_size=16),
}


def test_new_finding_has_a_parameter_for_every_field_in_order() -> None:
    """The quick builder stores fields through slot setters; nothing of ``__init__`` is skipped."""
    assert list(inspect.signature(new_finding).parameters) == [
        a.name for a in attrs.fields(Finding)
    ]
    assert list(_FIELDS) == [a.name for a in attrs.fields(Finding)]
    assert not hasattr(Finding, "__attrs_post_init__")
    assert all(a.validator is None and a.converter is None for a in attrs.fields(Finding))


@settings(deadline=None)
@given(st.fixed_dictionaries(_FIELDS))
def test_new_finding_equals_the_constructed_finding(values: dict[str, Any]) -> None:
    built = new_finding(*(values[a.name] for a in attrs.fields(Finding)))
    made = Finding(**values)
    assert built == made
    assert type(built) is Finding
    assert repr(built) == repr(made)
    assert hash(built) == hash(made)
    assert pickle.loads(pickle.dumps(built)) == made  # noqa: S301 - our own bytes
    assert attrs.evolve(built, rule="x") == attrs.evolve(made, rule="x")


def test_fingerprints_are_stable_across_runs() -> None:
    """A fresh interpreter, with another hash seed, gives every finding the same fingerprint."""
    document = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    document["requests"]["received"]["total"] = 12
    document["review_litigation"]["review"]["total"] = None
    script = (
        "import json, sys\n"
        "from gkdisclosure import loads, validate\n"
        "report = loads(sys.stdin.read())\n"
        "print(json.dumps([f.fingerprint for f in validate(report)]))\n"
    )
    here = [f.fingerprint for f in validate(from_dict(document))]
    for seed in ("0", "12345"):
        run = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script],
            input=json.dumps(document),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert json.loads(run.stdout) == here
    assert len(set(here)) == len(here) == 4


# --- ValidationResult -----------------------------------------------------------------------------


def _result(*findings: Finding) -> ValidationResult:
    return ValidationResult(findings, SAMPLE)


ERROR = make()
WARNING = make(
    rule="series.carry_over",
    severity=Severity.WARNING,
    path="requests.carried_over.total",
    operands={"requests.carried_over.total": 0, "previous.requests.carried_forward.total": 3},
)
INFO = make(
    severity=Severity.INFO,
    status=Status.UNASSESSABLE,
    path="requests.carried_forward.total",
    operands={},
    missing=("requests.carried_over.total",),
)


def test_result_iterates_and_counts() -> None:
    """Iterating a result yields its findings; len counts them."""
    result = _result(ERROR, WARNING, INFO)
    assert list(result) == [ERROR, WARNING, INFO]
    assert len(result) == 3
    assert len(_result()) == 0


@pytest.mark.parametrize(
    ("findings", "ok"),
    [
        ((), True),
        ((INFO,), True),
        ((WARNING, INFO), True),
        ((ERROR,), False),
        ((INFO, ERROR), False),
    ],
)
def test_result_is_ok_without_errors(findings: tuple[Finding, ...], ok: bool) -> None:
    """ok means no finding of severity error; warnings and notes do not count."""
    assert _result(*findings).ok is ok
    assert bool(_result(*findings).errors) is not ok


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        (Severity.INFO, (0, 1, 2)),
        ("info", (0, 1, 2)),
        (Severity.WARNING, (0, 1)),
        ("warning", (0, 1)),
        (Severity.ERROR, (0,)),
    ],
)
def test_at_least(severity: Severity | str, expected: tuple[int, ...]) -> None:
    """at_least keeps the findings of that severity or worse, in order."""
    findings = (ERROR, WARNING, INFO)
    assert _result(*findings).at_least(severity) == tuple(findings[i] for i in expected)


def test_counts_by_severity_and_by_rule() -> None:
    """by_severity names every severity, zero included; by_rule only the rules with findings."""
    result = _result(ERROR, WARNING, INFO)
    assert result.by_severity() == {Severity.ERROR: 1, Severity.WARNING: 1, Severity.INFO: 1}
    assert result.by_rule() == {"requests.ledger": 2, "series.carry_over": 1}
    assert _result().by_severity() == {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    assert _result().by_rule() == {}


def test_lookup_by_cell_and_by_rule() -> None:
    """for_cell finds the findings a cell takes part in; for_rule those of one rule."""
    result = _result(ERROR, WARNING, INFO)
    assert result.for_cell("requests.received.natural_person") == (ERROR,)
    assert result.for_cell("requests.carried_over.total") == (WARNING, INFO)
    assert result.for_cell("previous.requests.carried_forward.total") == (WARNING,)
    assert result.for_cell("requests.granted.total") == ()
    assert result.for_rule("requests.ledger") == (ERROR, INFO)
    assert result.for_rule("cells.non_negative") == ()


def test_results_compare_by_findings() -> None:
    """Two results with the same findings are equal, whichever report object they keep."""
    assert _result(ERROR) == ValidationResult((ERROR,), attrs.evolve(SAMPLE, year=1999))
    assert _result(ERROR) != _result(WARNING)


# --- InconsistentReportError ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        ((ERROR,), "the report is inconsistent: 1 finding (requests.ledger)"),
        (
            (ERROR, WARNING, INFO),
            "the report is inconsistent: 3 findings (requests.ledger, series.carry_over)",
        ),
    ],
)
def test_inconsistent_report_error(findings: tuple[Finding, ...], message: str) -> None:
    """The error carries its findings, says how many and of which rules, and pickles."""
    error = InconsistentReportError(findings)
    assert isinstance(error, GkDisclosureError)
    assert isinstance(error, ValueError)
    assert error.findings == findings
    assert str(error) == message
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(clone) is InconsistentReportError
    assert clone.findings == findings
    assert str(clone) == message


def test_inconsistent_report_error_takes_any_iterable_as_a_tuple() -> None:
    """Findings handed over as a list are kept as a tuple."""
    error = InconsistentReportError([ERROR])  # type: ignore[arg-type]
    assert error.findings == (ERROR,)

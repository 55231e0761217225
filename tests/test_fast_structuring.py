"""The generated reader against cattrs' detailed converter, on generated and mutated documents.

A report's document is read by code generated for its edition (the fast
pass); cattrs' detailed converter reads it again whenever the fast pass
fails, to say what is wrong. The two must accept the same documents and
build the same reports: here each document written from a generated
report, and each one changed in a way a bad document can be (a wrong
type, a boolean or a float for a count, a count beyond
:data:`~gkdisclosure.limits.MAX_COUNT`, an unknown key, a key given
twice, a key left out, a null, the other edition's shape), is read both
ways, from plain data and from JSON text.
"""

# ruff: noqa: SLF001 - the fast pass is private; these tests hold it to the detailed one

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gkdisclosure import Report, ReportDataError, from_dict, loads, to_dict
from gkdisclosure.converter import _hooks, _json
from gkdisclosure.limits import MAX_COUNT
from gkdisclosure.testing import reports

#: Values a bad document may hold where the contract wants something else.
VALUES: tuple[Any, ...] = (
    True,
    False,
    0,
    -1,
    MAX_COUNT,
    -MAX_COUNT,
    MAX_COUNT + 1,
    -MAX_COUNT - 1,
    10**20,
    1.0,
    0.5,
    "1",
    "1.50",
    "",
    " ",
    "2021-02-30",
    "2021-02-03",
    "a:b",
    "\ud800",
    None,
    [],
    [1],
    {},
    {"total": 1},
)
GENERATED = reports(blanks=True) | reports(consistent=False, blanks=True, max_value=3)


def _pairs(value: Any) -> int:
    """Every key-value pair of every object, counted by walking the data."""
    if isinstance(value, dict):
        return len(value) + sum(_pairs(v) for v in value.values())
    if isinstance(value, list):
        return sum(_pairs(v) for v in value)
    return 0


def _places(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each object and value of the data, by its path of keys (the report itself first)."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    *parents, leaf = path
    for key in parents:
        data = data[key]
    data[leaf] = value


def _write(
    value: Any, twice: tuple[str, ...] | None, again: Any, path: tuple[str, ...] = ()
) -> str:
    """JSON text of ``value``; the object at ``twice`` gets its first key again, as ``again``."""
    if not isinstance(value, dict):
        return json.dumps(value)
    pairs = [f"{json.dumps(k)}: {_write(v, twice, again, (*path, k))}" for k, v in value.items()]
    if path == twice:
        first = next(iter(value), "colour")
        pairs.insert(0, f"{json.dumps(first)}: {json.dumps(again)}")
    return "{" + ", ".join(pairs) + "}"


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A generated report's data changed in one or two places, and its JSON text."""
    data = to_dict(draw(GENERATED))
    twice: tuple[str, ...] | None = None
    again: Any = None
    for _ in range(draw(st.integers(1, 2))):
        places = list(_places(data))
        path, value = draw(st.sampled_from(places))
        how = draw(st.sampled_from(["value", "unknown", "drop", "edition", "twice", "nothing"]))
        if how == "value" and path:
            _set(data, path, draw(st.sampled_from(VALUES)))
        elif how == "unknown" and isinstance(value, dict):
            value[draw(st.sampled_from(["colour", "Total", "subtotal", "1"]))] = 0
        elif how == "drop" and path:
            *parents, leaf = path
            holder = data
            for key in parents:
                holder = holder[key]
            del holder[leaf]
        elif how == "edition":
            data["edition"] = "2019" if data["edition"] == "2021" else "2021"
        elif how == "twice" and isinstance(value, dict):
            twice, again = path, draw(st.sampled_from(VALUES))
    text = _write(data, twice, again)
    return data, text


@contextlib.contextmanager
def _machinery(changed: Any) -> Iterator[None]:
    """Read every document with the machinery changed so."""
    machinery = attrs.evolve(_json._machinery(), **changed)
    original = _json._machinery
    _json._machinery = lambda: machinery  # type: ignore[assignment]
    try:
        yield
    finally:
        _json._machinery = original


def _no_fast_pass(_: Any) -> tuple[Report, int]:
    raise _hooks.ProblemError("the fast pass is off")


#: Each quick way there is, then the careful parse and cattrs' detailed pass alone.
QUICK: list[dict[str, Any]] = [{"typed": None, "decode": _json._quick_json}]
with contextlib.suppress(ImportError):
    import orjson

    QUICK.append({"typed": None, "decode": orjson.loads})
if _json._machinery().typed is not None:  # pragma: no branch - with the ``fast`` extra
    QUICK.append({})
DETAILED: dict[str, Any] = {"typed": None, "read": _no_fast_pass}


def _outcome(read: Any, argument: Any) -> Report | tuple[tuple[str, str], ...]:
    """The report read, or the located problems of the refusal."""
    try:
        report: Report = read(argument)
    except ReportDataError as error:
        return tuple((problem.path, problem.message) for problem in error.errors)
    return report


def _both_ways(read: Any, argument: Any) -> None:
    with _machinery(DETAILED):
        detailed = _outcome(read, argument)
    for quick in QUICK:
        with _machinery(quick):
            assert _outcome(read, argument) == detailed


@given(report=GENERATED)
def test_generated_reports_read_alike(report: Report) -> None:
    """A document written by the library: the fast pass reads it, to the detailed pass's report."""
    data = to_dict(report)
    found, pairs = _json._machinery().read(data)
    assert found == _json._machinery().detailed.structure(data, Report) == report
    assert pairs == _pairs(data)
    _both_ways(loads, json.dumps(data))


@given(case=mutated())
def test_mutated_documents_read_alike(case: tuple[dict[str, Any], str]) -> None:
    """Changed data is accepted by both passes, to the same report, or refused by both."""
    data, text = case
    try:
        found, pairs = _json._machinery().read(data)
    except Exception:  # noqa: BLE001 - any failure of the fast pass sends the data to the other
        fast: Report | None = None
    else:
        fast = found
        assert pairs == _pairs(data)
    try:
        detailed: Report | None = _json._machinery().detailed.structure(data, Report)
    except (ReportDataError, _hooks.ProblemError):
        detailed = None
    assert fast == detailed
    _both_ways(from_dict, data)
    _both_ways(loads, text)
    _both_ways(loads, text.encode())

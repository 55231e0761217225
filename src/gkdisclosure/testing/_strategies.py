"""The Hypothesis strategies: whole reports, and each table and row on its own.

The shapes come from the catalog and the model: every row and column the
catalog lists is generated, and nothing else. Importing this module
registers the strategies with :func:`hypothesis.strategies.from_type`.
"""

from __future__ import annotations

import datetime
import functools
import typing
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, Decimal
from typing import Any, Final, TypeVar

import attrs
from attrs import AttrsInstance
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..catalog import TOTAL, Column, Edition, EditionSpec, Row, ValueKind
from ..catalog import edition as _spec
from ..model import (
    ApplicantCounts,
    CaseOutcomes,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItems2019,
    ItemCounts2019,
    Meta,
    Proactive2019,
    Proactive2021,
    Procurement2019,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
)

__all__ = [
    "applicant_counts",
    "case_outcomes",
    "proactive",
    "proactive_rows",
    "reports",
    "review_litigation",
]

_T = TypeVar("_T")
_A = TypeVar("_A", bound=AttrsInstance)
#: A row of 表二, of either edition.
_P = TypeVar(
    "_P",
    DocumentCounts2021,
    DecisionCount,
    FeeAmount2021,
    DocumentCounts2019,
    ItemCounts2019,
    FeeItems2019,
    Procurement2019,
)

_CLASSES: Final = {
    Edition.E2019: (Proactive2019, Requests2019),
    Edition.E2021: (Proactive2021, Requests2021),
}
#: Report years that fit each edition (the 2019 notice governed two years).
_YEARS: Final = {Edition.E2019: (2019, 2020), Edition.E2021: (2021, 2035)}
#: Names written in Chinese characters (CJK Unified Ideographs), like real agencies'.
_HAN: Final = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2)
#: One in eight: of the cells of a row blanked cell by cell, and of the tables.
_BLANK_CELL: Final = st.sampled_from((False,) * 7 + (True,))
#: How a row loses cells: not at all (the simplest), cell by cell, all of it,
#: all but its total (D3 of the format), or only its total (D2).
_ROW_BLANKS: Final = st.sampled_from(("none", "cells", "row", "parts", "total"))


# --- arguments ------------------------------------------------------------------


def _bounds(min_value: object, max_value: object) -> tuple[int, int]:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if type(value) is not int:
            raise InvalidArgument(f"{name} must be an int, got {value!r}")
    lo, hi = typing.cast("int", min_value), typing.cast("int", max_value)
    if lo < 0:
        raise InvalidArgument(f"min_value={lo}: counts are never negative")
    if lo > hi:
        raise InvalidArgument(f"min_value={lo} is greater than max_value={hi}")
    return lo, hi


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, got {value!r}")
    return value


def _edition(value: object) -> Edition | None:
    if value is None or isinstance(value, Edition):
        return value
    choices = [e.value for e in Edition]
    if isinstance(value, str) and value in choices:
        return Edition(value)
    raise InvalidArgument(f"edition must be None, an Edition or one of {choices}, got {value!r}")


# --- cells and rows -----------------------------------------------------------------


def _amount(cents_places: tuple[int, int]) -> Decimal:
    cents, places = cents_places
    return Decimal(cents).scaleb(-2).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


@functools.cache
def _cell(kind: ValueKind, lo: int, hi: int) -> st.SearchStrategy[int | Decimal]:
    if kind is ValueKind.AMOUNT:
        # At most two decimal places, the way reports print money.
        return st.tuples(st.integers(lo * 100, hi * 100), st.sampled_from((2, 1, 0))).map(_amount)
    if kind is ValueKind.SIGNED:
        return st.integers(-hi, hi)
    return st.integers(lo, hi)


@functools.cache
def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _parts(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a summed row that its total adds up."""
    return tuple(a.name for a in attrs.fields(cls) if a.name != TOTAL)


def _draw_parts(draw: st.DrawFn, names: Iterable[str], lo: int, hi: int) -> dict[str, int]:
    """Draw the cells of a row, or leave them all at ``lo``.

    Most rows of a real report are all zero, and a row that shrinks to one
    ``False`` leaves the shrinker fewer choices to work through.
    """
    if not draw(st.booleans()):
        return dict.fromkeys(names, lo)
    counts = st.integers(lo, hi)
    return {name: draw(counts) for name in names}


@st.composite
def _summed_row(draw: st.DrawFn, cls: type[_T], lo: int, hi: int, *, consistent: bool) -> _T:
    parts = _draw_parts(draw, _parts(cls), lo, hi)
    total = sum(parts.values()) if consistent else draw(st.integers(lo, hi))
    return cls(**parts, **{TOTAL: total})


def _blanked(draw: st.DrawFn, obj: _A) -> _A:
    """Blank some cells of a table (an attrs tree), row by row."""
    values = {a.name: getattr(obj, a.name) for a in attrs.fields(type(obj))}
    if any(attrs.has(type(value)) for value in values.values()):
        changes = {
            name: _blanked(draw, value) for name, value in values.items() if attrs.has(type(value))
        }
        return type(obj)(**{**values, **changes})
    pattern = draw(_ROW_BLANKS)
    if pattern == "none":
        return obj
    blank = {
        name
        for name in values
        if pattern == "row"
        or (pattern == "parts" and name != TOTAL)
        or (pattern == "total" and name == TOTAL)
        or (pattern == "cells" and draw(_BLANK_CELL))
    }
    return type(obj)(**{**values, **dict.fromkeys(blank)})


_blank_out = st.composite(_blanked)


def _with_blanks(strategy: st.SearchStrategy[_A], blanks: object) -> st.SearchStrategy[_A]:
    return strategy.flatmap(_blank_out) if _flag("blanks", blanks) else strategy


def _assemble(cls: type[_A], leaves: Mapping[str, object]) -> _A:
    """Build a table from its rows keyed by dotted wire path (``withheld.state_secret``)."""
    tree: dict[str, Any] = {}
    for path, value in leaves.items():
        *groups, leaf = path.split(".")
        node = tree
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = value
    return _build(cls, tree)


def _build(cls: type[_A], tree: Mapping[str, Any]) -> _A:
    hints = _hints(cls)
    kwargs = {
        key: _build(hints[key], value) if isinstance(value, dict) else value
        for key, value in tree.items()
    }
    return cls(**kwargs)


# --- the tables -----------------------------------------------------------------------


def _proactive_columns() -> dict[type[Any], tuple[Column, ...]]:
    """The class of each row of 表二, either edition, and its columns in the catalog."""
    found: dict[type[Any], tuple[Column, ...]] = {}
    for which, (cls, _) in _CLASSES.items():
        hints = _hints(cls)
        for row in _spec(which).proactive.rows:
            found.setdefault(hints[row.key], row.columns)
    return found


#: The rows of 表二: seven classes over the two editions.
_PROACTIVE_ROWS: Final = _proactive_columns()


@st.composite
def _proactive_row(draw: st.DrawFn, cls: type[_T], lo: int, hi: int) -> _T:
    return cls(**{c.key: draw(_cell(c.kind, lo, hi)) for c in _PROACTIVE_ROWS[cls]})


@st.composite
def _proactive(
    draw: st.DrawFn, spec: EditionSpec, lo: int, hi: int
) -> Proactive2019 | Proactive2021:
    cls = _CLASSES[spec.edition][0]
    hints = _hints(cls)
    rows = {row.key: draw(_proactive_row(hints[row.key], lo, hi)) for row in spec.proactive.rows}
    return _assemble(cls, rows)


def _of_role(rows: Iterable[Row], role: str) -> list[Row]:
    return [row for row in rows if row.role == role]


@st.composite
def _requests(
    draw: st.DrawFn,
    spec: EditionSpec,
    lo: int,
    hi: int,
    *,
    consistent: bool,
) -> Requests2019 | Requests2021:
    table = spec.requests
    subtotals = [row for row in _of_role(table.rows, "subtotal") if draw(st.booleans())]
    if not consistent:
        cells = {
            row.key: _draw_parts(draw, (column.key for column in row.columns), lo, hi)
            for row in table.rows
            if row.role != "subtotal" or row in subtotals
        }
        rows = {key: ApplicantCounts(**values) for key, values in cells.items()}
        return _assemble(_CLASSES[spec.edition][1], rows)
    # Built by construction: draw every outcome and what is carried forward,
    # add up what was handled, then split the other side of the ledger
    # (received + carried over) so that it balances, column by column.
    parts = _parts(ApplicantCounts)
    outcomes = _of_role(table.rows, "outcome")
    values = {row.key: _draw_parts(draw, parts, lo, hi) for row in outcomes}
    key = {row.role: row.key for row in table.rows if row.role not in {"outcome", "subtotal"}}
    forward = _draw_parts(draw, parts, lo, hi)
    done = {name: sum(values[row.key][name] for row in outcomes) for name in parts}
    over = {name: draw(st.integers(lo, min(hi, done[name] + forward[name] - lo))) for name in parts}
    values[key["received"]] = {name: done[name] + forward[name] - over[name] for name in parts}
    values[key["carried_over"]] = over
    values[key["total"]] = done
    values[key["carried_forward"]] = forward
    for subtotal in subtotals:
        members = [row.key for row in outcomes if row.group == subtotal.group]
        values[subtotal.key] = {name: sum(values[m][name] for m in members) for name in parts}
    rows = {
        key: ApplicantCounts(**cells, total=sum(cells.values())) for key, cells in values.items()
    }
    return _assemble(_CLASSES[spec.edition][1], rows)


@st.composite
def _review_litigation(draw: st.DrawFn, lo: int, hi: int, *, consistent: bool) -> ReviewLitigation:
    blocks = _hints(ReviewLitigation)
    return ReviewLitigation(
        **{
            name: draw(_summed_row(cls, lo, hi, consistent=consistent))
            for name, cls in blocks.items()
        }
    )


_AGENCY: Final = _HAN | st.text(min_size=1).filter(lambda s: bool(s.strip()))
_META: Final = st.builds(
    Meta,
    source_url=st.none() | st.just("https://www.gov.cn/zhengce/xxgk/") | st.text(),
    published=st.none() | st.dates(datetime.date(2019, 1, 1), datetime.date(2040, 12, 31)),
    region=st.none() | st.text(),
    level=st.none() | _HAN | st.text(),
)


@st.composite
def _reports(  # noqa: PLR0913 - draw, then the five arguments of reports()
    draw: st.DrawFn,
    edition: Edition | None,
    lo: int,
    hi: int,
    *,
    consistent: bool,
    blanks: bool,
) -> Report:
    which = edition if edition is not None else draw(st.sampled_from(Edition))
    spec = _spec(which)
    agency = draw(_AGENCY)
    year = draw(st.integers(*_YEARS[which]))
    meta = draw(st.none() | _META)
    tables: dict[str, Any] = {
        "proactive": draw(_proactive(spec, lo, hi)),
        "requests": draw(_requests(spec, lo, hi, consistent=consistent)),
        "review_litigation": draw(_review_litigation(lo, hi, consistent=consistent)),
    }
    if blanks:
        tables = {
            key: None if draw(_BLANK_CELL) else _blanked(draw, table)
            for key, table in tables.items()
        }
    return Report(edition=which, agency=agency, year=year, meta=meta, **tables)


# --- the public strategies --------------------------------------------------------------


def reports(
    *,
    edition: Edition | str | None = None,
    consistent: bool = True,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[Report]:
    """Generate whole reports of either edition, or of the ``edition`` given.

    ``consistent=True`` builds every report so that each identity of the
    format holds: per column of 表三, received + carried over = total
    handled + carried forward, and the total handled is the sum of the
    outcome rows; per row, the total is the sum of the six applicant
    columns; per block of 表四, the total is the sum of the four results;
    a group's ``subtotal`` (sometimes present) is the sum of its sub-rows.
    ``consistent=False`` draws every count on its own, so identities
    usually fail.

    ``min_value`` and ``max_value`` bound every count that is drawn; the
    counts computed from others (totals, subtotals, and the requests
    received, which balance the ledger) may exceed ``max_value``. Amounts
    lie in the same range with at most two decimal places; the 2019
    ``change`` column is signed, within ``±max_value``. The year always
    fits the edition.

    ``blanks=True`` leaves some cells ``None`` (not reported), in the
    patterns real reports show, and some tables ``None``; blanks=False
    fills every cell of all three tables. Blank cells never break an
    identity: they only make it unassessable.

    >>> from hypothesis import given
    >>> @given(reports(edition="2019", blanks=False))
    ... def test_ledger(report):
    ...     t = report.requests
    ...     assert t.received.total + t.carried_over.total == (
    ...         t.total_handled.total + t.carried_forward.total
    ...     )
    >>> test_ledger()
    >>> reports(min_value=5, max_value=1)
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: min_value=5 is greater than max_value=1
    """
    lo, hi = _bounds(min_value, max_value)
    return _reports(
        _edition(edition),
        lo,
        hi,
        consistent=_flag("consistent", consistent),
        blanks=_flag("blanks", blanks),
    )


def applicant_counts(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[ApplicantCounts]:
    """Generate one row of 表三: six applicant counts and their ``total``.

    Arguments as for :func:`reports`; ``consistent=True`` makes ``total``
    the sum of the six counts.

    >>> from hypothesis import find
    >>> find(applicant_counts(), lambda row: row.total >= 3).total
    3
    """
    lo, hi = _bounds(min_value, max_value)
    rows = _summed_row(ApplicantCounts, lo, hi, consistent=_flag("consistent", consistent))
    return _with_blanks(rows, blanks)


def case_outcomes(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[CaseOutcomes]:
    """Generate one block of 表四: four results and their ``total``.

    Arguments as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(case_outcomes(), lambda block: block.pending > 0)
    CaseOutcomes(upheld=0, corrected=0, other=0, pending=1, total=1)
    """
    lo, hi = _bounds(min_value, max_value)
    blocks = _summed_row(CaseOutcomes, lo, hi, consistent=_flag("consistent", consistent))
    return _with_blanks(blocks, blanks)


def review_litigation(
    *, consistent: bool = True, blanks: bool = False, min_value: int = 0, max_value: int = 10_000
) -> st.SearchStrategy[ReviewLitigation]:
    """Generate 表四: administrative review and the two kinds of litigation.

    Arguments as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(review_litigation(), lambda t: t.review.total > 1).review
    CaseOutcomes(upheld=0, corrected=0, other=0, pending=2, total=2)
    """
    lo, hi = _bounds(min_value, max_value)
    tables = _review_litigation(lo, hi, consistent=_flag("consistent", consistent))
    return _with_blanks(tables, blanks)


def proactive(
    *,
    edition: Edition | str | None = None,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[Proactive2019 | Proactive2021]:
    """Generate 表二 of either edition, or of the ``edition`` given.

    表二 has no identity; otherwise the arguments are as for :func:`reports`.

    >>> from hypothesis import find
    >>> find(proactive(edition="2021"), lambda t: t.fees.amount_10k_yuan > 0).fees
    FeeAmount2021(amount_10k_yuan=Decimal('0.01'))
    """
    lo, hi = _bounds(min_value, max_value)
    which = _edition(edition)
    editions = st.sampled_from(Edition) if which is None else st.just(which)
    tables = editions.flatmap(lambda e: _proactive(_spec(e), lo, hi))
    return _with_blanks(tables, blanks)


def proactive_rows(
    row_type: type[_P],
    *,
    blanks: bool = False,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[_P]:
    """Generate one row of 表二 of the class given, such as :class:`~gkdisclosure.DecisionCount`.

    ``row_type`` is one of the seven row classes of 表二:
    :class:`~gkdisclosure.DocumentCounts2021`, :class:`~gkdisclosure.DecisionCount` and
    :class:`~gkdisclosure.FeeAmount2021` (edition 2021);
    :class:`~gkdisclosure.DocumentCounts2019`, :class:`~gkdisclosure.ItemCounts2019`,
    :class:`~gkdisclosure.FeeItems2019` and :class:`~gkdisclosure.Procurement2019`
    (edition 2019). 表二 has no identity, so there is no ``consistent``;
    the other arguments are as for :func:`reports`: counts and amounts lie
    within ``min_value`` and ``max_value``, the signed ``change`` within
    ``±max_value``.

    >>> from hypothesis import find
    >>> from gkdisclosure import ItemCounts2019
    >>> find(proactive_rows(ItemCounts2019), lambda row: row.change < 0)
    ItemCounts2019(previous_items=0, change=-1, decisions=0)
    """
    if not isinstance(row_type, type) or row_type not in _PROACTIVE_ROWS:
        names = ", ".join(sorted(cls.__name__ for cls in _PROACTIVE_ROWS))
        raise InvalidArgument(
            f"row_type must be a row class of table 2 ({names}), got {row_type!r}"
        )
    lo, hi = _bounds(min_value, max_value)
    return _with_blanks(_proactive_row(row_type, lo, hi), blanks)


st.register_type_strategy(Report, reports())
st.register_type_strategy(ApplicantCounts, applicant_counts())
st.register_type_strategy(CaseOutcomes, case_outcomes())
st.register_type_strategy(ReviewLitigation, review_litigation())
st.register_type_strategy(Proactive2019, proactive(edition=Edition.E2019))
st.register_type_strategy(Proactive2021, proactive(edition=Edition.E2021))
for _row in _PROACTIVE_ROWS:
    st.register_type_strategy(_row, proactive_rows(_row))

"""How each part of a report is drawn: cells, rows, the three tables and whole reports.

The shapes come from the catalog and the model: every row and column the
catalog lists is generated, and nothing else.
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

from ..catalog import TOTAL, Column, Edition, EditionSpec, Row, ValueKind
from ..catalog import edition as _spec
from ..model import (
    ApplicantCounts,
    Meta,
    Proactive2019,
    Proactive2021,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
)
from ._arguments import flag

__all__ = [
    "PROACTIVE_ROWS",
    "proactive_row",
    "proactive_table",
    "review_litigation_table",
    "summed_row",
    "whole_reports",
    "with_blanks",
]

_T = TypeVar("_T")
_A = TypeVar("_A", bound=AttrsInstance)
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
def summed_row(draw: st.DrawFn, cls: type[_T], lo: int, hi: int, *, consistent: bool) -> _T:
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


def with_blanks(strategy: st.SearchStrategy[_A], blanks: object) -> st.SearchStrategy[_A]:
    return strategy.flatmap(_blank_out) if flag("blanks", blanks) else strategy


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
PROACTIVE_ROWS: Final = _proactive_columns()


@st.composite
def proactive_row(draw: st.DrawFn, cls: type[_T], lo: int, hi: int) -> _T:
    return cls(**{c.key: draw(_cell(c.kind, lo, hi)) for c in PROACTIVE_ROWS[cls]})


@st.composite
def proactive_table(
    draw: st.DrawFn, spec: EditionSpec, lo: int, hi: int
) -> Proactive2019 | Proactive2021:
    cls = _CLASSES[spec.edition][0]
    hints = _hints(cls)
    rows = {row.key: draw(proactive_row(hints[row.key], lo, hi)) for row in spec.proactive.rows}
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
def review_litigation_table(
    draw: st.DrawFn, lo: int, hi: int, *, consistent: bool
) -> ReviewLitigation:
    blocks = _hints(ReviewLitigation)
    return ReviewLitigation(
        **{
            name: draw(summed_row(cls, lo, hi, consistent=consistent))
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
def whole_reports(  # noqa: PLR0913 - draw, then the five arguments of reports()
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
        "proactive": draw(proactive_table(spec, lo, hi)),
        "requests": draw(_requests(spec, lo, hi, consistent=consistent)),
        "review_litigation": draw(review_litigation_table(lo, hi, consistent=consistent)),
    }
    if blanks:
        tables = {
            key: None if draw(_BLANK_CELL) else _blanked(draw, table)
            for key, table in tables.items()
        }
    return Report(edition=which, agency=agency, year=year, meta=meta, **tables)

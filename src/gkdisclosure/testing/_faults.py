"""Planted faults: a consistent report with one known piece of damage, and its description."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..catalog import Edition
from ..model import Report
from ._arguments import bounds, edition_argument
from ._damage import Place, note, places_for, seeded
from ._draw import whole_reports
from ._planted import FaultKind, PlantedFault

__all__ = ["FaultKind", "PlantedFault", "corrupted_reports"]


# --- the strategy -----------------------------------------------------------------------

#: Added to a report that has no place for the damage drawn (an all-zero report
#: has no digits to split): at least two digits, so every kind has a place.
_SEED: Final = st.integers(10, 99)
_OFFSET: Final = st.integers(1, 100)
#: Which of the places the damage could go to (modulo their number).
_WHERE: Final = st.integers(0, 2**24)


@st.composite
def _corrupted(  # noqa: PLR0913, PLR0917 - draw, then the arguments of corrupted_reports()
    draw: st.DrawFn,
    edition: Edition | None,
    lo: int,
    hi: int,
    kinds: tuple[FaultKind, ...],
    tables: tuple[str, ...],
) -> tuple[Report, PlantedFault]:
    # Every choice before the report's: after the many choices of a report,
    # Hypothesis leans towards the simplest, and every kind and every place
    # should come as often. Each shrinks towards the first.
    kind = draw(st.sampled_from(kinds))
    where = draw(_WHERE)
    offset, down = draw(_OFFSET), draw(st.booleans())
    seed = draw(_SEED)
    report = draw(whole_reports(edition, lo, hi, consistent=True, blanks=False))
    places = places_for(report, kind, tables)
    if not places:
        report = seeded(report, seed, tables[0])
        places = places_for(report, kind, tables)
    row, (indexes, planted, way) = places[where % len(places)]
    place = Place(row, indexes, planted, way)
    if kind is FaultKind.OFF_BY:
        (value,) = place.original
        planted = (value - offset if down and offset <= value else value + offset,)
    cells = tuple(place.row.cell(i) for i in place.indexes)
    fault = PlantedFault(
        kind=kind,
        cells=cells,
        original=place.original,
        planted=planted,
        note=note(place, kind, planted),
    )
    return fault.apply(report), fault


#: The tables that faults go into: those with identities, 表三 and 表四.
_TABLES: Final = ("requests", "review_litigation")


def _tables(tables: object) -> tuple[str, ...]:
    if tables is None:
        return _TABLES
    if isinstance(tables, str) or not isinstance(tables, Iterable):
        raise InvalidArgument(f"tables must be None or a collection of {_TABLES}, got {tables!r}")
    found = set()
    for table in tables:
        if table not in _TABLES:
            raise InvalidArgument(f"tables: {table!r} is not one of {_TABLES}")
        found.add(table)
    if not found:
        raise InvalidArgument("tables must name at least one table")
    return tuple(table for table in _TABLES if table in found)


def _kinds(kinds: object) -> tuple[FaultKind, ...]:
    if kinds is None:
        return tuple(FaultKind)
    choices = [kind.value for kind in FaultKind]
    if isinstance(kinds, str) or not isinstance(kinds, Iterable):
        raise InvalidArgument(f"kinds must be None or a collection of {choices}, got {kinds!r}")
    found: list[FaultKind] = []
    for kind in kinds:
        if kind not in choices:
            raise InvalidArgument(f"kinds: {kind!r} is not one of {choices}")
        if FaultKind(kind) not in found:
            found.append(FaultKind(kind))
    if not found:
        raise InvalidArgument("kinds must name at least one kind of fault")
    return tuple(found)


def corrupted_reports(
    *,
    edition: Edition | str | None = None,
    kinds: Iterable[FaultKind | str] | None = None,
    tables: Iterable[str] | None = None,
    min_value: int = 0,
    max_value: int = 10_000,
) -> st.SearchStrategy[tuple[Report, PlantedFault]]:
    """Generate ``(report, fault)``: a consistent report with one fault planted, and what it is.

    The report before the damage comes from ``reports(edition=edition,
    consistent=True, blanks=False, min_value=min_value,
    max_value=max_value)``. One fault of one of the ``kinds`` (every
    :class:`FaultKind` by default; see there for what each does) goes into
    one row of one of the ``tables``: ``"requests"`` (表三) and
    ``"review_litigation"`` (表四) by default, the tables with identities.
    The :class:`PlantedFault` says where (cells by wire path), what they
    held and what they hold now; ``fault.revert(report)`` gives the
    consistent report back.

    Each fault is really there for a checker to find: for every cell the
    fault names, :meth:`ValidationResult.for_cell
    <gkdisclosure.ValidationResult.for_cell>` has a finding of
    :func:`~gkdisclosure.validate` with status :attr:`fault.status
    <PlantedFault.status>`, and every finding touches one of the cells.
    That status is ``failed`` for every kind but
    :attr:`FaultKind.BLANKED_CELL`, which makes identities ``unassessable``
    (with the cell in ``missing``), not failed.

    A report with no place for the damage drawn (no count of two digits to
    split, no total above 0) first gets between 10 and 99 more in the first
    table of ``tables``: more requests received and carried forward by
    natural persons in 表三, more upheld reviews in 表四 (the cells of the
    first column and the total of those rows). It stays consistent, and the
    shrinker still reaches small examples. Values the damage makes (glued
    digits, an offset) may exceed ``max_value``.

    >>> from hypothesis import given, settings
    >>> from gkdisclosure import validate
    >>> @settings(max_examples=20)
    ... @given(corrupted_reports(kinds=["zeroed_total"]))
    ... def test_a_zeroed_total_is_an_error(pair):
    ...     report, fault = pair
    ...     assert fault.planted == (0,)
    ...     assert not validate(report).ok
    >>> test_a_zeroed_total_is_an_error()
    >>> corrupted_reports(kinds=["typo"])
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: kinds: 'typo' is not one of [...]
    """
    lo, hi = bounds(min_value, max_value)
    return _corrupted(edition_argument(edition), lo, hi, _kinds(kinds), _tables(tables))

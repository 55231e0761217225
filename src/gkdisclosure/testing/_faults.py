"""Planted faults: a consistent report with one known piece of damage, and its description."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from attrs import field, frozen
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..catalog import TOTAL, Edition, identities
from ..catalog import edition as _spec
from ..errors import OptionError
from ..findings import Status
from ..model import Report
from ..model.paths import get as read
from ._cells import with_cell
from ._strategies import _bounds, _edition, _reports

__all__ = ["FaultKind", "PlantedFault", "corrupted_reports"]


class FaultKind(enum.StrEnum):
    """The kinds of damage :func:`corrupted_reports` plants, always inside one row of 表三 or 表四.

    Those are the tables with identities; 表二 has none that one wrong
    count could break. Every kind but :attr:`BLANKED_CELL` leaves each cell
    a count ≥ 0, and is chosen so that for each cell it names, an identity
    that reads the cell fails.
    """

    #: One cell's count is off by ``n``, 1 ≤ \|n\| ≤ 100, and stays ≥ 0 (a typo,
    #: a miscount): ``planted`` is ``original + n``.
    OFF_BY = "off_by"
    #: The digits of a count of two digits or more are split over its cell
    #: and the next cell to the right, as when a parser cuts ``"20"`` into
    #: ``"2"`` and ``"0"``: the cell keeps the leading digits, the neighbour
    #: reads the rest as a number (``"105"`` → 1 and 5) in place of its own
    #: value. ``cells`` is the pair, left to right. Never a split after which
    #: every identity still holds (in 表四, pending 12 of a total 13 split
    #: into 1 and 2: then 1 + 1 = 2 still adds up).
    SPLIT_DIGITS = "split_digits"
    #: The counts of a cell and of the next cell to the right are read as
    #: one number, their digits glued (1 and 2 → 12), into the left cell; the
    #: right cell reads 0. The left count is at least 1.
    GLUED_DIGITS = "glued_digits"
    #: A run of two or more adjacent cells of a row has moved one column, as
    #: when a parser misses an empty cell or reads a stray one. To the right:
    #: the first cell of the run reads 0 and every other cell the value of its
    #: left neighbour (the last value is lost); to the left, the mirror image.
    #: ``cells`` is the run, left to right. Never a shift that changes nothing
    #: (a run of zeros), nor one after which every identity still holds (in
    #: 表四, a count moved from one result to the next leaves the total right;
    #: in 表三 the columns' own identities see it).
    SHIFTED_COLUMN = "shifted_column"
    #: A total greater than 0 reads 0: a cell that an identity defines as a
    #: sum of others (a row's ``total``, a cell of （七）总计, a group's printed
    #: subtotal).
    ZEROED_TOTAL = "zeroed_total"
    #: A reported cell is blank (``None``, not reported). This makes the
    #: identities that read it *unassessable*, not failed: :func:`~gkdisclosure.validate`
    #: finds no identity failed, and the cell is in the ``missing`` of every
    #: finding that touches it (at least one).
    BLANKED_CELL = "blanked_cell"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


@frozen(kw_only=True)
class PlantedFault:
    """What :func:`corrupted_reports` did to a report: which cells, and how.

    ``cells`` are the wire paths of the cells changed (and, for a split or a
    shift, of the neighbours the damage covers), in the row's order;
    ``original`` and ``planted`` are their values before and after. ``note``
    says it in a sentence. The values pickle and compare by value.

    >>> fault = PlantedFault(
    ...     kind="off_by",
    ...     cells=("requests.granted.natural_person",),
    ...     original=(5,),
    ...     planted=(8,),
    ... )
    >>> fault  # doctest: +NORMALIZE_WHITESPACE
    PlantedFault(kind=FaultKind.OFF_BY, cells=('requests.granted.natural_person',),
                 original=(5,), planted=(8,), note='')
    >>> fault.status
    <Status.FAILED: 'failed'>
    """

    #: The kind of damage (given as a :class:`FaultKind` or its value).
    kind: FaultKind = field(converter=FaultKind)
    #: The wire paths of the cells, in the row's order.
    cells: tuple[str, ...]
    #: Their values in the consistent report.
    original: tuple[int | None, ...]
    #: Their values in the damaged one.
    planted: tuple[int | None, ...]
    #: The damage in a sentence.
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.cells:
            raise OptionError("a fault names at least one cell")
        if not len(self.cells) == len(self.original) == len(self.planted):
            raise OptionError(
                f"cells, original and planted differ in length: {len(self.cells)}, "
                f"{len(self.original)} and {len(self.planted)}"
            )

    @property
    def status(self) -> Status:
        """What :func:`~gkdisclosure.validate` says about the identities that read the cells.

        :attr:`Status.FAILED <gkdisclosure.Status.FAILED>` for every kind
        but :attr:`FaultKind.BLANKED_CELL`, whose identities are
        :attr:`Status.UNASSESSABLE <gkdisclosure.Status.UNASSESSABLE>`.
        """
        return Status.UNASSESSABLE if self.kind is FaultKind.BLANKED_CELL else Status.FAILED

    def apply(self, report: Report) -> Report:
        """The report with the planted values in its cells.

        Raises :exc:`~gkdisclosure.OptionError` unless the cells hold the original values.
        """
        return self._swap(report, self.original, self.planted)

    def revert(self, report: Report) -> Report:
        """The report with the original values back in its cells.

        Raises :exc:`~gkdisclosure.OptionError` unless the cells hold the planted values.
        """
        return self._swap(report, self.planted, self.original)

    def _swap(
        self, report: Report, before: tuple[int | None, ...], after: tuple[int | None, ...]
    ) -> Report:
        for cell, value, new in zip(self.cells, before, after, strict=True):
            found = read(report, cell)
            if found != value:
                raise OptionError(f"{cell} holds {found!r}, not {value!r}")
            report = with_cell(report, cell, new)
        return report


# --- where damage can go ----------------------------------------------------------------


@frozen
class _Row:
    """A row of 表三 or 表四 that the report has, and its values."""

    path: str
    columns: tuple[str, ...]
    values: tuple[int, ...]
    #: For each cell: whether an identity of its column reads it (表三's ledger,
    #: outcome total and group subtotals).
    checked: tuple[bool, ...]

    def cell(self, index: int) -> str:
        return f"{self.path}.{self.columns[index]}"

    def detectable(self, indexes: tuple[int, ...], planted: tuple[int | None, ...]) -> bool:
        """Whether an identity that reads each cell fails (or, for a blank, cannot be checked).

        The row's own identity (its total is the sum of the other cells)
        reads every cell of the row, and fails when the damage changes the
        row's balance. Otherwise a changed cell of 表三 still breaks the
        identity of its column, since the damage changes no other cell of
        that column; 表四 has no such identity.
        """
        if None in planted:
            return True
        change = 0
        for index, new in zip(indexes, planted, strict=True):
            assert new is not None  # noqa: S101 - for the type checker
            moved = new - self.values[index]
            change += moved if self.columns[index] == TOTAL else -moved
        return change != 0 or all(
            self.checked[i] and new != self.values[i]
            for i, new in zip(indexes, planted, strict=True)
        )


@frozen
class _Place:
    """Damage that could go into a row: which cells, and their new values."""

    row: _Row
    indexes: tuple[int, ...]
    planted: tuple[int | None, ...]
    #: Which way a shift went: ``"right"`` or ``"left"``.
    way: str = ""

    @property
    def original(self) -> tuple[int, ...]:
        return tuple(self.row.values[i] for i in self.indexes)


@functools.cache
def _column_cells(which: Edition) -> frozenset[str]:
    """The cells that an identity of a single column reads (not as a fallback)."""
    return frozenset(
        path
        for identity in identities(_spec(which))
        if identity.terms and identity.column is not None
        for path in (identity.target, *(p for term in identity.terms for p in term.paths))
    )


@functools.cache
def _sum_targets(which: Edition) -> frozenset[str]:
    """The cells an identity defines as a sum of others (every term added)."""
    return frozenset(
        identity.target
        for identity in identities(_spec(which))
        if identity.terms and all(term.sign > 0 for term in identity.terms)
    )


def _rows(report: Report, tables: tuple[str, ...]) -> list[_Row]:
    spec = _spec(report.edition)
    checked = _column_cells(report.edition)
    found = []
    for table in (spec.table(key) for key in tables):
        for row in table.rows:
            path = f"{table.key}.{row.key}"
            obj = read(report, path)
            if obj is None:
                continue
            columns = tuple(column.key for column in row.columns)
            found.append(
                _Row(
                    path,
                    columns,
                    tuple(getattr(obj, column) for column in columns),
                    tuple(f"{path}.{column}" in checked for column in columns),
                )
            )
    return found


#: Where damage could go in a row: the indexes of its cells, their new values, and a word
#: on the way a shift went.
_Candidate = tuple[tuple[int, ...], tuple[int | None, ...], str]


def _one_cell(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    # The new value of an OFF_BY is drawn later; here it stands blank.
    return (((i,), (None,), "") for i in range(len(row.values)))


def _splits(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    for i, value in enumerate(row.values[:-1]):
        digits = str(value)
        for cut in range(1, len(digits)):
            yield (i, i + 1), (int(digits[:cut]), int(digits[cut:])), ""


def _glues(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    values = row.values
    return (
        ((i, i + 1), (int(f"{values[i]}{values[i + 1]}"), 0), "")
        for i in range(len(values) - 1)
        if values[i] > 0
    )


def _shifts(row: _Row, _targets: frozenset[str]) -> Iterator[_Candidate]:
    width = len(row.values)
    for first in range(width):
        for last in range(first + 1, width):
            run = row.values[first : last + 1]
            for way, planted in (("right", (0, *run[:-1])), ("left", (*run[1:], 0))):
                if planted != run:
                    yield tuple(range(first, last + 1)), planted, way


def _zeroed_totals(row: _Row, targets: frozenset[str]) -> Iterator[_Candidate]:
    return (
        ((i,), (0,), "")
        for i, value in enumerate(row.values)
        if value > 0 and row.cell(i) in targets
    )


#: Where each kind of damage could go in a row (before the check that it is detectable).
_CANDIDATES: Final[dict[FaultKind, Callable[[_Row, frozenset[str]], Iterator[_Candidate]]]] = {
    FaultKind.OFF_BY: _one_cell,
    FaultKind.SPLIT_DIGITS: _splits,
    FaultKind.GLUED_DIGITS: _glues,
    FaultKind.SHIFTED_COLUMN: _shifts,
    FaultKind.ZEROED_TOTAL: _zeroed_totals,
    FaultKind.BLANKED_CELL: _one_cell,
}


def _places(
    report: Report, kind: FaultKind, tables: tuple[str, ...]
) -> list[tuple[_Row, _Candidate]]:
    targets = _sum_targets(report.edition)
    return [
        (row, candidate)
        for row in _rows(report, tables)
        for candidate in _CANDIDATES[kind](row, targets)
        if row.detectable(*candidate[:2])
    ]


def _seeded(report: Report, amount: int, key: str) -> Report:
    """The report with ``amount`` more in the first column and the total of some rows of a table.

    表三: requests received and carried forward, so each column's ledger
    still balances; 表四: the first block. Each row still adds up.
    """
    table = _spec(report.edition).table(key)
    roles = {"received", "carried_forward"}
    rows = [row for row in table.rows if row.role in roles] or [table.rows[0]]
    for row in rows:
        for column in (row.columns[0].key, TOTAL):
            path = f"{table.key}.{row.key}.{column}"
            report = with_cell(report, path, read(report, path) + amount)
    return report


# --- the notes --------------------------------------------------------------------------


def _note(place: _Place, kind: FaultKind, new: tuple[int | None, ...]) -> str:
    cells = tuple(place.row.cell(i) for i in place.indexes)
    first, last, old = cells[0], cells[-1], place.original
    if kind is FaultKind.OFF_BY:
        assert new[0] is not None  # noqa: S101 - for the type checker
        return f"{first} is off by {new[0] - old[0]:+d}: {old[0]} reads {new[0]}"
    if kind is FaultKind.SPLIT_DIGITS:
        return (
            f"the {old[0]} of {first} is split into {new[0]} | {new[1]} over it and {last}, "
            f"which held {old[1]}"
        )
    if kind is FaultKind.GLUED_DIGITS:
        return (
            f"the {old[0]} of {first} and the {old[1]} of {last} are glued into {new[0]} "
            f"in {first}; {last} reads 0"
        )
    if kind is FaultKind.SHIFTED_COLUMN:
        return f"{first} to {last} moved one column to the {place.way}: {old} reads {new}"
    if kind is FaultKind.ZEROED_TOTAL:
        return f"the total {first} reads 0 instead of {old[0]}"
    return (
        f"{first} ({old[0]}) is not reported: validate finds the identities that read it "
        f"unassessable, with {first} in missing, and none failed"
    )


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
    report = draw(_reports(edition, lo, hi, consistent=True, blanks=False))
    places = _places(report, kind, tables)
    if not places:
        report = _seeded(report, seed, tables[0])
        places = _places(report, kind, tables)
    row, (indexes, planted, way) = places[where % len(places)]
    place = _Place(row, indexes, planted, way)
    if kind is FaultKind.OFF_BY:
        (value,) = place.original
        planted = (value - offset if down and offset <= value else value + offset,)
    cells = tuple(place.row.cell(i) for i in place.indexes)
    fault = PlantedFault(
        kind=kind,
        cells=cells,
        original=place.original,
        planted=planted,
        note=_note(place, kind, planted),
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
    lo, hi = _bounds(min_value, max_value)
    return _corrupted(_edition(edition), lo, hi, _kinds(kinds), _tables(tables))

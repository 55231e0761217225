"""What a planted fault is: its kind, and the cells it damaged and how."""

from __future__ import annotations

import enum

from attrs import field, frozen

from ..errors import OptionError
from ..findings import Status
from ..model import Report
from ..model.paths import get as read
from ._cells import with_cell

__all__ = ["FaultKind", "PlantedFault"]


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

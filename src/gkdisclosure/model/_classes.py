"""The typed model: frozen attrs classes for a whole report of either edition.

A cell is ``int | None`` (``None``: not reported), an amount of money is
``Decimal | None``. Field names are the wire keys of the JSON contract and
follow the catalog's order (a test holds the two together). The model does
no I/O, no formatting and no checking of values: a negative count is
well-typed data that the rules flag.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar, Self

from attrs import Attribute, Factory, field, fields, frozen

from .._views import html_view
from ..catalog import Edition
from ..errors import ArgumentTypeError

__all__ = [
    "ApplicantCounts",
    "CaseOutcomes",
    "DecisionCount",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "FeeAmount2021",
    "FeeItems2019",
    "ItemCounts2019",
    "Meta",
    "NotProcessed",
    "OtherHandling",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "Report",
    "Requests2019",
    "Requests2021",
    "ReviewLitigation",
    "Unavailable",
    "Withheld",
]


class _Row:
    """What every row of cells can do: blank and zero constructors, values in order."""

    __slots__ = ()
    #: Fields that hold a :class:`~decimal.Decimal` amount rather than a count.
    _AMOUNTS: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def blank(cls) -> Self:
        """A row with every cell not reported."""
        return cls()

    @classmethod
    def zeros(cls) -> Self:
        """A row with every cell a reported zero (amounts too)."""
        names = (a.name for a in fields(cls))  # type: ignore[arg-type]  # an attrs subclass
        return cls(**{name: Decimal(0) if name in cls._AMOUNTS else 0 for name in names})

    def values(self) -> tuple[int | Decimal | None, ...]:
        """The cells in the catalog's order."""
        return tuple(getattr(self, a.name) for a in fields(type(self)))  # type: ignore[arg-type]  # attrs fields of a subclass


# --- 表三 ---------------------------------------------------------------------


@frozen(kw_only=True)
class ApplicantCounts(_Row):
    """One row of 表三: a count per type of applicant and the total."""

    natural_person: int | None = None
    commercial: int | None = None
    research: int | None = None
    public_interest: int | None = None
    legal_services: int | None = None
    other: int | None = None
    total: int | None = None


def _blank() -> ApplicantCounts:
    return ApplicantCounts()


_BLANK_ROW = Factory(_blank)


@frozen(kw_only=True)
class Withheld:
    """（三）: requests withheld, by reason.

    ``subtotal`` holds the group's own line where a report printed one.
    """

    subtotal: ApplicantCounts | None = None
    state_secret: ApplicantCounts = _BLANK_ROW
    prohibited_by_law: ApplicantCounts = _BLANK_ROW
    security_stability: ApplicantCounts = _BLANK_ROW
    third_party_rights: ApplicantCounts = _BLANK_ROW
    internal_affairs: ApplicantCounts = _BLANK_ROW
    process_information: ApplicantCounts = _BLANK_ROW
    enforcement_files: ApplicantCounts = _BLANK_ROW
    inquiry_matters: ApplicantCounts = _BLANK_ROW


@frozen(kw_only=True)
class Unavailable:
    """（四）: information that cannot be provided, by reason."""

    subtotal: ApplicantCounts | None = None
    not_held: ApplicantCounts = _BLANK_ROW
    needs_compilation: ApplicantCounts = _BLANK_ROW
    unclear_after_correction: ApplicantCounts = _BLANK_ROW


@frozen(kw_only=True)
class NotProcessed:
    """（五）: requests not processed, by reason."""

    subtotal: ApplicantCounts | None = None
    petitions_complaints: ApplicantCounts = _BLANK_ROW
    repeated: ApplicantCounts = _BLANK_ROW
    publications: ApplicantCounts = _BLANK_ROW
    excessive: ApplicantCounts = _BLANK_ROW
    confirmation: ApplicantCounts = _BLANK_ROW


@frozen(kw_only=True)
class OtherHandling:
    """（六） of the 2021 edition: three sub-rows (a single row in 2019)."""

    subtotal: ApplicantCounts | None = None
    overdue_correction: ApplicantCounts = _BLANK_ROW
    overdue_fee: ApplicantCounts = _BLANK_ROW
    other: ApplicantCounts = _BLANK_ROW


@frozen(kw_only=True)
class Requests2021:
    """表三 of the 2021 edition: 25 rows of applicant counts."""

    received: ApplicantCounts = _BLANK_ROW
    carried_over: ApplicantCounts = _BLANK_ROW
    granted: ApplicantCounts = _BLANK_ROW
    partially_granted: ApplicantCounts = _BLANK_ROW
    withheld: Withheld = Factory(Withheld)
    unavailable: Unavailable = Factory(Unavailable)
    not_processed: NotProcessed = Factory(NotProcessed)
    other_handling: OtherHandling = Factory(OtherHandling)
    total_handled: ApplicantCounts = _BLANK_ROW
    carried_forward: ApplicantCounts = _BLANK_ROW


@frozen(kw_only=True)
class Requests2019:
    """表三 of the 2019 edition: 23 rows; （六）其他处理 is a single row."""

    received: ApplicantCounts = _BLANK_ROW
    carried_over: ApplicantCounts = _BLANK_ROW
    granted: ApplicantCounts = _BLANK_ROW
    partially_granted: ApplicantCounts = _BLANK_ROW
    withheld: Withheld = Factory(Withheld)
    unavailable: Unavailable = Factory(Unavailable)
    not_processed: NotProcessed = Factory(NotProcessed)
    other_handling: ApplicantCounts = _BLANK_ROW
    total_handled: ApplicantCounts = _BLANK_ROW
    carried_forward: ApplicantCounts = _BLANK_ROW


# --- 表四 ---------------------------------------------------------------------


@frozen(kw_only=True)
class CaseOutcomes(_Row):
    """One block of 表四: cases by result, and their total."""

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None


@frozen(kw_only=True)
class ReviewLitigation:
    """表四: administrative review, and litigation with and without prior review."""

    review: CaseOutcomes = Factory(CaseOutcomes)
    litigation_direct: CaseOutcomes = Factory(CaseOutcomes)
    litigation_after_review: CaseOutcomes = Factory(CaseOutcomes)


# --- 表二, 2021 -----------------------------------------------------------------


@frozen(kw_only=True)
class DocumentCounts2021(_Row):
    """规章 or 行政规范性文件 in the 2021 edition."""

    issued: int | None = None
    repealed: int | None = None
    in_force: int | None = None


@frozen(kw_only=True)
class DecisionCount(_Row):
    """A row of decisions taken this year (2021: 行政许可, 行政处罚, 行政强制)."""

    decisions: int | None = None


@frozen(kw_only=True)
class FeeAmount2021(_Row):
    """行政事业性收费 in the 2021 edition: the amount collected, in units of 10,000 yuan."""

    _AMOUNTS: ClassVar[frozenset[str]] = frozenset({"amount_10k_yuan"})
    amount_10k_yuan: Decimal | None = None


@frozen(kw_only=True)
class Proactive2021:
    """表二 of the 2021 edition."""

    regulations: DocumentCounts2021 = Factory(DocumentCounts2021)
    normative_documents: DocumentCounts2021 = Factory(DocumentCounts2021)
    licensing: DecisionCount = Factory(DecisionCount)
    penalties: DecisionCount = Factory(DecisionCount)
    coercive_measures: DecisionCount = Factory(DecisionCount)
    fees: FeeAmount2021 = Factory(FeeAmount2021)


# --- 表二, 2019 -----------------------------------------------------------------


@frozen(kw_only=True)
class DocumentCounts2019(_Row):
    """规章 or 规范性文件 in the 2019 edition."""

    made: int | None = None
    published: int | None = None
    public_total: int | None = None


@frozen(kw_only=True)
class ItemCounts2019(_Row):
    """A row of items and decisions in the 2019 edition; ``change`` is signed."""

    previous_items: int | None = None
    change: int | None = None
    decisions: int | None = None


@frozen(kw_only=True)
class FeeItems2019(_Row):
    """行政事业性收费 in the 2019 edition: item counts, not money."""

    previous_items: int | None = None
    change: int | None = None


@frozen(kw_only=True)
class Procurement2019(_Row):
    """政府集中采购 (2019 only): projects, and the amount in the unit the report printed."""

    _AMOUNTS: ClassVar[frozenset[str]] = frozenset({"amount"})
    projects: int | None = None
    amount: Decimal | None = None


@frozen(kw_only=True)
class Proactive2019:
    """表二 of the 2019 edition."""

    regulations: DocumentCounts2019 = Factory(DocumentCounts2019)
    normative_documents: DocumentCounts2019 = Factory(DocumentCounts2019)
    licensing: ItemCounts2019 = Factory(ItemCounts2019)
    other_services: ItemCounts2019 = Factory(ItemCounts2019)
    penalties: ItemCounts2019 = Factory(ItemCounts2019)
    coercive_measures: ItemCounts2019 = Factory(ItemCounts2019)
    fees: FeeItems2019 = Factory(FeeItems2019)
    procurement: Procurement2019 = Factory(Procurement2019)


# --- the report -----------------------------------------------------------------


@frozen(kw_only=True)
class Meta:
    """Optional facts about where a report came from."""

    source_url: str | None = None
    published: datetime.date | None = None
    region: str | None = None
    level: str | None = None


#: The classes of 表二 and 表三 in each edition (表四 is the same in both).
TABLES = {
    Edition.E2019: (Proactive2019, Requests2019),
    Edition.E2021: (Proactive2021, Requests2021),
}


def _check_edition(report: Report, _attribute: Attribute[Edition], _value: Edition) -> None:
    proactive, requests = TABLES[report.edition]
    for name, table, expected in (
        ("proactive", report.proactive, proactive),
        ("requests", report.requests, requests),
    ):
        if table is not None and type(table) is not expected:
            msg = (
                f"a report of edition {report.edition.value} needs {name} as "
                f"{expected.__name__}, not {type(table).__name__}"
            )
            raise ArgumentTypeError(msg)


@frozen(kw_only=True)
class Report:
    """A whole annual report: who, which year, which edition, and its three tables.

    A table is ``None`` when the report does not have it (or it could not
    be read). The tables' classes must fit the edition
    (:class:`Proactive2021` and :class:`Requests2021` for
    :attr:`Edition.E2021`); anything else raises :exc:`~gkdisclosure.ArgumentTypeError`.
    """

    edition: Edition = field(converter=Edition, validator=_check_edition)
    agency: str
    year: int
    meta: Meta | None = None
    proactive: Proactive2019 | Proactive2021 | None = None
    requests: Requests2019 | Requests2021 | None = None
    review_litigation: ReviewLitigation | None = None

    def __repr__(self) -> str:
        """``<Report agency year (edition E), tables: ...>``."""
        tables = [k for k in ("proactive", "requests", "review_litigation") if getattr(self, k)]
        listed = ", ".join(tables) if tables else "none"
        return (
            f"<Report {self.agency!r} {self.year} (edition {self.edition.value}), tables: {listed}>"
        )

    def _repr_html_(self) -> str | None:
        """The tables in the official layout, for notebooks (a view :mod:`.render` registers)."""
        return html_view(self)

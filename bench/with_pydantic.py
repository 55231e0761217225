"""The pydantic v2 baseline: the JSON contract as strict, frozen pydantic models.

The models mirror gkdisclosure's: every row and column of both editions,
cells ``int | None`` (strict: no bool, float or numeric string), unknown
keys refused, amounts written as strings of digits and read as
``Decimal``, the agency a non-blank string, the year at least 1, the
tables of a report chosen by its edition (a discriminated union). The
documents are read with pydantic's own JSON parser
(``TypeAdapter.validate_json``), its fastest way; that parser keeps the
last value of a key given twice where gkdisclosure refuses the
document, so the baseline does a little less work.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from . import plain

__all__ = ["ADAPTER", "findings", "from_dict", "loads"]

Cell = int | None
_AMOUNT_TEXT = r"^-?[0-9]+(\.[0-9]+)?$"


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _agency(value: str) -> str:
    if not value.strip():
        raise ValueError("the agency must not be empty")
    return value


Amount = Annotated[
    Annotated[str, StringConstraints(pattern=_AMOUNT_TEXT)] | None, AfterValidator(_decimal)
]
Date = Annotated[
    Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None,
    AfterValidator(_date),
]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ApplicantCounts(_Model):
    natural_person: Cell = None
    commercial: Cell = None
    research: Cell = None
    public_interest: Cell = None
    legal_services: Cell = None
    other: Cell = None
    total: Cell = None


_Row = Annotated[ApplicantCounts, Field(default_factory=ApplicantCounts)]


class Withheld(_Model):
    subtotal: ApplicantCounts | None = None
    state_secret: _Row
    prohibited_by_law: _Row
    security_stability: _Row
    third_party_rights: _Row
    internal_affairs: _Row
    process_information: _Row
    enforcement_files: _Row
    inquiry_matters: _Row


class Unavailable(_Model):
    subtotal: ApplicantCounts | None = None
    not_held: _Row
    needs_compilation: _Row
    unclear_after_correction: _Row


class NotProcessed(_Model):
    subtotal: ApplicantCounts | None = None
    petitions_complaints: _Row
    repeated: _Row
    publications: _Row
    excessive: _Row
    confirmation: _Row


class OtherHandling(_Model):
    subtotal: ApplicantCounts | None = None
    overdue_correction: _Row
    overdue_fee: _Row
    other: _Row


class _Requests(_Model):
    received: _Row
    carried_over: _Row
    granted: _Row
    partially_granted: _Row
    withheld: Annotated[Withheld, Field(default_factory=Withheld)]
    unavailable: Annotated[Unavailable, Field(default_factory=Unavailable)]
    not_processed: Annotated[NotProcessed, Field(default_factory=NotProcessed)]
    total_handled: _Row
    carried_forward: _Row


class Requests2021(_Requests):
    other_handling: Annotated[OtherHandling, Field(default_factory=OtherHandling)]


class Requests2019(_Requests):
    other_handling: _Row


class CaseOutcomes(_Model):
    upheld: Cell = None
    corrected: Cell = None
    other: Cell = None
    pending: Cell = None
    total: Cell = None


_Block = Annotated[CaseOutcomes, Field(default_factory=CaseOutcomes)]


class ReviewLitigation(_Model):
    review: _Block
    litigation_direct: _Block
    litigation_after_review: _Block


class DocumentCounts2021(_Model):
    issued: Cell = None
    repealed: Cell = None
    in_force: Cell = None


class DecisionCount(_Model):
    decisions: Cell = None


class FeeAmount2021(_Model):
    amount_10k_yuan: Amount = None


class Proactive2021(_Model):
    regulations: Annotated[DocumentCounts2021, Field(default_factory=DocumentCounts2021)]
    normative_documents: Annotated[DocumentCounts2021, Field(default_factory=DocumentCounts2021)]
    licensing: Annotated[DecisionCount, Field(default_factory=DecisionCount)]
    penalties: Annotated[DecisionCount, Field(default_factory=DecisionCount)]
    coercive_measures: Annotated[DecisionCount, Field(default_factory=DecisionCount)]
    fees: Annotated[FeeAmount2021, Field(default_factory=FeeAmount2021)]


class DocumentCounts2019(_Model):
    made: Cell = None
    published: Cell = None
    public_total: Cell = None


class ItemCounts2019(_Model):
    previous_items: Cell = None
    change: Cell = None
    decisions: Cell = None


class FeeItems2019(_Model):
    previous_items: Cell = None
    change: Cell = None


class Procurement2019(_Model):
    projects: Cell = None
    amount: Amount = None


_Items = Annotated[ItemCounts2019, Field(default_factory=ItemCounts2019)]


class Proactive2019(_Model):
    regulations: Annotated[DocumentCounts2019, Field(default_factory=DocumentCounts2019)]
    normative_documents: Annotated[DocumentCounts2019, Field(default_factory=DocumentCounts2019)]
    licensing: _Items
    other_services: _Items
    penalties: _Items
    coercive_measures: _Items
    fees: Annotated[FeeItems2019, Field(default_factory=FeeItems2019)]
    procurement: Annotated[Procurement2019, Field(default_factory=Procurement2019)]


class Meta(_Model):
    source_url: str | None = None
    published: Date = None
    region: str | None = None
    level: str | None = None


class _Report(_Model):
    agency: Annotated[str, AfterValidator(_agency)]
    year: Annotated[int, Field(ge=1)]
    meta: Meta | None = None
    review_litigation: ReviewLitigation | None = None


class Report2021(_Report):
    edition: Literal["2021"]
    proactive: Proactive2021 | None = None
    requests: Requests2021 | None = None


class Report2019(_Report):
    edition: Literal["2019"]
    proactive: Proactive2019 | None = None
    requests: Requests2019 | None = None


Report = Annotated[Report2019 | Report2021, Field(discriminator="edition")]
#: Reads a report of either edition from JSON bytes or from plain data.
ADAPTER: Final[TypeAdapter[Report2019 | Report2021]] = TypeAdapter(Report)


def loads(document: bytes) -> Report2019 | Report2021:
    """Read a report from a JSON document."""
    return ADAPTER.validate_json(document)


def from_dict(data: Any) -> Report2019 | Report2021:
    """Read a report from plain data (what ``json.loads`` returns)."""
    return ADAPTER.validate_python(data)


def findings(report: Report2019 | Report2021) -> list[tuple[str, str]]:
    """The identities of the report that fail or cannot be checked, written plainly."""
    return plain.findings(report)

"""The msgspec baseline: the JSON contract as frozen msgspec structs, decoded in one pass.

msgspec decodes JSON straight into typed structs; it is strict by
default (no bool, float or numeric string for an ``int``), and the
structs refuse unknown keys. Amounts stay strings checked against the
contract's pattern (msgspec's ``Decimal`` would also take JSON numbers);
the identities read them as ``Decimal``. The tables of a report are
chosen by its edition (a tagged union). Like pydantic's parser,
msgspec keeps the last value of a key given twice, and it does not check
that the agency is not blank: a little less work than gkdisclosure.
"""

# mypy: disable-error-code="misc"
# (mypy reads a Struct subclass as a dataclass that is not frozen; msgspec inherits the option)

from __future__ import annotations

import datetime
from typing import Annotated, Any, Final

import msgspec

from . import plain

__all__ = ["DECODER", "findings", "from_dict", "loads"]

Cell = int | None
Amount = Annotated[str, msgspec.Meta(pattern=r"^-?[0-9]+(\.[0-9]+)?$")] | None


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class ApplicantCounts(_Struct):
    natural_person: Cell = None
    commercial: Cell = None
    research: Cell = None
    public_interest: Cell = None
    legal_services: Cell = None
    other: Cell = None
    total: Cell = None


def _row() -> Any:
    return msgspec.field(default_factory=ApplicantCounts)


class Withheld(_Struct):
    subtotal: ApplicantCounts | None = None
    state_secret: ApplicantCounts = _row()
    prohibited_by_law: ApplicantCounts = _row()
    security_stability: ApplicantCounts = _row()
    third_party_rights: ApplicantCounts = _row()
    internal_affairs: ApplicantCounts = _row()
    process_information: ApplicantCounts = _row()
    enforcement_files: ApplicantCounts = _row()
    inquiry_matters: ApplicantCounts = _row()


class Unavailable(_Struct):
    subtotal: ApplicantCounts | None = None
    not_held: ApplicantCounts = _row()
    needs_compilation: ApplicantCounts = _row()
    unclear_after_correction: ApplicantCounts = _row()


class NotProcessed(_Struct):
    subtotal: ApplicantCounts | None = None
    petitions_complaints: ApplicantCounts = _row()
    repeated: ApplicantCounts = _row()
    publications: ApplicantCounts = _row()
    excessive: ApplicantCounts = _row()
    confirmation: ApplicantCounts = _row()


class OtherHandling(_Struct):
    subtotal: ApplicantCounts | None = None
    overdue_correction: ApplicantCounts = _row()
    overdue_fee: ApplicantCounts = _row()
    other: ApplicantCounts = _row()


class Requests2021(_Struct):
    received: ApplicantCounts = _row()
    carried_over: ApplicantCounts = _row()
    granted: ApplicantCounts = _row()
    partially_granted: ApplicantCounts = _row()
    withheld: Withheld = msgspec.field(default_factory=Withheld)
    unavailable: Unavailable = msgspec.field(default_factory=Unavailable)
    not_processed: NotProcessed = msgspec.field(default_factory=NotProcessed)
    other_handling: OtherHandling = msgspec.field(default_factory=OtherHandling)
    total_handled: ApplicantCounts = _row()
    carried_forward: ApplicantCounts = _row()


class Requests2019(_Struct):
    received: ApplicantCounts = _row()
    carried_over: ApplicantCounts = _row()
    granted: ApplicantCounts = _row()
    partially_granted: ApplicantCounts = _row()
    withheld: Withheld = msgspec.field(default_factory=Withheld)
    unavailable: Unavailable = msgspec.field(default_factory=Unavailable)
    not_processed: NotProcessed = msgspec.field(default_factory=NotProcessed)
    other_handling: ApplicantCounts = _row()
    total_handled: ApplicantCounts = _row()
    carried_forward: ApplicantCounts = _row()


class CaseOutcomes(_Struct):
    upheld: Cell = None
    corrected: Cell = None
    other: Cell = None
    pending: Cell = None
    total: Cell = None


class ReviewLitigation(_Struct):
    review: CaseOutcomes = msgspec.field(default_factory=CaseOutcomes)
    litigation_direct: CaseOutcomes = msgspec.field(default_factory=CaseOutcomes)
    litigation_after_review: CaseOutcomes = msgspec.field(default_factory=CaseOutcomes)


class DocumentCounts2021(_Struct):
    issued: Cell = None
    repealed: Cell = None
    in_force: Cell = None


class DecisionCount(_Struct):
    decisions: Cell = None


class FeeAmount2021(_Struct):
    amount_10k_yuan: Amount = None


class Proactive2021(_Struct):
    regulations: DocumentCounts2021 = msgspec.field(default_factory=DocumentCounts2021)
    normative_documents: DocumentCounts2021 = msgspec.field(default_factory=DocumentCounts2021)
    licensing: DecisionCount = msgspec.field(default_factory=DecisionCount)
    penalties: DecisionCount = msgspec.field(default_factory=DecisionCount)
    coercive_measures: DecisionCount = msgspec.field(default_factory=DecisionCount)
    fees: FeeAmount2021 = msgspec.field(default_factory=FeeAmount2021)


class DocumentCounts2019(_Struct):
    made: Cell = None
    published: Cell = None
    public_total: Cell = None


class ItemCounts2019(_Struct):
    previous_items: Cell = None
    change: Cell = None
    decisions: Cell = None


class FeeItems2019(_Struct):
    previous_items: Cell = None
    change: Cell = None


class Procurement2019(_Struct):
    projects: Cell = None
    amount: Amount = None


class Proactive2019(_Struct):
    regulations: DocumentCounts2019 = msgspec.field(default_factory=DocumentCounts2019)
    normative_documents: DocumentCounts2019 = msgspec.field(default_factory=DocumentCounts2019)
    licensing: ItemCounts2019 = msgspec.field(default_factory=ItemCounts2019)
    other_services: ItemCounts2019 = msgspec.field(default_factory=ItemCounts2019)
    penalties: ItemCounts2019 = msgspec.field(default_factory=ItemCounts2019)
    coercive_measures: ItemCounts2019 = msgspec.field(default_factory=ItemCounts2019)
    fees: FeeItems2019 = msgspec.field(default_factory=FeeItems2019)
    procurement: Procurement2019 = msgspec.field(default_factory=Procurement2019)


class Meta(_Struct):
    source_url: str | None = None
    published: datetime.date | None = None
    region: str | None = None
    level: str | None = None


class Report2021(_Struct, tag_field="edition", tag="2021"):
    agency: Annotated[str, msgspec.Meta(min_length=1)]
    year: Annotated[int, msgspec.Meta(ge=1)]
    meta: Meta | None = None
    proactive: Proactive2021 | None = None
    requests: Requests2021 | None = None
    review_litigation: ReviewLitigation | None = None

    @property
    def edition(self) -> str:
        """The edition, as the tag says."""
        return "2021"


class Report2019(_Struct, tag_field="edition", tag="2019"):
    agency: Annotated[str, msgspec.Meta(min_length=1)]
    year: Annotated[int, msgspec.Meta(ge=1)]
    meta: Meta | None = None
    proactive: Proactive2019 | None = None
    requests: Requests2019 | None = None
    review_litigation: ReviewLitigation | None = None

    @property
    def edition(self) -> str:
        """The edition, as the tag says."""
        return "2019"


Report = Report2019 | Report2021
#: Decodes a report of either edition from JSON bytes.
DECODER: Final = msgspec.json.Decoder(Report)


def loads(document: bytes) -> Report:
    """Read a report from a JSON document."""
    report: Report = DECODER.decode(document)
    return report


def from_dict(data: Any) -> Report:
    """Read a report from plain data (what ``json.loads`` returns)."""
    report: Report = msgspec.convert(data, Report)
    return report


def findings(report: Report) -> list[tuple[str, str]]:
    """The identities of the report that fail or cannot be checked, written plainly."""
    return plain.findings(report)

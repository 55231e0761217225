"""Properties of generated reports: exact JSON round trips and the format's identities."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkdisclosure import (
    ApplicantCounts,
    Edition,
    NotProcessed,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Requests2019,
    Requests2021,
    ReviewLitigation,
    Unavailable,
    Withheld,
    dumps,
    from_dict,
    loads,
    to_dict,
)
from gkdisclosure.testing import reports

EDITIONS = ("2019", "2021")

# --- round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    ("blanks", "consistent"),
    [(False, True), (True, True), (False, False), (True, False)],
    ids=["full", "blanks", "inconsistent", "inconsistent-blanks"],
)
@given(data=st.data())
def test_json_round_trips_are_exact(
    data: st.DataObject, edition: str, *, blanks: bool, consistent: bool
) -> None:
    """Every report reads back equal from JSON and from plain data, and rewrites identically."""
    report = data.draw(reports(edition=edition, blanks=blanks, consistent=consistent))
    document = dumps(report)
    assert loads(document) == report
    assert from_dict(to_dict(report)) == report
    assert dumps(loads(document)) == document


# --- the identities, written out plainly --------------------------------------------------

SIX = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other")
SEVEN = (*SIX, "total")
Group = Withheld | Unavailable | NotProcessed | OtherHandling


def cell(row: ApplicantCounts, column: str) -> int | None:
    """The row's cell in the column with this wire key."""
    value: int | None = getattr(row, column)
    return value


def outcome_rows(table: Requests2019 | Requests2021) -> list[ApplicantCounts]:
    """The outcome rows, which add up to （七）总计; （六） is 3 rows in 2021, 1 in 2019."""
    withheld, unavailable, not_processed = table.withheld, table.unavailable, table.not_processed
    rows = [
        table.granted,
        table.partially_granted,
        withheld.state_secret,
        withheld.prohibited_by_law,
        withheld.security_stability,
        withheld.third_party_rights,
        withheld.internal_affairs,
        withheld.process_information,
        withheld.enforcement_files,
        withheld.inquiry_matters,
        unavailable.not_held,
        unavailable.needs_compilation,
        unavailable.unclear_after_correction,
        not_processed.petitions_complaints,
        not_processed.repeated,
        not_processed.publications,
        not_processed.excessive,
        not_processed.confirmation,
    ]
    if isinstance(table, Requests2021):
        other = table.other_handling
        return [*rows, other.overdue_correction, other.overdue_fee, other.other]
    return [*rows, table.other_handling]


def groups(table: Requests2019 | Requests2021) -> list[Group]:
    """The groups of rows that may print a subtotal line of their own."""
    found: list[Group] = [table.withheld, table.unavailable, table.not_processed]
    if isinstance(table, Requests2021):
        found.append(table.other_handling)
    return found


def all_rows(table: Requests2019 | Requests2021) -> list[ApplicantCounts]:
    """Every row of 表三, with the subtotal lines that are printed."""
    subtotals = [group.subtotal for group in groups(table) if group.subtotal is not None]
    return [
        table.received,
        table.carried_over,
        *outcome_rows(table),
        table.total_handled,
        table.carried_forward,
        *subtotals,
    ]


def holds(left: list[int | None], right: list[int | None], *, blanks: bool) -> bool:
    """Whether sum(left) == sum(right); with a blank operand, only in a report drawn with blanks."""
    if None in left or None in right:
        return blanks
    return sum(v or 0 for v in left) == sum(v or 0 for v in right)


def check_ledger(table: Requests2019 | Requests2021, *, blanks: bool) -> None:
    """本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和.

    一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理,
    in each of the seven columns.
    """
    for column in SEVEN:
        first, second = cell(table.received, column), cell(table.carried_over, column)
        third, fourth = cell(table.total_handled, column), cell(table.carried_forward, column)
        assert holds([first, second], [third, fourth], blanks=blanks), column


def check_outcomes(table: Requests2019 | Requests2021, *, blanks: bool) -> None:
    """（七）总计 is the sum of the outcome rows, in each column: each request counts once."""
    rows = outcome_rows(table)
    assert len(rows) == (21 if isinstance(table, Requests2021) else 19)
    for column in SEVEN:
        outcomes = [cell(row, column) for row in rows]
        assert holds([cell(table.total_handled, column)], outcomes, blanks=blanks), column


def check_applicants(table: Requests2019 | Requests2021, *, blanks: bool) -> None:
    """In every row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他."""
    for row in all_rows(table):
        assert holds([row.total], [cell(row, column) for column in SIX], blanks=blanks), row


def check_subtotals(table: Requests2019 | Requests2021, *, blanks: bool) -> None:
    """A group's own line, where printed, is the sum of its sub-rows (format §5.3)."""
    for group in groups(table):
        if group.subtotal is None:
            continue
        rows = [getattr(group, f.name) for f in attrs.fields(type(group)) if f.name != "subtotal"]
        for column in SEVEN:
            parts = [cell(row, column) for row in rows]
            assert holds([cell(group.subtotal, column)], parts, blanks=blanks), column


def check_review_litigation(table: ReviewLitigation, *, blanks: bool) -> None:
    """总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for review and both kinds of suit."""
    for block in (table.review, table.litigation_direct, table.litigation_after_review):
        parts = [block.upheld, block.corrected, block.other, block.pending]
        assert holds([block.total], parts, blanks=blanks), block


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    ("blanks", "bounds"),
    [(False, (0, 10_000)), (True, (0, 10_000)), (False, (2, 3))],
    ids=["full", "blanks", "narrow"],
)
@given(data=st.data())
def test_consistent_reports_satisfy_every_identity(
    data: st.DataObject, edition: str, *, blanks: bool, bounds: tuple[int, int]
) -> None:
    """Consistent reports break no identity; a blank operand only makes one unassessable."""
    low, high = bounds
    report = data.draw(reports(edition=edition, blanks=blanks, min_value=low, max_value=high))
    assert blanks or None not in (report.requests, report.review_litigation)
    if report.requests is not None:
        check_ledger(report.requests, blanks=blanks)
        check_outcomes(report.requests, blanks=blanks)
        check_applicants(report.requests, blanks=blanks)
        check_subtotals(report.requests, blanks=blanks)
    if report.review_litigation is not None:
        check_review_litigation(report.review_litigation, blanks=blanks)


# --- domains --------------------------------------------------------------------------


def proactive_counts(table: Proactive2019 | Proactive2021) -> Iterator[int | None]:
    """The counts of 表二: not amounts, and not the signed 本年增/减."""
    if isinstance(table, Proactive2021):
        for documents in (table.regulations, table.normative_documents):
            yield from (documents.issued, documents.repealed, documents.in_force)
        for decided in (table.licensing, table.penalties, table.coercive_measures):
            yield decided.decisions
    else:
        for counted in (table.regulations, table.normative_documents):
            yield from (counted.made, counted.published, counted.public_total)
        items = (table.licensing, table.other_services, table.penalties, table.coercive_measures)
        for item in items:
            yield from (item.previous_items, item.decisions)
        yield from (table.fees.previous_items, table.procurement.projects)


@pytest.mark.parametrize("edition", EDITIONS)
@given(data=st.data())
def test_counts_and_amounts_are_in_their_domains(data: st.DataObject, edition: str) -> None:
    """Counts are integers ≥ 0, amounts Decimal ≥ 0; only 本年增/减 may be negative."""
    report = data.draw(reports(edition=edition, consistent=False))
    table2, table3, table4 = report.proactive, report.requests, report.review_litigation
    assert table2 is not None
    assert table3 is not None
    assert table4 is not None
    blocks = (table4.review, table4.litigation_direct, table4.litigation_after_review)
    values = [
        *proactive_counts(table2),
        *(cell(row, column) for row in all_rows(table3) for column in SEVEN),
        *(getattr(block, column) for block in blocks for column in attrs.fields_dict(type(block))),
    ]
    assert all(type(value) is int and value >= 0 for value in values)
    if isinstance(table2, Proactive2021):
        assert report.edition is Edition.E2021
        amounts = [table2.fees.amount_10k_yuan]
    else:
        assert report.edition is Edition.E2019
        amounts = [table2.procurement.amount]
        changes = [getattr(table2, name).change for name in ("licensing", "other_services", "fees")]
        assert all(type(change) is int for change in changes)
    assert all(isinstance(amount, Decimal) and amount >= 0 for amount in amounts)

"""The format's identities written plainly, for the baselines.

This is the code a careful user of pydantic or msgspec would write: loops
over rows and columns with ``getattr``, the same three-valued semantics
as gkdisclosure (a blank operand makes an identity unassessable, never
0), the same subtotal fallbacks, the same report-level rules (a table missing,
blank or with cells left blank, the edition against the year). It works
on any tree of objects with the wire keys as attributes, so both
baselines run the very same function. It returns ``(rule, path)`` for
each identity that fails or cannot be checked; gkdisclosure's findings
carry more (operands, expected, delta, a fingerprint, message
arguments), so the baselines do a little less work than the library.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

__all__ = ["findings"]

Number = int | Decimal
Found = list[tuple[str, str]]

PARTS: Final = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other",
)
COLUMNS: Final = (*PARTS, "total")
GROUPS: Final = {
    "withheld": (
        "state_secret",
        "prohibited_by_law",
        "security_stability",
        "third_party_rights",
        "internal_affairs",
        "process_information",
        "enforcement_files",
        "inquiry_matters",
    ),
    "unavailable": ("not_held", "needs_compilation", "unclear_after_correction"),
    "not_processed": (
        "petitions_complaints",
        "repeated",
        "publications",
        "excessive",
        "confirmation",
    ),
    "other_handling": ("overdue_correction", "overdue_fee", "other"),
}
PLAIN_ROWS: Final = ("received", "carried_over", "granted", "partially_granted")
CLOSING_ROWS: Final = ("total_handled", "carried_forward")
BLOCKS: Final = ("review", "litigation_direct", "litigation_after_review")
RESULTS: Final = ("upheld", "corrected", "other", "pending")
#: The 2019 edition's signed column: the only cells that may be negative.
SIGNED: Final = "change"
_ITEMS: Final = ("previous_items", SIGNED, "decisions")
#: The rows of 表二 and their cells, by edition.
PROACTIVE: Final = {
    "2019": {
        "regulations": ("made", "published", "public_total"),
        "normative_documents": ("made", "published", "public_total"),
        "licensing": _ITEMS,
        "other_services": _ITEMS,
        "penalties": _ITEMS,
        "coercive_measures": _ITEMS,
        "fees": ("previous_items", SIGNED),
        "procurement": ("projects", "amount"),
    },
    "2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "penalties": ("decisions",),
        "coercive_measures": ("decisions",),
        "fees": ("amount_10k_yuan",),
    },
}


def _sum(values: list[Number | None]) -> Number | None:
    """The sum, or ``None`` when any value is not reported."""
    if any(value is None for value in values):
        return None
    return sum(values)  # type: ignore[arg-type]  # no None is left


def _check(  # noqa: PLR0913 - an identity's parts
    found: Found,
    rule: str,
    path: str,
    target: Number | None,
    terms: list[Any],
    *,
    minus: Number | None = 0,
) -> None:
    """Add the identity ``target == sum(terms) - minus`` to ``found`` unless it holds."""
    if (
        target is None
        or minus is None
        or any(term is None for term in terms)
        or target != sum(terms) - minus
    ):
        found.append((rule, path))


def _groups(requests: Any, edition: str) -> dict[str, Any]:
    """The groups of 表三 of the edition (2019: ``other_handling`` is one row)."""
    names = [name for name in GROUPS if edition == "2021" or name != "other_handling"]
    return {name: getattr(requests, name) for name in names}


def _column(found: Found, requests: Any, groups: dict[str, Any], column: str) -> None:
    """The ledger, the group subtotals and the total handled of one column."""
    cell = {row: getattr(getattr(requests, row), column) for row in PLAIN_ROWS + CLOSING_ROWS}
    _check(
        found,
        "requests.ledger",
        f"requests.carried_forward.{column}",
        cell["carried_forward"],
        [cell["received"], cell["carried_over"]],
        minus=cell["total_handled"],
    )
    outcomes: list[Number | None] = [cell["granted"], cell["partially_granted"]]
    for name, group in groups.items():
        rows = [getattr(getattr(group, row), column) for row in GROUPS[name]]
        subtotal = None if group.subtotal is None else getattr(group.subtotal, column)
        if group.subtotal is not None:
            path = f"requests.{name}.subtotal.{column}"
            _check(found, "requests.group_sum", path, subtotal, rows)
        total = _sum(rows)
        outcomes.append(subtotal if total is None else total)
    if "other_handling" not in groups:  # the 2019 edition: a single row
        outcomes.append(getattr(requests.other_handling, column))
    path = f"requests.total_handled.{column}"
    _check(found, "requests.handled_sum", path, cell["total_handled"], outcomes)


def _rows(requests: Any, groups: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every row of 表三 with its path, printed subtotals included."""
    every = [(row, getattr(requests, row)) for row in PLAIN_ROWS + CLOSING_ROWS]
    for name, group in groups.items():
        if group.subtotal is not None:
            every.append((f"{name}.subtotal", group.subtotal))
        every.extend((f"{name}.{row}", getattr(group, row)) for row in GROUPS[name])
    if "other_handling" not in groups:
        every.append(("other_handling", requests.other_handling))
    return every


def _requests(found: Found, requests: Any, edition: str) -> None:
    groups = _groups(requests, edition)
    for column in COLUMNS:
        _column(found, requests, groups, column)
    for path, row in _rows(requests, groups):
        parts = [getattr(row, column) for column in PARTS]
        _check(found, "requests.applicant_sum", f"requests.{path}.total", row.total, parts)
        for column in COLUMNS:
            value = getattr(row, column)
            if value is not None and value < 0:
                found.append(("cells.non_negative", f"requests.{path}.{column}"))


def _review_litigation(found: Found, table: Any) -> None:
    for name in BLOCKS:
        block = getattr(table, name)
        parts = [getattr(block, result) for result in RESULTS]
        _check(
            found, "review_litigation.sum", f"review_litigation.{name}.total", block.total, parts
        )
        for column in (*RESULTS, "total"):
            value = getattr(block, column)
            if value is not None and value < 0:
                found.append(("cells.non_negative", f"review_litigation.{name}.{column}"))


def _proactive(found: Found, table: Any, edition: str) -> None:
    for name, columns in PROACTIVE[edition].items():
        row = getattr(table, name)
        for column in columns:
            value = getattr(row, column)
            if isinstance(value, str):  # an amount kept as its text
                value = Decimal(value)
            if column != SIGNED and value is not None and value < 0:
                found.append(("cells.non_negative", f"proactive.{name}.{column}"))


def _official(table: Any, name: str, edition: str) -> list[tuple[Any, tuple[str, ...]]]:
    """Each official row of a table that the report prints, with its columns.

    A sub-row of 表三 left out where its group's subtotal is printed is not
    printed (the group given as one line); any other row is always there.
    """
    if name == "proactive":
        return [(getattr(table, row), columns) for row, columns in PROACTIVE[edition].items()]
    if name == "review_litigation":
        return [(getattr(table, block), (*RESULTS, "total")) for block in BLOCKS]
    groups = _groups(table, edition)
    rows = [getattr(table, row) for row in PLAIN_ROWS + CLOSING_ROWS]
    for group_name, group in groups.items():
        for row_name in GROUPS[group_name]:
            row = getattr(group, row_name)
            if row is not None or group.subtotal is None:
                rows.append(row)
    if "other_handling" not in groups:
        rows.append(table.other_handling)
    return [(row, COLUMNS) for row in rows]


def _completeness(found: Found, report: Any, edition: str) -> set[str]:
    """A table printed without any number, or with some cells blank; return the blank ones."""
    blank_tables = set()
    for name in ("proactive", "requests", "review_litigation"):
        table = getattr(report, name)
        if table is None:
            continue
        cells = blank = 0
        for row, columns in _official(table, name, edition):
            cells += len(columns)
            blank += sum(1 for c in columns if row is None or getattr(row, c) is None)
        if blank == cells:
            found.append(("report.blank_table", name))
            blank_tables.add(name)
        elif blank:
            found.append(("report.incomplete_table", name))
    return blank_tables


def findings(report: Any) -> Found:
    """Every identity of the report that fails or cannot be checked, and the report-level rules."""
    found: Found = []
    edition = report.edition
    for name in ("proactive", "requests", "review_litigation"):
        if getattr(report, name) is None:
            found.append(("report.missing_table", name))
    if edition != ("2019" if report.year <= 2020 else "2021"):
        found.append(("report.edition_year", "edition"))
    blank = _completeness(found, report, edition)  # a blank table's identities say nothing more
    if report.proactive is not None and "proactive" not in blank:
        _proactive(found, report.proactive, edition)
    if report.requests is not None and "requests" not in blank:
        _requests(found, report.requests, edition)
    if report.review_litigation is not None and "review_litigation" not in blank:
        _review_litigation(found, report.review_litigation)
    return found

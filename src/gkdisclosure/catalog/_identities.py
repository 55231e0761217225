"""The identities (勾稽关系) of each edition, derived from its tables.

Every identity reads ``target == Σ sign × term``. A term is one cell, or a
group of 表三 with a fallback: the sum of its sub-rows where they are all
reported, else the group's printed subtotal.
"""

from __future__ import annotations

from typing import Final

from attrs import field, frozen

from ._spec import EditionSpec, Row, Table, ValueKind

#: The key of the column that totals the others, in 表三 and 表四.
TOTAL = "total"

__all__ = ["Identity", "Term", "identities"]


@frozen
class Term:
    """One addend of an identity.

    ``paths`` are the cells summed; ``fallback`` is the path of a subtotal
    cell read instead when any of them is not reported.
    """

    sign: int
    paths: tuple[str, ...]
    fallback: str | None = None


@frozen
class Identity:
    """One instance of a rule: ``target == Σ sign × term``.

    ``when`` names a row that must be printed for the identity to apply
    (the optional subtotal rows); ``column`` and ``row`` locate it.
    """

    rule: str
    target: str
    terms: tuple[Term, ...]
    table: str
    row: str | None
    column: str | None
    when: str | None = None
    #: Every cell the identity reads: the target, then the terms' cells and
    #: fallbacks. Derived from the fields above once, when the identity is made.
    paths: tuple[str, ...] = field(init=False, repr=False, eq=False)

    @paths.default
    def _paths(self) -> tuple[str, ...]:
        paths = [self.target]
        for term in self.terms:
            paths.extend(term.paths)
            if term.fallback is not None:
                paths.append(term.fallback)
        return tuple(paths)


def _cell(table: Table, row: str, column: str) -> str:
    return f"{table.key}.{row}.{column}"


def _requests(table: Table) -> list[Identity]:
    found: list[Identity] = []
    rows = table.rows
    by_role = {row.role: row for row in rows if row.role not in {"outcome", "subtotal"}}
    subtotals = {row.group: row for row in rows if row.role == "subtotal"}
    outcome_rows = [row for row in rows if row.role == "outcome"]
    columns = [column.key for column in rows[0].columns]
    for column in columns:

        def cell(row: Row, column: str = column) -> str:
            return _cell(table, row.key, column)

        found.append(
            Identity(
                "requests.ledger",
                cell(by_role["carried_forward"]),
                (
                    Term(1, (cell(by_role["received"]),)),
                    Term(1, (cell(by_role["carried_over"]),)),
                    Term(-1, (cell(by_role["total"]),)),
                ),
                table.key,
                None,
                column,
            )
        )
        terms: list[Term] = []
        seen: set[str] = set()
        for row in outcome_rows:
            subtotal = subtotals.get(row.group)
            if subtotal is None:
                terms.append(Term(1, (cell(row),)))
            elif row.group not in seen:
                seen.add(row.group or "")
                members = tuple(cell(r) for r in outcome_rows if r.group == row.group)
                terms.append(Term(1, members, fallback=cell(subtotal)))
                found.append(
                    Identity(
                        "requests.group_sum",
                        cell(subtotal),
                        tuple(Term(1, (path,)) for path in members),
                        table.key,
                        subtotal.key,
                        column,
                        when=f"{table.key}.{subtotal.key}",
                    )
                )
        found.append(
            Identity(
                "requests.handled_sum",
                cell(by_role["total"]),
                tuple(terms),
                table.key,
                None,
                column,
            )
        )
    found.extend(_row_sum("requests.applicant_sum", table, row) for row in rows)
    return found


def _row_sum(rule: str, table: Table, row: Row) -> Identity:
    """A row's total is the sum of its other columns (a printed-only row applies if printed)."""
    return Identity(
        rule,
        _cell(table, row.key, TOTAL),
        tuple(
            Term(1, (_cell(table, row.key, column.key),))
            for column in row.columns
            if column.key != TOTAL
        ),
        table.key,
        row.key,
        None,
        when=None if row.official else f"{table.key}.{row.key}",
    )


def _review_litigation(table: Table) -> list[Identity]:
    return [_row_sum("review_litigation.sum", table, row) for row in table.rows]


def _non_negative(spec: EditionSpec) -> list[Identity]:
    return [
        Identity(
            "cells.non_negative",
            cell.path,
            (),
            cell.table.key,
            cell.row.key,
            cell.column.key,
            when=None if cell.row.official else f"{cell.table.key}.{cell.row.key}",
        )
        for cell in spec.cells()
        if cell.column.kind is not ValueKind.SIGNED
    ]


def identities(spec: EditionSpec) -> tuple[Identity, ...]:
    """Every identity of an edition, in a stable order.

    They are derived once per edition and kept: every reader and every
    validation asks for them.
    """
    known = _DERIVED.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    found = (
        *_requests(spec.requests),
        *_review_litigation(spec.review_litigation),
        *_non_negative(spec),
    )
    if len(_DERIVED) >= _DERIVED_MAX:
        _DERIVED.clear()
    _DERIVED[id(spec)] = (spec, found)
    return found


#: The identities of each edition, by the id of its spec (kept with them, so the id stays its
#: own): hashing a spec would cost more than deriving its identities.
_DERIVED: Final[dict[int, tuple[EditionSpec, tuple[Identity, ...]]]] = {}
_DERIVED_MAX: Final = 16


#: The prefix of a path that reads the previous year's report in a series identity.
PREVIOUS = "previous."


def _series_row(
    rule: str, table: Table, row: str, column: str, terms: tuple[Term, ...]
) -> Identity:
    return Identity(rule, _cell(table, row, column), terms, table.key, row, column)


def series_identities(this: EditionSpec, previous: EditionSpec) -> tuple[Identity, ...]:
    """The identities between a report and the same agency's report for the year before.

    Paths of the previous report start with :data:`PREVIOUS`. Which hold
    depends on both editions (FORMAT.md §5.4, X1–X4).
    """
    requests = this.requests
    found = [
        _series_row(
            "series.carry_over",
            requests,
            "carried_over",
            column.key,
            (Term(1, (PREVIOUS + _cell(requests, "carried_forward", column.key),)),),
        )
        for column in requests.row("carried_over").columns
    ]
    proactive = this.proactive
    same = this.edition is previous.edition
    for row in proactive.rows:
        keys = {column.key for column in row.columns}
        if same and {"issued", "repealed", "in_force"} <= keys:
            found.append(
                _series_row(
                    "series.in_force",
                    proactive,
                    row.key,
                    "in_force",
                    (
                        Term(1, (PREVIOUS + _cell(proactive, row.key, "in_force"),)),
                        Term(1, (_cell(proactive, row.key, "issued"),)),
                        Term(-1, (_cell(proactive, row.key, "repealed"),)),
                    ),
                )
            )
        if same and {"published", "public_total"} <= keys:
            found.append(
                _series_row(
                    "series.public_total",
                    proactive,
                    row.key,
                    "public_total",
                    (
                        Term(1, (PREVIOUS + _cell(proactive, row.key, "public_total"),)),
                        Term(1, (_cell(proactive, row.key, "published"),)),
                    ),
                )
            )
        if same and {"previous_items", "change"} <= keys:
            found.append(
                _series_row(
                    "series.previous_items",
                    proactive,
                    row.key,
                    "previous_items",
                    (
                        Term(1, (PREVIOUS + _cell(proactive, row.key, "previous_items"),)),
                        Term(1, (PREVIOUS + _cell(proactive, row.key, "change"),)),
                    ),
                )
            )
    return tuple(found)

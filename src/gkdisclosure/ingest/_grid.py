"""Assembling a report from what the front ends found: cells, provenance, notes.

The front ends (:mod:`.html`, :mod:`.text`) locate tables, rows and
columns by their labels and hand over *materials* (the printed text for
runs of cells). This module reads them (through :mod:`._resolve`), lays
every cell of the edition out in catalog order, says what was not found,
and builds the :class:`~gkdisclosure.Report` through the JSON contract.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

from ..catalog import EditionSpec, Row, Table, identities
from ..catalog import vocabulary as vocab
from ..converter import from_dict
from ..errors import ReportDataError
from ._material import Material, Resolved
from ._resolve import resolve
from ._result import (
    CellSource,
    CellState,
    IngestError,
    IngestNote,
    IngestResult,
    NarrativeFigure,
    Provenance,
)

__all__ = ["assemble", "identify"]

_HYBRID_GROUP: Final = "other_handling"
#: Why a document without any statutory table is refused.
NO_TABLE: Final = (
    "none of the statutory tables (proactive disclosure, requests, review and litigation) was found"
)


_RADICALS: Final = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
}


def identify(
    candidates: Iterable[str], agency: str | None, year: int | None, source: str | None
) -> tuple[str, int]:
    """The agency and year: the caller's, else from the first title found among the candidates.

    Raises :exc:`IngestError` when neither is given nor found.
    """
    if agency is not None and year is not None:
        return agency, year
    for candidate in candidates:
        # Kangxi radicals ("⾰" for "革"), which some PDF fonts map to, read as the characters
        printed = "".join(candidate.split()).translate(_RADICALS)
        text = unicodedata.normalize("NFKC", printed)
        # the name as printed (full-width brackets kept) where NFKC changed no length
        source_text = printed if len(printed) == len(text) else text
        simplified = text.translate(vocab.TRADITIONAL)
        for pattern in (vocab.TITLE_AGENCY_FIRST, vocab.TITLE_YEAR_FIRST):
            match = pattern.search(simplified)
            if match is not None:
                named = source_text[match.start("agency") : match.end("agency")]
                return agency or named, year or int(match["year"])
    reason = (
        f"no title naming the agency and the year (such as “{vocab.TITLE_EXAMPLE}”) "
        "was found; pass agency= and year="
    )
    raise IngestError(reason, source)


def assemble(  # noqa: PLR0913 - every part of a result, named
    *,
    spec: EditionSpec,
    agency: str,
    year: int,
    materials: Sequence[Material],
    found: Iterable[str],
    notes: Sequence[IngestNote],
    narrative: Sequence[NarrativeFigure],
    infer: bool,
    source: str | None,
) -> IngestResult:
    """Read the materials and build the result; raise :exc:`IngestError` if no table was found."""
    tables = set(found)
    if not tables:
        raise IngestError(NO_TABLE, source)
    unique, duplicates = _deduplicate(materials)
    cells, resolved_notes = resolve(unique, identities(spec), infer=infer)
    all_notes = [*notes, *duplicates, *resolved_notes]
    data: dict[str, Any] = {"edition": spec.edition.value, "agency": agency, "year": year}
    provenance: list[CellSource] = []
    for table in spec.tables:
        if table.key not in tables:
            data[table.key] = None
            all_notes.append(
                IngestNote("table.missing", (table.key,), f"{table.heading} was not found")
            )
            continue
        data[table.key] = {}
        hybrid = _hybrid(table, cells)
        if hybrid is not None:
            all_notes.append(hybrid)
        for row in table.rows:
            _lay_out(
                table,
                row,
                cells,
                out=data[table.key],
                provenance=provenance,
                notes=all_notes,
                hybrid=hybrid,
            )
    try:
        report = from_dict(data)
    except ReportDataError as error:  # pragma: no cover - the data is built to the contract
        raise IngestError(f"the cells read do not make a report: {error}", source) from error
    return IngestResult(
        report=report,
        provenance=Provenance(tuple(provenance)),
        notes=tuple(all_notes),
        narrative=tuple(narrative),
    )


def _deduplicate(materials: Sequence[Material]) -> tuple[list[Material], list[IngestNote]]:
    """Keep the first material printed for each cell; later ones are noted and dropped."""
    seen: set[str] = set()
    kept: list[Material] = []
    notes: list[IngestNote] = []
    for material in materials:
        if seen.intersection(material.paths):
            rows = tuple(dict.fromkeys(path.rsplit(".", 1)[0] for path in material.paths))
            message = f"{material.row_labels[0]!r} is printed twice; the first is kept"
            notes.append(IngestNote("row.duplicate", rows, message))
            continue
        seen.update(material.paths)
        kept.append(material)
    return kept, notes


def _hybrid(table: Table, cells: dict[str, Resolved]) -> IngestNote | None:
    """A 2021 table printing （六）其他处理 as one row, as the 2019 format does."""
    group = f"{table.key}.{_HYBRID_GROUP}"
    rows = [row for row in table.rows if row.group == _HYBRID_GROUP]
    if not rows:
        return None
    printed = {row.role for row in rows if _printed(table, row, cells)}
    if printed != {"subtotal"}:
        return None
    message = (
        f"{table.group(_HYBRID_GROUP).zh} is printed as one row, as in the 2019 format: "
        f"kept as printed in {group}.subtotal; its three sub-rows are not reported"
    )
    return IngestNote("edition.hybrid", (group,), message)


def _printed(table: Table, row: Row, cells: dict[str, Resolved]) -> bool:
    return any(f"{table.key}.{row.key}.{column.key}" in cells for column in row.columns)


def _lay_out(  # noqa: PLR0913 - the row, where it goes, and the three things it adds to
    table: Table,
    row: Row,
    cells: dict[str, Resolved],
    *,
    out: dict[str, Any],
    provenance: list[CellSource],
    notes: list[IngestNote],
    hybrid: IngestNote | None,
) -> None:
    printed = _printed(table, row, cells)
    if not printed and not row.official:
        return
    if not printed and not (hybrid is not None and row.group == _HYBRID_GROUP):
        message = f"the row {row.zh} was not found in {table.heading}"
        notes.append(IngestNote("row.missing", (f"{table.key}.{row.key}",), message))
    target = out
    *parents, leaf = row.key.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    values: dict[str, Any] = {}
    for column in row.columns:
        path = f"{table.key}.{row.key}.{column.key}"
        cell = cells.get(path)
        if cell is None:
            cell = Resolved(None, _missing(path, row, column.zh))
        provenance.append(cell.source)
        values[column.key] = _wire(cell.value)
    target[leaf] = values


def _missing(path: str, row: Row, column: str) -> CellSource:
    return CellSource(
        path=path,
        state=CellState.MISSING,
        raw="",
        row_label=row.zh,
        column_label=column,
        position=None,
        reason="the row was not found",
    )


def _wire(value: int | Decimal | None) -> int | str | None:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def edition_notes(markers: dict[Any, tuple[str, ...]]) -> list[IngestNote]:
    """A note when the labels carry markers of both editions (FORMAT.md §7.1)."""
    if not all(markers.values()):
        return []
    listed = "; ".join(
        f"{which.value}: {', '.join(found)}" for which, found in sorted(markers.items())
    )
    message = f"labels of both editions were found ({listed}); the edition with more is used"
    return [IngestNote("edition.hybrid", (), message)]


def row_paths(table: Table, row: Row, columns: Sequence[str] | None = None) -> tuple[str, ...]:
    """The wire paths of a row's cells, in the given column order (the catalog's by default)."""
    keys = columns if columns is not None else [column.key for column in row.columns]
    return tuple(f"{table.key}.{row.key}.{key}" for key in keys)

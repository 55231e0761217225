"""A JSON Schema (draft 2020-12) of the JSON contract, built from the catalog."""

from __future__ import annotations

from typing import Any, Final

from .catalog import Edition, EditionSpec, Row, Table, ValueKind, edition
from .limits import MAX_AMOUNT_DIGITS, MAX_COUNT

__all__ = ["SCHEMA_ID", "json_schema"]

#: The ``$id`` of the exported schema.
SCHEMA_ID: Final = "https://gkdisclosure.readthedocs.io/schema/report.json"

_INTEGER: Final = {"type": ["integer", "null"], "minimum": -MAX_COUNT, "maximum": MAX_COUNT}
# At most MAX_AMOUNT_DIGITS digits, leading zeros of the whole part not counted: the lookahead
# refuses a first non-zero whole digit followed by as many more digits, or a fraction of one
# digit more after a whole part of zeros. ``(?!\n)``: Python's ``$`` also matches before a final
# newline, and jsonschema uses Python's ``re``; the library refuses "800.68\n".
_AMOUNT: Final = (
    rf"^-?(?!0*[1-9](?:\.?[0-9]){{{MAX_AMOUNT_DIGITS}}}|0*\.[0-9]{{{MAX_AMOUNT_DIGITS + 1}}})"
    r"[0-9]+(\.[0-9]+)?$(?!\n)"
)
_CELLS: Final[dict[ValueKind, dict[str, Any]]] = {
    ValueKind.COUNT: _INTEGER,
    ValueKind.SIGNED: _INTEGER,
    ValueKind.AMOUNT: {"type": ["string", "null"], "pattern": _AMOUNT},
}


def _row_schema(row: Row) -> dict[str, Any]:
    # A group's own line (``subtotal``) is optional in the model: null is "absent".
    return {
        "title": row.zh,
        "description": row.en,
        "type": ["object", "null"] if row.role == "subtotal" else "object",
        "additionalProperties": False,
        "properties": {
            column.key: {"title": column.zh, "description": column.en, **_CELLS[column.kind]}
            for column in row.columns
        },
    }


def _table_schema(table: Table) -> dict[str, Any]:
    """Nest the table's rows by their dotted keys (``withheld.state_secret``)."""
    schema: dict[str, Any] = {
        "title": table.heading,
        "description": table.en,
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {},
    }
    for row in table.rows:
        parent = schema
        *groups, leaf = row.key.split(".")
        for key in groups:
            group = table.group(key)
            parent = parent["properties"].setdefault(
                key,
                {
                    "title": group.zh,
                    "description": group.en,
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {},
                },
            )
        parent["properties"][leaf] = _row_schema(row)
    return schema


def _edition_schema(spec: EditionSpec) -> dict[str, Any]:
    return {
        # ``required``: without it a document lacking "edition" would match
        # every edition's condition and get every edition's tables' errors.
        "if": {
            "required": ["edition"],
            "properties": {"edition": {"const": spec.edition.value}},
        },
        "then": {
            "properties": {table.key: _table_schema(table) for table in spec.tables},
        },
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a report document, both editions.

    The schema says less than the library checks. A file that passes it
    may still be refused for: numbers such as ``1.0`` or ``1e2`` in count
    cells (JSON Schema calls them integers), a key twice in one object, a
    date that is not a real ``YYYY-MM-DD`` date (``format`` is checked only
    by validators asked to), a lone surrogate in a string, or a size over
    :data:`~gkdisclosure.converter.MAX_DOCUMENT_BYTES`.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gkdisclosure report",
        "description": "One government information-disclosure annual report: "
        "its edition, agency, year and three statutory tables.",
        "type": "object",
        "required": ["edition", "agency", "year"],
        "additionalProperties": False,
        "properties": {
            "edition": {"enum": [e.value for e in Edition]},
            "agency": {"type": "string", "pattern": r"\S"},
            "year": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
            "meta": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    "source_url": {"type": ["string", "null"]},
                    "published": {"type": ["string", "null"], "format": "date"},
                    "region": {"type": ["string", "null"]},
                    "level": {"type": ["string", "null"]},
                },
            },
            "proactive": {"type": ["object", "null"]},
            "requests": {"type": ["object", "null"]},
            "review_litigation": {"type": ["object", "null"]},
        },
        "allOf": [_edition_schema(edition(e)) for e in Edition],
    }

"""Decoding with msgspec against a schema per edition, where the ``fast`` extra installs it.

msgspec decodes a document and checks its counts in C as it parses: a
count is a JSON integer within :data:`~gkdisclosure.limits.MAX_COUNT`
(never ``true`` or ``1.0``), a row is an object, a row that may be left
out may be ``null``, an amount is a string of the contract's digits, the
edition is the schema's own. A document it accepts is read by the
edition's generated reader without testing each count again; the
agency, the year, amounts, dates and texts still go through the
contract's hooks. msgspec keeps the last value of a key given twice and
drops a key its schema does not know, and both leave the document with
more colons than the pairs read, so :func:`~gkdisclosure.loads` reads
such a document carefully, as it does with any other decoder. Anything
msgspec refuses is read carefully too, and the careful path says what is
wrong.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, Required, TypedDict

import attrs
from cattrs import Converter

from ..catalog import Edition
from ..limits import MAX_COUNT
from ..model import Meta, Report, ReviewLitigation
from ._generated import TABLES, report_reader
from ._hooks import ProblemError

__all__ = ["typed_reader"]


def typed_reader(conv: Converter) -> Callable[[str | bytes | bytearray], tuple[Report, int]] | None:
    """Return a reader of documents through msgspec, or ``None`` without msgspec.

    The reader tries the schema of each edition, 2021 first; it returns
    the report and the number of pairs of its objects, or raises.
    """
    try:
        import msgspec  # noqa: PLC0415 - optional, looked for once
    except ImportError:  # pragma: no cover - which branch runs depends on the extras installed
        return None
    count = Annotated[int, msgspec.Meta(ge=-MAX_COUNT, le=MAX_COUNT)]
    amount = Annotated[str, msgspec.Meta(pattern=r"\A-?[0-9]+(\.[0-9]+)?\Z")]
    scalars: dict[Any, Any] = {int: count, Decimal: amount, str: str, datetime.date: str}
    made: dict[type, Any] = {}

    def schema(cls: type) -> Any:
        if cls not in made:
            fields = {}
            for attribute in attrs.fields(attrs.resolve_types(cls)):
                kinds = typing.get_args(attribute.type) or (attribute.type,)
                (kind,) = [k for k in kinds if k is not type(None)]
                typed = schema(kind) if attrs.has(kind) else scalars[kind]
                fields[attribute.name] = typed | None if type(None) in kinds else typed
            made[cls] = _typed_dict(cls.__name__, fields)
        return made[cls]

    decoders = []
    for which in (Edition.E2021, Edition.E2019):
        proactive, requests = TABLES[which]
        fields: dict[str, Any] = {
            "edition": Required[Literal[which.value]],
            "agency": Required[str],
            "year": Required[count],
            "meta": schema(Meta) | None,
            "proactive": schema(proactive) | None,
            "requests": schema(requests) | None,
            "review_litigation": schema(ReviewLitigation) | None,
        }
        report = _typed_dict(f"Report{which.value}", fields)
        decoders.append((which, msgspec.json.Decoder(report).decode))
    refused = msgspec.ValidationError
    readers: dict[Edition, Callable[[Any], tuple[Report, int]]] = {}

    def read(document: str | bytes | bytearray) -> tuple[Report, int]:
        for which, decode in decoders:
            try:
                data = decode(document)
            except refused:
                continue
            reader = readers.get(which)
            if reader is None:  # generated when a report of the edition is first read
                reader = readers[which] = report_reader(which, conv, checked=True)
            return reader(data)
        raise ProblemError("not a report of either edition's schema")

    return read


def _typed_dict(name: str, fields: dict[str, Any]) -> Any:
    """A ``TypedDict`` whose keys may be left out unless marked ``Required``, made at run time."""
    make: Any = TypedDict
    return make(name, fields, total=False)

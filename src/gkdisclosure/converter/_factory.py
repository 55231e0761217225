"""The converter factory, and the careful pass that locates every problem by wire key."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..catalog import Edition
from ..errors import DataProblem, ReportDataError
from ..model import (
    Meta,
    NotProcessed,
    OtherHandling,
    Report,
    ReviewLitigation,
    Unavailable,
    Withheld,
)
from ._generated import TABLES, fast_structurer, report_reader
from ._hooks import ProblemError, agency, date, decimal, edition, integer, kind, string, year

__all__ = ["make_converter", "read_report"]

_REPORT_KEYS: Final = frozenset(a.name for a in attrs.fields(Report))
#: The groups of 表三 whose ``subtotal`` row is left out on output when absent.
_WITH_SUBTOTAL: Final = frozenset({Withheld, Unavailable, NotProcessed, OtherHandling})


def make_converter(*, detailed: bool = False) -> Converter:
    """Return a new converter for the JSON contract.

    Encoding decisions:

    - counts and years are JSON integers; ``true``/``false``, numbers with a
      fraction or exponent and numeric strings are refused;
    - an amount (:class:`~decimal.Decimal`) travels as a string of digits
      with an optional fraction (``"800.68"``); JSON numbers are refused
      because they lose precision;
    - the edition is the string ``"2019"`` or ``"2021"``; dates are
      ``"YYYY-MM-DD"``; strings must be strings;
    - unknown keys are refused everywhere;
    - a missing cell, row or block is not reported (``None`` or blank);
      ``subtotal`` and ``meta`` are left out on output when absent, every
      other key is always written;
    - the tables of a report are read as the classes of its edition.

    ``detailed=True`` collects every problem (slower); the functions of
    this module try the fast converter first and use a detailed one only
    to explain a failure.

    Used on its own, a converter raises cattrs' exceptions (or a
    ``ValueError``) for a bad document; :func:`from_dict` and :func:`loads`
    turn them into :exc:`~gkdisclosure.ReportDataError`. The fast
    converter structures the model's classes with generated code that
    checks cells inline: to change how cells are read, register hooks on a
    ``detailed=True`` converter, whose cells go through the ``int`` and
    :class:`~decimal.Decimal` hooks.
    """
    conv = Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(int, integer)
    conv.register_structure_hook(str, string)
    conv.register_structure_hook(Decimal, decimal)
    conv.register_structure_hook(Edition, edition)
    conv.register_structure_hook(datetime.date, date)
    conv.register_structure_hook_factory(
        lambda cls: attrs.has(cls) and cls is not Report,
        lambda cls: _object_structurer(cls, conv, detailed=detailed),
    )
    conv.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    # generated the first time a report is written, not when the converter is made
    conv.register_unstructure_hook_factory(
        lambda cls: cls in _WITH_SUBTOTAL,
        lambda cls: make_dict_unstructure_fn(cls, conv, subtotal=override(omit_if_default=True)),
    )
    conv.register_unstructure_hook_factory(
        lambda cls: cls is Meta,
        lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True),
    )
    conv.register_structure_hook(Report, _report_structurer(conv, detailed=detailed))
    conv.register_unstructure_hook(Report, _report_unstructurer(conv))
    return conv


def _object_structurer(cls: type, conv: Converter, *, detailed: bool) -> Callable[[Any, Any], Any]:
    generated = None if detailed else fast_structurer(cls, conv)
    if generated is not None:
        return generated
    structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
    )

    def structure_object(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise ProblemError(f"expected an object, got {kind(value)}")
        return structure(value, cls)

    return structure_object


def _report_unstructurer(conv: Converter) -> Callable[[Report], dict[str, Any]]:
    unstructure = conv.unstructure

    def unstructure_report(report: Report) -> dict[str, Any]:
        data: dict[str, Any] = {
            "edition": report.edition.value,
            "agency": report.agency,
            "year": report.year,
        }
        if report.meta is not None:
            data["meta"] = unstructure(report.meta, Meta)
        for name, table in (
            ("proactive", report.proactive),
            ("requests", report.requests),
            ("review_litigation", report.review_litigation),
        ):
            data[name] = None if table is None else unstructure(table, type(table))
        return data

    return unstructure_report


def read_report(conv: Converter, *, inline: bool = True) -> Callable[[Any], tuple[Report, int]]:
    """Return the fast pass's reader: a report and the pairs of its objects, or an exception.

    The reader generated for the document's edition reads the whole
    report (inline, or through ``conv``'s hooks); the count of pairs is
    what :func:`~gkdisclosure.loads` compares with the document's colons.
    """
    readers: dict[Edition, Callable[[Any], tuple[Report, int]]] = {}

    def read(data: Any) -> tuple[Report, int]:
        if not isinstance(data, dict):
            raise ProblemError(f"a report must be a JSON object, got {kind(data)}")
        which = edition(data.get("edition"), None)
        reader = readers.get(which)
        if reader is None:  # generated when a report of the edition is first read
            reader = readers[which] = report_reader(which, conv, inline=inline)
        return reader(data)

    return read


def _report_structurer(conv: Converter, *, detailed: bool) -> Callable[[Any, Any], Report]:
    if detailed:

        def explain_report(data: Any, _: Any) -> Report:
            if not isinstance(data, dict):
                raise ProblemError(f"a report must be a JSON object, got {kind(data)}")
            return _explain_report(conv, data)

        return explain_report
    readers: list[Callable[[Any], tuple[Report, int]]] = []

    def structure_report(data: Any, _: Any) -> Report:
        if not readers:  # generated the first time, when every hook it calls is registered
            readers.append(read_report(conv, inline=False))
        return readers[0](data)[0]

    return structure_report


def _explain_report(conv: Converter, data: dict[str, Any]) -> Report:
    """Structure a report, collecting every problem before raising."""
    errors: list[DataProblem] = []
    extra = sorted(str(key) for key in data.keys() - _REPORT_KEYS)
    errors.extend(DataProblem(key, "unknown key") for key in extra)
    values: dict[str, Any] = {}
    checks = (("edition", lambda v: edition(v, None)), ("agency", agency), ("year", year))
    for key, check in checks:
        if key not in data:
            errors.append(DataProblem(key, "required key is missing"))
            continue
        try:
            values[key] = check(data[key])
        except ProblemError as problem:
            errors.append(DataProblem(key, str(problem)))
    which = values.get("edition")
    classes: tuple[tuple[str, type], ...] = (
        ("meta", Meta),
        ("review_litigation", ReviewLitigation),
    )
    if which is not None:
        proactive, requests = TABLES[which]
        classes += (("proactive", proactive), ("requests", requests))
    for key, cls in classes:
        value = data.get(key)
        if value is None:
            continue
        try:
            values[key] = conv.structure(value, cls)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located DataProblem
            errors.extend(_located(exc, key, value))
    if errors:
        raise ReportDataError(tuple(sorted(errors, key=lambda e: e.path)))
    return Report(**values)


def _located(exc: BaseException, path: str, value: object) -> list[DataProblem]:
    """Turn a cattrs exception tree into errors located by dotted wire keys."""
    if isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        found: list[DataProblem] = []
        for sub, note in with_notes:
            sub_value = value.get(note.name) if isinstance(value, dict) else None
            found.extend(_located(sub, _join(path, note), sub_value))
        for sub in without_notes:
            found.extend(_located(sub, path, value))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = sorted(str(key) for key in exc.extra_fields)
        return [DataProblem(_join(path, key), "unknown key") for key in extra]
    if isinstance(exc, ProblemError):
        return [DataProblem(path, str(exc))]
    if not isinstance(value, dict):
        return [DataProblem(path, f"expected an object, got {kind(value)}")]
    return [DataProblem(path, f"cannot be read: {exc}")]  # pragma: no cover - defensive


def _join(path: str, note: AttributeValidationNote | str) -> str:
    name = note.name if isinstance(note, AttributeValidationNote) else note
    return f"{path}.{name}" if path else name

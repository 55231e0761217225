"""JSON in and out: the cattrs converter, strict hooks and wire-key error paths."""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .catalog import Edition
from .errors import DataError, ReportDataError
from .model import (
    Meta,
    NotProcessed,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
    Unavailable,
    Withheld,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "to_dict",
]

#: The largest document :func:`loads` and :func:`load` accept, in bytes (UTF-8).
#: A report is a few kilobytes; anything near this is not a report.
MAX_DOCUMENT_BYTES: Final = 4 * 1024 * 1024

_DECIMAL_WANTED = 'expected a decimal number written as a string like "800.68"'
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TABLES: Final = {
    Edition.E2019: (Proactive2019, Requests2019),
    Edition.E2021: (Proactive2021, Requests2021),
}
_REPORT_KEYS: Final = tuple(a.name for a in attrs.fields(Report))


class _ProblemError(ValueError):
    """A value of the wrong kind; the message is for people."""


def _integer(value: object, _: object) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool):
        raise _ProblemError(f"expected an integer, got {json.dumps(value)}")
    if isinstance(value, float):
        raise _ProblemError(f"expected an integer, got the number {value!r}")
    if isinstance(value, str):
        raise _ProblemError(f"expected an integer, got the string {value!r}")
    raise _ProblemError(f"expected an integer, got {_kind(value)}")


def _text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = f"\\u{ord(value[exc.start]):04x}"
        problem = f"not valid text: a lone surrogate {bad} at character {exc.start}"
        raise _ProblemError(problem) from None
    return value


def _string(value: object, _: object) -> str:
    if isinstance(value, str):
        return _text(value)
    raise _ProblemError(f"expected a string, got {_kind(value)}")


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, str) and _DECIMAL.match(value):
        return Decimal(value)
    if isinstance(value, str):
        raise _ProblemError(
            f'expected a decimal number written as a string like "800.68", got {value!r}'
        )
    raise _ProblemError(
        f'expected a decimal number written as a string like "800.68", got {_kind(value)}'
    )


def _edition(value: object, _: object) -> Edition:
    if isinstance(value, str) and value in Edition._value2member_map_:
        return Edition(value)
    choices = " or ".join(f'"{e.value}"' for e in Edition)
    raise _ProblemError(f"expected the edition {choices}, got {json.dumps(value)[:40]}")


def _date(value: object, _: object) -> datetime.date:
    if isinstance(value, str) and _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _ProblemError(f'expected a date written as "YYYY-MM-DD", got {json.dumps(value)[:40]}')


def _kind(value: object) -> str:
    """Name a JSON value the way a person reading the file would."""
    if value is None or isinstance(value, bool):
        kind = json.dumps(value)
    elif isinstance(value, Mapping):
        kind = "an object"
    elif isinstance(value, list | tuple):
        kind = "an array"
    elif isinstance(value, int | float):
        kind = f"the number {value!r}"
    elif isinstance(value, str):
        kind = f"the string {value!r}"
    else:
        kind = type(value).__name__
    return kind


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
    conv.register_structure_hook(int, _integer)
    conv.register_structure_hook(str, _string)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(Edition, _edition)
    conv.register_structure_hook(datetime.date, _date)
    conv.register_structure_hook_factory(
        lambda cls: attrs.has(cls) and cls is not Report,
        lambda cls: _object_structurer(cls, conv, detailed=detailed),
    )
    conv.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    for group in (Withheld, Unavailable, NotProcessed, OtherHandling):
        conv.register_unstructure_hook(
            group, make_dict_unstructure_fn(group, conv, subtotal=override(omit_if_default=True))
        )
    conv.register_unstructure_hook(
        Meta, make_dict_unstructure_fn(Meta, conv, _cattrs_omit_if_default=True)
    )
    conv.register_structure_hook(Report, _report_structurer(conv, detailed=detailed))
    conv.register_unstructure_hook(Report, _report_unstructurer(conv))
    return conv


_MISSING: Final = object()


def _fast_structurer(cls: type, conv: Converter) -> Callable[[Any, Any], Any]:
    """Generate a straight-line structuring function for a model class.

    The fast path of :func:`from_dict`: a cell costs one ``type()`` test
    instead of two hook calls. It accepts exactly what the detailed
    converter accepts; on anything else it raises and the detailed pass
    explains what was wrong.
    """
    attributes = attrs.fields(attrs.resolve_types(cls))
    namespace: dict[str, Any] = {
        "cls": cls,
        "known": frozenset(a.name for a in attributes),
        "decimal": _decimal,
        "ProblemError": _ProblemError,
        "MISSING": _MISSING,
    }
    lines = [
        "def structure(o, _):",
        "    if not isinstance(o, dict) or not o.keys() <= known:",
        "        raise ProblemError('not an object of this class')",
    ]
    for index, attribute in enumerate(attributes):
        value = f"v{index}"
        kinds = list(typing.get_args(attribute.type) or (attribute.type,))
        optional = type(None) in kinds
        (kind,) = [k for k in kinds if k is not type(None)]
        if kind is int:
            lines.append(f"    {value} = o.get({attribute.name!r})")
            lines.append(f"    if {value} is not None and type({value}) is not int:")
            lines.append("        raise ProblemError('not an integer')")
        elif kind is Decimal:
            lines.append(f"    {value} = o.get({attribute.name!r})")
            lines.append(f"    if {value} is not None: {value} = decimal({value}, None)")
        else:
            namespace[f"s{index}"] = conv.get_structure_hook(kind)
            default = attribute.default
            namespace[f"d{index}"] = (
                default.factory if isinstance(default, attrs.Factory) else lambda: None  # type: ignore[arg-type]  # attrs.Factory is a class at run time
            )
            lines.append(f"    {value} = o.get({attribute.name!r}, MISSING)")
            lines.append(f"    if {value} is MISSING: {value} = d{index}()")
            guard = f"{value} is not None" if optional else "True"
            lines.append(f"    elif {guard}: {value} = s{index}({value}, None)")
    arguments = ", ".join(f"{a.name}=v{index}" for index, a in enumerate(attributes))
    lines.append(f"    return cls({arguments})")
    code = "\n".join(lines) + "\n"
    exec(compile(code, f"<gkdisclosure structure {cls.__name__}>", "exec"), namespace)  # noqa: S102 - generated from the model's fields
    function: Callable[[Any, Any], Any] = namespace["structure"]
    return function


def _object_structurer(cls: type, conv: Converter, *, detailed: bool) -> Callable[[Any, Any], Any]:
    if not detailed and cls is not Meta:
        return _fast_structurer(cls, conv)
    structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
    )

    def structure_object(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _ProblemError(f"expected an object, got {_kind(value)}")
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


def _report_structurer(conv: Converter, *, detailed: bool) -> Callable[[Any, Any], Report]:
    structure = conv.structure

    def structure_report(data: Any, _: Any) -> Report:
        if not isinstance(data, dict):
            raise _ProblemError(f"a report must be a JSON object, got {_kind(data)}")
        if not detailed:
            edition = _edition(data["edition"], None)
            proactive, requests = _TABLES[edition]
            extra = data.keys() - _REPORT_KEYS
            if extra:
                raise _ProblemError(f"unknown keys {sorted(extra)}")
            meta = data.get("meta")
            table2 = data.get("proactive")
            table3 = data.get("requests")
            table4 = data.get("review_litigation")
            return Report(
                edition=edition,
                agency=_agency(data["agency"]),
                year=_year(data["year"]),
                meta=None if meta is None else structure(meta, Meta),
                proactive=None if table2 is None else structure(table2, proactive),
                requests=None if table3 is None else structure(table3, requests),
                review_litigation=None if table4 is None else structure(table4, ReviewLitigation),
            )
        return _explain_report(conv, data)

    return structure_report


def _agency(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return _text(value)
    if isinstance(value, str):
        raise _ProblemError("the agency must not be empty")
    raise _ProblemError(f"expected the agency's name as a string, got {_kind(value)}")


def _year(value: object) -> int:
    year = _integer(value, None)
    if year < 1:
        raise _ProblemError(f"expected a year such as 2021, got {year}")
    return year


def _explain_report(conv: Converter, data: dict[str, Any]) -> Report:
    """Structure a report, collecting every problem before raising."""
    errors: list[DataError] = []
    extra = sorted(str(key) for key in data.keys() - _REPORT_KEYS)
    errors.extend(DataError(key, "unknown key") for key in extra)
    values: dict[str, Any] = {}
    checks = (("edition", lambda v: _edition(v, None)), ("agency", _agency), ("year", _year))
    for key, check in checks:
        if key not in data:
            errors.append(DataError(key, "required key is missing"))
            continue
        try:
            values[key] = check(data[key])
        except _ProblemError as problem:
            errors.append(DataError(key, str(problem)))
    edition = values.get("edition")
    classes: tuple[tuple[str, type], ...] = (
        ("meta", Meta),
        ("review_litigation", ReviewLitigation),
    )
    if edition is not None:
        proactive, requests = _TABLES[edition]
        classes += (("proactive", proactive), ("requests", requests))
    for key, cls in classes:
        value = data.get(key)
        if value is None:
            continue
        try:
            values[key] = conv.structure(value, cls)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located DataError
            errors.extend(_located(exc, key, value))
    if errors:
        raise ReportDataError(tuple(sorted(errors, key=lambda e: e.path)))
    return Report(**values)


def _located(exc: BaseException, path: str, value: object) -> list[DataError]:
    """Turn a cattrs exception tree into errors located by dotted wire keys."""
    if isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        found: list[DataError] = []
        for sub, note in with_notes:
            sub_value = value.get(note.name) if isinstance(value, dict) else None
            found.extend(_located(sub, _join(path, note), sub_value))
        for sub in without_notes:
            found.extend(_located(sub, path, value))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = sorted(str(key) for key in exc.extra_fields)
        return [DataError(_join(path, key), "unknown key") for key in extra]
    if isinstance(exc, _ProblemError):
        return [DataError(path, str(exc))]
    if not isinstance(value, dict):
        return [DataError(path, f"expected an object, got {_kind(value)}")]
    return [DataError(path, f"cannot be read: {exc}")]  # pragma: no cover - defensive


def _join(path: str, note: AttributeValidationNote | str) -> str:
    name = note.name if isinstance(note, AttributeValidationNote) else note
    return f"{path}.{name}" if path else name


_FAST: Final = make_converter()
_DETAILED: Final = make_converter(detailed=True)


def from_dict(data: Any) -> Report:
    """Build a :class:`~gkdisclosure.Report` from the JSON contract's plain data.

    Raises :exc:`~gkdisclosure.ReportDataError` listing every problem.
    """
    try:
        return _FAST.structure(data, Report)
    except Exception:  # noqa: BLE001 - any failure: the detailed pass says what was wrong
        return _explain(data)


def _explain(data: Any) -> Report:
    """Structure with the detailed converter, turning every failure into a ReportDataError."""
    try:
        report = _DETAILED.structure(data, Report)
    except ReportDataError:
        raise
    except _ProblemError as problem:
        raise ReportDataError((DataError("", str(problem)),)) from None
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - defensive: no known path
        raise ReportDataError((DataError("", f"cannot be read: {exc}"),)) from None
    return report  # pragma: no cover - the fast pass failed where the detailed one did not


def to_dict(report: Report) -> dict[str, Any]:
    """Return the report as the JSON contract's plain data (dicts, lists, str, int, None)."""
    result: dict[str, Any] = _FAST.unstructure(report, Report)
    return result


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise _ProblemError(f"the key {twice!r} appears twice in one object")
    return obj


def _constant(name: str) -> Any:
    raise _ProblemError(f"{name} is not a number in JSON")


def _parse(document: str | bytes | bytearray) -> Any:
    """Decode and parse a JSON document; raise _ProblemError saying why it is not JSON."""
    try:
        # a byte-order mark is allowed and ignored (RFC 8259 §8.1): editors write one
        text = document if isinstance(document, str) else bytes(document).decode("utf-8-sig")
        return json.loads(
            text.removeprefix("\ufeff"), object_pairs_hook=_pairs, parse_constant=_constant
        )
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 text (byte {exc.start})"
    except json.JSONDecodeError as exc:
        problem = f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except _ProblemError as exc:
        problem = f"not JSON: {exc}"
    except ValueError:  # an integer longer than sys.get_int_max_str_digits()
        problem = "not JSON: a number has too many digits"
    except RecursionError:
        problem = "not a report: nested too deeply"
    raise _ProblemError(problem)


def loads(document: str | bytes | bytearray, *, source: str | None = None) -> Report:
    """Read a report from a JSON document (``str``, or UTF-8 ``bytes``).

    Raises :exc:`~gkdisclosure.ReportDataError` for anything that is not a
    valid report: not UTF-8, not JSON, larger than
    :data:`MAX_DOCUMENT_BYTES`, or not the contract.
    """
    if isinstance(document, str):
        size = len(document.encode("utf-8", "surrogatepass"))
    else:
        size = len(document)
    if size > MAX_DOCUMENT_BYTES:
        problem = f"the document is {size:,} bytes; a report is at most {MAX_DOCUMENT_BYTES:,}"
        raise ReportDataError((DataError("", problem),), source)
    try:
        data = _parse(document)
    except _ProblemError as problem:
        raise ReportDataError((DataError("", str(problem)),), source) from None
    try:
        return from_dict(data)
    except ReportDataError as exc:
        raise ReportDataError(exc.errors, source) from None


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a JSON file.

    Raises :exc:`OSError` if the file cannot be read and
    :exc:`~gkdisclosure.ReportDataError` if it is not a valid report.
    """
    path = Path(path)
    with path.open("rb") as stream:
        document = stream.read(MAX_DOCUMENT_BYTES + 1)
    return loads(document, source=str(path))


def dumps(report: Report) -> str:
    """Return the report as a JSON document: UTF-8 text, two-space indent, final newline."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def dump(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report to a JSON file, replacing it whole or not at all.

    The document goes to a new file beside the target, is flushed to disk,
    then renamed over it; a file that is replaced keeps its permissions.
    """
    path = Path(path)
    document = dumps(report).encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # 0o666 less the umask, like any new file; O_EXCL: never write through a link
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as stream:
            stream.write(document)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

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

from ._source import Source, open_source
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
_REPORT_KEYS: Final = frozenset(a.name for a in attrs.fields(Report))
_EDITIONS: Final = {e.value: e for e in Edition}


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
    if isinstance(value, str):
        found = _EDITIONS.get(value)
        if found is not None:
            return found
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


def _settable(cls: type) -> tuple[Any, ...] | None:
    """The slots' setters, if an instance may be built without ``__init__``.

    That holds for a slotted attrs class whose ``__init__`` only stores its
    arguments: no validator, converter or default to compute, no
    ``__attrs_pre_init__``/``__attrs_post_init__``, no cached hash. Then
    ``object.__new__`` and each slot's setter build an instance equal in
    every way to one from ``__init__``, at half the cost (``__init__`` of a
    frozen class goes through ``object.__setattr__`` for each field).
    """
    attributes = attrs.fields(cls)
    plain = all(
        a.init and a.validator is None and a.converter is None and a.alias == a.name
        for a in attributes
    )
    hooks = ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    slots = set(getattr(cls, "__slots__", ()))
    if not plain or any(hasattr(cls, hook) for hook in hooks):
        return None
    if slots - {"__weakref__"} != {a.name for a in attributes}:
        return None  # not slotted, or a slot __init__ fills itself (a cached hash)
    return tuple(cls.__dict__[a.name].__set__ for a in attributes)


def _fast_structurer(cls: type, conv: Converter) -> Callable[[Any, Any], Any]:
    """Generate a straight-line structuring function for a model class.

    The fast path of :func:`from_dict`: a cell costs one ``type()`` test
    instead of two hook calls; an object holding every key (what
    :func:`dumps` writes), or every key but ``subtotal``, is read by
    subscripts; the instance is built by :func:`_settable`'s setters
    where they exist. It accepts exactly what the detailed converter
    accepts; on anything else it raises and the detailed pass explains
    what was wrong.
    """
    attributes = attrs.fields(attrs.resolve_types(cls))
    names = [a.name for a in attributes]
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "known": frozenset(names),
        "ProblemError": _ProblemError,
        "MISSING": _MISSING,
    }
    # an exact dict with as many keys as the class has fields has them all
    lines = ["def structure(o, _):"]
    lines += _subscripts(f"type(o) is dict and len(o) == {len(names)}", names, "if")
    if "subtotal" in names:  # left out where a report did not print it
        test = f"type(o) is dict and len(o) == {len(names) - 1} and 'subtotal' not in o"
        lines += _subscripts(test, names, "elif", omitted="subtotal")
    lines.append("    elif isinstance(o, dict) and o.keys() <= known:")
    checks = []
    for index, attribute in enumerate(attributes):
        got, check = _field(index, attribute, conv, namespace)
        lines.append(f"        v{index} = {got}")
        checks += check
    lines += ["    else:", "        raise ProblemError('not an object of this class')", *checks]
    setters = _settable(cls)
    if setters is None:
        arguments = ", ".join(f"{name}=v{index}" for index, name in enumerate(names))
        lines.append(f"    return cls({arguments})")
    else:
        lines.append("    self = new(cls)")
        for index, setter in enumerate(setters):
            namespace[f"set{index}"] = setter
            lines.append(f"    set{index}(self, v{index})")
        lines.append("    return self")
    code = "\n".join(lines) + "\n"
    exec(compile(code, f"<gkdisclosure structure {cls.__name__}>", "exec"), namespace)  # noqa: S102 - generated from the model's fields
    function: Callable[[Any, Any], Any] = namespace["structure"]
    function.__doc__ = code
    return function


def _subscripts(test: str, names: list[str], keyword: str, omitted: str = "") -> list[str]:
    """Read every key by subscript; a missing one means an unknown one took its place."""
    reads = [
        f"            v{index} = {'MISSING' if name == omitted else f'o[{name!r}]'}"
        for index, name in enumerate(names)
    ]
    return [
        f"    {keyword} {test}:",
        "        try:",
        *reads,
        "        except KeyError:",
        "            raise ProblemError('an unknown key') from None",
    ]


def _field(
    index: int, attribute: attrs.Attribute[Any], conv: Converter, namespace: dict[str, Any]
) -> tuple[str, list[str]]:
    """How the partial branch gets a field's value, and the lines that check and convert it."""
    value, name = f"v{index}", attribute.name
    kinds = list(typing.get_args(attribute.type) or (attribute.type,))
    optional = type(None) in kinds
    (kind,) = [k for k in kinds if k is not type(None)]
    if kind is int:
        check = f"    if type({value}) is not int and {value} is not None:"
        return f"o.get({name!r})", [check, "        raise ProblemError('not an integer')"]
    if not attrs.has(kind):
        namespace[f"h{index}"] = conv.get_structure_hook(kind)
        namespace[f"k{index}"] = kind
        return f"o.get({name!r})", [
            f"    if {value} is not None: {value} = h{index}({value}, k{index})"
        ]
    namespace[f"s{index}"] = conv.get_structure_hook(kind)
    default: Any = attribute.default
    namespace[f"d{index}"] = (
        default.factory if isinstance(default, attrs.Factory) else lambda: None  # type: ignore[arg-type]  # attrs.Factory is a class at run time
    )
    guard = f"{value} is not None" if optional else "True"
    return f"o.get({name!r}, MISSING)", [
        f"    if {value} is MISSING: {value} = d{index}()",
        f"    elif {guard}: {value} = s{index}({value}, None)",
    ]


def _object_structurer(cls: type, conv: Converter, *, detailed: bool) -> Callable[[Any, Any], Any]:
    if not detailed:
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
            if not data.keys() <= _REPORT_KEYS:
                raise _ProblemError("unknown keys")
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
        report: Report = _STRUCTURE(data, Report)
    except Exception:  # noqa: BLE001 - any failure: the detailed pass says what was wrong
        return _explain(data)
    return report


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


#: The careful decoder: refuses a key given twice in one object, and NaN.
_CAREFUL: Final = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)
#: The quick decoder of the standard library: refuses NaN; a key given twice keeps its last value.
_QUICK: Final = json.JSONDecoder(parse_constant=_constant)


def _parse(document: str | bytes | bytearray) -> Any:
    """Decode and parse a JSON document; raise _ProblemError saying why it is not JSON."""
    try:
        # a byte-order mark is allowed and ignored (RFC 8259 §8.1): editors write one
        text = document if isinstance(document, str) else bytes(document).decode("utf-8-sig")
        return _CAREFUL.decode(text.removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 text (byte {exc.start})"
    except json.JSONDecodeError as exc:
        problem = (
            f"not JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"
        )
    except _ProblemError as exc:
        problem = f"not JSON: {exc}"
    except ValueError:  # an integer longer than sys.get_int_max_str_digits()
        problem = "not JSON: a number has too many digits"
    except RecursionError:
        problem = "not a report: nested too deeply"
    raise _ProblemError(problem)


def _quick_json(document: str | bytes | bytearray) -> Any:
    text = document if isinstance(document, str) else document.decode("utf-8")
    return _QUICK.decode(text)


def _decoder() -> Callable[[str | bytes | bytearray], Any]:
    """The quickest JSON decoder at hand: orjson (extra ``fast``), else the standard library's."""
    try:
        import orjson  # noqa: PLC0415 - optional, looked for once
    except ImportError:  # pragma: no cover - which branch runs depends on the extras installed
        return _quick_json
    decode: Callable[[str | bytes | bytearray], Any] = orjson.loads  # pragma: no cover
    return decode  # pragma: no cover


#: Decodes a document in the quick path of :func:`loads`; neither refuses a key given twice.
_DECODE: Final = _decoder()


def _pair_counter(edition: Edition) -> Callable[[dict[str, Any]], int]:
    """Generate a function counting the key-value pairs of a report's objects.

    It is straight-line code over the objects an edition's report can
    hold, and meant only for a document that structured without a
    problem: every value it meets where the model has a class is an
    object, ``null``, or absent.
    """
    proactive, requests = _TABLES[edition]
    classes = {"meta": Meta, "proactive": proactive, "requests": requests}
    classes["review_litigation"] = ReviewLitigation
    lines = ["def count(o):", "    n = len(o)"]
    names = iter(f"o{i}" for i in range(1, 1000))

    def visit(parent: str, children: Mapping[str, type], indent: str) -> None:
        for key, cls in children.items():
            name = next(names)
            lines.append(f"{indent}{name} = {parent}.get({key!r})")
            lines.append(f"{indent}if {name} is not None:")
            lines.append(f"{indent}    n += len({name})")
            hints = typing.get_type_hints(cls)
            visit(
                name,
                {a: _class_of(hints[a]) for a in hints if _class_of(hints[a])},
                indent + "    ",
            )

    visit("o", classes, "    ")
    lines.append("    return n")
    namespace: dict[str, Any] = {}
    code = "\n".join(lines) + "\n"
    exec(compile(code, f"<gkdisclosure pairs {edition.value}>", "exec"), namespace)  # noqa: S102 - generated from the model's fields
    count: Callable[[dict[str, Any]], int] = namespace["count"]
    count.__doc__ = code
    return count


def _class_of(hint: Any) -> Any:
    """The attrs class of a field's type hint (``X | None`` included), or ``None``."""
    kinds = [k for k in typing.get_args(hint) or (hint,) if attrs.has(k)]
    return kinds[0] if len(kinds) == 1 else None


_PAIRS: Final = {edition: _pair_counter(edition) for edition in Edition}
_STRUCTURE: Final = _FAST.get_structure_hook(Report)


def _read_quickly(document: str | bytes | bytearray) -> Report | None:
    r"""Read a valid report the quick way, or return ``None`` to read it carefully.

    The quick decoders keep the last value of a key given twice, so the
    document's pairs are counted instead: in JSON every ``:`` outside a
    string separates a key from its value, so a document without a key
    given twice has as many colons as its objects have pairs plus the
    colons inside its strings. Once the document is structured, its only
    strings that may hold a colon are the agency and the ``meta`` texts
    (keys, editions, amounts and dates cannot); where they do, a colon
    written ``\u003a`` would not be counted in the document, so a document
    holding such an escape is read carefully. Anything else amiss (not
    UTF-8, not JSON, not the contract, a byte-order mark) is also left to
    the careful path, which says what is wrong.
    """
    try:
        data = _DECODE(document)
        report: Report = _STRUCTURE(data, Report)
    except Exception:  # noqa: BLE001 - the careful path explains every failure
        return None
    meta = report.meta
    colons = report.agency.count(":")
    if meta is not None:
        texts = (meta.source_url, meta.region, meta.level)
        colons += sum(text.count(":") for text in texts if text is not None)
    if isinstance(document, str):
        escaped, found = colons and "\\u003" in document, document.count(":")
    else:
        escaped, found = colons and b"\\u003" in document, document.count(b":")
    if escaped or found != _PAIRS[report.edition](data) + colons:
        return None  # an escaped colon, or a key given twice
    return report


def loads(document: str | bytes | bytearray, *, source: str | None = None) -> Report:
    """Read a report from a JSON document (``str``, or UTF-8 ``bytes``).

    Raises :exc:`~gkdisclosure.ReportDataError` for anything that is not a
    valid report: not UTF-8, not JSON, larger than
    :data:`MAX_DOCUMENT_BYTES`, or not the contract.

    A valid document is read the quick way (with orjson where the ``fast``
    extra is installed); any other is read again carefully to say what is
    wrong with it. Both ways accept the same documents and give the same
    report.
    """
    if isinstance(document, str):
        # UTF-8 takes at most 4 bytes a character (3 for a lone surrogate)
        size = len(document)
        if size > MAX_DOCUMENT_BYTES // 4:
            size = len(document.encode("utf-8", "surrogatepass"))
    else:
        size = len(document)
    if size > MAX_DOCUMENT_BYTES:
        problem = f"the document is {size:,} bytes; a report is at most {MAX_DOCUMENT_BYTES:,}"
        raise ReportDataError((DataError("", problem),), source)
    report = _read_quickly(document)
    if report is not None:
        return report
    try:
        data = _parse(document)
    except _ProblemError as problem:
        raise ReportDataError((DataError("", str(problem)),), source) from None
    try:
        return from_dict(data)
    except ReportDataError as exc:
        raise ReportDataError(exc.errors, source) from None


def load(source: Source) -> Report:
    """Read a report from a JSON file.

    ``source`` follows the readers' one rule: a ``str`` or
    :class:`os.PathLike` is a path; ``bytes`` or a binary file object is
    the document; :class:`io.StringIO` holds the document as text.

    Raises :exc:`~gkdisclosure.IngestError` if the path cannot be read and
    :exc:`~gkdisclosure.ReportDataError` if it is not a valid report.
    """
    opened = open_source(source, limit=MAX_DOCUMENT_BYTES)
    return loads(opened.content, source=opened.name)


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

"""Documents and files: JSON text in, a report out, and back."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache, cached_property
from typing import Any, Final

from attrs import frozen
from cattrs import Converter

from .._source import Source, open_source
from .._writing import write_file
from ..errors import DataProblem, ReportDataError
from ..model import Report
from ._factory import make_converter, read_report
from ._hooks import ProblemError
from ._typed import typed_reader

__all__ = ["MAX_DOCUMENT_BYTES", "dump", "dumps", "from_dict", "load", "loads", "to_dict"]

#: The largest document :func:`loads` and :func:`load` accept, in bytes (UTF-8).
#: A report is a few kilobytes; anything near this is not a report.
MAX_DOCUMENT_BYTES: Final = 4 * 1024 * 1024


@frozen
class _Machinery:
    """The converters and generated code, built the first time a document is read.

    What only some documents need is built when first needed: the detailed
    converter (for a document that is not a valid report) and the reader
    of each edition.
    """

    fast: Converter
    #: The fast pass: a report and the number of key-value pairs of its objects.
    read: Callable[[Any], tuple[Report, int]]
    #: Decodes a document in the quick path of :func:`loads`; neither refuses a key given twice.
    decode: Callable[[str | bytes | bytearray], Any]
    #: Decodes and reads a document through msgspec (extra ``fast``), in place of the two above.
    typed: Callable[[str | bytes | bytearray], tuple[Report, int]] | None

    @cached_property
    def detailed(self) -> Converter:
        """The converter that explains every problem of a document that is not a report."""
        return make_converter(detailed=True)


@cache
def _machinery() -> _Machinery:
    fast = make_converter()
    return _Machinery(
        fast=fast, read=read_report(fast), decode=_decoder(), typed=typed_reader(fast)
    )


def from_dict(data: Any) -> Report:
    """Build a :class:`~gkdisclosure.Report` from the JSON contract's plain data.

    Raises :exc:`~gkdisclosure.ReportDataError` listing every problem.
    """
    try:
        report, _ = _machinery().read(data)
    except Exception:  # noqa: BLE001 - any failure: the detailed pass says what was wrong
        return _explain(data)
    return report


def _explain(data: Any) -> Report:
    """Structure with the detailed converter, turning every failure into a ReportDataError."""
    try:
        report = _machinery().detailed.structure(data, Report)
    except ReportDataError:
        raise
    except ProblemError as problem:
        raise ReportDataError((DataProblem("", str(problem)),)) from None
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - defensive: no known path
        raise ReportDataError((DataProblem("", f"cannot be read: {exc}"),)) from None
    return report  # pragma: no cover - the fast pass failed where the detailed one did not


def to_dict(report: Report) -> dict[str, Any]:
    """Return the report as the JSON contract's plain data (dicts, lists, str, int, None)."""
    result: dict[str, Any] = _machinery().fast.unstructure(report, Report)
    return result


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise ProblemError(f"the key {twice!r} appears twice in one object")
    return obj


def _constant(name: str) -> Any:
    raise ProblemError(f"{name} is not a number in JSON")


#: The careful decoder: refuses a key given twice in one object, and NaN.
_CAREFUL: Final = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)
#: The quick decoder of the standard library: refuses NaN; a key given twice keeps its last value.
_QUICK: Final = json.JSONDecoder(parse_constant=_constant)


def _parse(document: str | bytes | bytearray) -> Any:
    """Decode and parse a JSON document; raise ProblemError saying why it is not JSON."""
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
    except ProblemError as exc:
        problem = f"not JSON: {exc}"
    except ValueError:  # an integer longer than sys.get_int_max_str_digits()
        problem = "not JSON: a number has too many digits"
    except RecursionError:
        problem = "not a report: nested too deeply"
    raise ProblemError(problem)


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


def _read_quickly(document: str | bytes | bytearray) -> Report | None:
    r"""Read a valid report the quick way, or return ``None`` to read it carefully.

    The quick decoders keep the last value of a key given twice (and
    msgspec drops a key its schema does not know), so the document's
    pairs are counted instead: in JSON every ``:`` outside a
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
    machinery = _machinery()
    try:
        if machinery.typed is None:
            report, pairs = machinery.read(machinery.decode(document))
        else:
            report, pairs = machinery.typed(document)
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
    if escaped or found != pairs + colons:
        return None  # an escaped colon, or a key given twice
    return report


def loads(document: str | bytes | bytearray, *, source: str | None = None) -> Report:
    """Read a report from a JSON document (``str``, or UTF-8 ``bytes``).

    Raises :exc:`~gkdisclosure.ReportDataError` for anything that is not a
    valid report: not UTF-8, not JSON, larger than
    :data:`MAX_DOCUMENT_BYTES`, or not the contract.

    A valid document is read the quick way (with msgspec and its schema
    of each edition, or orjson, where the ``fast`` extra installs them);
    any other is read again carefully to say what is wrong with it. Both
    ways accept the same documents and give the same report.
    """
    if isinstance(document, str):
        # UTF-8 takes at most 4 bytes a character (3 for a lone surrogate)
        size = len(document)
        if size > MAX_DOCUMENT_BYTES // 4:
            size = len(document.encode("utf-8", "surrogatepass"))
    else:
        size = len(document)
    if size > MAX_DOCUMENT_BYTES:
        problem = (
            f"the document is {size:,} bytes; a report is at most {MAX_DOCUMENT_BYTES:,} "
            "(MAX_DOCUMENT_BYTES)"
        )
        raise ReportDataError((DataProblem("", problem),), source)
    report = _read_quickly(document)
    if report is not None:
        return report
    try:
        data = _parse(document)
    except ProblemError as problem:
        raise ReportDataError((DataProblem("", str(problem)),), source) from None
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
    Only an ordinary file is written: a folder, a FIFO, a device or a
    symbolic link raises :exc:`~gkdisclosure.OutputError` and is left as it
    is. A failure, an interrupt or SIGTERM leaves no temporary file behind.
    """
    write_file(path, dumps(report).encode("utf-8"))

"""From a path, a string or bytes to text: the size limit and the encoding."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeAlias

from ._result import IngestError, IngestNote, IngestResult

__all__ = ["MAX_INPUT_BYTES", "Source", "located", "read_source"]

#: The largest document the readers accept, in bytes (20 MiB). A report
#: page with its site chrome is a few hundred kilobytes.
MAX_INPUT_BYTES: Final = 20 * 1024 * 1024

#: What the readers accept: a path, the document as ``str``, or its bytes.
Source: TypeAlias = str | bytes | bytearray | memoryview | os.PathLike[str]

_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_SNIFF_BYTES: Final = 4096
# What a declared charset is read as: GB2312 and GBK pages are GB18030 (a superset).
_CODECS: Final = {
    "utf-8": "utf-8",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
}
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS: Final = ("utf-8", "gb18030")


def read_source(source: Source, *, markup: bool) -> tuple[str, str | None, list[IngestNote]]:
    """Return the document's text, its name (for paths) and notes about its encoding.

    A path (:class:`os.PathLike`) is read from disk (:exc:`OSError` if it
    cannot be); a ``str`` is the document itself, never a file name; bytes
    are decoded (see :func:`decode`).
    Raises :exc:`IngestError` for a document over :data:`MAX_INPUT_BYTES`
    and :exc:`TypeError` for anything else.
    """
    if isinstance(source, str):
        size = len(source.encode("utf-8", "surrogatepass"))
        _check_size(size, None)
        return source, None, []
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = None
    elif isinstance(source, os.PathLike):
        path = Path(source)
        with path.open("rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
        name = str(path)
    else:
        msg = f"expected a path, str or bytes, not {type(source).__name__}"
        raise TypeError(msg)
    _check_size(len(data), name)
    text, notes = decode(data, markup=markup)
    return text, name, notes


_LONGEST_PATH: Final = 260


def located(error: IngestError, source: Source, name: str | None) -> IngestError:
    """The error naming the file it is about; for a ``str`` that looks like a file name, a hint.

    A ``str`` is always the document itself, never opened as a path: text
    from the outside cannot make the reader open a local file.
    """
    reason = error.reason
    if (
        isinstance(source, str)
        and len(source) < _LONGEST_PATH
        and not any(char in source for char in "<\n")
    ):
        reason += " (a str is the document itself; to read a file, pass a pathlib.Path)"
    return IngestError(reason, error.source or name)


def _check_size(size: int, name: str | None) -> None:
    if size > MAX_INPUT_BYTES:
        reason = (
            f"the document is more than {MAX_INPUT_BYTES:,} bytes; "
            "a report page is at most a few megabytes"
        )
        raise IngestError(reason, name)


def decode(data: bytes, *, markup: bool) -> tuple[str, list[IngestNote]]:
    """Decode a document: byte-order mark, then the declared charset, then UTF-8, then GB18030.

    The charset is declared by ``<meta charset>`` (or ``http-equiv``) in
    the first 4 KiB of an HTML page. GB2312 and GBK are read as GB18030.
    When nothing decodes cleanly the encoding with the fewest damaged
    characters is used, with a note.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace"), []
    declared = _declared(data) if markup else None
    tried = [declared] if declared else []
    tried += [codec for codec in _FALLBACKS if codec != declared]
    for codec in tried:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        notes = []
        if declared and codec != declared:
            notes.append(
                IngestNote(
                    "encoding.mismatch",
                    (),
                    f"the page declares {declared} but is {codec}; read as {codec}",
                )
            )
        return text, notes
    best = min(tried, key=lambda codec: data.decode(codec, "replace").count("\ufffd"))
    text = data.decode(best, "replace")
    damaged = text.count("\ufffd")
    message = f"{damaged} bytes are not valid {best}; each was read as \ufffd"
    return text, [IngestNote("encoding.damaged", (), message)]


def _declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower().replace("_", "-")
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return _CODECS.get(canonical) or _CODECS.get(name)


#: What the readers say when the labels tell no edition apart.
NO_EDITION: Final = (
    "the edition cannot be told from the labels (none of the 2019 or 2021 markers was found); "
    "pass edition="
)


def guarded(
    read: Callable[[], IngestResult], source: Source, name: str | None, what: str
) -> IngestResult:
    """Run a reader, so that callers only ever see :exc:`IngestError`, located at the source.

    The last clause is a guard: the fuzz tests check that no input reaches it.
    """
    try:
        return read()
    except IngestError as error:
        raise located(error, source, name) from None
    except (  # pragma: no cover
        ValueError,
        LookupError,
        ArithmeticError,
        TypeError,
        RecursionError,
    ) as error:
        reason = f"the {what} could not be read ({type(error).__name__}: {error})"
        raise IngestError(reason, name) from error

"""From a source (a path, bytes, a file) to text: the size limit and the encoding."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Final

from .._source import Source, open_source
from ..limits import MAX_LINE_CHARS, MAX_TEXT_CHARS, MAX_TEXT_LINES
from ._result import IngestError, IngestNote, IngestResult

__all__ = ["MAX_INPUT_BYTES", "Source", "guarded", "read_source"]

#: The largest document the readers accept, in bytes (20 MiB). A report
#: page with its site chrome is a few hundred kilobytes.
MAX_INPUT_BYTES: Final = 20 * 1024 * 1024

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
    """Return the document's text, its file name (if any) and notes about its encoding.

    ``source`` follows the readers' one rule (see :mod:`gkdisclosure._source`):
    a ``str`` or :class:`os.PathLike` is a path, bytes and binary files are
    decoded (see :func:`decode`), a text file (:class:`io.StringIO`) is the
    text itself. Raises :exc:`IngestError` for a path that cannot be read
    or a document over :data:`MAX_INPUT_BYTES`, and
    :exc:`~gkdisclosure.ArgumentTypeError` for
    a source of any other type.
    """
    opened = open_source(source, limit=MAX_INPUT_BYTES)
    if isinstance(opened.content, str):
        _check_size(len(opened.content.encode("utf-8", "surrogatepass")), opened.name)
        return opened.content, opened.name, []
    _check_size(len(opened.content), opened.name)
    text, notes = decode(opened.content, markup=markup)
    return text, opened.name, notes


def check_lines(text: str, name: str | None) -> None:
    """Refuse a text with too many lines, or a line too long to be a report's.

    The limits are :data:`~gkdisclosure.limits.MAX_TEXT_LINES`,
    :data:`~gkdisclosure.limits.MAX_LINE_CHARS` and
    :data:`~gkdisclosure.limits.MAX_TEXT_CHARS`, checked in that order
    before the text is read as a report, in time linear in its length.
    """
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        reason = (
            f"the text has {lines:,} lines; a report has far fewer "
            f"(MAX_TEXT_LINES: {MAX_TEXT_LINES:,})"
        )
        raise IngestError(reason, name)
    start = 0
    while len(text) > MAX_LINE_CHARS and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            line = text.count("\n", 0, start) + 1
            reason = (
                f"line {line:,} is {end - start:,} characters long; a report's lines are far "
                f"shorter (MAX_LINE_CHARS: {MAX_LINE_CHARS:,})"
            )
            raise IngestError(reason, name)
        start = end + 1
    if len(text) > MAX_TEXT_CHARS:
        reason = (
            f"the text has {len(text):,} characters; a report has far fewer "
            f"(MAX_TEXT_CHARS: {MAX_TEXT_CHARS:,})"
        )
        raise IngestError(reason, name)


def _check_size(size: int, name: str | None) -> None:
    if size > MAX_INPUT_BYTES:
        reason = (
            f"the document is more than {MAX_INPUT_BYTES:,} bytes; "
            "a report page is at most a few megabytes (MAX_INPUT_BYTES)"
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


def guarded(read: Callable[[], IngestResult], name: str | None, what: str) -> IngestResult:
    """Run a reader, so that callers only ever see :exc:`IngestError`, located at the source.

    The last clause is a guard: the fuzz tests check that no input reaches it.
    """
    try:
        return read()
    except IngestError as error:
        raise IngestError(error.reason, error.source or name) from None
    except (  # pragma: no cover
        ValueError,
        LookupError,
        ArithmeticError,
        TypeError,
        RecursionError,
    ) as error:
        reason = f"the {what} could not be read ({type(error).__name__}: {error})"
        raise IngestError(reason, name) from error
    except MemoryError:  # pragma: no cover - the limits keep every document far from it
        reason = f"the {what} needs more memory than there is; a report needs a few megabytes"
        raise IngestError(reason, name) from None

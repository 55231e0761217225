"""What every reader accepts as its source, and how it is opened: one rule for all of them.

``str`` and :class:`os.PathLike` are paths; ``bytes``, ``bytearray``,
``memoryview`` and binary file objects are the document's content; a
text file object (:class:`io.StringIO`) is the document as text. This is
the rule of :func:`json.load` and ``pandas.read_*``, and it holds for
:func:`~gkdisclosure.load` and for every reader under ingest, so it sits
below both.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Protocol, TypeAlias, TypeVar

from attrs import frozen

from .errors import ArgumentTypeError, IngestError

__all__ = ["Opened", "Readable", "Source", "open_source"]

_T_co = TypeVar("_T_co", covariant=True)


class Readable(Protocol[_T_co]):
    """A file object: anything with ``read(size)``, as :func:`json.load` takes."""

    def read(self, size: int = ..., /) -> _T_co:
        """Up to ``size`` bytes (or characters) from where the file stands."""


#: What the readers accept: a path (``str`` or :class:`os.PathLike`), the
#: document's bytes or a binary file, or a text file (:class:`io.StringIO`).
Source: TypeAlias = (
    str | os.PathLike[str] | bytes | bytearray | memoryview | Readable[bytes] | Readable[str]
)

# A str longer than this, or holding one of these characters, is a document, not a file name.
_LONGEST_PATH: Final = 4096
_DOCUMENT_MARKS: Final = ("<", "\n", "{", "\x00")


@frozen
class Opened:
    """A source once opened: its content, and the name of the file it came from, if any.

    ``content`` is ``bytes``, or ``str`` for a text file object; it holds
    at most the limit asked for plus one, so that the caller can tell
    "too large" without reading a huge file whole.
    """

    content: bytes | str
    name: str | None


def open_source(source: Source, *, limit: int) -> Opened:
    """Read a source: a path from disk, bytes as they are, a file object from where it stands.

    At most ``limit + 1`` bytes (characters for a text file) are read.
    Raises :exc:`~gkdisclosure.IngestError` when a path cannot be opened
    (naming the path and why; for a ``str`` that looks like a document,
    saying to wrap it in :class:`io.StringIO`), and
    :exc:`~gkdisclosure.ArgumentTypeError` for
    a source of any other type.
    """
    if isinstance(source, str | os.PathLike):
        return _open_path(source, limit)
    if isinstance(source, bytes | bytearray | memoryview):
        return Opened(bytes(source), None)
    read = getattr(source, "read", None)
    if not callable(read):
        msg = (
            "expected a path (str or os.PathLike), bytes, or a file object, "
            f"not {type(source).__name__}"
        )
        raise ArgumentTypeError(msg)
    name = getattr(source, "name", None)
    name = name if isinstance(name, str) else None
    try:
        content = read(limit + 1)
    except OSError as error:
        raise IngestError(f"the file object cannot be read: {error}", name) from error
    if isinstance(content, bytes | bytearray | memoryview):
        return Opened(bytes(content), name)
    if isinstance(content, str):
        return Opened(content, name)
    msg = f"the file object's read() returned {type(content).__name__}, not bytes or str"
    raise ArgumentTypeError(msg)


def _open_path(source: str | os.PathLike[str], limit: int) -> Opened:
    try:
        path = Path(source)
        with path.open("rb") as stream:
            return Opened(stream.read(limit + 1), str(path))
    except (OSError, ValueError) as error:
        if isinstance(source, str) and _is_document(source):
            raise IngestError(_wrap_hint(source)) from None
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise IngestError(f"the file cannot be read ({why})", os.fspath(source)) from error


def _is_document(text: str) -> bool:
    """Whether a ``str`` that names no file is rather a document: long, markup, JSON, lines."""
    return len(text) > _LONGEST_PATH or any(mark in text for mark in _DOCUMENT_MARKS)


def _wrap_hint(text: str) -> str:
    shown = " ".join(text[:40].split())
    return (
        f"a str is a path, and {shown!r}… names no file and looks like a document: "
        "to read a str as the document, wrap it in io.StringIO"
    )

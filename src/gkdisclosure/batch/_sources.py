"""The reports of a batch: files, folders searched in name order, JSON Lines, standard input."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Final

from attrs import frozen

from ..converter import MAX_DOCUMENT_BYTES

__all__ = ["SUFFIXES", "Source", "iter_sources"]

#: The files a folder is searched for.
SUFFIXES: Final = (".json", ".jsonl", ".html", ".htm", ".txt", ".docx", ".doc", ".pdf")


@frozen
class Source:
    """One report to read: a file, or one line of a JSON Lines file.

    ``name`` says where it is (``"reports.jsonl:12"`` for line 12);
    ``text`` holds a JSON Lines line, ``path`` a file read where it is checked;
    ``error`` says why a source could not even be read as text.
    """

    name: str
    path: str | None = None
    text: str | None = None
    error: str | None = None

    def __reduce__(self) -> tuple[type[Source], tuple[str, str | None, str | None, str | None]]:
        # sent to the workers by the hundred: a tuple of fields pickles in a third of the time
        # of attrs' state dictionary
        return (Source, (self.name, self.path, self.text, self.error))


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Every report under the paths, lazily: files, folders (searched in name order), lines.

    A folder yields its ``.json``, ``.jsonl``, ``.html``, ``.htm``,
    ``.txt``, ``.docx``, ``.doc`` and ``.pdf`` files, depth first, leaving
    out names that start with a dot and not following links to folders; a
    folder that cannot be read and a symbolic link that leads nowhere
    (dangling, or a loop) are sources with an ``error``, so
    that nothing is skipped silently. A ``.jsonl`` file yields one source
    per non-blank line; any other file is one source. ``-`` reads JSON
    Lines from standard input.
    """
    for given in paths:
        path = Path(given)
        if str(given) == "-":
            yield from _lines("<stdin>", _stdin())
        elif path.is_dir():
            for found, error in _folder(path):
                if error is None:
                    yield from iter_sources([found])
                else:
                    yield Source(found, error=error)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _jsonl(path)
        else:
            yield Source(str(given), path=str(given))


def _folder(folder: Path) -> list[tuple[str, str | None]]:
    """The report files under a folder, with the entries that cannot be read and why, by name."""
    found: list[tuple[str, str | None]] = []

    def unreadable(error: OSError) -> None:
        found.append((str(error.filename), f"cannot read the folder: {error.strerror or error}"))

    for top, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(top, name)
            try:
                mode = path.stat().st_mode
            except OSError as error:  # a link that leads nowhere
                found.append((str(path), f"cannot read: {error.strerror or error}"))
                continue
            if path.suffix.lower() not in SUFFIXES:
                continue
            if stat.S_ISREG(mode):
                found.append((str(path), None))
            elif not stat.S_ISDIR(mode):  # reading a FIFO or a device would wait or never end
                found.append((str(path), "not an ordinary file (a FIFO, a device or a socket)"))
    return sorted(found, key=lambda item: Path(item[0]))


def _jsonl(path: Path) -> Iterator[Source]:
    """The lines of a JSON Lines file; one that cannot be read is one source that says why."""
    try:
        with path.open("rb") as stream:
            yield from _lines(str(path), stream)
    except OSError as error:
        yield Source(str(path), error=f"cannot read: {error.strerror or error}")


def _stdin() -> BinaryIO:
    import sys  # noqa: PLC0415 - only the command reads standard input

    return sys.stdin.buffer


#: How much of an overlong line is read at a time while it is skipped.
_SKIP: Final = 1024 * 1024


def _bounded(stream: BinaryIO) -> Iterator[bytes | None]:
    """Each line of a stream, or ``None`` for one longer than a document may be.

    An overlong line is read past in pieces, never held whole: memory stays
    bounded by :data:`~gkdisclosure.converter.MAX_DOCUMENT_BYTES` whatever
    the stream holds.
    """
    while line := stream.readline(MAX_DOCUMENT_BYTES + 1):
        if len(line) <= MAX_DOCUMENT_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_SKIP)) and not rest.endswith(b"\n"):
            pass
        yield None


def _lines(name: str, stream: BinaryIO) -> Iterator[Source]:
    """The non-blank lines of JSON Lines bytes; a line that cannot be a report says why."""
    for number, raw in enumerate(_bounded(stream), start=1):
        where = f"{name}:{number}"
        if raw is None:
            reason = (
                f"a line of more than {MAX_DOCUMENT_BYTES:,} bytes; a report is at most that "
                "(MAX_DOCUMENT_BYTES)"
            )
            yield Source(where, error=reason)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Source(where, error=f"not UTF-8 text (byte {error.start})")
            continue
        if line.strip():
            yield Source(where, text=line)

"""Writing a file whole or not at all: the one way the library and its command write output.

A file is written to a new temporary file beside it, flushed to disk and
renamed over the target, so that a reader sees the old file or the new
one, never a part. Only an ordinary file (or a name not yet taken) is
written: never a folder, a FIFO, a device or a socket, never the target of
a symbolic link (the link itself would be replaced by a file), and never a
file the output is made from. The temporary file is removed on any error,
on an interrupt and on SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from .errors import OutputError

__all__ = ["write_file"]


def write_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to ``path``, replacing the file whole or not at all.

    A file that is replaced keeps its permissions; a new one gets ``0o666``
    less the umask, like any new file. ``sources`` are the files the data
    was made from: writing over one of them (by the same name, another
    name or a hard link) is refused.

    Raises :exc:`~gkdisclosure.OutputError` for a path that is not to be
    written (empty, a folder, a special file, a symbolic link, a source)
    and :exc:`OSError` when the system refuses (no such folder, no room
    left, no permission).
    """
    name = os.fspath(path)
    target = Path(name)
    mode = _check_target(name, target, sources)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    with _removed_on_termination(temporary):
        # O_EXCL: never open an existing file or follow a link planted at this name
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temporary, flags, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            temporary.replace(target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    _sync_folder(target.parent)


def _check_target(name: str, target: Path, sources: Iterable[str | os.PathLike[str]]) -> int | None:
    """Refuse a path not to be written; return the permissions of the file it replaces."""
    if not name:
        raise OutputError(name, "the file name is empty (an unset variable?)")
    if name.endswith(("/", os.sep)) or target.name in {"", ".", ".."}:
        raise OutputError(name, "a folder, not a file")
    found = _lstat(name, target)
    if found is None:
        return None
    if stat.S_ISLNK(found.st_mode):
        raise OutputError(
            name, "a symbolic link: name the file it points to, or remove the link first"
        )
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(name, "a folder, not a file")
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(name, "not an ordinary file (a FIFO, a device or a socket)")
    for source in sources:
        with contextlib.suppress(OSError):
            if os.path.samestat(found, Path(source).stat()):
                raise OutputError(name, "the file the output is made from: choose another name")
    return stat.S_IMODE(found.st_mode)


def _lstat(name: str, target: Path) -> os.stat_result | None:
    """What is at the path now (a link itself, not what it points to), or ``None``."""
    try:
        return target.lstat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputError(name, "a part of the path is a file, not a folder") from None
    except ValueError:  # a NUL character, or a name the file system encoding cannot hold
        raise OutputError(name, "not a file name the system can open") from None


class _TerminatedError(BaseException):
    """SIGTERM arrived while a file was being written."""


@contextlib.contextmanager
def _removed_on_termination(temporary: Path) -> Iterator[None]:
    """Turn SIGTERM into an exception while writing, then end the process as SIGTERM would.

    Only in the main thread, and only where SIGTERM has its default action
    (an application that handles SIGTERM keeps its handler).
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def terminated(_number: int, _frame: FrameType | None) -> None:
        raise _TerminatedError

    signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    except _TerminatedError:
        temporary.unlink(missing_ok=True)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise  # pragma: no cover - the process ended with the signal
    finally:
        if signal.getsignal(signal.SIGTERM) is terminated:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened for reading
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that cannot sync a folder
        pass
    finally:
        os.close(fd)

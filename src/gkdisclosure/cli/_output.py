"""Writing the command's output files: whole or not at all, never over an input."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .._writing import write_file
from ..errors import OutputError


def write_output(path: str, text: str, *, sources: Sequence[str]) -> int:
    """Write a file whole or not at all, never over a source; 0, or 2 with one line said."""
    try:
        write_file(path, text.encode("utf-8"), sources=sources)
    except OutputError as exc:
        sys.stderr.write(f"gkdisclosure: cannot write to {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"gkdisclosure: {path}: cannot write: {exc.strerror or exc}\n")
        return 2
    return 0

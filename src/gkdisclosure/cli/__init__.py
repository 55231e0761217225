"""The ``gkdisclosure`` command: a thin shell over the public API.

Exit status: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or
unreadable input — always with a one-line reason, never a traceback.
"""

from __future__ import annotations

from ._main import main

__all__ = ["main"]

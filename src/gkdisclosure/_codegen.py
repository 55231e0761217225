"""Compile generated source into a function whose source tracebacks can show.

The converter's structuring functions and the rules' checkers are Python
written at run time. Each goes through :func:`compile_function`, which
registers its text with :mod:`linecache` under a unique file name (as
attrs' ``_make_method`` and cattrs' ``gen/_lc.py`` do), so a traceback,
``inspect.getsource`` and a debugger show the generated lines.
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Callable
from typing import Any, Final

__all__ = ["compile_function"]

_NUMBERS: Final = itertools.count(1)


def compile_function(
    source: str, name: str, what: str, namespace: dict[str, Any]
) -> Callable[..., Any]:
    """Compile ``source``, which defines the function ``name``, and return that function.

    ``what`` says what the code is for (``"rules: requests"``); with a
    serial number it makes the file name (``<gkdisclosure rules: requests #3>``)
    under which the source is registered with :mod:`linecache`. The
    function is defined in ``namespace``, which gives it its globals.
    Its ``__doc__`` is the source, for readers of ``help()``.
    """
    filename = f"<gkdisclosure {what} #{next(_NUMBERS)}>"
    code = compile(source, filename, "exec")
    # size, mtime None (never stale), lines, name: what linecache.checkcache keeps
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # noqa: S102 - the callers generate the code from the catalog and the model
    function: Callable[..., Any] = namespace[name]
    function.__doc__ = source
    return function

"""JSON in and out: the cattrs converter, strict hooks and wire-key error paths.

- :mod:`._hooks`: how one value is read, and how a bad one is named;
- :mod:`._factory`: :func:`make_converter`, and the careful pass that
  locates every problem by wire key;
- :mod:`._generated`: the straight-line structuring code of the fast pass;
- :mod:`._json`: documents and files (``loads``, ``load``, ``dumps``, ``dump``).
"""

from __future__ import annotations

from ._factory import make_converter
from ._json import MAX_DOCUMENT_BYTES, dump, dumps, from_dict, load, loads, to_dict

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

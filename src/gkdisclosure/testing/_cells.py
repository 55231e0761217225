"""Reading and replacing the values of a report by wire path."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

__all__ = ["read", "with_cell"]

_A = TypeVar("_A", bound=AttrsInstance)


def read(obj: object, path: str) -> Any:
    """The value at a dotted wire path (``None`` past a table or row that is absent)."""
    value: Any = obj
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def with_cell(obj: _A, path: str, value: object) -> _A:
    """A copy of ``obj`` with the value at the wire path ``path`` replaced by ``value``.

    ``obj`` is a :class:`~gkdisclosure.Report` or any table or row of one;
    ``path`` is a dotted wire path relative to it, as findings print them
    (``"requests.granted.natural_person"``), and names a cell, a row
    (``"requests.withheld.subtotal"``) or a table (``"review_litigation"``).
    Each level is rebuilt with ``attrs.evolve``, so the original is
    untouched and the report's own checks run. Nothing is checked about
    ``value``: planting a string, a negative count or ``None`` is the point
    of some tests.

    Raises :exc:`ValueError` if a part of the path names no field, or
    passes through a table or row that is ``None``.

    >>> from gkdisclosure import ApplicantCounts
    >>> with_cell(ApplicantCounts.zeros(), "total", 3).total
    3
    """
    parts = path.split(".")
    nodes: list[Any] = [obj]
    for depth, part in enumerate(parts):
        node = nodes[-1]
        if node is None or not attrs.has(type(node)):
            where = ".".join(parts[:depth])
            raise ValueError(f"no {path!r}: {where!r} is {node!r}, not a table or a row")
        if part not in attrs.fields_dict(type(node)):
            raise ValueError(f"no {path!r}: {type(node).__name__} has no field {part!r}")
        nodes.append(getattr(node, part))
    new: Any = value
    for node, part in zip(reversed(nodes[:-1]), reversed(parts), strict=True):
        new = attrs.evolve(node, **{part: new})
    changed: _A = new
    return changed

"""Reading and replacing a report's values by wire path, written once.

A wire path is the dotted chain of JSON keys that reaches a value
(``"requests.withheld.state_secret.natural_person"``), as findings print
them. Rules, diagnose, rendering, frames and the testing kit all read
and replace cells through these functions.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from ..catalog import Cell, edition
from ..errors import OptionError
from ._classes import TABLES, Report

__all__ = ["cells", "get", "replace"]

_A = TypeVar("_A", bound=AttrsInstance)


def get(obj: object, path: str) -> Any:
    """The value at a dotted wire path of ``obj``: a cell, a row or a table.

    ``None`` where the path passes through a table or row that is absent
    (``None``), as a cell that is not reported is ``None``.

    >>> from gkdisclosure import ApplicantCounts
    >>> get(ApplicantCounts.zeros(), "total")
    0
    """
    value: Any = obj
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def replace(obj: _A, path: str, value: object, *, build: bool = False) -> _A:
    """A copy of ``obj`` with the value at the wire path ``path`` replaced by ``value``.

    ``obj`` is a :class:`~gkdisclosure.Report` or any table or row of one;
    ``path`` is a dotted wire path relative to it and names a cell, a row
    (``"requests.withheld.subtotal"``) or a table (``"review_litigation"``).
    Each level is rebuilt with ``attrs.evolve``, so the original is
    untouched. Nothing is checked about ``value``.

    With ``build=True`` a table or row on the way that is ``None`` (absent)
    is made first, blank (every cell not reported), of the class the
    report's edition has for it; its other cells stay not reported.

    Raises :exc:`~gkdisclosure.OptionError` if a part of the path names no field, or
    passes through a table or row that is ``None`` (unless ``build``).

    >>> from gkdisclosure import ApplicantCounts, Report
    >>> replace(ApplicantCounts.zeros(), "total", 3).total
    3
    >>> report = Report(edition="2021", agency="某局", year=2022)
    >>> built = replace(report, "requests.withheld.subtotal.total", 4, build=True)
    >>> type(built.requests).__name__, built.requests.withheld.subtotal.total
    ('Requests2021', 4)
    >>> built.requests.received.total is None
    True
    """
    parts = path.split(".")
    nodes: list[Any] = [obj]
    for depth, part in enumerate(parts):
        node = nodes[-1]
        if node is None and build and depth:
            node = nodes[-1] = _blank(nodes[-2], parts[depth - 1])
        if node is None or not attrs.has(type(node)):
            where = ".".join(parts[:depth])
            raise OptionError(f"no {path!r}: {where!r} is {node!r}, not a table or a row")
        if part not in attrs.fields_dict(type(node)):
            raise OptionError(f"no {path!r}: {type(node).__name__} has no field {part!r}")
        nodes.append(getattr(node, part))
    new: Any = value
    for node, part in zip(reversed(nodes[:-1]), reversed(parts), strict=True):
        new = attrs.evolve(node, **{part: new})
    changed: _A = new
    return changed


def _blank(parent: Any, part: str) -> Any:
    """A blank table or row for the field ``part`` of ``parent``, which holds ``None``."""
    if isinstance(parent, Report) and part in {"proactive", "requests"}:
        proactive, requests = TABLES[parent.edition]
        return (proactive if part == "proactive" else requests)()
    return _field_class(type(parent), part)()


def _field_class(owner: type[Any], part: str) -> type[Any]:
    """The one attrs class a field of a table or row holds when it is not ``None``."""
    hint = typing.get_type_hints(owner)[part]
    (found,) = (option for option in typing.get_args(hint) if attrs.has(option))
    return typing.cast("type[Any]", found)


def cells(report: Report) -> Iterator[tuple[Cell, Any]]:
    """Every cell of the report's edition whose table and row the report holds, with its value.

    In the catalog's order; a cell that is not reported comes with ``None``;
    the cells of an absent table, or of a subtotal row the report does not
    print, are left out.
    """
    for cell in edition(report.edition).cells():
        row = get(report, f"{cell.table.key}.{cell.row.key}")
        if row is not None:
            yield cell, getattr(row, cell.column.key)

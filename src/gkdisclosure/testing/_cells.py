"""Replacing one value of a report by wire path, for tests."""

from __future__ import annotations

from typing import TypeVar

from attrs import AttrsInstance

from ..model import paths

__all__ = ["with_cell"]

_A = TypeVar("_A", bound=AttrsInstance)


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

    Raises :exc:`~gkdisclosure.OptionError` if a part of the path names no field, or
    passes through a table or row that is ``None``.

    >>> from gkdisclosure import ApplicantCounts
    >>> with_cell(ApplicantCounts.zeros(), "total", 3).total
    3
    """
    return paths.replace(obj, path, value)

"""Validating many reports: streaming, in constant memory, on every core.

:func:`validate_many` validates an iterable of reports and yields their
results in order, holding only a bounded window of reports at a time;
with ``jobs`` above 1 the window is spread over worker processes (reports,
findings and results pickle, so the same functions run under Dask or
Spark too). :func:`iter_sources` turns files, folders and JSON Lines into
:class:`Source` items, :func:`check_sources` reads and validates them
where they are read (in the workers), and :class:`Summary` adds up what
they found without keeping them.
"""

from __future__ import annotations

from ._check import Outcome, check_sources, validate_many
from ._check import Reader as Reader
from ._pool import cores as cores
from ._sources import SUFFIXES as SUFFIXES
from ._sources import Source, iter_sources
from ._summary import Summary

__all__ = [
    "Outcome",
    "Source",
    "Summary",
    "check_sources",
    "iter_sources",
    "validate_many",
]

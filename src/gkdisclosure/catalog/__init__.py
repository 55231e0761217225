"""The catalog: both editions of the format as data.

The single source of truth for keys, labels and label variants. The
model's field order, the JSON contract, the rules, rendering and label
matching all read it; nothing else in the library spells a label.
"""

from __future__ import annotations

from ._data import E2019, E2021, SECTIONS
from ._identities import PREVIOUS, TOTAL, Identity, Term, identities, series_identities
from ._indicators import INDICATORS, Indicator, IndicatorTerm
from ._spec import (
    Cell,
    Column,
    Edition,
    EditionSpec,
    Group,
    Row,
    Table,
    ValueKind,
    normalize_label,
)

__all__ = [
    "INDICATORS",
    "PREVIOUS",
    "SECTIONS",
    "TOTAL",
    "Cell",
    "Column",
    "Edition",
    "EditionSpec",
    "Group",
    "Identity",
    "Indicator",
    "IndicatorTerm",
    "Row",
    "Table",
    "Term",
    "ValueKind",
    "edition",
    "identities",
    "normalize_label",
    "series_identities",
]

_EDITIONS = {Edition.E2019: E2019, Edition.E2021: E2021}


def edition(which: Edition | str) -> EditionSpec:
    """Return the catalog of an edition, given as :class:`Edition` or ``"2019"``/``"2021"``.

    Raises :exc:`ValueError` for any other edition.
    """
    return _EDITIONS[Edition(which)]

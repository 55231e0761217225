"""Which statutory table a grid or a row of an HTML or Word table holds, by its labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..catalog import Edition
from ..catalog import vocabulary as vocab
from ._cells import is_value_like
from ._labels import TABLE_OF_SECTION, TableIndex, index, section_of, squeeze
from ._markup import Grid, GridCell

__all__ = ["KINDS", "Tables"]

KINDS: Final = ("proactive", "requests", "review_litigation")
_INFO_CONTENT: Final = squeeze(vocab.INFO_CONTENT)
# Header words of 表三 that other tables print too, or that open no table by themselves.
_SHARED_HEADERS: Final = frozenset({_INFO_CONTENT, squeeze(vocab.ORGANISATIONS)})
#: Two labels make a table; one may be chance.
_ENOUGH_LABELS: Final = 2
#: No label is this long; a layout table's cell is.
_LONGEST_LABEL: Final = 200


class Tables:
    """The labels of the three statutory tables of an edition, and what they tell of a grid."""

    def __init__(self, which: Edition) -> None:
        """Index the labels of each table of the edition."""
        self.indexes: dict[str, TableIndex] = {key: index(which, key) for key in KINDS}

    def classify(self, grid: Grid, current: str | None) -> str | None:
        """The statutory table a grid holds, by its labels; ``current`` for a headless half."""
        scores = dict.fromkeys(KINDS, 0)
        for cell in grid.cells:
            for kind in KINDS:
                scores[kind] += self._names(kind, cell.text)
        best = max(KINDS, key=lambda kind: scores[kind])
        if scores[best] >= _ENOUGH_LABELS:
            return best
        return current if scores[best] or _numbers_only(grid) else None

    def _names(self, kind: str, text: str) -> int:
        labels = self.indexes[kind]
        if len(text) > _LONGEST_LABEL:
            return 0
        found = (
            labels.match_row(text) is not None
            or labels.match_group(text) is not None
            or labels.is_header_word(text)
        )
        return int(found)

    def opened(self, cells: Sequence[GridCell]) -> str | None:
        """The table a row opens by itself: 表二's caption, 表三's corner, 表四's header.

        A section heading printed in a row opens its section ("" for one
        without a table).
        """
        for cell in cells:
            section = section_of(cell.text)
            if section is not None:
                return TABLE_OF_SECTION.get(section, "")
            text = squeeze(cell.text)
            proactive = self.indexes["proactive"]
            if proactive.match_group(cell.text) is not None or text == _INFO_CONTENT:
                return "proactive"
            if text in self.indexes["requests"].headers and text not in _SHARED_HEADERS:
                return "requests"
            review = self.indexes["review_litigation"]
            row = review.match_row(cell.text)
            if review.match_group(cell.text) is not None or (row and row.row.group):
                return "review_litigation"
        return None


def _numbers_only(grid: Grid) -> bool:
    """Whether a grid prints numbers and nothing else (a table with its header lost)."""
    return bool(grid.cells) and all(is_value_like(cell.text) for cell in grid.cells)

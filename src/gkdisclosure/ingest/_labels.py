"""Label matching on top of the catalog: normalisation, variants, headings and the edition.

The catalog matches a label after :func:`~gkdisclosure.catalog.normalize_label`.
Printed documents need a little more (FORMAT.md §6): Traditional-Chinese
mirrors, "1、" for "1.", a trailing parenthetical annotation, the
enumerator left out, a group label glued in front of a row's, a label
broken over two lines. Everything here reads the catalog's labels; the
few words it does not hold come from :mod:`gkdisclosure.catalog.vocabulary`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from itertools import chain, repeat
from typing import Final, TypeVar

from attrs import frozen

from ..catalog import SECTIONS, Column, Edition, EditionSpec, Group, Row, Table, edition
from ..catalog import vocabulary as vocab

__all__ = [
    "ColumnMatch",
    "LabelHit",
    "RowMatch",
    "TableIndex",
    "detect_edition",
    "index",
    "section_of",
    "squeeze",
    "squeeze_with_origins",
]

_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_ENUMERATOR: Final = vocab.ENUMERATOR
_TRAILING_NOTE: Final = re.compile(r"(?:\([^()]*\))+$")
_MIN_VARIANT: Final = 4
_T = TypeVar("_T")
_MIN_PREFIX: Final = 4
# Labels and cells are short; long texts (a layout cell) are not worth keeping.
_CACHED: Final = 256
#: Texts whose row match a table's index keeps (emptied when full).
_MATCHED_MAX: Final = 8192
#: The statutory table under each section heading (by its index in SECTIONS).
TABLE_OF_SECTION: Final = {1: "proactive", 2: "requests", 3: "review_litigation"}


def squeeze_with_origins(text: str) -> tuple[str, list[int]]:
    """Normalise text for matching, and give the index in ``text`` of each character kept.

    Per character: NFKC, white space and invisible characters dropped,
    curly quotes made straight, Traditional characters of the labels made
    Simplified, and "、" or "," right after a digit read as "." (the
    enumerator "1、").
    """
    known = _SQUEEZED
    new = set(text).difference(known)
    lookup = known.__getitem__
    if new:
        forms = {char: _squeeze_char(char) for char in new}
        if len(known) + len(forms) <= _SQUEEZED_MAX:
            known.update(forms)
        else:  # a text of many distinct characters: look them up beside the table
            lookup = {**known, **forms}.__getitem__
    # all in C: each character's form, and its index repeated once per character it gives
    forms_of_text = list(map(lookup, text))
    squeezed = "".join(forms_of_text)
    origins = list(chain.from_iterable(map(repeat, range(len(text)), map(len, forms_of_text))))
    if "、" in squeezed or "," in squeezed:
        squeezed = _ENUMERATOR_DOT.sub(".", squeezed)
    return squeezed, origins


#: Each character's normal form, kept as the characters are met (a page uses a few hundred).
_SQUEEZED: Final[dict[str, str]] = {}
_SQUEEZED_MAX: Final = 1 << 16
#: "、" or "," right after a digit: the enumerator "1、" read as "1.".
_ENUMERATOR_DOT: Final = re.compile(r"(?<=[0-9])[、,]")


def _squeeze_char(char: str) -> str:
    """One character normalised: what it stands for, without white space ("" to drop it)."""
    if char.isspace() or char in _INVISIBLE:
        return ""
    norm = unicodedata.normalize("NFKC", char).translate(_QUOTES).translate(vocab.TRADITIONAL)
    return "".join(part for part in norm if not part.isspace())


def squeeze(text: str) -> str:
    """Normalise text for matching (see :func:`squeeze_with_origins`)."""
    if len(text) > _CACHED:
        return squeeze_with_origins(text)[0]
    return _squeeze(text)


@functools.lru_cache(maxsize=8192)
def _squeeze(text: str) -> str:
    return squeeze_with_origins(text)[0]


def strip_note(label: str) -> tuple[str, str | None]:
    """Split a squeezed label into the label and a trailing parenthetical annotation."""
    match = _TRAILING_NOTE.search(label)
    if match is None or match.start() == 0:
        return label, None
    return label[: match.start()], match.group()


def strip_enumerator(label: str) -> str:
    """A squeezed label without its leading enumerator ("1.", "(三)", "四、")."""
    return _ENUMERATOR.sub("", label, count=1)


@frozen
class RowMatch:
    """A row found by its printed label; ``how`` says which variant matched."""

    row: Row
    how: str
    annotation: str | None = None


@frozen
class ColumnMatch:
    """A column found by its printed header; ``column`` is None for an extra column."""

    column: Column | None
    how: str


@frozen
class LabelHit:
    """What a squeezed label names: a row, a column, a group or a header word."""

    kind: str
    row: Row | None = None
    column: Column | None = None
    group: Group | None = None


class TableIndex:
    """Every label of one table of one edition, squeezed, with its variants."""

    def __init__(self, spec: EditionSpec, table: Table) -> None:
        """Index the labels of ``table`` (a table of ``spec``)."""
        self.spec = spec
        self.table = table
        #: What match_row found for each short text asked about (a page asks many times).
        self._matched: dict[str, RowMatch | None] = {}
        self.rows: dict[str, Row] = {}
        self.columns: dict[str, Column] = {}
        self.groups: dict[str, Group] = {}
        for row in table.rows:
            for label in row.labels:
                self.rows.setdefault(squeeze(label), row)
            for column in row.columns:
                for label in column.labels:
                    self.columns.setdefault(squeeze(label), column)
        for group in table.groups:
            for label in group.labels:
                self.groups[squeeze(label)] = group
        self.headers = {squeeze(vocab.INFO_CONTENT), squeeze(vocab.APPLICANTS)}
        self.headers.add(squeeze(vocab.ORGANISATIONS))
        if table.note:
            self.headers.add(squeeze(table.note))
        self.extra_columns = {squeeze(label) for label in vocab.ORGANISATIONS_SUBTOTAL}
        self._abridged_rows = _unique(
            {strip_note(k)[0]: r for k, r in self.rows.items()}, self.rows
        )
        self._short_rows = _unique(
            {strip_enumerator(k): r for k, r in self.rows.items()}, self.rows, minimum=_MIN_VARIANT
        )
        self._abridged_columns = _unique(
            {strip_note(k)[0]: c for k, c in self.columns.items()}, self.columns
        )

    def match_row(self, text: str) -> RowMatch | None:
        """The row a printed label names, trying the variants of FORMAT.md §6 in turn."""
        if text in self._matched:
            return self._matched[text]
        found = self._match_row(text)
        if len(text) <= _CACHED:
            if len(self._matched) >= _MATCHED_MAX:
                self._matched.clear()
            self._matched[text] = found
        return found

    def _match_row(self, text: str) -> RowMatch | None:
        label = squeeze(text)
        if not label:
            return None
        found = self._row_variant(label)
        if found is not None:
            return found
        bare, note = strip_note(label)
        found = self._row_variant(bare)
        if found is not None:
            return RowMatch(found.row, "annotated", note)
        for group in sorted(self.groups, key=len, reverse=True):
            if label.startswith(group) and len(label) > len(group):
                found = self._row_variant(label[len(group) :])
                if found is not None:
                    return RowMatch(found.row, "after-group", found.annotation)
        return None

    def _row_variant(self, label: str) -> RowMatch | None:
        for how, table in (
            ("exact", self.rows),
            ("abridged", self._abridged_rows),
            ("no-enumerator", self._short_rows),
        ):
            row = table.get(label)
            if row is not None:
                return RowMatch(row, how)
        return None

    def match_prefix(self, text: str, exclude: Iterable[str] = ()) -> tuple[Row, str] | None:
        """The one row whose label starts with this broken-off text, and the rest of the label."""
        label = squeeze(text)
        if len(strip_enumerator(label)) < _MIN_PREFIX:
            return None
        skip = set(exclude)
        found = {
            row.key: (row, key[len(label) :])
            for key, row in self.rows.items()
            if key.startswith(label) and len(key) > len(label) and row.key not in skip
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def match_group_prefix(self, text: str) -> tuple[Group, str] | None:
        """The one group whose label starts with this text (at least its enumerator)."""
        label = squeeze(text)
        if not label or not _ENUMERATOR.match(label):
            return None
        found = {
            group.key: (group, key[len(label) :])
            for key, group in self.groups.items()
            if key.startswith(label)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def match_column(self, text: str) -> ColumnMatch | None:
        """The column a printed header names; an extra subtotal column gives ``column=None``."""
        label = squeeze(text)
        if not label:
            return None
        if label in self.extra_columns:
            return ColumnMatch(None, "extra")
        column = self.columns.get(label)
        if column is not None:
            return ColumnMatch(column, "exact")
        bare = strip_note(label)[0]
        column = self.columns.get(bare) or self._abridged_columns.get(bare)
        return None if column is None else ColumnMatch(column, "abridged")

    def match_group(self, text: str) -> Group | None:
        """The group (block caption or merged row label) a printed label names."""
        return self.groups.get(squeeze(text))

    def is_header_word(self, text: str) -> bool:
        """Whether the text is a header word of the table that is no column label."""
        return squeeze(text) in self.headers

    def hits(self) -> dict[str, LabelHit]:
        """Every squeezed label of the table with what it names, for searching running text."""
        found: dict[str, LabelHit] = {}
        for label in self.headers:
            found[label] = LabelHit("header")
        for label in self.extra_columns:
            found[label] = LabelHit("extra-column")
        for label, column in self.columns.items():
            found[label] = LabelHit("column", column=column)
        for label, row in self._short_rows.items():
            found.setdefault(label, LabelHit("row", row=row))
        for label, group in self.groups.items():
            found[label] = LabelHit("group", group=group)
        for label, row in self.rows.items():
            hit = found.get(label)
            found[label] = LabelHit("row", row=row, group=hit.group if hit is not None else None)
        return found

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """A pattern finding any label of the table, the longest first."""
        labels = sorted(self.hits(), key=len, reverse=True)
        return re.compile("|".join(re.escape(label) for label in labels))


def _unique(variants: dict[str, _T], exact: dict[str, _T], minimum: int = 1) -> dict[str, _T]:
    """The variants that name one thing only and do not collide with an exact label."""
    counts: dict[str, set[int]] = {}
    for key, value in exact.items():
        for variant in {strip_note(key)[0], strip_enumerator(key)}:
            counts.setdefault(variant, set()).add(id(value))
    return {
        key: value
        for key, value in variants.items()
        if len(key) >= minimum and key not in exact and len(counts.get(key, ())) == 1
    }


@functools.cache
def index(which: Edition, table: str) -> TableIndex:
    """The label index of one table of one edition (built once)."""
    spec = edition(which)
    return TableIndex(spec, spec.table(table))


@frozen
class EditionGuess:
    """The edition the labels point to, and the markers of each edition found."""

    edition: Edition | None
    markers: dict[Edition, tuple[str, ...]]

    @property
    def hybrid(self) -> bool:
        """Whether markers of both editions were found."""
        return all(self.markers.values())


def detect_edition(texts: Iterable[str]) -> EditionGuess:
    """Detect the edition from table labels (FORMAT.md §7.1), never from the year.

    A marker counts when the squeezed text contains it; the edition with
    more markers wins, the 2021 edition on a tie.
    """
    joined = "\n".join(squeeze(text) for text in texts)
    markers = {
        which: tuple(m for m in edition(which).markers if squeeze(m) in joined) for which in Edition
    }
    counts = {which: len(found) for which, found in markers.items()}
    if not any(counts.values()):
        return EditionGuess(None, markers)
    best = Edition.E2021 if counts[Edition.E2021] >= counts[Edition.E2019] else Edition.E2019
    return EditionGuess(best, markers)


def _section_headings() -> dict[str, int]:
    found: dict[str, int] = {}
    for number, labels in enumerate(SECTIONS):
        for label in labels:
            found[squeeze(label)] = number
    for spec in (edition(which) for which in Edition):
        for number, table in enumerate(spec.tables, start=1):
            for label in table.labels:
                found[squeeze(label)] = number
    return found


#: Every known section heading, squeezed, with the index of its section.
SECTION_HEADINGS: Final = _section_headings()
_MAX_HEADING: Final = 40
_SHORTEST_HEADING: Final = 3


def section_of(text: str) -> int | None:
    """The section (0 for 一 … 5 for 六) a printed heading opens, or None.

    A known heading matches exactly; otherwise a short line opening with
    the section's numeral and naming its subject ("五、存在的主要问题及整改措施").
    """
    label = squeeze(text).lstrip("#*")
    number = SECTION_HEADINGS.get(label.rstrip("*"))
    if number is not None:
        return number
    if len(label) > _MAX_HEADING or len(label) < _SHORTEST_HEADING:
        return None
    if label[1] != vocab.SECTION_MARK:
        return None
    number = vocab.NUMERALS.find(label[0])
    words = vocab.SECTION_WORDS.get(number, ())
    return number if any(word in label for word in words) else None

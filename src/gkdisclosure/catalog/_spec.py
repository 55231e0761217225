"""The shapes of the catalog: editions, tables, rows, columns and cells as data."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator

from attrs import Factory, field, frozen

from ..errors import OptionError, UnknownKeyError


class Edition(enum.StrEnum):
    """An edition of the official report format.

    The value is the year of the notice that fixed it: ``"2019"`` for
    the 2019 notice (reports for 2019 and 2020), ``"2021"`` for the 2021
    notice (reports for 2021 onward).
    """

    E2019 = "2019"
    E2021 = "2021"

    @classmethod
    def _missing_(cls, value: object) -> Edition:
        choices = " or ".join(repr(e.value) for e in cls)
        raise OptionError(f"{value!r} is not a valid Edition: the editions are {choices}")


class ValueKind(enum.StrEnum):
    """What a cell holds."""

    #: A count: an integer, zero or more.
    COUNT = "count"
    #: A signed integer (the 2019 year-on-year change of item counts).
    SIGNED = "signed"
    #: A decimal amount of money, zero or more, carried as :class:`decimal.Decimal`.
    AMOUNT = "amount"


_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_ENUMERATOR = re.compile(r"^(\d+)[、,]")


def normalize_label(text: str) -> str:
    """Return the form of a printed label that the catalog matches on.

    Unicode NFKC (full-width to half-width punctuation), every kind of
    white space removed, curly quotes made straight, and a leading
    ``1、`` written as ``1.``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub("", text).translate(_QUOTES)
    return _ENUMERATOR.sub(r"\1.", text)


@frozen
class Column:
    """A column of a table: one value of every row it belongs to."""

    #: The wire key of the column (``"natural_person"``).
    key: str
    #: The official Chinese label, exactly as the format prints it.
    zh: str
    #: An English label.
    en: str
    #: What the column's cells hold.
    kind: ValueKind = ValueKind.COUNT
    #: Other spellings seen in published reports.
    aliases: tuple[str, ...] = ()
    #: The Chinese label messages use (the official one unless that is long).
    short_zh: str = field(default=Factory(lambda self: self.zh, takes_self=True), kw_only=True)
    #: The English label messages use.
    short_en: str = field(default=Factory(lambda self: self.en, takes_self=True), kw_only=True)

    @property
    def labels(self) -> tuple[str, ...]:
        """The official label first, then the variants seen in real reports."""
        return (self.zh, *self.aliases)


@frozen
class Group:
    """A label that spans several rows (a block caption or a merged row label).

    A group of 表三 may also be printed as a row of its own with numbers
    (a subtotal); :attr:`subtotal` names that row's key then.
    """

    #: The group's key (``"withheld"``, ``"item_1"``).
    key: str
    #: The official Chinese label.
    zh: str
    #: An English label.
    en: str
    #: Other spellings seen in published reports.
    aliases: tuple[str, ...] = ()
    #: The key of the group's subtotal row, for the groups of 表三.
    subtotal: str | None = None
    #: For a header spanning columns: the keys of the columns under it.
    columns: tuple[str, ...] = ()
    #: The Chinese label messages use (the official one unless that is long).
    short_zh: str = field(default=Factory(lambda self: self.zh, takes_self=True), kw_only=True)
    #: The English label messages use.
    short_en: str = field(default=Factory(lambda self: self.en, takes_self=True), kw_only=True)

    @property
    def labels(self) -> tuple[str, ...]:
        """The official label first, then the variants seen in real reports."""
        return (self.zh, *self.aliases)


@frozen
class Row:
    """A row of a table.

    ``key`` is the row's wire path inside its table (``"granted"``,
    ``"withheld.state_secret"``); ``official`` is false for rows the
    format does not print but real reports do (group subtotals).
    """

    #: The row's wire path inside its table.
    key: str
    #: The official Chinese label (for a subtotal row, its group's label).
    zh: str
    #: An English label.
    en: str
    #: The columns of the row, in printed order.
    columns: tuple[Column, ...]
    #: The key of the group the row sits in, if any.
    group: str | None = None
    #: What the row is for: ``"received"``, ``"carried_over"``, ``"outcome"``,
    #: ``"subtotal"``, ``"total"`` or ``"carried_forward"`` in 表三; ``"data"``
    #: in 表二 and 表四. The identities are derived from the roles.
    role: str = "data"
    #: False for rows the format does not print but real reports do.
    official: bool = True
    #: Other spellings seen in published reports.
    aliases: tuple[str, ...] = ()
    #: The Chinese label messages use: the official ordinals and a few of the label's words,
    #: "（六）1 逾期不补正" for "1.申请人无正当理由逾期不补正、…" under "（六）其他处理".
    short_zh: str = field(default=Factory(lambda self: self.zh, takes_self=True), kw_only=True)
    #: The English label messages use: "(6)1 overdue correction".
    short_en: str = field(default=Factory(lambda self: self.en, takes_self=True), kw_only=True)

    @property
    def labels(self) -> tuple[str, ...]:
        """The official label first, then the variants seen in real reports."""
        return (self.zh, *self.aliases)


@frozen
class Cell:
    """One value cell: its wire path and where it sits."""

    path: str
    table: Table
    row: Row
    column: Column


@frozen
class Table:
    """One statutory table of an edition (表二, 表三 or 表四)."""

    #: The table's wire key: ``"proactive"``, ``"requests"`` or ``"review_litigation"``.
    key: str
    #: The table's number in the report: ``"二"``, ``"三"`` or ``"四"``.
    number: str
    #: The section heading that titles the table.
    heading: str
    #: An English title.
    en: str
    #: The rows, in printed order (subtotal rows first in their group).
    rows: tuple[Row, ...]
    #: Labels that span rows: block captions, merged row labels.
    groups: tuple[Group, ...] = ()
    #: Other spellings of the heading seen in published reports.
    heading_aliases: tuple[str, ...] = ()
    #: The note in the corner of 表三, which states the ledger identity.
    note: str | None = None
    #: The first header cell of each block of 表二 (信息内容).
    corner: str | None = None
    #: The header over all the columns of 表三 (申请人情况).
    caption: str | None = None
    #: Headers that span some columns (表三: 法人或其他组织 over five).
    column_groups: tuple[Group, ...] = ()
    _rows_by_key: dict[str, Row] = field(init=False, repr=False, eq=False)
    _rows_by_label: dict[str, Row] = field(init=False, repr=False, eq=False)
    _columns_by_label: dict[str, Column] = field(init=False, repr=False, eq=False)
    _groups_by_key: dict[str, Group] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        rows: dict[str, Row] = {}
        by_label: dict[str, Row] = {}
        columns: dict[str, Column] = {}
        for row in self.rows:
            if row.key in rows:
                raise OptionError(f"{self.key}: row key {row.key!r} twice")
            rows[row.key] = row
            for label in row.labels:
                _index(by_label, normalize_label(label), row, f"{self.key} row")
            for column in row.columns:
                for label in column.labels:
                    known = columns.setdefault(normalize_label(label), column)
                    if known.key != column.key:
                        raise OptionError(f"{self.key}: column label {label!r} is two keys")
        _check_short(self.key, "rows", self.rows)
        _check_short(self.key, "columns", [c for row in self.rows for c in row.columns])
        object.__setattr__(self, "_rows_by_key", rows)
        object.__setattr__(self, "_rows_by_label", by_label)
        object.__setattr__(self, "_columns_by_label", columns)
        object.__setattr__(self, "_groups_by_key", {g.key: g for g in self.groups})

    @property
    def labels(self) -> tuple[str, ...]:
        """The section heading first, then the variants seen in real reports."""
        return (self.heading, *self.heading_aliases)

    def row(self, key: str) -> Row:
        """Return the row with this wire key; raise :exc:`~gkdisclosure.UnknownKeyError` if none."""
        try:
            return self._rows_by_key[key]
        except KeyError:
            raise UnknownKeyError(key, f"the rows of {self.key}") from None

    def group(self, key: str) -> Group:
        """Return the group with this key; raise :exc:`~gkdisclosure.UnknownKeyError` if none."""
        try:
            return self._groups_by_key[key]
        except KeyError:
            raise UnknownKeyError(key, f"the groups of {self.key}") from None

    def find_row(self, label: str) -> Row | None:
        """Return the row whose label (or a known variant) matches, after normalisation."""
        return self._rows_by_label.get(normalize_label(label))

    def find_column(self, label: str) -> Column | None:
        """Return the column whose label (or a known variant) matches, after normalisation."""
        return self._columns_by_label.get(normalize_label(label))

    def find_group(self, label: str) -> Group | None:
        """Return the group whose label (or a known variant) matches, after normalisation."""
        wanted = normalize_label(label)
        for group in self.groups:
            if any(normalize_label(text) == wanted for text in group.labels):
                return group
        return None

    def cells(self) -> Iterator[Cell]:
        """Every value cell of the table, row by row in printed order."""
        for row in self.rows:
            for column in row.columns:
                yield Cell(f"{self.key}.{row.key}.{column.key}", self, row, column)


def _check_short(table: str, what: str, items: Iterable[Row | Column]) -> None:
    """Messages name cells by their short labels: two rows (or columns) may not share one."""
    known: dict[str, str] = {}
    for item in items:
        for label in (item.short_zh, item.short_en):
            if known.setdefault(label, item.key) != item.key:
                raise OptionError(f"{table}: short label {label!r} of two {what}")


def _index(index: dict[str, Row], label: str, row: Row, what: str) -> None:
    known = index.setdefault(label, row)
    if known is not row:
        raise OptionError(f"{what} label {label!r} is both {known.key!r} and {row.key!r}")


@frozen
class EditionSpec:
    """One edition of the format: the notice that fixed it and its three tables."""

    edition: Edition
    notice: str
    title: str
    proactive: Table
    requests: Table
    review_litigation: Table
    markers: tuple[str, ...]
    _cells: dict[str, Cell] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        cells = {cell.path: cell for table in self.tables for cell in table.cells()}
        object.__setattr__(self, "_cells", cells)

    @property
    def tables(self) -> tuple[Table, Table, Table]:
        """表二, 表三 and 表四, in printed order."""
        return (self.proactive, self.requests, self.review_litigation)

    def table(self, key: str) -> Table:
        """Return the table with this key; raise :exc:`~gkdisclosure.UnknownKeyError` if none."""
        for table in self.tables:
            if table.key == key:
                return table
        raise UnknownKeyError(key, f"the tables of edition {self.edition.value}")

    def cell(self, path: str) -> Cell:
        """Return the cell at this wire path; raise :exc:`~gkdisclosure.UnknownKeyError` if none."""
        try:
            return self._cells[path]
        except KeyError:
            raise UnknownKeyError(path, f"the cells of edition {self.edition.value}") from None

    def cells(self) -> Iterator[Cell]:
        """Every value cell of the edition, table by table in printed order."""
        return iter(self._cells.values())

    def find_table(self, heading: str) -> Table | None:
        """Return the table whose section heading (or a known variant) matches."""
        wanted = normalize_label(heading)
        for table in self.tables:
            if any(normalize_label(text) == wanted for text in table.labels):
                return table
        return None

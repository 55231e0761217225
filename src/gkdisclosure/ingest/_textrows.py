"""The rows of a table read from text: each label, then the numbers printed after it.

:mod:`.text` turns a table's span into items — labels of the catalog,
tokens that look like cells, and other words — in reading order. The
walker here gives each row the tokens after its label. A Markdown pipe
row is one row of the table: its tokens never run into the next pipe row.

Whatever cannot be placed with certainty stays unplaced, with a note.
Numbers printed in a pipe row of their own, with no label (the label
printed elsewhere by the converter), are placed only when their
neighbours leave exactly as many rows without numbers as there are such
rows, in order; the identities must then confirm them (see
:mod:`._resolve`).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from attrs import define, field

from ..catalog import Column, Row, Table
from ._cells import is_annotation, label_unit
from ._grid import row_paths
from ._labels import LabelHit, TableIndex, squeeze
from ._material import Material
from ._readings import Piece
from ._result import IngestNote, Position
from ._textitems import Gathered, Item, Label, Token, Words
from ._textreview import Review

__all__ = ["Walker"]

#: A part of a label shorter than this names too many rows to tell which.
_MIN_FRAGMENT = 4
#: So many numbers before the first row label are a row's, not a stray figure of a heading.
_MIN_LEADING = 2


@define
class _Current:
    """The row being read: its label, and the tokens printed after it."""

    row: Row
    label: str
    position: Position
    pipe: int | None = None
    tentative: bool = False
    tokens: list[Token] = field(factory=list)

    def takes(self, token: Token) -> bool:
        """Whether the token can be this row's: it is in the row's pipe row, if it has one."""
        bound = self.pipe if self.pipe is not None else next((t.pipe for t in self.tokens), None)
        if bound is None and not self.tokens:
            return True
        return token.pipe == bound


@define
class _Floating:
    """Numbers printed in a pipe row with no label, and the parts of labels beside them."""

    pipe: int
    position: Position
    tokens: list[Token] = field(factory=list)
    fragments: list[str] = field(factory=list)


class _Rows:
    """表二 and 表三: rows found by their labels, each followed by its numbers."""

    def __init__(self, walker: Gathered, labels: TableIndex) -> None:
        self.walker = walker
        self.labels = labels
        self.table: Table = labels.table
        self.header: dict[str, str] = {}
        self.block: list[Column] = []
        self.in_header = False
        self.started = False
        self.current: _Current | None = None
        self.floating: _Floating | None = None
        self.rest: list[str] = []
        self.done: set[str] = set()
        # in reading order: the catalog index of each row read with numbers, or a label-less row
        self.sequence: list[int | _Floating] = []
        # rows whose label was printed with no number: their material's index and printed label
        self.dangling: dict[str, tuple[int, str]] = {}
        # numbers printed after the header, before any row label
        self.leading: list[Token] = []
        # the materials of this table, by index in the walker's
        self.mine: list[int] = []

    def read(self, items: Sequence[Item]) -> None:
        for item in items:
            if isinstance(item, Label):
                self._label(item)
            elif isinstance(item, Token):
                self._token(item)
            else:
                self._words(item)
        self._flush()
        self._refuse_if_shifted()
        self._place()

    def _refuse_if_shifted(self) -> None:
        """Refuse every row when each row's numbers come before its label.

        Numbers after the header and before the first row label, with the
        last row label followed by none, is how text prints a table whose
        numbers precede their labels (``pdftotext`` without ``-layout``):
        read label by label, every row would take the next row's numbers.
        """
        last = self.mine[-1] if self.mine else None
        ends_bare = any(index == last for index, _ in self.dangling.values())
        if len(self.leading) < _MIN_LEADING or not ends_bare:
            return
        printed = " ".join(token.text for token in self.leading)
        reason = (
            f"{printed!r} is printed before the first row label and the last row label is "
            "followed by no number: each row's numbers precede its label, so reading them "
            "after it would give every row the next row's numbers"
        )
        for index in self.mine:
            material = self.walker.materials[index]
            self.walker.materials[index] = attrs.evolve(material, refused=reason)
        self.dangling.clear()
        self.sequence.clear()

    def _label(self, item: Label) -> None:
        hit = item.hit
        if hit.kind == "row" and hit.row is not None:
            self._start(hit.row, item)
        elif hit.kind == "group" and hit.group is not None:
            self._flush()
            self.block = []
            self.in_header = False
            self.started = True
            self.rest = []
        elif hit.kind in {"column", "extra-column"} and (not self.started or self.in_header):
            if hit.column is not None:
                self.header.setdefault(hit.column.key, item.text)
                self.block.append(hit.column)
            else:
                self._note(
                    "column.extra", self.table.key, f"the column {item.text!r} is not in the format"
                )
        else:
            self._flush()
            if hit.kind == "header":
                self.block = []
                self.in_header = True

    def _start(self, row: Row, item: Label) -> None:
        """A row label: the tokens that follow are its cells (a group's own row only if any)."""
        self._flush()
        self.current = _Current(
            row, item.text, item.position, item.pipe, tentative=row.role == "subtotal"
        )
        self.in_header = False
        self.started = True

    def _token(self, item: Token) -> None:
        if self.current is not None and not self.current.takes(item):
            self._flush()
        if self.current is None:
            if item.pipe is not None and self.started:
                self._float(item.pipe, item.position).tokens.append(item)
            elif self.started:
                self._note(
                    "cells.unplaced", self.table.key, f"{item.text!r} follows no row label; ignored"
                )
            else:
                self.leading.append(item)
            return
        if is_annotation(item.text) and not self.current.tokens:
            path = f"{self.table.key}.{self.current.row.key}"
            self._note(
                "label.variant",
                path,
                f"{self.current.label!r} is followed by the annotation {item.text!r}, "
                "not part of the label",
            )
            return
        if is_annotation(item.text):
            last = self.current.tokens[-1]
            self.current.tokens[-1] = Token(last.text + item.text, last.position, last.pipe)
            return
        self.current.tokens.append(item)

    def _float(self, pipe: int, position: Position) -> _Floating:
        """The label-less pipe row being read, started anew at another pipe row."""
        if self.floating is None or self.floating.pipe != pipe:
            self._flush()
            self.floating = _Floating(pipe, position)
        return self.floating

    def _words(self, item: Words) -> None:
        broken = self.labels.match_prefix(item.text, self.done)
        if broken is not None:
            row, rest = broken
            label = Label(LabelHit("row", row=row), item.text, item.position, item.pipe)
            self._start(row, label)
            self.rest.append(rest)
            path = f"{self.table.key}.{row.key}"
            self._note(
                "label.broken", path, f"{item.text!r} is the start of {row.zh!r}, broken over lines"
            )
            return
        group = self.labels.match_group_prefix(item.text)
        if group is not None:
            self._flush()
            self.rest.append(group[1])
            self.started = True
            return
        if self._absorbed(item.text):
            return
        fragment = squeeze(item.text)
        if item.pipe is not None and self.started and self._rows_naming(fragment):
            if self.current is not None and self.current.pipe == item.pipe:
                return
            self._float(item.pipe, item.position).fragments.append(fragment)
            return
        if self.started:
            self._flush()
            self._note(
                "text.ignored",
                self.table.key,
                f"{' '.join(item.text.split())!r} is no label of {self.table.heading}; ignored",
            )

    def _rows_naming(self, fragment: str) -> set[str]:
        """The rows whose label holds this part of a label (none if it is too short)."""
        if len(fragment) < _MIN_FRAGMENT:
            return set()
        return {row.key for label, row in self.labels.rows.items() if fragment in label}

    def _absorbed(self, text: str) -> bool:
        """Whether the words are the rest of labels broken before them."""
        left = "".join(text.split())
        for rest in list(self.rest):
            if rest and left.startswith(rest):
                left = left[len(rest) :]
                self.rest.remove(rest)
        return not left and bool(text.strip())

    def _flush(self) -> None:
        floating = self.floating
        self.floating = None
        if floating is not None and floating.tokens:
            self.sequence.append(floating)
        current = self.current
        self.current = None
        if current is None or (current.tentative and not current.tokens):
            return
        row = current.row
        material = self._material(row, current.label, current.position, current.tokens)
        if current.tokens:
            self.sequence.append(self.table.rows.index(row))
            self.dangling.pop(row.key, None)
        elif row.key not in self.done:
            self.dangling[row.key] = (len(self.walker.materials), current.label)
        self.mine.append(len(self.walker.materials))
        self.walker.materials.append(material)
        self.walker.found.add(self.table.key)
        self.done.add(row.key)

    def _material(
        self,
        row: Row,
        label: str,
        position: Position,
        tokens: Sequence[Token],
        *,
        placed: bool = False,
    ) -> Material:
        columns = self._columns(row)
        paths = row_paths(self.table, row, [column.key for column in columns])
        pieces = tuple(Piece(token.text, token.position) for token in tokens)
        if not pieces:
            pieces = tuple(Piece("", position) for _ in columns)
        return Material(
            paths=paths,
            kinds=tuple(column.kind for column in columns),
            units=tuple(label_unit(column.zh) for column in columns),
            row_labels=(label,) * len(paths),
            column_labels=tuple(self.header.get(column.key, column.zh) for column in columns),
            pieces=pieces,
            bound=False,
            position=position,
            placed=placed,
        )

    def _place(self) -> None:
        """Give label-less pipe rows to the rows left without numbers between their neighbours.

        A run of such rows is placed only when the rows read before and after
        it leave exactly as many rows without numbers, each allowed by the
        parts of labels printed beside it; the rows are then taken in order.
        Otherwise the numbers stay unplaced, with a note.
        """
        rows = self.table.rows
        filled = {rows[entry].key for entry in self.sequence if isinstance(entry, int)}
        start = 0
        while start < len(self.sequence):
            if isinstance(self.sequence[start], int):
                start += 1
                continue
            end = start
            while end < len(self.sequence) and not isinstance(self.sequence[end], int):
                end += 1
            run = [entry for entry in self.sequence[start:end] if isinstance(entry, _Floating)]
            low = next((e for e in reversed(self.sequence[:start]) if isinstance(e, int)), -1)
            high = next((e for e in self.sequence[end:] if isinstance(e, int)), len(rows))
            open_rows = [
                row
                for row in rows[low + 1 : high]
                if row.key not in filled and row.role != "subtotal"
            ]
            if len(open_rows) == len(run) and all(
                self._allows(floating, row) for floating, row in zip(run, open_rows, strict=True)
            ):
                for floating, row in zip(run, open_rows, strict=True):
                    self._put(floating, row)
                    filled.add(row.key)
            else:
                for floating in run:
                    printed = " ".join(token.text for token in floating.tokens)
                    self._note(
                        "cells.unplaced",
                        self.table.key,
                        f"{printed!r} is printed with no row label, and its place cannot be "
                        "told from the rows around it; ignored",
                    )
            start = end

    def _allows(self, floating: _Floating, row: Row) -> bool:
        return all(row.key in self._rows_naming(fragment) for fragment in floating.fragments)

    def _put(self, floating: _Floating, row: Row) -> None:
        dangling = self.dangling.pop(row.key, None)
        label = dangling[1] if dangling is not None else "".join(floating.fragments)
        material = self._material(row, label, floating.position, floating.tokens, placed=True)
        if dangling is not None:
            self.walker.materials[dangling[0]] = material
        else:
            self.walker.materials.append(material)
        self.walker.found.add(self.table.key)
        self.done.add(row.key)

    def _columns(self, row: Row) -> list[Column]:
        """The row's columns in the order the block's header printed them, else the catalog's."""
        keys = [column.key for column in self.block]
        if (
            sorted(keys) == sorted(column.key for column in row.columns)
            and self.table.key == "proactive"
        ):
            by_key = {column.key: column for column in row.columns}
            return [by_key[key] for key in keys]
        return list(row.columns)

    def _note(self, code: str, path: str, message: str) -> None:
        self.walker.notes.append(IngestNote(code, (path,), message))


class Walker(Gathered):
    """Reads the items of each table's span into materials."""

    def table(self, labels: TableIndex, items: Sequence[Item]) -> None:
        """Read one table's items."""
        if labels.table.key == "review_litigation":
            Review(self, labels).read(items)
        else:
            _Rows(self, labels).read(items)

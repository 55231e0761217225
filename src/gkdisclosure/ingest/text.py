"""Read a report from plain text: PDF extractions and pages flattened by crawlers.

The text is searched for the section headings, then, within each table's
section, for the labels of the catalog, after normalisation and with
white space ignored — so a header broken one character per line, a
label split by a space or glued to the group label before it is still
found. Whatever lies between two labels is the printed material of the
first: numbers separated by tabs or spaces, or glued together. Page
numbers and running footers are blanked out first.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from attrs import define, field, frozen

from ..catalog import Column, Edition, EditionSpec, Row, Table, edition
from ..catalog import _vocabulary as vocab
from ._cells import is_annotation, is_value_like, label_unit
from ._decode import NO_EDITION, Source, guarded, read_source
from ._grid import NO_TABLE, assemble, edition_notes, identify, row_paths
from ._labels import (
    SECTION_HEADINGS,
    TABLE_OF_SECTION,
    LabelHit,
    TableIndex,
    detect_edition,
    index,
    section_of,
    squeeze,
    squeeze_with_origins,
)
from ._narrative import extract_narrative
from ._readings import Piece
from ._resolve import Material
from ._result import IngestError, IngestNote, IngestResult, Position

__all__ = ["read_text"]

_TOKEN: Final = re.compile(r"[^\s|]+")
_RULE: Final = re.compile(r"[-:=|+]+")


def read_text(
    source: Source,
    *,
    agency: str | None = None,
    year: int | None = None,
    edition: Edition | str | None = None,
    infer: bool = True,
) -> IngestResult:
    """Read a report from plain text (a PDF extraction, a crawler's flattened page).

    ``source`` is a path (``str`` or :class:`os.PathLike`), the text's
    bytes or a binary file (UTF-8 or GB18030, detected), or
    :class:`io.StringIO` holding the text. The options are those of
    :func:`~gkdisclosure.ingest.read_html`.

    Raises :exc:`IngestError` when the path cannot be read, no statutory
    table, no title or no edition can be found, or the text is too large.
    """
    which = None if edition is None else Edition(edition)
    text, name, notes = read_source(source, markup=False)
    given = (agency, year, which)
    return guarded(lambda: _read(text, name, notes, given, infer=infer), name, "text")


def _read(
    raw: str,
    name: str | None,
    notes: list[IngestNote],
    given: tuple[str | None, int | None, Edition | str | None],
    *,
    infer: bool,
) -> IngestResult:
    agency, year, which = given
    document = _Text(_unfurnish(raw))
    regions = document.regions()
    guess = detect_edition(document.squeezed[start:end] for start, end in regions.values())
    chosen = Edition(which) if which is not None else guess.edition
    if not regions:
        raise IngestError(NO_TABLE, name)
    if chosen is None:
        raise IngestError(NO_EDITION, name)
    spec = edition(chosen)
    walker = _Walker(spec, document)
    for kind, (start, end) in regions.items():
        walker.table(kind, start, end)
    agency, year = identify(document.text.splitlines(), agency, year, name)
    return assemble(
        spec=spec,
        agency=agency,
        year=year,
        materials=walker.materials,
        found=walker.found,
        notes=[*notes, *edition_notes(guess.markers), *walker.notes],
        narrative=extract_narrative([document.prose(regions.values())]),
        infer=infer,
        source=name,
    )


def _unfurnish(text: str) -> str:
    """Blank out page numbers and running footers, keeping every other character in place."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped and any(p.fullmatch(stripped) for p in vocab.PAGE_FURNITURE):
            lines[number] = " " * len(line)
    return "\n".join(lines)


@functools.cache
def _headings() -> re.Pattern[str]:
    labels = sorted(SECTION_HEADINGS, key=len, reverse=True)
    return re.compile("|".join(re.escape(label) for label in labels))


class _Text:
    """The text, its squeezed form with the origin of each character, and its lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.squeezed, self.origins = squeeze_with_origins(text)
        self.lines = [0]
        self.lines.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> Position:
        """The line and column (from 1) of an offset in the text."""
        line = bisect.bisect_right(self.lines, offset)
        return Position(None, line, offset - self.lines[line - 1] + 1)

    def raw(self, start: int, end: int) -> str:
        """The text behind squeezed characters ``start`` … ``end - 1``."""
        return self.text[self.origins[start] : self.origins[end - 1] + 1]

    def after(self, squeezed: int) -> int:
        """The text offset just after squeezed character ``squeezed - 1``."""
        return self.origins[squeezed - 1] + 1 if squeezed else 0

    def at(self, squeezed: int) -> int:
        """The text offset of squeezed character ``squeezed`` (the end, past the last)."""
        return self.origins[squeezed] if squeezed < len(self.origins) else len(self.text)

    def sections(self) -> list[tuple[int, int, int]]:
        """Every section heading: squeezed start, end, and the section's number."""
        found = {
            m.start(): (m.start(), m.end(), SECTION_HEADINGS[m.group()])
            for m in _headings().finditer(self.squeezed)
        }
        offset = 0
        for line in self.text.split("\n"):
            section = section_of(line) if line.strip() else None
            if section is not None:
                start = bisect.bisect_left(self.origins, offset)
                end = bisect.bisect_left(self.origins, offset + len(line))
                found.setdefault(start, (start, end, section))
            offset += len(line) + 1
        return sorted(found.values())

    def regions(self) -> dict[str, tuple[int, int]]:
        """The squeezed span of each statutory table: from its heading to the next heading.

        When a heading is printed more than once (a table of contents), the
        span holding the most labels of the table is taken. A table whose
        heading is missing starts at its first anchor label instead (a block
        caption of 表二, the corner note of 表三, the 起诉 headers of 表四).
        """
        headings = self.sections()
        present = {TABLE_OF_SECTION.get(section) for _, _, section in headings}
        for section, missing in TABLE_OF_SECTION.items():
            match = None if missing in present else _anchors(missing).search(self.squeezed)
            if match is not None:
                headings.append((match.start(), match.start(), section))
        headings.sort()
        best: dict[str, tuple[int, tuple[int, int]]] = {}
        for number, (_, end, section) in enumerate(headings):
            kind = TABLE_OF_SECTION.get(section)
            if kind is None:
                continue
            stop = next(
                (s for s, _, other in headings[number + 1 :] if other != section),
                len(self.squeezed),
            )
            hits = sum(1 for _ in _label_pattern(kind).finditer(self.squeezed, end, stop))
            if hits and hits > best.get(kind, (0, (0, 0)))[0]:
                best[kind] = (hits, (end, stop))
        return {kind: span for kind, (_, span) in sorted(best.items(), key=lambda i: i[1][1])}

    def prose(self, regions: Iterable[tuple[int, int]]) -> str:
        """The text with the tables' spans blanked out."""
        chars = list(self.text)
        for start, end in regions:
            if end > start:
                for offset in range(self.after(start), self.at(end)):
                    if chars[offset] != "\n":
                        chars[offset] = " "
        return "".join(chars)


@functools.cache
def _anchors(kind: str) -> re.Pattern[str]:
    """Labels that open a table by themselves, for a table printed without its heading."""
    labels: set[str] = set()
    for which in Edition:
        table = edition(which).table(kind)
        if kind == "proactive":
            labels.update(squeeze(label) for group in table.groups for label in group.labels)
        elif kind == "requests":
            labels.update({squeeze(table.note or ""), squeeze(vocab.APPLICANTS)})
            labels.update(squeeze(label) for label in table.rows[0].labels)
        else:
            labels.update(squeeze(text) for row in table.rows if row.group for text in row.labels)
    labels.discard("")
    return re.compile("|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True)))


@functools.cache
def _label_pattern(kind: str) -> re.Pattern[str]:
    """Any label of the table in either edition (to find its span before the edition is known)."""
    labels: set[str] = set()
    for which in Edition:
        labels.update(index(which, kind).hits())
    return re.compile("|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True)))


@frozen
class _Label:
    hit: LabelHit
    text: str
    position: Position


@frozen
class _Token:
    text: str
    position: Position


@frozen
class _Words:
    text: str
    position: Position


def _items(
    document: _Text, labels: TableIndex, start: int, end: int
) -> Iterator[_Label | _Token | _Words]:
    """The labels of a table's span in order, and the tokens and words between them."""
    hits = labels.hits()
    cursor = start
    for match in labels.pattern.finditer(document.squeezed, start, end):
        yield from _between(document, document.after(cursor), document.at(match.start()))
        text = document.raw(match.start(), match.end())
        yield _Label(
            hits[match.group()],
            " ".join(text.split()),
            document.position(document.at(match.start())),
        )
        cursor = match.end()
    yield from _between(document, document.after(cursor), document.at(end))


def _between(document: _Text, start: int, end: int) -> Iterator[_Token | _Words]:
    """Tokens of the text between two labels; words joined by single spaces stay together."""
    words: list[re.Match[str]] = []
    for match in _TOKEN.finditer(document.text, start, end):
        token = match.group()
        if _RULE.fullmatch(token) and token not in vocab.PLACEHOLDERS:
            continue
        if is_value_like(token) or is_annotation(token):
            yield from _words(document, words)
            words = []
            yield _Token(token, document.position(match.start()))
            continue
        if words and document.text[words[-1].end() : match.start()] != " ":
            yield from _words(document, words)
            words = []
        words.append(match)
    yield from _words(document, words)


def _words(document: _Text, words: Sequence[re.Match[str]]) -> Iterator[_Words]:
    if words:
        text = document.text[words[0].start() : words[-1].end()]
        yield _Words(text, document.position(words[0].start()))


@define
class _Current:
    """The row being read: its label, and the tokens printed after it."""

    row: Row
    label: str
    position: Position
    tentative: bool = False
    tokens: list[_Token] = field(factory=list)


class _Walker:
    """Reads the items of each table's span into materials."""

    def __init__(self, spec: EditionSpec, document: _Text) -> None:
        self.spec = spec
        self.document = document
        self.materials: list[Material] = []
        self.found: set[str] = set()
        self.notes: list[IngestNote] = []

    def table(self, kind: str, start: int, end: int) -> None:
        labels = index(self.spec.edition, kind)
        items = list(_items(self.document, labels, start, end))
        if kind == "review_litigation":
            _Review(self, labels).read(items)
        else:
            _Rows(self, labels).read(items)


class _Rows:
    """表二 and 表三: rows found by their labels, each followed by its numbers."""

    def __init__(self, walker: _Walker, labels: TableIndex) -> None:
        self.walker = walker
        self.labels = labels
        self.table: Table = labels.table
        self.header: dict[str, str] = {}
        self.block: list[Column] = []
        self.in_header = False
        self.started = False
        self.current: _Current | None = None
        self.rest: list[str] = []
        self.done: set[str] = set()

    def read(self, items: Sequence[_Label | _Token | _Words]) -> None:
        for item in items:
            if isinstance(item, _Label):
                self._label(item)
            elif isinstance(item, _Token):
                self._token(item)
            else:
                self._words(item)
        self._flush()

    def _label(self, item: _Label) -> None:
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

    def _start(self, row: Row, item: _Label) -> None:
        """A row label: the tokens that follow are its cells (a group's own row only if any)."""
        self._flush()
        self.current = _Current(row, item.text, item.position, tentative=row.role == "subtotal")
        self.in_header = False
        self.started = True

    def _token(self, item: _Token) -> None:
        if self.current is None:
            if self.started:
                self._note(
                    "cells.unplaced", self.table.key, f"{item.text!r} follows no row label; ignored"
                )
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
            self.current.tokens[-1] = _Token(last.text + item.text, last.position)
            return
        self.current.tokens.append(item)

    def _words(self, item: _Words) -> None:
        broken = self.labels.match_prefix(item.text, self.done)
        if broken is not None:
            row, rest = broken
            self._start(row, _Label(LabelHit("row", row=row), item.text, item.position))
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
        if self.started:
            self._flush()
            self._note(
                "text.ignored",
                self.table.key,
                f"{' '.join(item.text.split())!r} is no label of {self.table.heading}; ignored",
            )

    def _absorbed(self, text: str) -> bool:
        """Whether the words are the rest of labels broken before them."""
        left = "".join(text.split())
        for rest in list(self.rest):
            if rest and left.startswith(rest):
                left = left[len(rest) :]
                self.rest.remove(rest)
        return not left and bool(text.strip())

    def _flush(self) -> None:
        current = self.current
        self.current = None
        if current is None or (current.tentative and not current.tokens):
            return
        row = current.row
        columns = self._columns(row)
        paths = row_paths(self.table, row, [column.key for column in columns])
        pieces = tuple(Piece(token.text, token.position) for token in current.tokens)
        if not pieces:
            pieces = tuple(Piece("", current.position) for _ in columns)
        self.walker.materials.append(
            Material(
                paths=paths,
                kinds=tuple(column.kind for column in columns),
                units=tuple(label_unit(column.zh) for column in columns),
                row_labels=(current.label,) * len(paths),
                column_labels=tuple(self.header.get(column.key, column.zh) for column in columns),
                pieces=pieces,
                bound=False,
                position=current.position,
            )
        )
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


class _Review:
    """表四: a header naming three blocks of five results, then fifteen numbers."""

    def __init__(self, walker: _Walker, labels: TableIndex) -> None:
        self.walker = walker
        self.labels = labels
        self.table: Table = labels.table

    def read(self, items: Sequence[_Label | _Token | _Words]) -> None:
        order: list[str] = []
        printed: dict[str, str] = {}
        tokens: list[_Token] = []
        for item in items:
            if isinstance(item, _Label):
                if tokens:
                    break
                column = item.hit.column
                if (
                    column is not None
                    and len(order) < len(self.table.rows[0].columns)
                    and column.key not in order
                ):
                    order.append(column.key)
                    printed[column.key] = item.text
                if item.hit.row is not None:
                    printed[item.hit.row.key] = item.text
            elif isinstance(item, _Token):
                tokens.append(item)
            elif tokens:
                break
        if not tokens:
            return
        columns = {column.key: column for column in self.table.rows[0].columns}
        if sorted(order) != sorted(columns):
            order = list(columns)
        paths = tuple(
            f"{self.table.key}.{row.key}.{key}" for row in self.table.rows for key in order
        )
        self.walker.materials.append(
            Material(
                paths=paths,
                kinds=tuple(columns[key].kind for _ in self.table.rows for key in order),
                units=(None,) * len(paths),
                row_labels=tuple(
                    printed.get(row.key, row.zh) for row in self.table.rows for _ in order
                ),
                column_labels=tuple(
                    printed.get(key, columns[key].zh) for _ in self.table.rows for key in order
                ),
                pieces=tuple(Piece(token.text, token.position) for token in tokens),
                bound=False,
                position=tokens[0].position,
            )
        )
        self.walker.found.add(self.table.key)

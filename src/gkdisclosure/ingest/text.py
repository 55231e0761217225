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

from ..catalog import Edition, edition
from ..catalog import vocabulary as vocab
from ._cells import is_annotation, is_value_like
from ._decode import NO_EDITION, Source, check_lines, guarded, read_source
from ._grid import NO_TABLE, assemble, edition_notes, identify
from ._labels import (
    SECTION_HEADINGS,
    TABLE_OF_SECTION,
    TableIndex,
    detect_edition,
    index,
    section_of,
    squeeze,
    squeeze_with_origins,
)
from ._narrative import extract_narrative
from ._result import IngestError, IngestNote, IngestResult, Position
from ._textitems import Item, Label, Token, Words
from ._textrows import Walker

__all__ = ["read_text"]

_TOKEN: Final = re.compile(r"[^\s|]+")
_RULE: Final = re.compile(r"[-:=|+]+")
#: A Markdown pipe row: "| 规章 | 22 | 235 |".
_PIPE_ROW: Final = re.compile(r"\s*\|.*\|\s*")
#: The title is looked for among the first lines, up to this many joined.
_TITLE_LINES: Final = 12
_TITLE_WIDTH: Final = 3
#: The cells of 表四, printed in one row (the same in both editions).
_REVIEW_CELLS: Final = sum(
    len(row.columns) for row in edition(Edition.E2021).review_litigation.rows
)


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
    table, no title or no edition can be found, or the text is too large
    (:data:`~gkdisclosure.ingest.MAX_INPUT_BYTES`,
    :data:`~gkdisclosure.limits.MAX_TEXT_LINES`,
    :data:`~gkdisclosure.limits.MAX_LINE_CHARS`,
    :data:`~gkdisclosure.limits.MAX_TEXT_CHARS`).
    """
    which = None if edition is None else Edition(edition)
    text, name, notes = read_source(source, markup=False)
    check_lines(text, name)
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
    walker = Walker(spec)
    for kind, (start, end) in regions.items():
        labels = index(spec.edition, kind)
        walker.table(labels, list(_items(document, labels, start, end)))
    agency, year = identify(_title_lines(document.text), agency, year, name)
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


def _title_lines(text: str) -> Iterator[str]:
    """Where to look for the title: the first lines, alone and joined, then every line.

    A title printed over two or three lines ("淮安市人民政府" / "2024 年政府信息公开
    工作年度报告") is read from the first lines taken together; blank lines
    and page furniture between them do not count.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    head = lines[:_TITLE_LINES]
    for number in range(len(head)):
        for width in range(1, _TITLE_WIDTH + 1):
            if number + width <= len(head):
                yield "".join(head[number : number + width])
    yield from lines[_TITLE_LINES:]


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
        self.pipes = frozenset(
            number
            for number, line in enumerate(text.split("\n"), start=1)
            if _PIPE_ROW.fullmatch(line)
        )

    def pipe(self, position: Position) -> int | None:
        """The line of the Markdown pipe row holding this position, if it is in one."""
        return position.row if position.row in self.pipes else None

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
            if not hits and kind == "review_litigation" and self.bare_row(end, stop):
                hits = 1
            if hits and hits > best.get(kind, (0, (0, 0)))[0]:
                best[kind] = (hits, (end, stop))
        return {kind: span for kind, (_, span) in sorted(best.items(), key=lambda i: i[1][1])}

    def bare_row(self, start: int, end: int) -> bool:
        """Whether the span opens with a bare row of 表四's fifteen numbers, with no header."""
        for line in self.text[self.after(start) : self.at(end)].split("\n"):
            tokens = [t for t in _TOKEN.findall(line) if not _RULE.fullmatch(t)]
            if tokens:
                return len(tokens) == _REVIEW_CELLS and all(is_value_like(t) for t in tokens)
        return False

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


def _items(document: _Text, labels: TableIndex, start: int, end: int) -> Iterator[Item]:
    """The labels of a table's span in order, and the tokens and words between them."""
    hits = labels.hits()
    cursor = start
    for match in labels.pattern.finditer(document.squeezed, start, end):
        yield from _between(document, document.after(cursor), document.at(match.start()))
        text = document.raw(match.start(), match.end())
        offset = document.at(match.start())
        position = document.position(offset)
        yield Label(hits[match.group()], " ".join(text.split()), position, document.pipe(position))
        cursor = match.end()
    yield from _between(document, document.after(cursor), document.at(end))


def _between(document: _Text, start: int, end: int) -> Iterator[Token | Words]:
    """Tokens of the text between two labels; words joined by single spaces stay together."""
    words: list[re.Match[str]] = []
    for match in _TOKEN.finditer(document.text, start, end):
        token = match.group()
        if _RULE.fullmatch(token) and token not in vocab.PLACEHOLDERS:
            continue
        if is_value_like(token) or is_annotation(token):
            yield from _words(document, words)
            words = []
            position = document.position(match.start())
            yield Token(token, position, document.pipe(position))
            continue
        if words and document.text[words[-1].end() : match.start()] != " ":
            yield from _words(document, words)
            words = []
        words.append(match)
    yield from _words(document, words)


def _words(document: _Text, words: Sequence[re.Match[str]]) -> Iterator[Words]:
    if words:
        text = document.text[words[0].start() : words[-1].end()]
        position = document.position(words[0].start())
        yield Words(text, position, document.pipe(position))

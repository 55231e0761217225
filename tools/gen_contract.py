"""Regenerate the tables of the documentation that restate the library's data.

``docs/contract.md`` lists every key of each edition from the catalog;
``docs/rules.md`` lists every rule with its severities; ``docs/reference.md``
lists every command and option of the command line, from its parser, and
every limit the library holds its input to, from the constants. The tables sit
between marker comments::

    <!-- begin generated: 2021 -->
    ...
    <!-- end generated -->

Everything between a pair is rewritten; everything outside is left alone.
Run from anywhere::

    python tools/gen_contract.py           # rewrite the pages
    python tools/gen_contract.py --check   # exit 1 if one is out of date

``tests/test_docs.py`` runs the same code in memory, so the pages cannot
drift from the catalog and the rules.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from gkdisclosure.catalog import Column, Edition, EditionSpec, Row, Table, ValueKind, edition
from gkdisclosure.render import rule_text
from gkdisclosure.rules import PROFILES, RULES, SILENCED

DOCS = Path(__file__).resolve().parent.parent / "docs"

BEGIN = "<!-- begin generated: {name} -->"
END = "<!-- end generated -->"
#: A generated section: its begin marker (naming it), its body and its end marker.
SECTION = re.compile(
    r"(?P<begin><!-- begin generated: (?P<name>[^ ]+) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<end><!-- end generated -->)",
    re.DOTALL,
)

#: What each kind of cell holds and how it is written; ``null`` is always allowed too.
KINDS = {
    ValueKind.COUNT: "count: integer ≥ 0",
    ValueKind.SIGNED: "signed integer",
    ValueKind.AMOUNT: 'amount ≥ 0: decimal string such as `"800.68"`',
}

_TABLE_NAMES = {"proactive": "表二", "requests": "表三", "review_litigation": "表四"}


def _cell(text: str) -> str:
    """Escape text for a cell of a Markdown table."""
    return text.replace("|", "\\|")


def _code(keys: Iterable[str]) -> str:
    return ", ".join(f"`{key}`" for key in keys)


def _markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "|" + "---|" * len(header)
    for row in rows:
        yield "| " + " | ".join(_cell(text) for text in row) + " |"


def _columns(rows: Iterable[Row]) -> list[Column]:
    """The columns of some rows, each once, in printed order."""
    seen: dict[str, Column] = {}
    for row in rows:
        for column in row.columns:
            seen.setdefault(column.key, column)
    return list(seen.values())


def _columns_table(columns: Iterable[Column]) -> Iterator[str]:
    yield from _markdown_table(
        ("Cell key", "中文", "English", "Value", "Also printed as"),
        ((f"`{c.key}`", c.zh, c.en, KINDS[c.kind], "; ".join(c.aliases)) for c in columns),
    )


def _rows_table(table: Table, rows: Iterable[Row], *, grid: bool) -> Iterator[str]:
    """The rows: in a grid (表三, 表四) with the label they sit under, else with their cells."""
    header = ["Key", "中文", "English", "Under" if grid else "Cells", "Also printed as"]
    lines = []
    for row in rows:
        key = f"`{table.key}.{row.key}`" + ("" if row.official else " †")
        if grid:
            where = table.group(row.group).zh if row.group else ""
        else:
            where = _code(column.key for column in row.columns)
        lines.append((key, row.zh, row.en, where, "; ".join(row.aliases)))
    yield from _markdown_table(header, lines)
    if any(not row.official for row in rows):
        yield ""
        yield (
            "† Not in the official grid: the group's own line, which some reports print. "
            "Optional; left out of the file when absent."
        )


def _heading(table: Table, spec: EditionSpec) -> Iterator[str]:
    yield f"### {_TABLE_NAMES[table.key]} ({spec.edition.value}): `{table.key}`"
    yield ""
    yield f"{table.heading} — {table.en}."
    if table.heading_aliases:
        yield f"Also printed as: {'; '.join(table.heading_aliases)}."
    if table.note:
        yield f"Note printed in the table: {table.note}"
    yield ""


def _blocks(table: Table) -> Iterator[str]:
    """表二: one pair of tables (rows, then cells) per 第二十条 block."""
    for group in table.groups:
        rows = [row for row in table.rows if row.group == group.key]
        yield f"**{group.zh}** ({group.en})"
        yield ""
        yield from _rows_table(table, rows, grid=False)
        yield ""
        yield from _columns_table(_columns(rows))
        yield ""


def _grid(table: Table) -> Iterator[str]:
    """表三 and 表四: every row has the same cells; list the rows, then the cells once."""
    yield from _rows_table(table, table.rows, grid=True)
    yield ""
    yield f"Every row of `{table.key}` holds these cells:"
    yield ""
    yield from _columns_table(_columns(table.rows))
    yield ""


def render_edition(which: Edition | str) -> str:
    """Return the generated Markdown of one edition, without the marker comments."""
    spec = edition(which)
    lines = [
        f'Edition `"{spec.edition.value}"`: {spec.notice}, 《{spec.title}》.',
        "",
    ]
    for table in spec.tables:
        lines += _heading(table, spec)
        if table.key == "proactive":
            lines += _blocks(table)
        else:
            lines += _grid(table)
    return "\n".join(lines)


_SCOPES = {
    "identity": "Identities within one report",
    "report": "The report as a whole",
    "series": "Across two years (only with `previous=`)",
    "narrative": "The text against the tables (only with `narrative=`)",
}
_UNASSESSABLE = "unassessable"


def _severities(rule: str) -> str:
    return " / ".join(
        "off" if rule in SILENCED[profile] else PROFILES[profile][rule].value
        for profile in PROFILES
    )


def render_rules() -> str:
    """Return the generated Markdown of the rule catalogue, without the marker comments."""
    header = ("Rule", "Checks", "中文", "Severity: " + " / ".join(PROFILES))
    lines: list[str] = []
    for scope, caption in _SCOPES.items():
        rules = [rule for rule in RULES.values() if rule.scope == scope]
        lines += [f"**{caption}**", ""]
        rows = []
        for rule in rules:
            title, identity = rule_text(rule.id, "en")
            title_zh, identity_zh = rule_text(rule.id, "zh_CN")
            rows.append(
                (
                    f"`{rule.id}`",
                    f"{title} — {identity}",
                    f"{title_zh} — {identity_zh}",
                    _severities(rule.id),
                )
            )
        lines += [*_markdown_table(header, rows), ""]
    unknown = {rule.scope for rule in RULES.values()} - _SCOPES.keys()
    if unknown:
        raise ValueError(f"rules of an undocumented scope: {sorted(unknown)}")
    lines.append(
        f"An identity that cannot be checked because a cell is not reported is a finding of "
        f"status `unassessable`, whatever its rule, with severity {_severities(_UNASSESSABLE)}."
    )
    return "\n".join(lines)


def _invocation(formatter: argparse.HelpFormatter, action: argparse.Action) -> str:
    """How an option or argument is written: ``-o OUT, --output OUT``, ``--to {html,markdown}``."""
    text = formatter._format_action_invocation(action)  # noqa: SLF001 - argparse's own wording
    if action.nargs == "+":
        text += " ..."
    return text


def render_commands() -> str:
    """Return the generated Markdown of every command and option, from the command's parser."""
    from gkdisclosure.cli._main import _parser  # noqa: PLC0415 - only this section needs it

    parser = _parser()
    formatter = parser._get_formatter()  # noqa: SLF001 - to word options as --help does
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    lines = [
        "`gkdisclosure --version` prints the version; `gkdisclosure` alone prints the usage and",
        "the commands, and `gkdisclosure COMMAND --help` what follows.",
    ]
    helps = {choice.dest: choice.help for choice in commands._choices_actions}  # noqa: SLF001
    for name, command in commands.choices.items():
        usage = " ".join(command.format_usage().removeprefix("usage: ").split())
        lines += ["", f"### `gkdisclosure {name}`", "", f"{_cell(helps[name] or '')}.", ""]
        lines += ["```text", usage, "```"]
        rows = [
            (f"`{_invocation(formatter, action)}`", action.help or "")
            for action in command._actions  # noqa: SLF001
            if action.help != argparse.SUPPRESS and "-h" not in action.option_strings
        ]
        if rows:
            lines += ["", *_markdown_table(("Argument", "Meaning"), rows)]
    return "\n".join(lines)


def render_limits() -> str:
    """Return the generated Markdown of every limit, with its value read from the library.

    Raises :exc:`LookupError` when a limit of :mod:`gkdisclosure.limits` is not in the table.
    """
    from gkdisclosure import limits  # noqa: PLC0415
    from gkdisclosure.converter import MAX_DOCUMENT_BYTES  # noqa: PLC0415
    from gkdisclosure.ingest import (  # noqa: PLC0415
        MAX_DOCX_ENTRIES,
        MAX_DOCX_UNPACKED_BYTES,
        MAX_INPUT_BYTES,
        MAX_PDF_BYTES,
        MAX_PDF_PAGES,
    )
    from gkdisclosure.ingest import _markup as markup  # noqa: PLC0415

    rows = [
        ("MAX_DOCUMENT_BYTES", f"{MAX_DOCUMENT_BYTES:,} bytes",
         "a JSON document, and a line of JSON Lines (refused unread)"),
        ("MAX_COUNT", f"{limits.MAX_COUNT:,}",
         "a count, a signed count or a year, in absolute value"),
        ("MAX_AMOUNT_DIGITS", f"{limits.MAX_AMOUNT_DIGITS} digits",
         "an amount, leading zeros of its whole part not counted"),
        ("MAX_INPUT_BYTES", f"{MAX_INPUT_BYTES:,} bytes",
         "an HTML page, a text or a Word file, read no further"),
        ("MAX_TEXT_LINES", f"{limits.MAX_TEXT_LINES:,} lines", "a text given to `read_text`"),
        ("MAX_TEXT_CHARS", f"{limits.MAX_TEXT_CHARS:,} characters",
         "a text given to `read_text`"),
        ("MAX_LINE_CHARS", f"{limits.MAX_LINE_CHARS:,} characters",
         "a line of a text given to `read_text`"),
        ("MAX_ELEMENTS", f"{limits.MAX_ELEMENTS:,} start tags",
         "a page, counted as it is parsed"),
        ("MAX_TITLE_CHARS", f"{limits.MAX_TITLE_CHARS:,} characters", "a page's `<title>`"),
        ("MAX_CELLS", f"{markup.MAX_CELLS:,} cells",
         "the table cells of a page, a Word file or a PDF, all tables together"),
        ("MAX_SLOTS", f"{markup.MAX_SLOTS:,} slots",
         "the grid slots of a page's or a Word file's tables together (2 × 3 spans take 6)"),
        ("MAX_COLSPAN", f"{markup.MAX_COLSPAN}",
         "a cell's `colspan` (`gridSpan`); a larger one is read as this"),
        ("MAX_ROWSPAN", f"{markup.MAX_ROWSPAN}",
         "a cell's `rowspan`; a larger one is read as this"),
        ("MAX_NESTING", f"{markup.MAX_NESTING} levels", "tables inside tables"),
        ("MAX_DOCX_ENTRIES", f"{MAX_DOCX_ENTRIES:,} entries", "the parts of a Word file's archive"),
        ("MAX_DOCX_UNPACKED_BYTES", f"{MAX_DOCX_UNPACKED_BYTES:,} bytes",
         "what a Word file's parts unpack to, together (checked before unpacking)"),
        ("MAX_PDF_BYTES", f"{MAX_PDF_BYTES:,} bytes", "a PDF, read no further"),
        ("MAX_PDF_PAGES", f"{MAX_PDF_PAGES} pages", "a PDF"),
        ("MAX_PDF_PAGE_CONTENT_BYTES", f"{limits.MAX_PDF_PAGE_CONTENT_BYTES:,} bytes",
         "what a PDF page's content unpacks to, each form counted every time it is drawn"),
        ("MAX_PDF_CONTENT_BYTES", f"{limits.MAX_PDF_CONTENT_BYTES:,} bytes",
         "what all a PDF's pages unpack to, together"),
        ("MAX_PDF_PAGE_CHARS", f"{limits.MAX_PDF_PAGE_CHARS:,} glyphs", "a PDF page"),
        ("MAX_PDF_CHARS", f"{limits.MAX_PDF_CHARS:,} glyphs", "all a PDF's pages, together"),
        ("MAX_PDF_PAGE_OBJECTS", f"{limits.MAX_PDF_PAGE_OBJECTS:,} objects",
         "what a PDF page draws, a path counted by its segments, a form by what it holds"),
        ("MAX_PDF_PAGE_RULES", f"{limits.MAX_PDF_PAGE_RULES:,} rules",
         "the lines and thin rectangles' sides of a PDF page"),
        ("MAX_PDF_PAGE_RULE_PAIRS", f"{limits.MAX_PDF_PAGE_RULE_PAIRS:,} pairs",
         "the pairs of a PDF page's rules near enough to be compared"),
        ("MAX_PDF_PAGE_TABLES", f"{limits.MAX_PDF_PAGE_TABLES} tables",
         "the ruled tables of a PDF page"),
        ("MAX_PDF_PAGE_SLOTS", f"{limits.MAX_PDF_PAGE_SLOTS:,} slots",
         "the grid slots (rows × columns) of a PDF page's ruled tables together"),
    ]  # fmt: skip
    missing = set(limits.__all__) - {name for name, _, _ in rows}
    if missing:
        msg = f"limits missing from the reference's table: {', '.join(sorted(missing))}"
        raise LookupError(msg)
    lines = ((f"`{name}`", value, bounds) for name, value, bounds in rows)
    return "\n".join(_markdown_table(("Limit", "Value", "Bounds"), lines))


#: Every page with generated sections, and what renders each section.
PAGES: dict[str, dict[str, Callable[[], str]]] = {
    "contract.md": {e.value: functools.partial(render_edition, e) for e in Edition},
    "rules.md": {"rules": render_rules},
    "reference.md": {"commands": render_commands, "limits": render_limits},
}


def update(text: str, renderers: Mapping[str, Callable[[], str]]) -> str:
    """Return ``text`` with every generated section rewritten.

    Raises :exc:`ValueError` if a section has no renderer or a renderer
    has no section in the text.
    """
    found: set[str] = set()

    def rewrite(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in renderers:
            raise ValueError(f"unknown generated section {name!r}")
        found.add(name)
        return f"{match['begin']}{renderers[name]()}\n{match['end']}"

    result = SECTION.sub(rewrite, text)
    missing = renderers.keys() - found
    if missing:
        names = ", ".join(BEGIN.format(name=name) for name in sorted(missing))
        raise ValueError(f"no generated section for {names}")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the pages, or with ``--check`` report whether they are current."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is out of date")
    args = parser.parse_args(argv)
    status = 0
    for page, renderers in PAGES.items():
        path = DOCS / page
        current = path.read_text(encoding="utf-8")
        wanted = update(current, renderers)
        if current == wanted:
            continue
        if args.check:
            sys.stderr.write(f"{path} is out of date: run python tools/gen_contract.py\n")
            status = 1
        else:
            path.write_text(wanted, encoding="utf-8")
            sys.stdout.write(f"rewrote {path}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())

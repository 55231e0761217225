"""The ``gkdisclosure`` command: a thin shell over the public API.

Exit status: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or
unreadable input — always with a one-line reason, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NoReturn, TextIO

from attrs import frozen

from .converter import dump, dumps, load
from .errors import GkDisclosureError, UnsupportedLocaleError
from .findings import Finding, ValidationResult
from .ingest import IngestNote, IngestResult, read_html, read_text
from .model import Report
from .narrative import NarrativeFigure
from .render import describe, normalize_locale, rule_text, severity_name, summary
from .rules import PROFILES, RULES, validate
from .schema import json_schema

__all__ = ["main"]

_FALLBACK_LOCALE = "zh_CN"
_BROKEN_PIPE = 141


class _UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _environment_locale() -> str:
    """The first locale the environment names that the library has messages for, else zh_CN.

    ``C`` and ``POSIX`` name no language and are passed over.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in os.environ.get(variable, "").split(":"):
            if value.split(".", 1)[0] in {"", "C", "POSIX"}:
                continue
            try:
                return normalize_locale(value)
            except UnsupportedLocaleError:
                continue
    return _FALLBACK_LOCALE


def _locale(value: str) -> str:
    try:
        return normalize_locale(value)
    except UnsupportedLocaleError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _write(stream: TextIO, data: Any) -> None:
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _schema(_args: argparse.Namespace) -> int:
    _write(sys.stdout, json_schema())
    return 0


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        _write(
            sys.stdout,
            [
                {
                    "id": rule.id,
                    "scope": rule.scope,
                    "severity": rule.severity.value,
                    **{locale: _rule_text(rule.id, locale) for locale in ("zh_CN", "en")},
                }
                for rule in RULES.values()
            ],
        )
        return 0
    for rule in RULES.values():
        sys.stdout.write(f"{rule.id}  [{severity_name(rule.severity, args.locale)}]\n")
        for locale in ("zh_CN", "en"):
            title, identity = rule_text(rule.id, locale)
            sys.stdout.write(f"    {title} — {identity}\n")
    return 0


def _rule_text(rule: str, locale: str) -> dict[str, str]:
    title, identity = rule_text(rule, locale)
    return {"title": title, "identity": identity}


@frozen
class _Document:
    """A report read from a file, with what ingest said about it (none for JSON)."""

    report: Report
    ingest: IngestResult | None = None

    @property
    def notes(self) -> tuple[IngestNote, ...]:
        return () if self.ingest is None else self.ingest.notes

    @property
    def narrative(self) -> tuple[NarrativeFigure, ...]:
        return () if self.ingest is None else self.ingest.narrative


_SNIFF_BYTES: Final = 64 * 1024
_HTML_MARKS: Final = (b"<table", b"<html", b"<!doctype", b"<body", b"<div", b"<p>", b"<p ")


def _sniff(path: str) -> str:
    """The kind of a file: ``json`` if it is named so or opens like JSON, else by its content."""
    with Path(path).open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    opening = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if Path(path).suffix.lower() == ".json" or opening in {b"{", b"["}:
        return "json"
    lowered = head.lower()
    return "html" if any(mark in lowered for mark in _HTML_MARKS) else "text"


def _read(path: str, args: argparse.Namespace) -> _Document | str:
    """Read a report file of any kind, or return a one-line reason it cannot be read."""
    try:
        kind = args.source_format or _sniff(path)
        if kind == "json":
            return _Document(load(path))
        reader = read_html if kind == "html" else read_text
        result = reader(
            Path(path),
            agency=args.agency,
            year=args.year,
            edition=args.edition,
            infer=not args.no_infer,
        )
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror or exc}"
    except GkDisclosureError as exc:
        text = str(exc).replace("\n", ";").replace(";  ", "; ")
        return text if text.startswith(path) else f"{path}: {text}"
    return _Document(result.report, result)


def _convert(args: argparse.Namespace) -> int:
    document = _read(args.file, args)
    if isinstance(document, str):
        sys.stderr.write(f"gkdisclosure: {document}\n")
        return 2
    for note in document.notes:
        sys.stderr.write(f"gkdisclosure: {args.file}: {_note(note)}\n")
    if args.output is None:
        sys.stdout.write(dumps(document.report))
        return 0
    try:
        dump(document.report, args.output)
    except OSError as exc:
        sys.stderr.write(f"gkdisclosure: {args.output}: cannot write: {exc.strerror or exc}\n")
        return 2
    return 0


def _validate(args: argparse.Namespace) -> int:
    previous: Report | None = None
    if args.previous is not None:
        earlier = _read(args.previous, args)
        if isinstance(earlier, str):
            sys.stderr.write(f"gkdisclosure: {earlier}\n")
            return 2
        previous = earlier.report
    status = 0
    documents: list[dict[str, Any]] = []
    for path in args.files:
        document = _read(path, args)
        if isinstance(document, str):
            sys.stderr.write(f"gkdisclosure: {document}\n")
            documents.append({"file": path, "error": document})
            status = 2
            continue
        result = validate(
            document.report,
            previous=previous,
            narrative=document.narrative,
            blank_as_zero=args.blank_as_zero,
            profile=args.profile,
        )
        if result.at_least(args.fail_on) and status == 0:
            status = 1
        if args.format == "json":
            documents.append(_result_data(path, result, document.notes, args.locale))
        else:
            _print_result(path, result, document.notes, args.locale)
    if args.format == "json":
        _write(sys.stdout, documents)
    return status


def _result_data(
    path: str, result: ValidationResult, notes: tuple[IngestNote, ...], locale: str
) -> dict[str, Any]:
    report = result.report
    return {
        "file": path,
        "agency": report.agency,
        "year": report.year,
        "edition": report.edition.value,
        "ok": result.ok,
        "counts": {severity.value: count for severity, count in result.by_severity().items()},
        "findings": [
            {**finding.to_dict(), "message": describe(finding, locale)} for finding in result
        ],
        "notes": [
            {"code": note.code, "paths": list(note.paths), "message": note.message}
            for note in notes
        ],
    }


def _print_result(
    path: str, result: ValidationResult, notes: tuple[IngestNote, ...], locale: str
) -> None:
    """The summary, each finding with the reading notes about its cells, then the other notes."""
    sys.stdout.write(f"{path}: {summary(result, locale)}\n")
    shown: set[IngestNote] = set()
    for finding in result:
        name = severity_name(finding.severity, locale)
        sys.stdout.write(f"  [{name}] {finding.rule} {finding.path}\n")
        sys.stdout.write(f"      {describe(finding, locale)}\n")
        for note in notes:
            if any(_under(cell, finding) for cell in note.paths):
                shown.add(note)
                sys.stdout.write(f"      ↳ {_note(note)}\n")
    for note in notes:
        if note not in shown:
            sys.stdout.write(f"  {_note(note)}\n")


def _note(note: IngestNote) -> str:
    """A reading note on one line: its code, where (the common part of its paths), what."""
    parts = [path.split(".") for path in note.paths]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    where = f" {'.'.join(common)}" if common else ""
    return f"({note.code}{where}) {note.message}"


def _under(path: str, finding: Finding) -> bool:
    """Whether a note's path (a cell, a row or a table) covers a cell of the finding."""
    cells = (finding.path, *finding.operands, *finding.missing, *finding.assumed_zero)
    return any(cell == path or cell.startswith(f"{path}.") for cell in cells)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gkdisclosure",
        description="Typed data and arithmetic checks for government "
        "information-disclosure annual reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    locale_help = "zh_CN or en, in any spelling (default: from the environment, else zh_CN)"

    reading = _Parser(add_help=False)
    reading.add_argument(
        "--from",
        dest="source_format",
        choices=("json", "html", "text"),
        help="read files as this kind (default: detected from their content)",
    )
    reading.add_argument("--agency", help="the agency, where a page does not say")
    reading.add_argument("--year", type=int, help="the report year, where a page does not say")
    reading.add_argument("--edition", choices=("2019", "2021"), help="force the edition")
    reading.add_argument(
        "--no-infer",
        action="store_true",
        help="leave cells unknown rather than infer them from the identities",
    )

    check = commands.add_parser(
        "validate", parents=[reading], help="check the identities of report files"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="report files: JSON, HTML pages or text"
    )
    check.add_argument("--previous", metavar="FILE", help="the report for the year before")
    check.add_argument("--locale", type=_locale, help=locale_help)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    check.add_argument("--profile", choices=sorted(PROFILES), default="default")
    check.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="read cells that are not reported as 0 (every finding says where it did)",
    )
    check.set_defaults(run=_validate)

    rules = commands.add_parser("rules", help="list every rule with its identity")
    rules.add_argument("--locale", type=_locale, help=locale_help)
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    convert = commands.add_parser(
        "convert", parents=[reading], help="read an HTML page or text into the JSON contract"
    )
    convert.add_argument("file", metavar="FILE", help="a report: HTML page, text or JSON")
    convert.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    convert.set_defaults(run=_convert)

    schema = commands.add_parser("schema", help="print the JSON Schema of a report document")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    if getattr(args, "locale", "") is None:
        args.locale = _environment_locale()
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly with the shell's
        # status for a pipe closed early (128 + SIGPIPE), as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _BROKEN_PIPE
    return status

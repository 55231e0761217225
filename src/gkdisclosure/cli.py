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
from typing import Any, NoReturn, TextIO

from attrs import frozen

from ._cli_batch import run_batch
from .converter import dump, dumps
from .diagnose import Diagnosis, diagnose_report
from .errors import GkDisclosureError, UnsupportedLocaleError
from .findings import Finding, ValidationResult
from .ingest import FORMATS, IngestNote, IngestResult, read
from .model import Report
from .narrative import NarrativeFigure
from .render import (
    describe,
    describe_suspect,
    diagnosis_heading,
    normalize_locale,
    render_report,
    rule_text,
    severity_name,
    summary,
)
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


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per core) or more, got {value!r}")
    return jobs


def _path(value: str) -> str:
    if not value:
        raise argparse.ArgumentTypeError("a file name is empty (an unset variable?)")
    return value


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


def _read(path: str, args: argparse.Namespace) -> _Document | str:
    """Read a report file of any kind (see :func:`~gkdisclosure.read`), or say why it cannot be."""
    options = {"agency": args.agency, "year": args.year, "edition": args.edition}
    try:
        result = read(
            path,
            format=args.source_format,
            infer=not args.no_infer,
            **{key: value for key, value in options.items() if value is not None},
        )
    except GkDisclosureError as exc:
        text = str(exc).replace("\n", ";").replace(";  ", "; ")
        return text if text.startswith(path) else f"{path}: {text}"
    return _Document(result.report, None if _is_json(result) else result)


def _is_json(result: IngestResult) -> bool:
    return any(note.code == "source.json" for note in result.notes)


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


def _render(args: argparse.Namespace) -> int:
    document = _read(args.file, args)
    if isinstance(document, str):
        sys.stderr.write(f"gkdisclosure: {document}\n")
        return 2
    findings = None
    if args.findings:
        findings = validate(document.report, narrative=document.narrative, profile=args.profile)
    text = render_report(document.report, to=args.to, locale=args.locale, findings=findings)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        sys.stderr.write(f"gkdisclosure: {args.output}: cannot write: {exc.strerror or exc}\n")
        return 2
    return 0


class _UnreadableError(GkDisclosureError):
    """A file of a batch that cannot be read; the message is the one-line reason."""


@frozen
class _FileReader:
    """Reads one file of a batch in a worker, as the single-file path does (picklable)."""

    options: argparse.Namespace

    def __call__(self, path: str) -> tuple[Report, tuple[NarrativeFigure, ...]]:
        document = _read(path, self.options)
        if isinstance(document, str):
            raise _UnreadableError(document)
        return document.report, document.narrative


def _is_batch(args: argparse.Namespace) -> bool:
    """Whether to validate as a batch: asked for, or given folders, JSON Lines or stdin."""
    if args.jobs is not None or args.format == "jsonl" or args.progress:
        return True
    return any(
        path == "-" or path.lower().endswith(".jsonl") or Path(path).is_dir() for path in args.files
    )


def _validate_batch(args: argparse.Namespace) -> int:
    """Folders, JSON Lines and many files, in worker processes."""
    for option, why in (("previous", "checks one report"), ("explain", "diagnoses one report")):
        if getattr(args, option, None):
            sys.stderr.write(f"gkdisclosure: --{option} {why}, not a batch\n")
            return 2
    keys = ("source_format", "agency", "year", "edition", "no_infer")
    options = argparse.Namespace(**{key: getattr(args, key) for key in keys})
    return run_batch(args, _FileReader(options))


def _validate(args: argparse.Namespace) -> int:
    if _is_batch(args):
        return _validate_batch(args)
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
        diagnosis = _diagnose(document, result) if args.explain else None
        if args.format == "json":
            data = _result_data(path, result, document.notes, args.locale)
            documents.append(data | _diagnosis_data(diagnosis, args.locale))
        else:
            _print_result(path, result, document.notes, args.locale)
            _print_diagnosis(diagnosis, args.locale)
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


def _diagnose(document: _Document, result: ValidationResult) -> Diagnosis:
    """Diagnose a report, with the provenance of its cells when it was read from a page."""
    origins = None if document.ingest is None else document.ingest.provenance
    return diagnose_report(document.report, result, provenance=origins)


def _diagnosis_data(diagnosis: Diagnosis | None, locale: str) -> dict[str, Any]:
    """``{"diagnosis": ...}`` with each suspect's sentence, or nothing without a diagnosis."""
    if diagnosis is None:
        return {}
    data = diagnosis.to_dict()
    suspects = [*diagnosis.suspects, *diagnosis.fills]
    described = [*(s for p in data["problems"] for s in p["suspects"]), *data["fills"]]
    for suspect, entry in zip(suspects, described, strict=True):
        entry["message"] = describe_suspect(suspect, locale)
    return {"diagnosis": data}


def _print_diagnosis(diagnosis: Diagnosis | None, locale: str) -> None:
    """The suspects of each problem, numbered best first, then the blanks the identities fill."""
    if diagnosis is None:
        return
    if diagnosis.problems:
        sys.stdout.write(f"  {diagnosis_heading('suspects', locale)}:\n")
    for number, problem in enumerate(diagnosis.problems, 1):
        if not problem.suspects:
            sys.stdout.write(f"    {number}. {diagnosis_heading('unexplained', locale)}\n")
        for rank, suspect in enumerate(problem.suspects, 1):
            sys.stdout.write(f"    {number}.{rank} {describe_suspect(suspect, locale)}\n")
    if diagnosis.fills:
        sys.stdout.write(f"  {diagnosis_heading('fills', locale)}:\n")
        for fill in diagnosis.fills:
            sys.stdout.write(f"    - {describe_suspect(fill, locale)}\n")


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
        choices=FORMATS,
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
        "files",
        nargs="+",
        type=_path,
        metavar="FILE",
        help="report files: Word, HTML pages, text or JSON",
    )
    check.add_argument("--previous", metavar="FILE", help="the report for the year before")
    check.add_argument("--locale", type=_locale, help=locale_help)
    check.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="jsonl: one JSON line per report, as the reports are checked",
    )
    check.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="check as a batch in N processes (0: one per core, the default for a batch); "
        "FILE may also be a folder, a .jsonl file or - (JSON Lines on stdin)",
    )
    check.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="show a progress bar for a batch (default: on a terminal)",
    )
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
    check.add_argument(
        "--explain",
        action="store_true",
        help="point at the cells that probably break the identities, with probable values",
    )
    check.set_defaults(run=_validate)

    rules = commands.add_parser("rules", help="list every rule with its identity")
    rules.add_argument("--locale", type=_locale, help=locale_help)
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    convert = commands.add_parser(
        "convert",
        parents=[reading],
        help="read a Word file, an HTML page or text into the JSON contract",
    )
    convert.add_argument(
        "file", metavar="FILE", help="a report: Word file, HTML page, text or JSON"
    )
    convert.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    convert.set_defaults(run=_convert)

    render = commands.add_parser(
        "render",
        parents=[reading],
        help="print the tables in the official layout, as an HTML page or Markdown",
    )
    render.add_argument("file", metavar="FILE", help="a report: Word file, HTML page, text or JSON")
    render.add_argument("--to", choices=("html", "markdown"), default="html")
    render.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    render.add_argument("--locale", type=_locale, help=locale_help)
    render.add_argument(
        "--no-findings",
        dest="findings",
        action="store_false",
        help="leave out the findings (by default the failing cells are highlighted)",
    )
    render.add_argument("--profile", choices=sorted(PROFILES), default="default")
    render.set_defaults(run=_render)

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

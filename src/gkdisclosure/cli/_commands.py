"""The subcommands: each reads its arguments, calls the library, writes, returns the status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..analysis import compare
from ..converter import dumps
from ..diagnose import Diagnosis, diagnose_report
from ..findings import Finding, ValidationResult
from ..ingest import IngestNote
from ..model import Report
from ..render import (
    brief,
    describe,
    describe_suspect,
    diagnosis_heading,
    render_comparison,
    render_report,
    rule_text,
    severity_name,
    summary,
)
from ..rules import RULES, validate
from ..schema import json_schema
from ._batch import run_batch
from ._options import validation_options
from ._output import write_output
from ._reading import Document, FileReader, read_document

__all__ = [
    "compare_command",
    "convert_command",
    "render_command",
    "rules_command",
    "schema_command",
    "validate_command",
]


def _write(stream: TextIO, data: Any) -> None:
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def schema_command(_args: argparse.Namespace) -> int:
    _write(sys.stdout, json_schema())
    return 0


def rules_command(args: argparse.Namespace) -> int:
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


def convert_command(args: argparse.Namespace) -> int:
    document = read_document(args.file, args)
    if isinstance(document, str):
        sys.stderr.write(f"gkdisclosure: {document}\n")
        return 2
    for note in document.notes:
        sys.stderr.write(f"gkdisclosure: {args.file}: {_note(note)}\n")
    return _output(dumps(document.report), args, sources=(args.file,))


def render_command(args: argparse.Namespace) -> int:
    document = read_document(args.file, args)
    if isinstance(document, str):
        sys.stderr.write(f"gkdisclosure: {document}\n")
        return 2
    findings = None
    if args.findings:
        options = validation_options(args).keywords()
        findings = validate(document.report, narrative=document.narrative, **options)
    text = render_report(document.report, to=args.to, locale=args.locale, findings=findings)
    return _output(text, args, sources=(args.file,))


def compare_command(args: argparse.Namespace) -> int:
    documents = [read_document(path, args) for path in (args.previous, args.current)]
    reports = []
    for document in documents:
        if isinstance(document, str):
            sys.stderr.write(f"gkdisclosure: {document}\n")
            return 2
        reports.append(document.report)
    comparison = compare(*reports)
    if args.to == "json":
        text = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_comparison(comparison, to=args.to, locale=args.locale)
    return _output(text, args, sources=(args.previous, args.current))


def _output(text: str, args: argparse.Namespace, *, sources: tuple[str, ...]) -> int:
    """Write to standard output, or to ``--output`` whole or not at all (never over an input)."""
    if args.output is None:
        sys.stdout.write(text)
        return 0
    return write_output(args.output, text, sources=sources)


def _is_batch(args: argparse.Namespace) -> bool:
    """Whether to validate as a batch: asked for, or given folders, JSON Lines or stdin."""
    if args.jobs is not None or args.format == "jsonl" or args.progress or args.report:
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
    return run_batch(args, FileReader(options))


def validate_command(args: argparse.Namespace) -> int:
    if _is_batch(args):
        return _validate_batch(args)
    previous: Report | None = None
    if args.previous is not None:
        earlier = read_document(args.previous, args)
        if isinstance(earlier, str):
            sys.stderr.write(f"gkdisclosure: {earlier}\n")
            return 2
        previous = earlier.report
    status = 0
    documents: list[dict[str, Any]] = []
    for path in args.files:
        document = read_document(path, args)
        if isinstance(document, str):
            sys.stderr.write(f"gkdisclosure: {document}\n")
            documents.append({"file": path, "error": document})
            status = 2
            continue
        result = validate(
            document.report,
            previous=previous,
            narrative=document.narrative,
            **validation_options(args).keywords(),
        )
        if result.at_least(args.fail_on) and status == 0:
            status = 1
        diagnosis = _diagnose(document, result) if args.explain else None
        if args.format == "json":
            data = _result_data(path, result, document.notes, args.locale)
            documents.append(data | _diagnosis_data(diagnosis, args.locale))
        else:
            if args.verbose:
                _print_result(path, result, document.notes, args.locale)
            else:
                _print_brief(path, result, document.notes, args.locale)
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


def _print_brief(
    path: str, result: ValidationResult, notes: tuple[IngestNote, ...], locale: str
) -> None:
    """The summary, one line per failed finding, one per table for what cannot be checked."""
    sys.stdout.write(f"{path}: {summary(result, locale)}\n")
    for line in brief(result, locale, notes=notes):
        sys.stdout.write(f"  {line}\n")


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


def _diagnose(document: Document, result: ValidationResult) -> Diagnosis:
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

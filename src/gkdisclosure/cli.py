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
from typing import Any, NoReturn, TextIO

from .converter import load
from .errors import GkDisclosureError, UnsupportedLocaleError
from .findings import ValidationResult
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


def _load(path: str) -> Any:
    """Load a report, or return a one-line reason."""
    try:
        return load(path)
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror or exc}"
    except GkDisclosureError as exc:
        return str(exc).replace("\n", ";").replace(";  ", "; ")


def _validate(args: argparse.Namespace) -> int:
    previous = None
    if args.previous is not None:
        previous = _load(args.previous)
        if isinstance(previous, str):
            sys.stderr.write(f"gkdisclosure: {previous}\n")
            return 2
    status = 0
    documents: list[dict[str, Any]] = []
    for path in args.files:
        report = _load(path)
        if isinstance(report, str):
            sys.stderr.write(f"gkdisclosure: {report}\n")
            documents.append({"file": path, "error": report})
            status = 2
            continue
        result = validate(
            report,
            previous=previous,
            blank_as_zero=args.blank_as_zero,
            profile=args.profile,
        )
        if result.at_least(args.fail_on) and status == 0:
            status = 1
        if args.format == "json":
            documents.append(_result_data(path, result, args.locale))
        else:
            _print_result(path, result, args.locale)
    if args.format == "json":
        _write(sys.stdout, documents)
    return status


def _result_data(path: str, result: ValidationResult, locale: str) -> dict[str, Any]:
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
    }


def _print_result(path: str, result: ValidationResult, locale: str) -> None:
    sys.stdout.write(f"{path}: {summary(result, locale)}\n")
    for finding in result:
        name = severity_name(finding.severity, locale)
        sys.stdout.write(f"  [{name}] {finding.rule} {finding.path}\n")
        sys.stdout.write(f"      {describe(finding, locale)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gkdisclosure",
        description="Typed data and arithmetic checks for government "
        "information-disclosure annual reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    locale_help = "zh_CN or en, in any spelling (default: from the environment, else zh_CN)"

    check = commands.add_parser("validate", help="check the identities of report files")
    check.add_argument("files", nargs="+", metavar="FILE", help="report files (JSON)")
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

"""The parser, the locale from the environment, and ``main``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..batch import cores
from ..errors import UnsupportedLocaleError
from ..ingest import FORMATS
from ..render import normalize_locale
from ..rules import PROFILES
from ._commands import (
    compare_command,
    convert_command,
    render_command,
    rules_command,
    schema_command,
    validate_command,
)

__all__ = ["main"]

_FALLBACK_LOCALE = "zh_CN"
_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


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
    """A positive number of workers, no more than the cores (a larger number means all)."""
    if not value.isascii() or not value.isdigit() or not value.lstrip("0"):
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value[:40]!r}")
    return min(int(value[:20]), cores())


def _path(value: str) -> str:
    """A file name the system can take: not empty, no NUL, encodable (``-`` is standard input)."""
    if not value:
        raise argparse.ArgumentTypeError("a file name is empty (an unset variable?)")
    try:
        encoded = os.fsencode(value)
    except UnicodeError:
        encoded = b"\x00"
    if b"\x00" in encoded:
        raise argparse.ArgumentTypeError(f"{value!r} is not a file name the system can open")
    return value


def _locale(value: str) -> str:
    try:
        return normalize_locale(value)
    except UnsupportedLocaleError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gkdisclosure",
        description="Typed data and arithmetic checks for government "
        "information-disclosure annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
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
        help="report files: PDF, Word, HTML pages, text or JSON",
    )
    check.add_argument(
        "--previous",
        metavar="FILE",
        type=_path,
        help="the same agency's report for the year before, for the series.* rules",
    )
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
        help="check as a batch in N processes, at most one per core (default for a batch: one "
        "per core); FILE may also be a folder, a .jsonl file or - (JSON Lines on stdin)",
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
    check.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="default",
        help="the severity of each rule: strict, default or lenient (default: default)",
    )
    check.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="read cells that are not reported as 0 (every finding says where it did)",
    )
    check.add_argument(
        "--report",
        metavar="OUT",
        type=_path,
        help="also write one HTML page about the whole batch: verdicts, findings by rule, "
        "indicators and every report's tables",
    )
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print every finding with its cells and every reading note "
        "(by default what cannot be checked is one line per table)",
    )
    check.add_argument(
        "--explain",
        action="store_true",
        help="point at the cells that probably break the identities, with probable values",
    )
    check.set_defaults(run=validate_command)

    rules = commands.add_parser("rules", help="list every rule with its identity")
    rules.add_argument("--locale", type=_locale, help=locale_help)
    rules.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: an array of the rules, each with its title and identity in both locales",
    )
    rules.set_defaults(run=rules_command)

    convert = commands.add_parser(
        "convert",
        parents=[reading],
        help="read a PDF or Word file, an HTML page or text into the JSON contract",
    )
    convert.add_argument(
        "file",
        metavar="FILE",
        type=_path,
        help="a report: PDF or Word file, HTML page, text or JSON",
    )
    convert.add_argument(
        "-o", "--output", metavar="OUT", type=_path, help="write here (default: stdout)"
    )
    convert.set_defaults(run=convert_command)

    render = commands.add_parser(
        "render",
        parents=[reading],
        help="print the tables in the official layout, as an HTML page or Markdown",
    )
    render.add_argument(
        "file",
        metavar="FILE",
        type=_path,
        help="a report: PDF or Word file, HTML page, text or JSON",
    )
    render.add_argument(
        "--to",
        choices=("html", "markdown"),
        default="html",
        help="an HTML page (the default) or Markdown",
    )
    render.add_argument(
        "-o", "--output", metavar="OUT", type=_path, help="write here (default: stdout)"
    )
    render.add_argument("--locale", type=_locale, help=locale_help)
    render.add_argument(
        "--no-findings",
        dest="findings",
        action="store_false",
        help="leave out the findings (by default the failing cells are highlighted)",
    )
    render.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="default",
        help="the severity of each rule: strict, default or lenient (default: default)",
    )
    render.set_defaults(run=render_command)

    compared = commands.add_parser(
        "compare", parents=[reading], help="compare two reports of one agency, cell by cell"
    )
    compared.add_argument("previous", metavar="A", type=_path, help="the earlier report")
    compared.add_argument("current", metavar="B", type=_path, help="the later report")
    compared.add_argument(
        "--to",
        choices=("text", "html", "json"),
        default="text",
        help="text (the default), an HTML page, or JSON",
    )
    compared.add_argument(
        "-o", "--output", metavar="OUT", type=_path, help="write here (default: stdout)"
    )
    compared.add_argument("--locale", type=_locale, help=locale_help)
    compared.set_defaults(run=compare_command)

    schema = commands.add_parser("schema", help="print the JSON Schema of a report document")
    schema.set_defaults(run=schema_command)
    return parser


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415 - only for --version

    return version("gkdisclosure")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        sys.stderr.write(parser.format_help())
        return 2
    try:
        args = parser.parse_args(arguments)
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except SystemExit as exc:  # --help and --version have printed what was asked
        return exc.code if isinstance(exc.code, int) else 0
    if getattr(args, "locale", "") is None:
        args.locale = _environment_locale()
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write("gkdisclosure: interrupted\n")
        return _INTERRUPTED
    except OSError as exc:
        # the output could not be written: a reader that went away (``| head``), a full
        # disk (``> /dev/full``); what is still buffered is dropped, not written at exit
        reason = "the reader closed the pipe" if isinstance(exc, BrokenPipeError) else None
        sys.stderr.write(
            f"gkdisclosure: cannot write the output: {reason or exc.strerror or exc}\n"
        )
        _drop_output()
        return 2
    return status


def _drop_output() -> None:
    """Point standard output at the null device, so that nothing more is written to it."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's capture): nothing is flushed at exit
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)

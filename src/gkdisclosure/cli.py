"""The ``gkdisclosure`` command: a thin shell over the public API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .schema import json_schema

__all__ = ["main"]


def _schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gkdisclosure",
        description="Typed data and arithmetic checks for government "
        "information-disclosure annual reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    schema = commands.add_parser("schema", help="print the JSON Schema of a report document")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 findings, 2 usage or input)."""
    args = _parser().parse_args(argv)
    status: int = args.run(args)
    return status

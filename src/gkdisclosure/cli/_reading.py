"""Reading the files the command is given, through :func:`gkdisclosure.read`."""

from __future__ import annotations

import argparse

from attrs import frozen

from ..errors import GkDisclosureError
from ..ingest import IngestNote, IngestResult, read
from ..model import Report
from ..narrative import NarrativeFigure

__all__ = ["Document", "FileReader", "UnreadableError", "read_document"]


@frozen
class Document:
    """A report read from a file, with what ingest said about it (none for JSON)."""

    report: Report
    ingest: IngestResult | None = None

    @property
    def notes(self) -> tuple[IngestNote, ...]:
        return () if self.ingest is None else self.ingest.notes

    @property
    def narrative(self) -> tuple[NarrativeFigure, ...]:
        return () if self.ingest is None else self.ingest.narrative


def read_document(path: str, args: argparse.Namespace) -> Document | str:
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
    return Document(result.report, None if _is_json(result) else result)


def _is_json(result: IngestResult) -> bool:
    return any(note.code == "source.json" for note in result.notes)


class UnreadableError(GkDisclosureError):
    """A file of a batch that cannot be read; the message is the one-line reason."""


@frozen
class FileReader:
    """Reads one file of a batch in a worker, as the single-file path does (picklable).

    A document comes back with all that ingest says of it (the provenance
    of its cells shows a PDF's printed cells on the batch page); JSON as
    the report alone.
    """

    options: argparse.Namespace

    def __call__(self, path: str) -> Report | IngestResult:
        document = read_document(path, self.options)
        if isinstance(document, str):
            raise UnreadableError(document)
        return document.report if document.ingest is None else document.ingest

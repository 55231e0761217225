"""Damaged Word files end in the library's own errors: bytes flipped, entries cut or removed.

Seeded, so every failure replays: the seed and the mutation are in the
test's id and message.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gkdisclosure import GkDisclosureError
from gkdisclosure.ingest import read_docx

pytest.importorskip("docx", reason="the docx extra is not installed")

CORPUS = Path(__file__).parent / "data" / "corpus"
FILES = ("2024-pingtan.docx", "2023-shuyang-fgj.docx")
ROUNDS = 25


def _parts(name: str) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(CORPUS / name) as archive:
        return [(entry.filename, archive.read(entry)) for entry in archive.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def _flip_archive(rng: random.Random, name: str) -> bytes:
    """Bytes of the archive itself flipped: headers, compressed data, the directory."""
    data = bytearray((CORPUS / name).read_bytes())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _flip_part(rng: random.Random, name: str) -> bytes:
    """Bytes of one part flipped before it is packed: XML that is broken or says odd things."""
    parts = _parts(name)
    index = rng.randrange(len(parts))
    entry, data = parts[index]
    changed = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if changed:
            changed[rng.randrange(len(changed))] = rng.choice(b"<>/=\"'&0123456789 wvM:")
    parts[index] = (entry, bytes(changed))
    return _zip(parts)


def _truncate_part(rng: random.Random, name: str) -> bytes:
    parts = _parts(name)
    index = rng.randrange(len(parts))
    entry, data = parts[index]
    parts[index] = (entry, data[: rng.randrange(len(data) + 1)])
    return _zip(parts)


def _remove_part(rng: random.Random, name: str) -> bytes:
    parts = _parts(name)
    del parts[rng.randrange(len(parts))]
    return _zip(parts)


def _truncate_archive(rng: random.Random, name: str) -> bytes:
    data = (CORPUS / name).read_bytes()
    return data[: rng.randrange(len(data))]


def _spans(rng: random.Random, name: str) -> bytes:
    """Merge attributes made absurd: huge spans, merges that continue nothing."""
    parts = dict(_parts(name))
    xml = parts["word/document.xml"].decode("utf-8")
    for _ in range(rng.randint(1, 10)):
        choice = rng.choice(
            [
                ('<w:gridSpan w:val="', f'<w:gridSpan w:val="{rng.randint(0, 10**6)}'),
                ('<w:vMerge w:val="restart"/>', "<w:vMerge/>"),
                ("<w:vMerge/>", '<w:vMerge w:val="restart"/>'),
                ("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{rng.randint(-5, 99)}"/>'),
                ("<w:trPr>", f'<w:trPr><w:gridBefore w:val="{rng.randint(0, 10**4)}"/>'),
            ]
        )
        xml = xml.replace(choice[0], choice[1], rng.randint(1, 5))
    parts["word/document.xml"] = xml.encode("utf-8")
    return _zip(list(parts.items()))


MUTATIONS: dict[str, Callable[[random.Random, str], bytes]] = {
    "flip-archive": _flip_archive,
    "flip-part": _flip_part,
    "truncate-part": _truncate_part,
    "remove-part": _remove_part,
    "truncate-archive": _truncate_archive,
    "spans": _spans,
}


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_damaged_word_files_raise_only_the_librarys_errors(name: str, mutation: str) -> None:
    """Each mutated file is read, or refused with a GkDisclosureError; nothing else escapes."""
    for seed in range(ROUNDS):
        rng = random.Random(f"{name}/{mutation}/{seed}")  # noqa: S311 - a seeded fuzzer
        data = MUTATIONS[mutation](rng, name)
        try:
            read_docx(data)
        except GkDisclosureError:
            continue
        except Exception as error:  # noqa: BLE001 - the point: report any other exception
            pytest.fail(f"seed {seed}: {type(error).__name__}: {error}")

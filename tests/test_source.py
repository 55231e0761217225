"""The one rule of every reader's source: paths, content, and text files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gkdisclosure import IngestError
from gkdisclosure._source import open_source


def test_a_str_and_a_path_like_are_paths(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>x</p>")
    assert open_source(str(path), limit=100).content == b"<p>x</p>"
    assert open_source(path, limit=100).name == str(path)


def test_bytes_and_binary_files_are_content() -> None:
    for source in (b"abc", bytearray(b"abc"), memoryview(b"abc"), io.BytesIO(b"abc")):
        opened = open_source(source, limit=100)
        assert (opened.content, opened.name) == (b"abc", None)


def test_a_text_file_is_the_document_as_text() -> None:
    assert open_source(io.StringIO("<p>页</p>"), limit=100).content == "<p>页</p>"


def test_an_open_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"abc")
    with path.open("rb") as stream:
        assert open_source(stream, limit=100).name == str(path)


def test_at_most_the_limit_and_one_more_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 50)
    assert len(open_source(path, limit=9).content) == 10
    assert len(open_source(io.BytesIO(b"x" * 50), limit=9).content) == 10


@pytest.mark.parametrize(
    "document",
    ["<html><p>报告</p>", '{"edition": "2021"}', "第一行\n第二行", "a\x00b", "x" * 5000],
)
def test_a_str_that_is_a_document_gets_a_hint(document: str) -> None:
    """A document passed as a str is refused, saying how to pass it."""
    with pytest.raises(IngestError, match=r"wrap it in io\.StringIO") as caught:
        open_source(document, limit=100)
    assert caught.value.source is None


def test_a_missing_or_unreadable_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="No such file") as caught:
        open_source(str(tmp_path / "none.html"), limit=100)
    assert caught.value.source == str(tmp_path / "none.html")
    with pytest.raises(IngestError, match="Is a directory"):
        open_source(tmp_path, limit=100)


class _Broken(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # noqa: ARG002 - the file protocol
        raise OSError(5, "Input/output error")


def test_a_file_object_that_fails_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="Input/output error"):
        open_source(_Broken(), limit=100)


class _Odd:
    def read(self, size: int = -1) -> int:  # noqa: ARG002 - the file protocol
        return 42


@pytest.mark.parametrize("source", [42, None, ["a.html"]])
def test_other_types_are_a_type_error(source: object) -> None:
    with pytest.raises(TypeError, match="a path"):
        open_source(source, limit=100)  # type: ignore[arg-type]


def test_a_read_that_returns_no_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="returned int"):
        open_source(_Odd(), limit=100)  # type: ignore[arg-type]

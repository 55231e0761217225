"""From bytes to text: byte-order marks, declared charsets, GBK/GB18030, damage, size."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from gkdisclosure.ingest import MAX_INPUT_BYTES, IngestError
from gkdisclosure.ingest._decode import decode, read_source

TEXT = "<p>平潭综合实验区2019年政府信息公开工作年度报告</p>"


@pytest.mark.parametrize(
    ("data", "markup"),
    [
        (TEXT.encode("utf-8"), True),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), True),
        (TEXT.encode("utf-16"), True),
        (TEXT.encode("gb18030"), True),
        (TEXT.encode("gbk"), False),
        (('<meta charset="GB2312">' + TEXT).encode("gb2312"), True),
        (
            ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">' + TEXT).encode(
                "gbk"
            ),
            True,
        ),
        (('<?xml version="1.0" encoding="GBK"?>' + TEXT).encode("gbk"), True),
    ],
)
def test_encodings_are_detected(data: bytes, markup: bool) -> None:
    text, notes = decode(data, markup=markup)
    assert text.endswith(TEXT)
    assert notes == []


def test_big5_declared() -> None:
    page = '<meta charset="big5"><p>政府信息公開工作年度報告</p>'
    text, notes = decode(page.encode("big5"), markup=True)
    assert "政府信息公開工作年度報告" in text
    assert notes == []


def test_an_unknown_or_unsupported_charset_is_ignored() -> None:
    for charset in ("no-such-codec", "rot13", "latin-1"):
        data = (f'<meta charset="{charset}">' + TEXT).encode("utf-8")
        text, notes = decode(data, markup=True)
        assert text.endswith(TEXT)
        assert notes == []


def test_a_wrong_declaration_is_noted() -> None:
    data = ('<meta charset="utf-8">' + TEXT).encode("gb18030")
    text, notes = decode(data, markup=True)
    assert text.endswith(TEXT)
    assert [note.code for note in notes] == ["encoding.mismatch"]
    assert "utf-8" in notes[0].message


def test_damaged_bytes_are_replaced_and_noted() -> None:
    data = TEXT.encode("utf-8")
    damaged = data[:10] + b"\xff\xfe\x80" + data[10:]
    text, notes = decode(damaged, markup=False)
    assert "\ufffd" in text
    assert [note.code for note in notes] == ["encoding.damaged"]


def test_sources(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert read_source(path, markup=False)[:2] == (TEXT, str(path))
    assert read_source(str(path), markup=False)[:2] == (TEXT, str(path))
    assert read_source(io.StringIO(TEXT), markup=False)[:2] == (TEXT, None)
    assert read_source(io.BytesIO(TEXT.encode()), markup=False)[:2] == (TEXT, None)
    assert read_source(bytearray(TEXT.encode()), markup=False)[0] == TEXT
    assert read_source(memoryview(TEXT.encode()), markup=False)[0] == TEXT


def test_a_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="No such file") as caught:
        read_source(tmp_path / "none.html", markup=True)
    assert caught.value.source == str(tmp_path / "none.html")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"0" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(IngestError, match="more than 20,971,520 bytes") as caught:
        read_source(path, markup=False)
    assert caught.value.source == str(path)

"""Text as PDF→Markdown converters and OCR print it (FORMAT.md D16–D19), read cell by cell.

The documents are made from the hand transcription of ``2021-fujian-gxt.txt``
and from that text itself, each printed the way converters print tables.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import gkdisclosure
from gkdisclosure.catalog import Edition, edition
from gkdisclosure.ingest import IngestResult, read_text
from helpers import flatten

CORPUS = Path(__file__).parent / "data" / "corpus"
TEXT = (CORPUS / "2021-fujian-gxt.txt").read_text("utf-8")
TRUTH: dict[str, Any] = json.loads(
    (CORPUS / "2021-fujian-gxt.txt.expected.json").read_text("utf-8")
)
SPEC = edition(Edition.E2021)
#: 表四 as the text prints it: one row of fifteen numbers, tab-separated.
REVIEW = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1"


def _read(text: str) -> IngestResult:
    return read_text(io.StringIO(text))


def _right(result: IngestResult, prefix: str = "") -> None:
    got = flatten(gkdisclosure.to_dict(result.report))
    expected = {k: v for k, v in flatten(TRUTH).items() if k.startswith(prefix)}
    assert {k: got.get(k) for k in expected} == expected


def _review_span() -> tuple[int, int]:
    start = TEXT.index("#### 四、")
    return start, TEXT.index(REVIEW, start) + len(REVIEW)


def _without_ordinals(keep: str = "") -> str:
    start = TEXT.index("### 三、")
    end = TEXT.index("#### 四、", start)
    ordinal = r"(^|\t|\s)(?:[一二三四五六七八九十]+、|[（(][一二三四五六七][）)]|[0-9]\s*[.、])\s*"
    if keep:
        ordinal += f"(?!\\s*(?:{keep}))"
    bare = re.sub(ordinal, r"\1", TEXT[start:end], flags=re.MULTILINE)
    assert "一、本年新收" not in bare
    assert "本年新收政府信息公开申请数量" in bare
    return TEXT[:start] + bare + TEXT[end:]


def test_row_labels_without_their_ordinals() -> None:
    """ "本年新收政府信息公开申请数量" for "一、本年新收…", "予以公开" for "（一）予以公开"."""
    _right(_read(_without_ordinals(keep="其他|总计")))


def test_short_labels_without_ordinals_are_no_guess() -> None:
    """ "其他" and "总计" alone are also column labels: those rows stay unknown, never wrong."""
    result = _read(_without_ordinals())
    got = flatten(gkdisclosure.to_dict(result.report))
    truth = flatten(TRUTH)
    assert {k: v for k, v in got.items() if v is not None and v != truth[k]} == {}
    assert got["requests.received.total"] == truth["requests.received.total"]


def test_review_printed_as_three_small_tables() -> None:
    start, end = _review_span()
    header = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    blocks = [("行政复议", "1\t0\t0\t0\t1"), ("未经复议直接起诉", "0\t0\t0\t0\t0"),
              ("复议后起诉", "1\t0\t0\t0\t1")]  # fmt: skip
    small = "\n\n".join(f"{label}\n{header}\n{numbers}" for label, numbers in blocks)
    heading = TEXT[start : TEXT.index("\n", start)]
    result = _read(TEXT[:start] + heading + "\n\n" + small + TEXT[end:])
    _right(result, "review_litigation")
    source = result.provenance["review_litigation.litigation_after_review.total"]
    assert source.row_label == "复议后起诉"


def test_review_as_one_bare_row_under_its_heading() -> None:
    """Fifteen numbers under the heading, with no header of their own."""
    start, end = _review_span()
    heading = TEXT[start : TEXT.index("\n", start)]
    result = _read(TEXT[:start] + heading + "\n\n" + REVIEW + TEXT[end:])
    _right(result, "review_litigation")
    assert not result.notes_about("table.missing")


def test_a_bare_row_of_another_length_is_no_table() -> None:
    start, end = _review_span()
    heading = TEXT[start : TEXT.index("\n", start)]
    result = _read(TEXT[:start] + heading + "\n\n" + REVIEW[:-2] + TEXT[end:])
    assert result.report.review_litigation is None
    assert result.notes_about("table.missing")


def _pipe(*cells: object) -> str:
    return "| " + " | ".join("" if c is None else str(c) for c in cells) + " |"


def _markdown() -> str:
    """The report as a converter prints it: placeholder headers, one small table per group."""
    requests = SPEC.requests
    lines = ["福建省工业和信息化厅", "2021 年政府信息公开工作年度报告", "— 1 —", ""]
    lines += ["三、收到和处理政府信息公开申请情况", ""]
    groups: dict[str | None, list[str]] = {}
    for row in requests.rows:
        if row.role != "subtotal":
            groups.setdefault(row.group, []).append(row.key)
    data = TRUTH["requests"]
    for keys in groups.values():
        lines += [_pipe("类别", *(f"数据{n}" for n in range(1, 8))), _pipe(*["---"] * 8)]
        for key in keys:
            node = data
            for part in key.split("."):
                node = node[part]
            label = requests.row(key).zh
            lines.append(_pipe(label, *node.values()))
        lines.append("")
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "", _pipe(*REVIEW.split("\t")), ""]
    lines += ["五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines)


def test_markdown_with_placeholder_headers_and_a_table_per_group() -> None:
    """D19: "类别 | 数据1 | 数据2 …" headers; D16: the title over two lines, a page footer."""
    result = _read(_markdown())
    assert (result.report.agency, result.report.year) == ("福建省工业和信息化厅", 2021)
    _right(result, "requests")
    _right(result, "review_litigation")
